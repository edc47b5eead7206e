// Official documents (公文) as PDF, in the layout of GB/T 9704-2012 as far as
// practical: the commendation letter, the list announcements and the reports
// of the summary phase are all an OfficialDocument, rendered by one function.
//
// Layout (official_document.cc has the constants):
//   - A4; margins top 37 mm, left 28 mm, right 26 mm, bottom 35 mm: a text
//     area of 156 × 225 mm.
//   - Body in Noto Serif CJK SC 16 pt (三号; no 仿宋 is installed), 28
//     characters a line (letter spacing −0.21 pt makes 28 × 15.79 pt fill the
//     156 mm) and 22 lines a page (pitch 225 mm / 22 = 28.99 pt). Paragraphs
//     indent their first line by two characters. Every text line sits on this
//     grid of 22 slots; tables do not (their rows are as tall as their text)
//     and the text after a table resumes on the next slot.
//   - 版头 on the first page: the issuer's name (发文机关标志) in red
//     (#D00000) Noto Serif CJK SC Bold, as large as fits (at most 40 pt),
//     centred in slots 0–1; the document number (发文字号) centred in slot 3;
//     a red rule (1 pt) 4 mm below the number's slot.
//   - Title in Noto Serif CJK SC Bold 22 pt (二号; standing in for 小标宋),
//     centred, from slot 6, one slot a line; a blank slot; the addressees
//     (主送机关) flush left; then the body.
//   - Headings (一、二、) in Noto Sans CJK SC Bold 16 pt (黑体), indented two
//     characters.
//   - Tables in 10.5 pt (五号): header row in Noto Sans CJK SC Bold, cells in
//     Noto Serif CJK SC, 15 pt a line, 4 pt padding above and below, 0.5 pt
//     rules. The header row is repeated at the top of every page the table
//     spans; a row is never split (a row taller than a page is refused);
//     cell text wraps within its column.
//   - 落款: two blank slots after the body, then the signatory centred over
//     the date, the date's right end four characters from the right margin;
//     both on one page.
//   - Page numbers "— N —" in Noto Serif CJK SC 14 pt (四号), 7 mm below the
//     text area, on the outer side: odd pages right, even pages left, one
//     character in from the margin (GB/T 9704 §7.5).
//
// Text stays text (pdftotext extracts it) and the fonts are embedded as
// subsets. See io/pdf_text.h for why no Noto Sans CJK SC Regular is used.
#pragma once
#include <string>
#include <variant>
#include <vector>

#include "common/result.h"

namespace meihao::io::documents {

struct Paragraph {
  std::string text;  // one paragraph; the first line is indented two characters
};

struct Heading {
  std::string text;  // e.g. "一、总体情况"
};

enum class Align { kLeft, kCenter, kRight };

struct Column {
  std::string header;
  double width = 1;  // share of the text width; the shares need not add up to 1
  Align align = Align::kLeft;
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;  // each row has one cell per column
};

using Block = std::variant<Paragraph, Heading, Table>;

struct OfficialDocument {
  std::string issuer;      // 发文机关标志 (红头), e.g. "江门市住房和城乡建设局文件"; empty: no 版头
  std::string number;      // 发文字号, e.g. "江建房函〔2023〕12号"; may be empty
  std::string title;       // required; "\n" breaks it where the sense allows (GB/T 9704 §7.3.3)
  std::string addressees;  // 主送机关, e.g. "各县（市、区）住房和城乡建设局："; may be empty
  std::vector<Block> body;
  std::string signatory;   // 落款, e.g. "江门市住房和城乡建设局"; may be empty
  std::string date;        // 成文日期 in Arabic numerals: "2023年12月20日" (see ChineseDate)
};

// "2023年12月20日": GB/T 9704-2012 writes the date in Arabic numerals, with
// neither the month nor the day padded.
std::string ChineseDate(int year, int month, int day);

// The PDF bytes. Errors (400): "document.title" for an empty title,
// "document.table.columns" for a table without columns, "document.table.cells"
// for a row whose cell count differs from the columns', "document.table.row"
// for a row taller than a page; 500 when cairo fails.
Result<std::string> RenderOfficialPdf(const OfficialDocument& doc);

}  // namespace meihao::io::documents

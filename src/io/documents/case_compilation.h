// The typical-case compilation (典型案例汇编, issue #11 part 4) as PDF: a
// cover, the contents (目录) with the page each case starts on, and one
// section per case — its title, county, category and estates, its text and
// its photos, two a row.
//
// Layout (case_compilation.cc has the constants): A4 with the margins of the
// official documents (top 37 mm, left 28 mm, right 26 mm, bottom 35 mm).
//   - Cover: the issuer (江门市住房和城乡建设局) in Noto Serif CJK SC Bold
//     18 pt at a third of the page, the title in Noto Serif CJK SC Bold 30 pt
//     below it, the date at the foot. No page number.
//   - Contents: "目  录" in Noto Sans CJK SC Bold 22 pt, then a line a case:
//     "一、title" on the left (Noto Serif CJK SC 14 pt), its page number on
//     the right, dot leaders between; more pages when the list is long.
//   - Each case starts a new page: "一、title" in Noto Sans CJK SC Bold 18 pt,
//     a grey line "county　category　estates" (Serif 12 pt), the text in
//     Noto Serif CJK SC 14 pt, 25 pt a line, paragraphs (split at "\n")
//     indented two characters, breaking across pages between lines; then the
//     photos scaled to half the text width, two a row, a row never split.
//   - Page numbers "— N —" (Serif 12 pt) centred 7 mm below the text area,
//     counted from the cover (which shows none).
// Photos are the server's 640 px thumbnails: the JPEG bytes are embedded as
// they are (cairo's JPEG MIME data), not decoded again. Fonts: see
// io/pdf_text.h (no Noto Sans CJK SC Regular).
#pragma once
#include <string>
#include <vector>

#include "common/result.h"

namespace meihao::io::documents {

struct CompilationPhoto {
  std::string jpeg;  // a baseline JPEG
  int width = 0, height = 0;  // its pixels
};

struct CompiledCase {
  std::string title, county, category, estates;  // estates: their names, joined
  std::string body;                              // paragraphs separated by "\n"
  std::vector<CompilationPhoto> photos;
};

struct CaseCompilation {
  std::string issuer;  // e.g. "江门市住房和城乡建设局"
  std::string title;   // e.g. "2023年度“美好家园”小区\n典型案例汇编"; "\n" breaks the line
  std::string date;    // e.g. "2023年12月20日"
  std::vector<CompiledCase> cases;
};

// "一" … "九十九" (then Arabic numerals): the numbers of the sections.
std::string ChineseNumber(int n);

// The PDF bytes. 400 document.title for an empty title, document.photo for a
// photo without pixels or bytes; 500 when cairo fails.
Result<std::string> RenderCaseCompilationPdf(const CaseCompilation& doc);

}  // namespace meihao::io::documents

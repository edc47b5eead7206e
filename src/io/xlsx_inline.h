// Inline-string cells (<c t="inlineStr"><is><t>…</t></is></c>) of the first
// worksheet. orcus 0.17 drops them, but streaming writers emit nothing else
// (Apache POI's SXSSF, used by EasyExcel and many Java systems that export
// hotline records), so without this their text cells would vanish.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace meihao::io::internal {

struct InlineCell {
  int row;  // 0-based, like orcus
  int col;
  std::string text;
};

// Finds the first worksheet through xl/workbook.xml and its relationships and
// returns its inline-string cells (usually none). `zip` must have passed
// CheckXlsxZip. Throws (orcus::zip_error, std::exception) on a broken archive.
std::vector<InlineCell> ReadInlineStrings(std::string_view zip);

}  // namespace meihao::io::internal

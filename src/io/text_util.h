// Helpers shared by the CSV and xlsx readers: encoding checks, cell trimming,
// and turning raw records into a Table. Internal to src/io.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/table.h"

namespace meihao::io::internal {

// Offset of the first byte that breaks strict UTF-8 (overlongs, surrogates and
// code points above U+10FFFF included), or nullopt when `s` is valid.
std::optional<size_t> FirstInvalidUtf8(std::string_view s);

// GB18030 → UTF-8 through glibc iconv; nullopt unless every byte converts.
std::optional<std::string> Gb18030ToUtf8(std::string_view s);

// Removes surrounding ASCII whitespace, NBSP, U+3000 (ideographic space),
// U+FEFF and U+200B: spreadsheets pasted from Word or web pages carry them.
std::string_view TrimCell(std::string_view s);

// One record as read from the file, before the header is picked.
struct RawRow {
  int row_number;                  // as the user sees it in the sheet
  std::vector<std::string> cells;  // already trimmed
};

// The first non-empty row becomes the header; fully empty rows are dropped.
// Every row and the header get the same width: the last non-empty column of
// any of them, so cells beyond the header survive (under an "" header name)
// for the caller to report. Returns nullopt when all rows are empty.
std::optional<Table> BuildTable(std::vector<RawRow> rows);

}  // namespace meihao::io::internal

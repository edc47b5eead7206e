// Reading uploaded spreadsheets (.csv and .xlsx) into a Table of text cells.
// The readers only decode the file; whether headers and values are right is
// the caller's business (src/domain). Every failure is a 400/413 Error with a
// Chinese message a clerk can act on; nothing here throws.
#pragma once
#include <string_view>

#include "common/result.h"
#include "common/table.h"

namespace meihao::io {

// Picks the reader by content, not by file name: bytes starting with the zip
// magic "PK\x03\x04" are read as .xlsx; an OLE2 file (.xls, or an .xlsx that
// Excel encrypted with a password) is refused with "file.xls"; anything else
// is read as CSV.
Result<Table> ReadTable(std::string_view bytes);

// RFC 4180 CSV: fields separated by commas, optionally in double quotes
// ("" inside quotes is one quote; quoted fields may span lines), records end
// with CRLF or LF. Text is UTF-8 (a BOM is dropped) or, when it is not valid
// UTF-8, GB18030 if that decodes every byte.
//
// The first non-blank record is the header. Cells are trimmed (ASCII spaces,
// NBSP, U+3000); records whose cells are all empty are skipped. Rows are padded
// with "" to the header width; non-empty cells beyond the header are kept and
// the header is padded with "" names, so the caller can report them.
// row_numbers count records from 1 (the header's record, blank ones included),
// which is the row Excel shows after opening the file.
//
// Errors (kInvalid): "file.empty" when there is no non-blank record;
// "file.encoding" naming the first undecodable line; "file.csv.quote" when a
// quoted field never closes. A header-only file is a Table with no rows.
Result<Table> ReadCsv(std::string_view bytes);

// The first worksheet of an .xlsx file. Numbers print without a trailing
// ".0" (shortest round-trip form otherwise), date-formatted cells as
// YYYY-MM-DD, booleans as "true"/"false", formulas as their cached result.
// Header, trimming, empty rows and width as for ReadCsv; row_numbers are the
// sheet's own row numbers.
//
// The zip container is checked before anything is inflated. Errors:
// "file.xlsx.invalid" (kInvalid) for anything that is not a readable xlsx;
// "file.xlsx.entries" (kInvalid) for more than 1000 zip entries;
// "file.xlsx.too_large" (kTooLarge) when the entries declare more than
// 256 MiB uncompressed or one of them a compression ratio above 1000;
// "file.empty" when the first sheet has no non-empty cell.
Result<Table> ReadXlsx(std::string_view bytes);

}  // namespace meihao::io

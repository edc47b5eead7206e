// Writing tables out as CSV (for machines) and .xlsx (for people: templates
// with drop-downs, exports with Chinese headers).
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace meihao::io {

// Guards against CSV/formula injection (OWASP): a cell starting with = + - @,
// a tab or a carriage return gets a leading apostrophe so that Excel or WPS
// shows it as text instead of evaluating it. Other cells are returned as-is.
std::string NeutraliseFormula(std::string_view cell);

// CSV as RFC 4180: UTF-8 without BOM, CRLF line ends, a cell is quoted when it
// holds a comma, quote, CR or LF, or starts/ends with a space. With
// `neutralise`, every cell (header included) goes through NeutraliseFormula;
// leave it off for machine exports whose values are known (numbers like -1).
std::string WriteCsv(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows, bool neutralise);

struct XlsxColumn {
  std::string header;
  double width = 16;  // in Excel character units
  // Non-empty → a drop-down list (data validation) on the data rows. Long
  // lists (over Excel's 255-character limit) are kept on a hidden sheet.
  std::vector<std::string> choices;
  // Cells that parse completely as a finite number are written as numbers;
  // others (and every cell of a text column) as text, so codes like 00123
  // keep their zeros.
  bool numeric = false;
};

struct XlsxSheet {
  std::string name;  // 1–31 characters, none of []:*?/\ ; empty → "Sheet1"
  std::vector<XlsxColumn> columns;
  std::vector<std::vector<std::string>> rows;  // cells beyond columns are written too
  int validation_rows = 1000;  // data rows that get the drop-downs (at least rows.size())
};

// Called with (rows written, total rows) every 10,000 rows and at the end.
using Progress = std::function<void(size_t done, size_t total)>;

// One-sheet workbook: bold filled header row, frozen below the header, column
// widths, text cells neutralised with NeutraliseFormula, text columns
// formatted as text (@) so what users type there stays text.
// Errors: "export.xlsx.rows" (kTooLarge) beyond Excel's 1,048,575 data rows;
// "export.xlsx.sheet_name" (kInvalid) for a name Excel refuses; kInternal when
// libxlsxwriter or the temporary file fails.
Result<std::string> WriteXlsx(const XlsxSheet& sheet, const Progress& progress = {});

}  // namespace meihao::io

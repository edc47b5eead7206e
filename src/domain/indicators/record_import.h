// All-or-nothing checks of the record sheets of data-formats.md that are not
// the estate register: complaints (投诉记录), third-party satisfaction results
// (第三方满意度测评结果), fee collection (物业费收缴) and penalties (行政处罚).
// One checker driven by a column specification per sheet, so every sheet
// reads headers, cells and problems the same way as the estate import.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/table.h"
#include "domain/registry/estate_import.h"  // ImportProblem, kMaxProblems

namespace meihao::domain::indicators {

enum class CellKind {
  kText,        // trimmed text, max_chars code points
  kDate,        // YYYY-MM-DD or YYYY/M/D
  kYesNo,       // 是/否, yes/no, y/n, true/false, 1/0
  kInteger,     // whole number within [min, max]
  kMoneyFen,    // yuan with at most 2 decimals, stored as fen, within [min, max] fen
  kHundredths,  // a score with at most 2 decimals, stored ×100, within [min, max]
  kUscc,        // unified social credit code with a valid check character
  kEstateCode,  // the code of an existing estate (suggests the nearest codes)
};

struct RecordColumn {
  std::string key, zh;
  bool required = false;
  CellKind kind = CellKind::kText;
  int64_t min = 0, max = 0;  // kInteger / kMoneyFen / kHundredths (in their stored unit)
  size_t min_chars = 0, max_chars = 0;  // kText
  bool default_yes = false;             // kYesNo when the cell is empty
};

struct RecordCell {
  bool present = false;  // false: the cell was empty (an optional column)
  std::string text;      // trimmed text (all kinds)
  int64_t number = 0;    // kInteger, kMoneyFen (fen), kHundredths (×100)
  Date date;             // kDate
  bool yes = false;      // kYesNo
};

struct RecordRow {
  int row = 0;                     // sheet row number
  std::vector<RecordCell> cells;   // in the spec's column order
};

struct RecordSheetSpec {
  std::string name_zh;                 // e.g. 投诉记录, used in messages
  std::vector<RecordColumn> columns;   // template order
  std::vector<std::string> unique_key; // keys whose values together identify a row
  // Rules across the cells of one row (e.g. collected ≤ due). Returns the
  // problems of the row as (column key, message_zh, message_en).
  std::function<std::vector<std::tuple<std::string, std::string, std::string>>(const RecordRow&)> row_rule;
  size_t Index(std::string_view key) const;  // position of a key in columns
};

const RecordSheetSpec& ComplaintsSpec();
const RecordSheetSpec& SatisfactionSpec();
const RecordSheetSpec& FeesSpec();
const RecordSheetSpec& PenaltiesSpec();

struct RecordSheetCheck {
  std::vector<RecordRow> rows;          // clean rows, in file order
  std::vector<registry::ImportProblem> problems;  // the first kMaxProblems, by row
  size_t problem_count = 0;             // all of them
};

// Checks headers (Chinese or English, any order; unknown non-empty columns,
// duplicated and missing required columns are problems at row 1), every
// cell, duplicate keys inside the file and the row rule. `estate_exists`
// answers for kEstateCode cells; `estate_codes` (may be empty) feeds the
// nearest-code suggestions.
RecordSheetCheck CheckRecordSheet(const Table& table, const RecordSheetSpec& spec,
                                  const std::function<bool(std::string_view)>& estate_exists,
                                  const std::vector<std::string>& estate_codes);

}  // namespace meihao::domain::indicators

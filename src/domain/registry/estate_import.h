// The all-or-nothing check of an uploaded estates sheet (小区台账). It only
// reads: the caller writes nothing unless `problem_count` is 0, so one bad row
// never leaves half a file in the database.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/table.h"
#include "domain/registry/divisions.h"
#include "domain/registry/estate.h"

namespace meihao::domain::registry {

// One thing wrong with the file, located as the user sees the sheet.
struct ImportProblem {
  int row = 0;             // sheet row number; 1 = the header row (column problems)
  std::string column;      // the header text as it appears in the file (the Chinese
                           // header when the column itself is missing)
  std::string value;       // the cell as uploaded
  std::string message_zh, message_en;
  std::string suggestion;  // e.g. the nearest valid town names, "、"-separated; may be empty
  bool operator==(const ImportProblem&) const = default;
};

inline constexpr size_t kMaxProblems = 1000;

struct EstateImportCheck {
  std::vector<Estate> estates;          // the rows without problems, in file order;
                                        // every non-blank row when problem_count is 0
  std::vector<ImportProblem> problems;  // the first kMaxProblems problems, in row order
  size_t problem_count = 0;             // all of them
};

// (English key, Chinese header) in template order: code 小区编码 … demonstration 红色管家示范项目.
std::vector<std::pair<std::string, std::string>> EstateColumns();

// Checks every header and row of `table`. Headers may be the Chinese header or
// the English key (any case; a trailing "*" as templates mark required columns
// is ignored), in any order. Entirely blank rows are skipped. When
// `restrict_to_scope` is a division code, rows whose county/town lies outside
// it are problems; an unknown scope code puts every row outside (fails closed);
// an empty scope restricts nothing.
// Takes the table by value and frees each row once checked, so that a large
// file's cells and the resulting estates are not all in memory at once
// (callers with no further use for the table move it in).
// Sheets of at least `parallel_from_rows` rows are checked in two halves on
// two threads, with the same result (tests lower it to compare both ways).
inline constexpr size_t kParallelCheckRows = 20000;
EstateImportCheck CheckEstateTable(Table table, const DivisionTree& tree, std::string_view restrict_to_scope,
                                   size_t parallel_from_rows = kParallelCheckRows);

}  // namespace meihao::domain::registry

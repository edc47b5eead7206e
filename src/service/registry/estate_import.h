// The estate import: check the whole file, then write all rows in one
// transaction or none. Also the template and the exports.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/registry/estate_import.h"
#include "service/registry/estates.h"

namespace meihao::service::registry {

// Limits: the HTTP layer refuses larger bodies before they reach here.
inline constexpr size_t kMaxImportBytes = 20u << 20;

using ProgressFn = std::function<void(std::string_view stage, size_t done, size_t total)>;

struct ImportReport {
  std::optional<Error> error;  // set when nothing was written
  std::vector<domain::registry::ImportProblem> problems;  // at most domain::registry::kMaxProblems
  size_t problem_count = 0;                     // all problems found
  bool dry_run = false;
  size_t rows = 0, created = 0, updated = 0, unchanged = 0;
  std::string sha256;
};

// Undoes io::NeutraliseFormula on every cell: our exports prefix cells that
// start with = + - @ with an apostrophe, and re-importing an export must not
// change data.
void RestoreNeutralisedCells(Table& t);

ImportReport ImportEstates(const Context& ctx, const Actor& actor, std::string_view bytes,
                           const std::string& filename, bool dry_run, const ProgressFn& progress = {});

enum class ExportFormat { kCsv, kXlsx };
// The file's bytes; the export is audited (with its row count).
Result<std::string> ExportEstates(const Context& ctx, const Actor& actor, const EstateFilter& f,
                                  ExportFormat format, const ProgressFn& progress = {});
// The .xlsx import template: headers, one example row, drop-downs.
Result<std::string> EstateTemplate(const domain::registry::DivisionTree& tree);

}  // namespace meihao::service::registry

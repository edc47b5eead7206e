#include "service/registry/estate_import.h"

#include <boost/json.hpp>
#include <future>
#include <unordered_map>

#include "common/clock.h"
#include "common/crypto.h"
#include "io/table_reader.h"
#include "io/table_writer.h"
#include "service/audit/audit.h"
#include "service/registry/estate_sql.h"

namespace meihao::service::registry {
namespace {

void AuditImport(storage::Connection& c, const Actor& actor, const ImportReport& r, const std::string& filename,
                 size_t bytes) {
  boost::json::object after{{"file", filename},         {"bytes", bytes},         {"sha256", r.sha256},
                            {"rows", r.rows},           {"created", r.created},   {"updated", r.updated},
                            {"unchanged", r.unchanged}, {"problems", r.problem_count}, {"dry_run", r.dry_run}};
  std::string result = r.error ? r.error->code : "ok";
  audit::AppendAudit(c, {actor.user_id, actor.username, "estate.import", "file:" + filename, std::nullopt,
                  boost::json::serialize(after), actor.client, result});
}

// Estates whose code is taken by an estate outside the caller's scope would be
// moved into it by the import; that is a problem of the row, not an update.
void CheckForeignCodes(storage::Connection& c, const Context& ctx, const Actor& actor,
                       const std::vector<int>& row_numbers, domain::registry::EstateImportCheck& check) {
  if (ctx.tree.Find(actor.principal.scope) == &ctx.tree.Root()) return;
  std::unordered_map<std::string, int> row_of;
  for (size_t i = 0; i < check.estates.size(); ++i) row_of[check.estates[i].code] = int(i);
  c.Query("SELECT code, county_code, town_code FROM estates", {}, [&](const storage::Row& r) {
    auto it = row_of.find(r.Text(0));
    if (it == row_of.end()) return;
    policy::EstateRef ref{r.Text(0), r.Text(1), r.Text(2)};
    if (policy::InScope(actor.principal, ref, ctx.tree)) return;
    ++check.problem_count;
    if (check.problems.size() < domain::registry::kMaxProblems)
      check.problems.push_back({row_numbers.at(size_t(it->second)), "小区编码", ref.code,
                                "该小区编码已被其他辖区的小区使用", "This code belongs to an estate outside your scope",
                                "请使用其他编码"});
  });
}

void WriteRows(storage::Connection& c, const std::vector<domain::registry::Estate>& estates, ImportReport& report,
               const ProgressFn& progress) {
  EstateWriter writer(c, BusinessNowIso());
  writer.Preload();
  size_t done = 0;
  for (const auto& e : estates) {
    auto what = writer.Upsert(e);
    if (what == "created") ++report.created;
    else if (what == "updated") ++report.updated;
    else ++report.unchanged;
    if (progress && ++done % 5000 == 0) progress("write", done, estates.size());
  }
  writer.Flush();
}

}  // namespace

// Undoes io::NeutraliseFormula: our own exports prefix cells starting with
// = + - @ with an apostrophe; re-importing an export must not change data.
void RestoreNeutralisedCells(Table& t) {
  for (auto& row : t.rows)
    for (auto& cell : row)
      if (cell.size() >= 2 && cell[0] == '\'' && std::string_view("=+-@\t\r").find(cell[1]) != std::string_view::npos)
        cell.erase(0, 1);
}


ImportReport ImportEstates(const Context& ctx, const Actor& actor, std::string_view bytes,
                           const std::string& filename, bool dry_run, const ProgressFn& progress) {
  ImportReport report;
  report.dry_run = dry_run;
  // The file's SHA-256 (for the audit record) on the second core while this
  // one parses and checks.
  auto sha = std::async(std::launch::async, [bytes] { return crypto::Sha256Hex(bytes); });
  auto c = ctx.db.Acquire();
  auto fail = [&](Error e) {
    report.error = std::move(e);
    report.sha256 = sha.get();
    storage::Transaction tx(*c, true);
    AuditImport(*c, actor, report, filename, bytes.size());
    tx.Commit();
    return report;
  };
  if (policy::CanImportEstates(actor.principal) != policy::Decision::kAllow)
    return fail(policy::DecisionError(policy::Decision::kForbidden));
  if (progress) progress("read", 0, bytes.size());
  domain::registry::EstateImportCheck check;
  {
    auto table = io::ReadTable(bytes);
    if (!table) return fail(table.error());
    RestoreNeutralisedCells(*table);
    if (progress) progress("check", 0, table->rows.size());
    report.rows = table->rows.size();
    std::vector<int> row_numbers = table->row_numbers;
    // The check consumes the table, freeing rows as it goes: the cells of a
    // large file and the estates made from them are never all in memory.
    check = domain::registry::CheckEstateTable(std::move(*table), ctx.tree, actor.principal.scope);
    // Only rows without their own problems: the table and the estate list line
    // up one to one when the file is clean, which is the only case that writes.
    if (check.problem_count == 0) CheckForeignCodes(*c, ctx, actor, row_numbers, check);
  }
  report.problems = std::move(check.problems);
  report.problem_count = check.problem_count;
  if (report.problem_count > 0) {
    return fail({ErrorKind::kUnprocessable, "import.problems",
                 "文件中有 " + std::to_string(report.problem_count) + " 处问题，未导入任何数据，请修改后重新导入",
                 std::to_string(report.problem_count) + " problem(s) in the file; nothing was imported", {}});
  }
  if (dry_run) {
    // Write and roll back, so the counts are exactly what a commit would do.
    storage::Transaction trial(*c, true);
    WriteRows(*c, check.estates, report, progress);
  }
  storage::Transaction tx(*c, true);
  if (!dry_run) WriteRows(*c, check.estates, report, progress);
  report.sha256 = sha.get();
  AuditImport(*c, actor, report, filename, bytes.size());
  tx.Commit();
  if (progress) progress("done", check.estates.size(), check.estates.size());
  return report;
}

}  // namespace meihao::service::registry

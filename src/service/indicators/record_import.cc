#include "service/indicators/record_import.h"

#include <boost/json.hpp>
#include <unordered_set>

#include "common/clock.h"
#include "common/crypto.h"
#include "domain/indicators/record_import.h"
#include "io/table_reader.h"
#include "io/table_writer.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/figures/figures.h"

namespace meihao::service::indicators {
namespace {

// The kept figures a kind of record feeds; penalties feed none.
std::optional<figures::Feed> FeedOf(RecordKind kind) {
  switch (kind) {
    case RecordKind::kSatisfaction: return figures::Feed::kThirdParty;
    case RecordKind::kComplaints: return figures::Feed::kComplaints;
    case RecordKind::kFees: return figures::Feed::kFees;
    case RecordKind::kPenalties: return std::nullopt;
  }
  return std::nullopt;
}

// Where a kind's rows live: the table, its key columns (data-formats.md) and
// the other columns, each with the spec column it comes from.
struct Target {
  const char* table;
  std::vector<std::pair<const char*, const char*>> key;     // (db column, spec key)
  std::vector<std::pair<const char*, const char*>> values;  // (db column, spec key)
};

const domain::indicators::RecordSheetSpec& SpecOf(RecordKind k) {
  switch (k) {
    case RecordKind::kComplaints: return domain::indicators::ComplaintsSpec();
    case RecordKind::kSatisfaction: return domain::indicators::SatisfactionSpec();
    case RecordKind::kFees: return domain::indicators::FeesSpec();
    case RecordKind::kPenalties: return domain::indicators::PenaltiesSpec();
  }
  return domain::indicators::ComplaintsSpec();
}

const Target& TargetOf(RecordKind k) {
  static const Target complaints{"complaints", {{"id", "id"}},
                                 {{"estate_code", "estate_code"}, {"received_on", "received_on"}, {"category", "category"},
                                  {"property_related", "property_related"}, {"valid", "valid"}}};
  static const Target satisfaction{"satisfaction_results",
                                   {{"estate_code", "estate_code"}, {"surveyed_on", "surveyed_on"}, {"surveyor", "surveyor"}},
                                   {{"sample_size", "sample_size"}, {"score_hundredths", "score"}}};
  static const Target fees{"fee_records", {{"estate_code", "estate_code"}, {"year", "year"}},
                           {{"due_fen", "amount_due"}, {"collected_fen", "amount_collected"}}};
  static const Target penalties{"penalties", {{"decision_no", "decision_no"}},
                                {{"company_uscc", "company_uscc"}, {"company_name", "company_name"},
                                 {"decided_on", "decided_on"}, {"reason", "reason"}}};
  switch (k) {
    case RecordKind::kComplaints: return complaints;
    case RecordKind::kSatisfaction: return satisfaction;
    case RecordKind::kFees: return fees;
    case RecordKind::kPenalties: return penalties;
  }
  return complaints;
}

// A cell as the database stores it: dates as YYYY-MM-DD text, yes/no as 0/1,
// numbers as integers (fen, hundredths), text as text.
storage::Value Stored(const domain::indicators::RecordSheetSpec& spec, const domain::indicators::RecordRow& row, const char* key) {
  size_t k = spec.Index(key);
  const auto& cell = row.cells[k];
  switch (spec.columns[k].kind) {
    case domain::indicators::CellKind::kDate: return cell.date.ToString();
    case domain::indicators::CellKind::kYesNo: return int64_t(cell.yes);
    case domain::indicators::CellKind::kInteger:
    case domain::indicators::CellKind::kMoneyFen:
    case domain::indicators::CellKind::kHundredths: return cell.number;
    default: return cell.text;
  }
}

// Inserts, updates or leaves the row; returns which.
std::string_view Upsert(storage::Connection& c, RecordKind kind, const domain::indicators::RecordRow& row, const std::string& now) {
  const auto& spec = SpecOf(kind);
  const Target& t = TargetOf(kind);
  std::string where, cols, marks, sets;
  storage::Params key, values;
  for (auto& [col, k] : t.key) {
    where += std::string(where.empty() ? "" : " AND ") + col + " = ?";
    key.push_back(Stored(spec, row, k));
  }
  for (auto& [col, k] : t.values) {
    cols += std::string(cols.empty() ? "" : ", ") + col;
    sets += std::string(sets.empty() ? "" : ", ") + col + " = ?";
    values.push_back(Stored(spec, row, k));
  }
  std::optional<storage::Params> stored;
  c.Query("SELECT " + cols + " FROM " + t.table + " WHERE " + where, key, [&](const storage::Row& r) {
    stored.emplace();
    for (size_t i = 0; i < values.size(); ++i)
      stored->push_back(std::holds_alternative<int64_t>(values[i]) ? storage::Value(r.Int(int(i))) : storage::Value(r.Text(int(i))));
  });
  if (stored && *stored == values) return "unchanged";
  if (stored) {
    storage::Params p = values;
    p.push_back(now);
    p.insert(p.end(), key.begin(), key.end());
    c.Exec("UPDATE " + std::string(t.table) + " SET " + sets + ", updated_at = ? WHERE " + where, p);
    return "updated";
  }
  std::string all_cols, all_marks;
  storage::Params p = key;
  p.insert(p.end(), values.begin(), values.end());
  p.push_back(now);
  for (auto& [col, k] : t.key) all_cols += std::string(all_cols.empty() ? "" : ", ") + col;
  all_cols += ", " + cols + ", updated_at";
  for (size_t i = 0; i < p.size(); ++i) all_marks += i ? ",?" : "?";
  c.Exec("INSERT INTO " + std::string(t.table) + "(" + all_cols + ") VALUES (" + all_marks + ")", p);
  return "created";
}

void Audit(storage::Connection& c, const Actor& actor, RecordKind kind, const registry::ImportReport& r, const std::string& filename,
           size_t bytes) {
  boost::json::object after{{"file", filename},       {"bytes", bytes},       {"sha256", r.sha256},
                            {"rows", r.rows},         {"created", r.created}, {"updated", r.updated},
                            {"unchanged", r.unchanged}, {"problems", r.problem_count}, {"dry_run", r.dry_run}};
  audit::AppendAudit(c, {actor.user_id, actor.username, std::string(RecordKindKey(kind)) + ".import", "file:" + filename,
                  std::nullopt, boost::json::serialize(after), actor.client, r.error ? r.error->code : "ok"});
}

}  // namespace

std::optional<RecordKind> ParseRecordKind(std::string_view key) {
  for (auto k : {RecordKind::kComplaints, RecordKind::kSatisfaction, RecordKind::kFees, RecordKind::kPenalties})
    if (RecordKindKey(k) == key) return k;
  return std::nullopt;
}

std::string_view RecordKindKey(RecordKind kind) {
  switch (kind) {
    case RecordKind::kComplaints: return "complaints";
    case RecordKind::kSatisfaction: return "satisfaction";
    case RecordKind::kFees: return "fees";
    case RecordKind::kPenalties: return "penalties";
  }
  return "";
}

registry::ImportReport ImportRecords(const Context& ctx, const Actor& actor, RecordKind kind, std::string_view bytes,
                           const std::string& filename, bool dry_run, const registry::ProgressFn& progress) {
  registry::ImportReport report;
  report.dry_run = dry_run;
  report.sha256 = crypto::Sha256Hex(bytes);
  auto c = ctx.db.Acquire();
  auto fail = [&](Error e) {
    report.error = std::move(e);
    storage::Transaction tx(*c, true);
    Audit(*c, actor, kind, report, filename, bytes.size());
    tx.Commit();
    return report;
  };
  if (policy::CanImportRecords(actor.principal) != policy::Decision::kAllow)
    return fail(policy::DecisionError(policy::Decision::kForbidden));
  auto table = io::ReadTable(bytes);
  if (!table) return fail(table.error());
  registry::RestoreNeutralisedCells(*table);
  if (progress) progress("check", 0, table->rows.size());
  // The estates this caller may report on: the scope decides, as everywhere.
  std::unordered_set<std::string> visible;
  std::vector<std::string> codes;
  c->Query("SELECT code, county_code, town_code FROM estates WHERE deleted_at IS NULL", {}, [&](const storage::Row& r) {
    policy::EstateRef ref{r.Text(0), r.Text(1), r.Text(2)};
    if (!policy::InScope(actor.principal, ref, ctx.tree)) return;
    codes.push_back(ref.code);
    visible.insert(std::move(ref.code));
  });
  auto check = domain::indicators::CheckRecordSheet(*table, SpecOf(kind), [&](std::string_view code) {
    return visible.count(std::string(code)) > 0;
  }, codes);
  report.rows = table->rows.size();
  report.problems = std::move(check.problems);
  report.problem_count = check.problem_count;
  if (report.problem_count > 0)
    return fail({ErrorKind::kUnprocessable, "import.problems",
                 "文件中有 " + std::to_string(report.problem_count) + " 处问题，未导入任何数据，请修改后重新导入",
                 std::to_string(report.problem_count) + " problem(s) in the file; nothing was imported", {}});
  auto write = [&] {
    std::string now = BusinessNowIso();
    size_t done = 0;
    for (const auto& row : check.rows) {
      auto what = Upsert(*c, kind, row, now);
      if (what == "created") ++report.created;
      else if (what == "updated") ++report.updated;
      else ++report.unchanged;
      if (progress && ++done % 5000 == 0) progress("write", done, check.rows.size());
    }
  };
  if (dry_run) {
    storage::Transaction trial(*c, true);  // written and rolled back: exact counts, nothing kept
    write();
  }
  storage::Transaction tx(*c, true);
  if (!dry_run) {
    write();
    // The kept figures follow the rows in the same commit, in every campaign.
    if (auto feed = FeedOf(kind))
      for (const auto& settings : campaigns::LoadCampaigns(*c)) figures::RefreshImportedFigures(*c, *feed, settings);
  }
  Audit(*c, actor, kind, report, filename, bytes.size());
  tx.Commit();
  if (progress) progress("done", check.rows.size(), check.rows.size());
  return report;
}

Result<std::string> RecordTemplate(RecordKind kind) {
  const auto& spec = SpecOf(kind);
  // One plausible row per sheet, in the spec's column order.
  static const std::vector<std::string> kExamples[] = {
      {"12345-2023-000001", "JM44070300001", "2023-03-05", "环境卫生", "是", "是"},
      {"JM44070300001", "200", "88.50", "2023-06-15", "江门市某社会调查有限公司"},
      {"JM44070300001", "2022", "120000.00", "114600.00"},
      {"江建罚〔2023〕1号", "91350100M000100Y43", "江门市某物业管理有限公司", "2023-01-10", "未按规定公示收费标准"}};
  io::XlsxSheet sheet{spec.name_zh, {}, {kExamples[static_cast<int>(kind)]}};
  for (const auto& c : spec.columns) {
    io::XlsxColumn col{c.zh, c.kind == domain::indicators::CellKind::kText ? 24.0 : 16.0, {}, false};
    if (c.kind == domain::indicators::CellKind::kYesNo) col.choices = {"是", "否"};
    sheet.columns.push_back(std::move(col));
  }
  return io::WriteXlsx(sheet);
}

}  // namespace meihao::service::indicators

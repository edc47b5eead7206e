#include "service/reports/county_reports.h"

#include <boost/json.hpp>

#include "common/clock.h"
#include "domain/campaigns/phases.h"
#include "service/audit/audit.h"
#include "io/table_writer.h"
#include "service/campaigns/campaigns.h"
#include "service/reports/figures.h"

namespace meihao::service::reports {
namespace {

namespace dr = domain::reports;
using policy::Decision;

std::string PartsJson(const std::map<std::string, std::string>& parts) {
  boost::json::object o;
  for (const auto& [k, v] : parts) o[k] = v;
  return boost::json::serialize(o);
}

std::map<std::string, std::string> PartsFromJson(std::string_view text) {
  std::map<std::string, std::string> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [k, x] : v.as_object())
    if (x.is_string()) out[std::string(k)] = std::string(x.as_string());
  return out;
}

Error NoReport() {
  return Error::NotFound("report.not_found", "该县（市、区）尚未开始撰写工作报告", "The county has no report yet");
}

Result<const domain::registry::Division*> CountyOf(const Context& ctx, const std::string& code) {
  const auto* d = ctx.tree.Find(code);
  if (!d || d->level != domain::registry::Division::Level::kCounty)
    return Error::NotFound("report.county.not_found", "县（市、区）不存在", "No such county");
  return d;
}

Result<domain::campaigns::CampaignSettings> CampaignOf(storage::Connection& c, int year) {
  auto s = campaigns::LoadCampaign(c, year);
  if (!s)
    return Error::NotFound("campaign.not_found", std::to_string(year) + " 年度活动尚未设立",
                           "There is no campaign for " + std::to_string(year));
  return *s;
}

std::string ObjectOf(int year, const std::string& county) {
  return "report:" + std::to_string(year) + ":" + county;
}

const char* kSelect =
    "SELECT id, status, parts, version, submitted_at, days_late, comments, created_at, updated_at, figures "
    "FROM county_reports WHERE campaign_year = ? AND county_code = ?";

struct Stored {
  int64_t id = 0;
  CountyReport report;
};

std::optional<Stored> Load(storage::Connection& c, int year, const domain::registry::Division& county,
                           const domain::campaigns::CampaignSettings& settings) {
  std::optional<Stored> out;
  c.Query(kSelect, {int64_t(year), county.code}, [&](const storage::Row& r) {
    Stored s;
    s.id = r.Int(0);
    auto& rep = s.report;
    rep.year = year;
    rep.county_code = county.code;
    rep.county_name = county.name;
    rep.status = dr::ParseReportStatus(r.TextView(1)).value_or(dr::ReportStatus::kDraft);
    rep.parts = PartsFromJson(r.TextView(2));
    rep.version = r.Int(3);
    rep.submitted_at = r.OptText(4);
    if (!r.IsNull(5)) rep.days_late = int(r.Int(5));
    rep.comments = r.OptText(6);
    rep.created_at = r.Text(7);
    rep.updated_at = r.Text(8);
    rep.figures = r.OptText(9).value_or("");
    out = std::move(s);
  });
  if (out) out->report.due = settings.deadlines.county_report;
  return out;
}

// Writes `rep` over the stored row as the next version, keeps that version,
// and audits `action` with the status before and after.
void StoreVersion(storage::Connection& c, const Actor& actor, const Stored& before, CountyReport rep,
                  const std::string& action) {
  const std::string now = BusinessNowIso();
  const std::string status(dr::ReportStatusKey(rep.status));
  const std::string parts = PartsJson(rep.parts);
  const storage::Value late = rep.days_late ? storage::Value(int64_t(*rep.days_late)) : storage::Null();
  const storage::Value figures = rep.figures.empty() ? storage::Null() : storage::Value(rep.figures);
  c.Exec("UPDATE county_reports SET status = ?, parts = ?, version = version + 1, submitted_at = ?, days_late = ?, "
         "comments = ?, figures = ?, updated_at = ? WHERE id = ?",
         {status, parts, storage::OptText(rep.submitted_at), late, storage::OptText(rep.comments), figures, now,
          before.id});
  c.Exec("INSERT INTO county_report_versions(report_id, version, status, parts, days_late, comments, figures, at, "
         "by_user) VALUES (?,?,?,?,?,?,?,?,?)",
         {before.id, before.report.version + 1, status, parts, late, storage::OptText(rep.comments), figures, now,
          actor.username});
  auto state = [](const CountyReport& r) {
    boost::json::object o{{"status", dr::ReportStatusKey(r.status)}, {"version", r.version}};
    if (r.days_late) o["days_late"] = *r.days_late;
    return boost::json::serialize(o);
  };
  CountyReport after = rep;
  after.version = before.report.version + 1;
  audit::AppendAudit(c, {actor.user_id, actor.username, action, ObjectOf(rep.year, rep.county_code),
                         state(before.report), state(after), actor.client, "ok"});
}

// What every write shares: the county, the campaign, the phase, the policy
// check, the stored report at the expected version.
struct WriteContext {
  const domain::registry::Division* county = nullptr;
  storage::Connection* conn = nullptr;
  domain::campaigns::CampaignSettings settings;
  Stored stored;
};

Result<WriteContext> BeginWrite(storage::Connection& c, const Context& ctx, const Actor& actor, int year,
                                const std::string& county, Decision d, int64_t expected_version, Date today) {
  WriteContext w;
  w.conn = &c;
  auto division = CountyOf(ctx, county);
  if (!division) return division.error();
  w.county = *division;
  if (d != Decision::kAllow) return policy::DecisionError(d);
  auto settings = CampaignOf(c, year);
  if (!settings) return settings.error();
  w.settings = *settings;
  if (auto s = domain::campaigns::RequirePhase(w.settings, domain::campaigns::PhaseKey::kSummary, today); !s)
    return s.error();
  auto stored = Load(c, year, *w.county, w.settings);
  if (!stored) return NoReport();
  if (stored->report.version != expected_version)
    return Error::Conflict("report.version", "工作报告已被他人修改，请刷新后再操作",
                           "The report changed since it was loaded; reload it", "version");
  w.stored = std::move(*stored);
  return w;
}

Result<CountyReport> Reload(storage::Connection& c, int year, const WriteContext& w) {
  auto r = Load(c, year, *w.county, w.settings);
  if (!r) return Error::Internal("a county report vanished inside its transaction");
  return r->report;
}

// One write in one transaction: the shared checks, `change` (which edits the
// report or refuses, leaving nothing written), then the next version stored
// and audited as `action`.
template <typename Change>
Result<CountyReport> Write(const Context& ctx, const Actor& actor, int year, const std::string& county, Decision d,
                           int64_t expected_version, Date today, const std::string& action, Change change) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto w = BeginWrite(*c, ctx, actor, year, county, d, expected_version, today);
  if (!w) return w.error();
  CountyReport rep = w->stored.report;
  if (auto s = change(*w, rep); !s) return s.error();
  StoreVersion(*c, actor, w->stored, rep, action);
  auto out = Reload(*c, year, *w);
  tx.Commit();
  return out;
}

}  // namespace

Result<CountyReport> OpenReport(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                Date today) {
  auto division = CountyOf(ctx, county);
  if (!division) return division.error();
  if (auto d = policy::CanWriteCountyReport(actor.principal, county, ctx.tree); d != Decision::kAllow)
    return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  if (auto existing = Load(*c, year, **division, *settings)) return existing->report;
  if (auto s = domain::campaigns::RequirePhase(*settings, domain::campaigns::PhaseKey::kSummary, today); !s)
    return s.error();
  const std::string now = BusinessNowIso();
  const std::string figures = boost::json::serialize(ComputeCountyFigures(*c, year, county, today));
  c->Exec("INSERT INTO county_reports(campaign_year, county_code, status, parts, version, figures, created_at, "
          "updated_at) VALUES (?,?,'draft','{}',1,?,?,?)",
          {int64_t(year), county, figures, now, now});
  auto stored = Load(*c, year, **division, *settings);
  if (!stored) return Error::Internal("the new county report was not found");
  c->Exec("INSERT INTO county_report_versions(report_id, version, status, parts, figures, at, by_user) "
          "VALUES (?,1,'draft','{}',?,?,?)",
          {stored->id, figures, now, actor.username});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "report.open", ObjectOf(year, county), std::nullopt,
                          R"({"status":"draft","version":1})", actor.client, "ok"});
  tx.Commit();
  return stored->report;
}

Result<CountyReport> GetReport(const Context& ctx, const Actor& actor, int year, const std::string& county) {
  auto division = CountyOf(ctx, county);
  if (!division) return division.error();
  if (auto d = policy::CanReadCountyReport(actor.principal, county, ctx.tree); d != Decision::kAllow)
    return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, false);
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  auto stored = Load(*c, year, **division, *settings);
  if (!stored) return NoReport();
  return stored->report;
}

Result<CountyReport> SaveReportParts(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                     const std::map<std::string, std::string>& parts, int64_t expected_version,
                                     Date today) {
  return Write(ctx, actor, year, county, policy::CanWriteCountyReport(actor.principal, county, ctx.tree),
               expected_version, today, "report.save", [&](const WriteContext&, CountyReport& rep) -> Status {
                 if (auto s = dr::CheckEditable(rep.status); !s) return s;
                 for (const auto& [key, text] : parts) {
                   auto checked = dr::CheckDraftPart(key, text);
                   if (!checked) return checked.error();
                   rep.parts[key] = *checked;
                 }
                 return OkStatus();
               });
}

Result<CountyReport> SubmitReport(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                  int64_t expected_version, Date today, std::vector<Error>* missing) {
  return Write(ctx, actor, year, county, policy::CanWriteCountyReport(actor.principal, county, ctx.tree),
               expected_version, today, "report.submit", [&](const WriteContext& w, CountyReport& rep) -> Status {
                 if (auto s = dr::CheckEditable(rep.status); !s) return s;
                 auto gaps = dr::MissingParts(rep.parts);
                 if (!gaps.empty()) {
                   Error first = gaps.front();
                   if (missing) *missing = std::move(gaps);
                   return first;
                 }
                 rep.status = dr::ReportStatus::kSubmitted;
                 rep.submitted_at = BusinessNowIso();
                 rep.days_late = dr::DaysLate(w.settings.deadlines.county_report, today);
                 // Frozen here: the figures as they stand at submission.
                 rep.figures = boost::json::serialize(ComputeCountyFigures(*w.conn, year, county, today));
                 return OkStatus();
               });
}

Result<CountyReport> ReturnReport(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                  const std::string& comments, int64_t expected_version, Date today) {
  return Write(ctx, actor, year, county, policy::CanReviewCountyReports(actor.principal), expected_version, today,
               "report.return", [&](const WriteContext&, CountyReport& rep) -> Status {
                 if (auto s = dr::CheckReviewable(rep.status); !s) return s;
                 auto text = dr::CheckReturnComments(comments);
                 if (!text) return text.error();
                 rep.status = dr::ReportStatus::kReturned;
                 rep.comments = *text;
                 return OkStatus();
               });
}

Result<CountyReport> AcceptReport(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                  int64_t expected_version, Date today) {
  return Write(ctx, actor, year, county, policy::CanReviewCountyReports(actor.principal), expected_version, today,
               "report.accept", [&](const WriteContext&, CountyReport& rep) -> Status {
                 if (auto s = dr::CheckReviewable(rep.status); !s) return s;
                 rep.status = dr::ReportStatus::kAccepted;
                 return OkStatus();
               });
}

Result<CountyReport> RefreshFigures(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                    Date today) {
  auto division = CountyOf(ctx, county);
  if (!division) return division.error();
  if (auto d = policy::CanWriteCountyReport(actor.principal, county, ctx.tree); d != Decision::kAllow)
    return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  if (auto s = domain::campaigns::RequirePhase(*settings, domain::campaigns::PhaseKey::kSummary, today); !s)
    return s.error();
  auto stored = Load(*c, year, **division, *settings);
  if (!stored) return NoReport();
  if (auto s = dr::CheckEditable(stored->report.status); !s) return s.error();
  const std::string figures = boost::json::serialize(ComputeCountyFigures(*c, year, county, today));
  c->Exec("UPDATE county_reports SET figures = ? WHERE id = ?", {figures, stored->id});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "report.figures", ObjectOf(year, county), std::nullopt,
                          R"({"figures":"recomputed"})", actor.client, "ok"});
  stored->report.figures = figures;
  tx.Commit();
  return stored->report;
}

Result<std::vector<ReportVersion>> ReportHistory(const Context& ctx, const Actor& actor, int year,
                                                 const std::string& county) {
  auto report = GetReport(ctx, actor, year, county);
  if (!report) return report.error();
  auto c = ctx.db.Acquire();
  std::vector<ReportVersion> out;
  c->Query("SELECT v.version, v.status, v.parts, v.days_late, v.comments, v.at, v.by_user, v.figures "
           "FROM county_report_versions v JOIN county_reports r ON r.id = v.report_id "
           "WHERE r.campaign_year = ? AND r.county_code = ? ORDER BY v.version",
           {int64_t(year), county}, [&](const storage::Row& r) {
             ReportVersion v;
             v.version = r.Int(0);
             v.status = dr::ParseReportStatus(r.TextView(1)).value_or(dr::ReportStatus::kDraft);
             v.parts = PartsFromJson(r.TextView(2));
             if (!r.IsNull(3)) v.days_late = int(r.Int(3));
             v.comments = r.OptText(4);
             v.at = r.Text(5);
             v.by = r.Text(6);
             v.figures = r.OptText(7).value_or("");
             out.push_back(std::move(v));
           });
  return out;
}

Result<std::vector<ReportListRow>> ListReports(const Context& ctx, const Actor& actor, int year) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, false);
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  std::vector<ReportListRow> out;
  for (const auto* county : ctx.tree.Counties()) {
    auto d = policy::CanReadCountyReport(actor.principal, county->code, ctx.tree);
    if (d == Decision::kForbidden) return policy::DecisionError(d);
    if (d != Decision::kAllow) continue;
    ReportListRow row{county->code, county->name, std::nullopt, std::nullopt, std::nullopt};
    if (auto stored = Load(*c, year, *county, *settings)) {
      row.status = stored->report.status;
      row.days_late = stored->report.days_late;
      row.submitted_at = stored->report.submitted_at;
    }
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::vector<ComparisonRow>> CompareCounties(const Context& ctx, const Actor& actor, int year, Date today) {
  if (auto d = policy::CanCompareCountyReports(actor.principal, ctx.tree); d != Decision::kAllow)
    return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, false);
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  std::vector<ComparisonRow> out;
  for (const auto* county : ctx.tree.Counties()) {
    ComparisonRow row{county->code, county->name, std::nullopt, std::nullopt, false, ""};
    if (auto stored = Load(*c, year, *county, *settings)) {
      row.status = stored->report.status;
      row.days_late = stored->report.days_late;
      row.frozen = !dr::CheckEditable(stored->report.status).ok() && !stored->report.figures.empty();
      if (row.frozen) row.figures = stored->report.figures;
    }
    if (!row.frozen) row.figures = boost::json::serialize(ComputeCountyFigures(*c, year, county->code, today));
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::string> ComparisonXlsx(const Context& ctx, const Actor& actor, int year, Date today) {
  auto rows = CompareCounties(ctx, actor, year, today);
  if (!rows) return rows.error();
  // Header, and the path of each figure in section 1's JSON.
  const std::vector<std::pair<std::string, std::vector<std::string>>> cols = {
      {"在册小区", {"estates", "registered"}},
      {"专业化物业管理小区", {"estates", "professional"}},
      {"户数", {"estates", "households"}},
      {"培育名单小区", {"cultivation", "size"}},
      {"满意度前5%", {"cultivation", "top_satisfaction"}},
      {"投诉率后5%", {"cultivation", "bottom_complaints"}},
      {"红色管家示范", {"cultivation", "demonstration"}},
      {"增补", {"cultivation", "added"}},
      {"培育任务", {"cultivation", "tasks", "assigned"}},
      {"已完成任务", {"cultivation", "tasks", "done"}},
      {"逾期任务", {"cultivation", "tasks", "overdue"}},
      {"发放住户码", {"survey", "codes_issued"}},
      {"有效问卷", {"survey", "responses"}},
      {"参与率(%)", {"survey", "response_rate_pct"}},
      {"满意度指数", {"survey", "satisfaction_index"}},
      {"有效投诉", {"complaints", "count"}},
      {"每千户投诉", {"complaints", "per_1000_households"}},
      {"物业费收缴率(%)", {"fees", "rate_pct"}},
      {"收到申报", {"applications", "received"}},
  };
  io::XlsxSheet sheet{"县区对比", {}, {}};
  for (const char* h : {"县（市、区）", "区划代码", "报告状态", "按时/逾期", "数据"})
    sheet.columns.push_back({h, 14, {}, false});
  for (const auto& [h, path] : cols) sheet.columns.push_back({h, 12, {}, true});
  for (const auto& r : *rows) {
    std::vector<std::string> cells = {r.county_name, r.county_code,
                                      r.status ? std::string(dr::ReportStatusNameZh(*r.status)) : "未开始",
                                      r.days_late ? dr::LatenessZh(*r.days_late) : "",
                                      r.frozen ? "提交时" : "实时"};
    boost::system::error_code ec;
    auto fig = boost::json::parse(r.figures, ec);
    for (const auto& [h, path] : cols) {
      const boost::json::value* v = ec ? nullptr : &fig;
      for (const auto& k : path) v = v && v->is_object() ? v->as_object().if_contains(k) : nullptr;
      cells.push_back(!v || v->is_null() ? "" : v->is_string() ? std::string(v->as_string()) : boost::json::serialize(*v));
    }
    sheet.rows.push_back(std::move(cells));
  }
  sheet.validation_rows = 0;
  auto bytes = io::WriteXlsx(sheet);
  if (!bytes) return bytes.error();
  auto c = ctx.db.Acquire();
  audit::AppendAudit(*c, {actor.user_id, actor.username, "report.comparison.export",
                          "report:" + std::to_string(year) + ":comparison", std::nullopt,
                          boost::json::serialize(boost::json::object{{"rows", rows->size()}, {"format", "xlsx"}}),
                          actor.client, "ok"});
  return std::move(*bytes);
}

}  // namespace meihao::service::reports

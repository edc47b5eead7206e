// The city's overview of the county lists, and the selection export.
#include <boost/json.hpp>
#include <map>

#include "domain/campaigns/phases.h"
#include "io/table_writer.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/evaluation/level_results.h"
#include "service/selection/selection.h"
#include "service/selection/selection_internal.h"

namespace meihao::service::selection {
namespace {

using namespace internal;
using policy::Decision;

}  // namespace

Result<SelectionOverview> GetSelectionOverview(const Context& ctx, const Actor& actor, int year, Date today) {
  const auto& p = actor.principal;
  const auto& root = ctx.tree.Root().code;
  if (auto d = policy::CanReadLevel(p, policy::Level::kCity, root, ctx.tree); d != Decision::kAllow)
    return policy::DecisionError(d);
  auto settings = campaigns::GetCampaign(ctx, year);
  if (!settings) return settings.error();
  SelectionOverview out;
  out.year = year;
  out.deadline = settings->deadlines.county_list.ToString();
  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);
  for (const auto* county : ctx.tree.Counties()) {
    // A county administrator reads the city level for its own county only.
    if (p.role == policy::Role::kCountyAdmin && !ctx.tree.IsWithin(county->code, p.scope)) continue;
    auto r = service::evaluation::ComputeLevelResults(*c, year, policy::Level::kCounty, county->code);
    if (!r) return r.error();
    CountySelectionSummary s;
    s.county_code = county->code;
    s.county_name = county->name;
    s.managed_estates = r->managed_estates;
    s.quota = r->quota;
    s.applications = static_cast<int64_t>(r->applications.size());
    for (const auto& a : r->applications) {
      s.evaluated += a.evaluation.evaluated;
      s.eligible += a.evaluation.evaluated && a.evaluation.eligible;
    }
    if (auto stored = LoadList(*c, year, policy::Level::kCounty, county->code)) {
      s.status = stored->status;
      s.short_list = stored->short_list;
      s.explanation = stored->explanation;
      s.quota = stored->quota;
      s.published_on = stored->published_on.ToString();
      s.late = domain::campaigns::IsLate(settings->deadlines.county_list, stored->published_on);
      for (const auto& e : LoadEntries(*c, ctx.tree, year, policy::Level::kCounty, county->code))
        s.listed += e.status == "listed";
    } else {
      auto list = WouldBeList(*r, LoadChanges(*c, *r), ctx.tree);
      s.listed = static_cast<int64_t>(list.size());
      s.short_list = s.listed < s.quota;
      s.late = domain::campaigns::IsLate(settings->deadlines.county_list, today);
    }
    out.counties.push_back(std::move(s));
  }
  return out;
}

namespace {

const char* const kPrincipleKeys[] = {"P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"};

}  // namespace

Result<std::string> ExportSelection(const Context& ctx, const Actor& actor, int year, const std::string& level,
                                    const std::string& unit, const std::string& format) {
  auto l = ParseLevelKey(level);
  if (!l) return l.error();
  if (format != "csv" && format != "xlsx")
    return Error::Invalid("export.format", "导出格式应为 csv 或 xlsx", "format must be csv or xlsx", "format");
  const auto& p = actor.principal;
  if (policy::CanReadLevel(p, *l, ctx.tree.Root().code, ctx.tree) == Decision::kForbidden)
    return policy::DecisionError(Decision::kForbidden);
  std::vector<LevelRef> units;
  if (*l == policy::Level::kCounty && unit.empty() && p.role != policy::Role::kCountyAdmin) {
    for (const auto* d : ctx.tree.Counties())
      if (policy::CanReadLevel(p, *l, d->code, ctx.tree) == Decision::kAllow) units.push_back({*l, d->code, d->name});
  } else {
    auto ref = ResolveUnit(ctx, actor, *l, unit);
    if (!ref) return ref.error();
    if (auto d = policy::CanReadLevel(p, ref->level, ref->unit_code, ctx.tree); d != Decision::kAllow)
      return policy::DecisionError(d);
    units.push_back(*ref);
  }
  if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();
  const bool xlsx = format == "xlsx";
  auto yes_no = [&](bool b) { return std::string(xlsx ? (b ? "是" : "否") : (b ? "yes" : "no")); };
  auto pass_fail = [&](bool b) { return std::string(xlsx ? (b ? "通过" : "不通过") : (b ? "pass" : "fail")); };
  auto outcome_text = [&](const std::string& key) -> std::string {
    if (!xlsx) return key;
    if (key == "listed") return "入选";
    if (key == "removed_after_objection") return "异议成立，已撤销";
    if (key == "not_listed") return "未入选";
    return "未排名";
  };
  auto status_text = [&](const std::string& key) -> std::string {
    if (!xlsx) return key;
    return key == "final" ? "已定稿" : key == "published" ? "公示中" : "未发布";
  };

  std::vector<std::vector<std::string>> rows;
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  for (const auto& ref : units) {
    auto r = service::evaluation::ComputeLevelResults(*c, year, ref.level, ref.unit_code);
    if (!r) return r.error();
    auto stored = LoadList(*c, year, ref.level, ref.unit_code);
    std::map<int64_t, std::string> entry_status;  // application id → listed | removed
    if (stored) {
      for (const auto& e : LoadEntries(*c, ctx.tree, year, ref.level, ref.unit_code))
        entry_status[e.application_id] = e.status;
    } else {
      for (const auto& e : WouldBeList(*r, LoadChanges(*c, *r), ctx.tree)) entry_status[e.application_id] = "listed";
    }
    const std::string list_status = stored ? stored->status : "draft";
    std::vector<size_t> order(r->ranking.begin(), r->ranking.end());
    for (size_t i = 0; i < r->applications.size(); ++i)
      if (!r->applications[i].placed) order.push_back(i);
    for (size_t i : order) {
      const auto& a = r->applications[i];
      // A county reading the city level sees its own applications, once the city list is published.
      if (p.role == policy::Role::kCountyAdmin && ref.level == policy::Level::kCity &&
          (!stored || !ctx.tree.IsWithin(a.county_code, p.scope)))
        continue;
      std::string outcome = "not_ranked";
      if (auto it = entry_status.find(a.application_id); it != entry_status.end())
        outcome = it->second == "removed" ? "removed_after_objection" : "listed";
      else if (a.placed)
        outcome = "not_listed";
      std::vector<std::string> row{std::string(policy::LevelKey(ref.level)),
                                   ref.unit_code,
                                   ref.unit_name,
                                   status_text(list_status),
                                   std::to_string(a.application_id),
                                   a.estate_code,
                                   a.estate_name,
                                   a.county_code,
                                   CountyName(ctx.tree, a.county_code),
                                   a.evaluation.score_text,
                                   a.placed ? std::to_string(a.placed->rank) : std::string(),
                                   yes_no(a.evaluation.eligible),
                                   yes_no(a.evaluation.evaluated),
                                   std::to_string(a.evaluation.submitted)};
      for (int k = 0; k < domain::evaluation::kPrincipleCount; ++k) row.push_back(pass_fail(a.evaluation.principles[k].passed));
      row.push_back(outcome_text(outcome));
      rows.push_back(std::move(row));
    }
  }
  std::vector<std::string> keys{"level",       "unit_code",   "unit_name", "list_status", "application_id",
                                "estate_code", "estate_name", "county_code", "county_name", "score",
                                "rank",        "eligible",    "evaluated", "sheets"};
  std::vector<std::string> zh{"级别",     "单位代码", "单位",     "名单状态", "申报编号", "小区编码", "小区名称",
                              "县（市、区）代码", "县（市、区）", "得分", "排名", "符合原则要求", "评审完成",
                              "已提交评分表"};
  for (const char* k : kPrincipleKeys) {
    keys.push_back(k);
    zh.push_back(std::string("原则") + k);
  }
  keys.push_back("outcome");
  zh.push_back("结果");
  const size_t row_count = rows.size();
  std::string out;
  if (!xlsx) {
    out = io::WriteCsv(keys, rows, true);
  } else {
    io::XlsxSheet sheet{"评选结果", {}, std::move(rows)};
    for (const auto& h : zh) sheet.columns.push_back({h, 14, {}, h == "排名" || h == "已提交评分表"});
    sheet.validation_rows = 0;
    auto bytes = io::WriteXlsx(sheet);
    if (!bytes) return bytes.error();
    out = std::move(*bytes);
  }
  audit::AppendAudit(*c, {actor.user_id, actor.username, "selection.export",
                   "selection:" + std::to_string(year) + ":" + std::string(policy::LevelKey(*l)) +
                       (unit.empty() ? std::string() : ":" + unit),
                   std::nullopt,
                   boost::json::serialize(boost::json::object{{"rows", row_count}, {"format", format}}), actor.client,
                   "ok"});
  tx.Commit();
  return out;
}

}  // namespace meihao::service::selection

#include "service/setup/setup.h"

#include <stdexcept>

#include "common/clock.h"
#include "common/crypto.h"
#include "common/resources.h"
#include "domain/setup/demo_data.h"
#include "domain/setup/demo_records.h"
#include "io/table_writer.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/registry/estate_sql.h"
#include "service/indicators/record_import.h"
#include "service/accounts/users.h"
#include "service/cases/cases.h"

namespace meihao::service::setup {

const domain::registry::DivisionTree& BuiltinDivisions() {
  static const domain::registry::DivisionTree tree = [] {
    auto csv = resources::find("jiangmen-divisions.csv");
    if (!csv) throw std::logic_error("divisions list not embedded");
    auto t = domain::registry::DivisionTree::FromCsv(*csv);
    if (!t) throw std::logic_error("embedded divisions list is invalid: " + t.error().message_en);
    return std::move(t).value();
  }();
  return tree;
}

void PrepareDatabase(storage::Database& db, const domain::registry::DivisionTree& tree) {
  db.Migrate();
  auto c = db.Acquire();
  storage::Transaction tx(*c, true);
  std::vector<const domain::registry::Division*> order{&tree.Root()};
  for (size_t i = 0; i < order.size(); ++i)
    for (const auto* child : tree.Children(order[i]->code)) order.push_back(child);
  // Every command opens the database this way: when nothing differs nothing
  // is written, and the commit costs no fsync.
  for (const auto* d : order) {
    c->Exec("INSERT INTO divisions(code, name, level, parent_code) VALUES (?,?,?,?) "
            "ON CONFLICT(code) DO UPDATE SET name = excluded.name WHERE divisions.name <> excluded.name",
            {d->code, d->name, std::string(domain::registry::LevelKey(d->level)),
             d->parent_code.empty() ? storage::Null() : storage::Value(d->parent_code)});
  }
  tx.Commit();
}

Result<std::string> CreateFirstAdmin(const Context& ctx, std::string password) {
  if (password.empty()) password = crypto::RandomPassword();
  accounts::NewUser u{"admin", "市级管理员", "city_admin", ctx.tree.Root().code, password, true};
  auto r = accounts::CreateUser(ctx, Actor::System(), u);
  if (!r) return r.error();
  return password;
}

const std::vector<DemoUser>& DemoUsers() {
  static const std::vector<DemoUser> users = {
      {"city_admin", "city_admin", "440700", "demo-city-2023", "市住建局（演示）"},
      {"county_admin", "county_admin", "440703", "demo-county-2023", "蓬江区住建局（演示）"},
      {"county_admin_xh", "county_admin", "440705", "demo-county-2023", "新会区住建局（演示）"},
      {"street_staff", "street_staff", "440703001", "demo-street-2023", "环市街道（演示）"},
      {"evaluator", "evaluator", "440700", "demo-eval-2023", "第三方评审专家（演示）"},
      // Enough evaluators for one application to be trimmed (5 or more, rules.md §6).
      {"evaluator2", "evaluator", "440700", "demo-eval-2023", "第三方评审专家二（演示）"},
      {"evaluator3", "evaluator", "440700", "demo-eval-2023", "第三方评审专家三（演示）"},
      {"evaluator4", "evaluator", "440700", "demo-eval-2023", "第三方评审专家四（演示）"},
      {"evaluator5", "evaluator", "440700", "demo-eval-2023", "第三方评审专家五（演示）"},
      {"auditor", "auditor", "440700", "demo-audit-2023", "审计员（演示）"},
  };
  return users;
}

namespace {

constexpr uint64_t kDemoSeed = 2023;

// Imports one demo sheet as if a clerk had uploaded it as a .csv file: the
// same checks, keys, counts and audit record as a real import.
Result<size_t> ImportDemoSheet(const Context& ctx, indicators::RecordKind kind, const Table& sheet, const std::string& name) {
  const std::string bytes = io::WriteCsv(sheet.header, sheet.rows, false);
  const registry::ImportReport r = indicators::ImportRecords(ctx, Actor::System(), kind, bytes, "演示数据-" + name + ".csv", false);
  if (!r.error) return r.rows;
  Error e = *r.error;
  if (!r.problems.empty()) {  // a generator bug: name the first problem
    const auto& p = r.problems.front();
    e.message_en += " (demo " + std::string(indicators::RecordKindKey(kind)) + " row " + std::to_string(p.row) + ", " + p.column +
                    " '" + p.value + "': " + p.message_en + ")";
  }
  return e;
}

// The demo campaign with rules.md's defaults (kept as it is when it exists),
// then its records, dated around the campaign's own assessment window.
Status LoadDemoCampaign(const Context& ctx, const std::vector<domain::registry::Estate>& estates, DemoSummary& out) {
  auto campaign = campaigns::GetCampaign(ctx, kDemoCampaignYear);
  if (!campaign) {
    campaign = campaigns::CreateCampaign(ctx, Actor::System(), kDemoCampaignYear);
    if (!campaign) return campaign.error();
  }
  out.campaign_year = kDemoCampaignYear;
  const auto records = domain::setup::GenerateDemoRecords(estates, campaign->reference_date, campaign->fee_year, kDemoSeed);
  const std::tuple<indicators::RecordKind, const Table&, std::string, size_t&> sheets[] = {
      {indicators::RecordKind::kComplaints, records.complaints, "12345热线投诉记录", out.complaints},
      {indicators::RecordKind::kSatisfaction, records.satisfaction, "第三方满意度测评结果", out.satisfaction},
      {indicators::RecordKind::kFees, records.fees, "物业费收缴", out.fees},
      {indicators::RecordKind::kPenalties, records.penalties, "行政处罚", out.penalties}};
  for (const auto& [kind, sheet, name, count] : sheets) {
    if (sheet.rows.empty()) continue;  // an import of a header alone is refused
    auto n = ImportDemoSheet(ctx, kind, sheet, name);
    if (!n) return n.error();
    count = *n;
  }
  return OkStatus();
}

}  // namespace

Result<DemoSummary> LoadDemo(const Context& ctx, size_t count) {
  DemoSummary summary;
  auto estates = domain::setup::GenerateDemoEstates(ctx.tree, count, kDemoSeed);
  auto c = ctx.db.Acquire();
  {
    storage::Transaction tx(*c, true);
    registry::EstateWriter writer(*c, BusinessNowIso());
    writer.Preload();
    for (const auto& e : estates) writer.Upsert(e);
    writer.Flush();
    audit::AppendAudit(*c, {std::nullopt, "system", "demo.load", "estates", std::nullopt,
                     "{\"estates\":" + std::to_string(estates.size()) + "}", "cli", "ok"});
    tx.Commit();
  }
  for (const auto& d : DemoUsers()) {
    if (accounts::FindUser(ctx, d.username)) continue;
    auto r = accounts::CreateUser(ctx, Actor::System(), {d.username, d.display_name, d.role, d.scope, d.password, false});
    if (!r) return r.error();
  }
  // A demo applicant for the first demo estate of 蓬江区.
  auto code = c->QueryText("SELECT code FROM estates WHERE county_code = ? ORDER BY code LIMIT 1",
                           {std::string("440703")});
  if (code && !accounts::FindUser(ctx, "applicant")) {
    auto r = accounts::CreateUser(ctx, Actor::System(), {"applicant", "红色管家（演示）", "applicant", *code, "demo-apply-2023", false});
    if (!r) return r.error();
  }
  summary.estates = estates.size();
  summary.users = DemoUsers().size() + 1;
  if (auto s = LoadDemoCampaign(ctx, estates, summary); !s) return s.error();
  // Typical cases in every status, on 2023-11-10 (issue 11 part 4).
  if (auto s = cases::SeedDemoCases(ctx, kDemoCampaignYear); !s) return s.error();
  return summary;
}

}  // namespace meihao::service::setup

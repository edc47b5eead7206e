// The county lists and the overview. Tasks, notes and photos: cultivation_tasks.cc.
#include "service/cultivation/cultivation.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "common/clock.h"
#include "domain/campaigns/phases.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/cultivation/cultivation_internal.h"
#include "service/registry/estate_sql.h"
#include "service/indicators/rankings.h"

namespace meihao::service::cultivation {
namespace {

using namespace internal;
using policy::Decision;

Error CountyNotFound() {
  return Error::NotFound("county.not_found", "县（市、区）不存在", "No such county");
}

const domain::registry::Division* FindCounty(const domain::registry::DivisionTree& tree, const std::string& code) {
  const auto* d = tree.Find(code);
  return d && d->level == domain::registry::Division::Level::kCounty ? d : nullptr;
}

// The county the caller's scope lies in (a county or one of its towns), if any.
std::string CountyOfScope(const domain::registry::DivisionTree& tree, const std::string& scope) {
  for (const auto* d : tree.Path(scope))
    if (d->level == domain::registry::Division::Level::kCounty) return d->code;
  return {};
}

struct ListHead {
  std::string confirmed_at, confirmed_by;
};
std::optional<ListHead> LoadHead(storage::Connection& c, int year, const std::string& county) {
  std::optional<ListHead> head;
  c.Query("SELECT confirmed_at, confirmed_by_name FROM cultivation_lists WHERE campaign_year = ? AND county_code = ?",
          {int64_t(year), county}, [&](const storage::Row& r) { head = ListHead{r.Text(0), r.Text(1)}; });
  return head;
}

// The rules' proposal for one county: its managed estates flagged for cultivation, by code.
std::vector<CultivationEntry> Proposed(const service::indicators::RankedCampaign& ranked, const std::string& county,
                                       const domain::registry::DivisionTree& tree) {
  std::vector<CultivationEntry> out;
  for (size_t i = 0; i < ranked.estates.size(); ++i)
    if (ranked.estates[i].county_code == county && ranked.standings[i].cultivation)
      out.push_back(EntryOf(ranked.estates[i], ranked.indicators[i], ranked.standings[i], tree));
  return out;
}

// Task counts of each confirmed entry.
void CountTasks(storage::Connection& c, int year, std::vector<CultivationEntry>& entries, Date today) {
  std::map<std::string, CultivationEntry*> by_code;
  for (auto& e : entries) by_code[e.estate_code] = &e;
  c.Query("SELECT estate_code, status, due_on FROM cultivation_tasks WHERE campaign_year = ?", {int64_t(year)},
          [&](const storage::Row& r) {
            auto it = by_code.find(r.Text(0));
            if (it == by_code.end()) return;
            auto status = domain::cultivation::ParseTaskStatus(r.TextView(1)).value();
            ++it->second->tasks_total;
            if (status == domain::cultivation::TaskStatus::kDone) ++it->second->tasks_done;
            if (domain::cultivation::IsOverdue(status, Date::Parse(r.TextView(2)).value_or(today), today))
              ++it->second->tasks_overdue;
          });
}

}  // namespace

Result<CultivationList> GetCultivationList(const Context& ctx, const Actor& actor, int year, std::string county,
                                           Date today) {
  if (policy::CanReadCultivation(actor.principal) != Decision::kAllow) return policy::DecisionError(Decision::kForbidden);
  if (county.empty()) county = CountyOfScope(ctx.tree, actor.principal.scope);
  if (county.empty())
    return Error::Invalid("county.required", "请选择县（市、区）", "Choose a county (?county=)", "county");
  const auto* division = FindCounty(ctx.tree, county);
  if (!division) return CountyNotFound();
  if (auto d = policy::CanReadCultivationList(actor.principal, county, ctx.tree); d != Decision::kAllow)
    return policy::DecisionError(d);
  if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();

  CultivationList list{year, county, division->name, false, std::nullopt, std::nullopt, {}};
  auto c = ctx.db.Acquire();
  if (auto head = LoadHead(*c, year, county)) {
    list.confirmed = true;
    list.confirmed_at = head->confirmed_at;
    list.confirmed_by = head->confirmed_by;
    c->Query(std::string(kEntrySelect) + " WHERE ce.campaign_year = ? AND ce.county_code = ? "
                                         "ORDER BY ce.source = 'added', ce.estate_code",
             {int64_t(year), county}, [&](const storage::Row& r) { list.estates.push_back(ReadEntry(r, ctx.tree)); });
    CountTasks(*c, year, list.estates, today);
  } else {
    auto ranked = service::indicators::RankCampaign(ctx, year);
    if (!ranked) return ranked.error();
    list.estates = Proposed(*ranked, county, ctx.tree);
  }
  // Street staff of one town see that town's part of the list.
  std::erase_if(list.estates, [&](const CultivationEntry& e) {
    return !policy::InScope(actor.principal, RefOfEntry(e), ctx.tree);
  });
  return list;
}

Result<CultivationList> ConfirmCultivationList(const Context& ctx, const Actor& actor, int year,
                                               const std::string& county, Date today) {
  if (auto d = policy::CanManageCultivation(actor.principal, county, ctx.tree); d != Decision::kAllow)
    return d == Decision::kForbidden || FindCounty(ctx.tree, county) ? policy::DecisionError(d) : CountyNotFound();
  const auto* division = FindCounty(ctx.tree, county);
  if (!division) return CountyNotFound();
  auto ranked = service::indicators::RankCampaign(ctx, year);  // also 404 without the campaign
  if (!ranked) return ranked.error();
  if (auto s = domain::campaigns::RequirePhase(ranked->settings, domain::campaigns::PhaseKey::kCultivate, today); !s) return s.error();

  CultivationList list{year, county, division->name, true, BusinessNowIso(), ActorName(actor),
                       Proposed(*ranked, county, ctx.tree)};
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  if (LoadHead(*c, year, county))
    return Error::Conflict("cultivation.confirmed", "本县（市、区）的重点培育名单已经确认，如需增补请逐个添加并说明理由",
                           "This county's cultivation list is confirmed already; add estates one by one with a reason");
  c->Exec("INSERT INTO cultivation_lists(campaign_year, county_code, confirmed_at, confirmed_by, confirmed_by_name) "
          "VALUES (?,?,?,?,?)",
          {int64_t(year), county, *list.confirmed_at,
           actor.user_id ? storage::Value(*actor.user_id) : storage::Null(), *list.confirmed_by});
  boost::json::array codes;
  for (auto& e : list.estates) {
    e.listed_at = list.confirmed_at;
    InsertEntry(*c, year, county, e, *list.confirmed_at, actor);
    codes.push_back(boost::json::string(e.estate_code));
  }
  audit::AppendAudit(*c, {actor.user_id, actor.username, "cultivation.confirm",
                   "cultivation:" + std::to_string(year) + ":" + county, std::nullopt,
                   boost::json::serialize(boost::json::object{{"campaign", year}, {"county", county},
                                                              {"estates", std::move(codes)}}),
                   actor.client, "ok"});
  tx.Commit();
  return list;
}

Result<CultivationEntry> AddCultivationEstate(const Context& ctx, const Actor& actor, int year,
                                              const std::string& county, const std::string& estate_code,
                                              const std::string& reason, Date today) {
  if (auto d = policy::CanManageCultivation(actor.principal, county, ctx.tree); d != Decision::kAllow)
    return d == Decision::kForbidden || FindCounty(ctx.tree, county) ? policy::DecisionError(d) : CountyNotFound();
  auto settings = campaigns::GetCampaign(ctx, year);
  if (!settings) return settings.error();
  if (auto s = domain::campaigns::RequirePhase(*settings, domain::campaigns::PhaseKey::kCultivate, today); !s) return s.error();
  auto why = domain::cultivation::CheckReason(reason);
  if (!why) return why.error();
  auto c = ctx.db.Acquire();
  auto estate = registry::LoadVisible(*c, ctx, actor, estate_code);
  if (!estate) return estate.error();
  if (estate->estate.county_code != county)
    return Error::Invalid("cultivation.estate.county", "该小区不属于本县（市、区），不能列入本县名单",
                          "This estate belongs to another county", "estate_code");
  if (!domain::registry::IsManaged(estate->estate.mode))
    return Error::Invalid("cultivation.estate.unmanaged", "无物业管理的小区不能列入重点培育名单（名单只含有物业管理的小区）",
                          "Only managed estates can be on the cultivation list", "estate_code");

  auto ranked = service::indicators::RankCampaign(ctx, year);
  if (!ranked) return ranked.error();
  auto it = std::find_if(ranked->estates.begin(), ranked->estates.end(),
                         [&](const domain::registry::Estate& e) { return e.code == estate_code; });
  if (it == ranked->estates.end()) return Error::Internal("listed estate missing from the ranking");
  size_t i = size_t(it - ranked->estates.begin());
  CultivationEntry entry = EntryOf(ranked->estates[i], ranked->indicators[i], ranked->standings[i], ctx.tree);
  entry.source = "added";
  entry.reason = *why;
  entry.listed_at = BusinessNowIso();

  storage::Transaction tx(*c, true);
  if (!LoadHead(*c, year, county))
    return Error::Conflict("cultivation.not_confirmed", "请先确认本县（市、区）的重点培育名单，再增补小区",
                           "Confirm the county's list before adding estates");
  if (c->QueryInt("SELECT 1 FROM cultivation_entries WHERE campaign_year = ? AND estate_code = ?",
                  {int64_t(year), estate_code}))
    return Error::Conflict("cultivation.estate.listed", "该小区已在重点培育名单中", "This estate is on the list already",
                           "estate_code");
  InsertEntry(*c, year, county, entry, *entry.listed_at, actor);
  audit::AppendAudit(*c, {actor.user_id, actor.username, "cultivation.estate.add", "estate:" + estate_code, std::nullopt,
                   boost::json::serialize(boost::json::object{{"campaign", year}, {"county", county},
                                                              {"reason", entry.reason}}),
                   actor.client, "ok"});
  tx.Commit();
  return entry;
}

Result<CultivationOverview> GetCultivationOverview(const Context& ctx, const Actor& actor, int year, Date today) {
  if (policy::CanReadCultivation(actor.principal) != Decision::kAllow) return policy::DecisionError(Decision::kForbidden);
  if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();
  const auto& p = actor.principal;
  CultivationOverview out{year, today, {}, {}};
  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);
  std::map<std::string, bool> confirmed;
  c->Query("SELECT county_code FROM cultivation_lists WHERE campaign_year = ?", {int64_t(year)},
           [&](const storage::Row& r) { confirmed[r.Text(0)] = true; });
  std::map<std::string, std::string> listed;  // estate → county, within the scope
  c->Query(std::string(kEntrySelect) + " WHERE ce.campaign_year = ?", {int64_t(year)}, [&](const storage::Row& r) {
    CultivationEntry e = ReadEntry(r, ctx.tree);
    if (policy::InScope(p, RefOfEntry(e), ctx.tree)) listed[e.estate_code] = e.county_code;
  });
  std::vector<CultivationTask> tasks;
  std::vector<domain::cultivation::TaskFacts> facts;
  c->Query(std::string(kTaskSelect) + " WHERE t.campaign_year = ? ORDER BY t.due_on, t.id", {int64_t(year)},
           [&](const storage::Row& r) {
             CultivationTask t = ReadTask(r);
             if (!listed.contains(t.estate_code)) return;
             facts.push_back({t.county_code, t.estate_code, t.status, t.due_on});
             if (domain::cultivation::IsOverdue(t.status, t.due_on, today)) out.overdue.push_back(std::move(t));
           });
  snapshot.Commit();
  auto progress = domain::cultivation::ProgressByCounty(listed, facts, today);
  for (const auto* county : ctx.tree.Counties()) {
    if (!ctx.tree.IsWithin(county->code, p.scope) && !ctx.tree.IsWithin(p.scope, county->code)) continue;
    out.counties.push_back({county->code, county->name, confirmed.contains(county->code), progress[county->code]});
  }
  // Ordered by due date above: the longest overdue first.
  return out;
}

}  // namespace meihao::service::cultivation

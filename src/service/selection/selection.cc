// A level's list: the view, the changes, publishing and finalising.
// Objections: objections.cc; the overview and the export: selection_overview.cc.
#include "service/selection/selection.h"

#include <boost/json.hpp>
#include <map>

#include "common/clock.h"
#include "domain/selection/selection.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/evaluation/level_results.h"
#include "service/selection/selection_internal.h"

namespace meihao::service::selection {
namespace {

using namespace internal;
using policy::Decision;

std::string ObjectKey(int year, const LevelRef& ref) {
  return "selection:" + std::to_string(year) + ":" + std::string(policy::LevelKey(ref.level)) + ":" + ref.unit_code;
}

bool Undecided(const service::evaluation::ApplicationResult& a) {
  return !a.evaluation.evaluated || (a.evaluation.disagreement && !a.disagreement_reviewed);
}

std::vector<SelectionBlocker> BlockersOf(const service::evaluation::LevelResults& r) {
  std::vector<SelectionBlocker> out;
  for (const auto& a : r.applications) {
    if (!Undecided(a)) continue;
    out.push_back({a.application_id, a.estate_code, a.estate_name,
                   a.evaluation.evaluated ? "disagreement_unreviewed" : "not_evaluated",
                   int64_t{a.evaluation.submitted}, int64_t{r.settings.min_evaluators}});
  }
  return out;
}

SelectionRow RowOf(const service::evaluation::ApplicationResult& a, const domain::registry::DivisionTree& tree) {
  SelectionRow row;
  row.application_id = a.application_id;
  row.estate_code = a.estate_code;
  row.estate_name = a.estate_name;
  row.county_code = a.county_code;
  row.county_name = CountyName(tree, a.county_code);
  row.town_code = a.town_code;
  row.town_name = TownName(tree, a.town_code);
  row.applicant_name = a.applicant_name;
  if (a.placed) {
    row.rank = a.placed->rank;
    row.proposed = a.placed->proposed;
    row.below_min_score = a.placed->below_min_score;
  }
  row.score = a.evaluation.score_text;
  if (a.automatic.satisfaction_index) row.satisfaction_index = a.automatic.satisfaction_index->Format(2);
  row.complaint_rate = a.automatic.complaint_rate.Format(2);
  row.submitted_at = a.submitted_at;
  row.assigned = a.assigned;
  row.submitted = a.evaluation.submitted;
  row.evaluated = a.evaluation.evaluated;
  row.eligible = a.evaluation.eligible;
  row.disagreement = a.evaluation.disagreement;
  row.disagreement_reviewed = a.disagreement_reviewed;
  return row;
}

// Builds the view inside the caller's transaction.
Result<Selection> BuildSelection(const Context& ctx, storage::Connection& c, int year, const LevelRef& ref,
                                 Date today, bool can_manage) {
  auto r = service::evaluation::ComputeLevelResults(c, year, ref.level, ref.unit_code);
  if (!r) return r.error();
  Selection s;
  s.year = year;
  s.level = ref.level;
  s.unit_code = ref.unit_code;
  s.unit_name = ref.unit_name;
  s.managed_estates = r->managed_estates;
  s.quota_percent = r->settings.quota_percent;
  s.quota = r->quota;
  s.target = TargetOf(*r);
  s.min_score = r->settings.min_score;
  s.city_target = r->settings.city_target;
  s.min_evaluators = r->settings.min_evaluators;
  s.can_manage = can_manage;
  for (size_t i : r->ranking) s.ranking.push_back(RowOf(r->applications[i], ctx.tree));
  for (const auto& a : r->applications)
    if (!a.placed) s.ranking.push_back(RowOf(a, ctx.tree));

  auto stored = LoadList(c, year, ref.level, ref.unit_code);
  if (stored) {
    s.status = stored->status;
    s.short_list = stored->short_list;
    s.explanation = stored->explanation;
    s.window = stored->Window();
    if (domain::selection::InPublicity(*s.window, today)) s.days_left = s.window->last.DayNumber() - today.DayNumber() + 1;
    s.published_at = stored->published_at;
    s.finalised_at = stored->finalised_at;
    s.quota = stored->quota;  // as published
    s.list = LoadEntries(c, ctx.tree, year, ref.level, ref.unit_code);
    s.changes = LoadChanges(c, *r);
    s.objections = LoadObjections(c, year, ref.level, ref.unit_code, false);
  } else {
    s.changes = LoadChanges(c, *r);
    s.list = WouldBeList(*r, s.changes, ctx.tree);
    s.blockers = BlockersOf(*r);
    s.short_list = s.target && static_cast<int64_t>(s.list.size()) < *s.target;
  }
  std::map<int64_t, bool> listed;
  for (const auto& e : s.list) listed[e.application_id] = e.status == "listed";
  for (auto& row : s.ranking) row.listed = listed[row.application_id];
  return s;
}

struct Authorised {
  LevelRef ref;
  domain::campaigns::CampaignSettings settings;
};

// Level, unit, the manage check and the campaign, in that order.
Result<Authorised> AuthoriseManage(const Context& ctx, const Actor& actor, int year, const std::string& level,
                                   const std::string& unit) {
  auto l = ParseLevelKey(level);
  if (!l) return l.error();
  // A role that may never manage learns nothing about units (403 before 404).
  if (policy::CanManageLevel(actor.principal, *l, ctx.tree.Root().code, ctx.tree) == Decision::kForbidden)
    return policy::DecisionError(Decision::kForbidden);
  auto ref = ResolveUnit(ctx, actor, *l, unit);
  if (!ref) return ref.error();
  if (auto d = policy::CanManageLevel(actor.principal, ref->level, ref->unit_code, ctx.tree); d != Decision::kAllow)
    return policy::DecisionError(d);
  auto settings = campaigns::GetCampaign(ctx, year);
  if (!settings) return settings.error();
  return Authorised{std::move(*ref), std::move(*settings)};
}

Error Published() {
  return Error::Conflict("selection.published", "名单已发布公示，不能再调整；公示期间只能通过异议处理使小区退出名单",
                         "The list is published; only an upheld objection can take an estate off it now");
}

}  // namespace

Result<Selection> GetSelection(const Context& ctx, const Actor& actor, int year, const std::string& level,
                               const std::string& unit, Date today) {
  auto l = ParseLevelKey(level);
  if (!l) return l.error();
  const auto& p = actor.principal;
  if (policy::CanReadLevel(p, *l, ctx.tree.Root().code, ctx.tree) == Decision::kForbidden)
    return policy::DecisionError(Decision::kForbidden);  // the role, before any unit
  auto ref = ResolveUnit(ctx, actor, *l, unit);
  if (!ref) return ref.error();
  if (auto d = policy::CanReadLevel(p, ref->level, ref->unit_code, ctx.tree); d != Decision::kAllow)
    return policy::DecisionError(d);
  if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();
  const bool manage = policy::CanManageLevel(p, ref->level, ref->unit_code, ctx.tree) == Decision::kAllow;
  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);
  auto s = BuildSelection(ctx, *c, year, *ref, today, manage);
  if (!s) return s.error();
  if (!manage && p.role == policy::Role::kCountyAdmin && ref->level == policy::Level::kCity) {
    // A county reads the city level's results for its own applications, and only once published.
    auto mine = [&](const std::string& county) { return s->status != "draft" && ctx.tree.IsWithin(county, p.scope); };
    std::erase_if(s->ranking, [&](const SelectionRow& row) { return !mine(row.county_code); });
    std::erase_if(s->list, [&](const SelectionEntry& e) { return !mine(e.county_code); });
    std::map<int64_t, bool> own;
    for (const auto& row : s->ranking) own[row.application_id] = true;
    std::erase_if(s->objections, [&](const ObjectionView& o) { return !own.count(o.application_id); });
    s->changes.clear();
    s->blockers.clear();
  }
  return s;
}

Result<Selection> AddSelectionChange(const Context& ctx, const Actor& actor, int year, const std::string& level,
                                     const std::string& unit, int64_t application_id, const std::string& change,
                                     const std::string& reason, Date today) {
  auto auth = AuthoriseManage(ctx, actor, year, level, unit);
  if (!auth) return auth.error();
  if (auto st = RequireDecidePhase(auth->settings, auth->ref.level, today); !st) return st.error();
  if (change != "add" && change != "remove")
    return Error::Invalid("selection.change.value", "调整类型应为 add（增补）或 remove（撤下）",
                          "change must be add or remove", "change");
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  if (LoadList(*c, year, auth->ref.level, auth->ref.unit_code)) return Published();
  auto r = service::evaluation::ComputeLevelResults(*c, year, auth->ref.level, auth->ref.unit_code);
  if (!r) return r.error();
  const service::evaluation::ApplicationResult* app = nullptr;
  for (const auto& a : r->applications)
    if (a.application_id == application_id) app = &a;
  if (!app)
    return Error::NotFound("application.not_found", "该申报不在本级评选范围内", "No such application at this level");
  auto changes = LoadChanges(*c, *r);
  for (const auto& ch : changes)
    if (ch.application_id == application_id)
      return Error::Conflict("selection.change.exists", "该小区已有一项调整，请先撤销原调整再重新调整",
                             "This application has a change already; withdraw it first", "application_id");
  bool listed = false;
  for (const auto& e : WouldBeList(*r, changes, ctx.tree)) listed |= e.application_id == application_id;
  Result<std::string> why = change == "add" ? domain::selection::CheckAddition(app->candidate, listed, r->settings.min_score, reason)
                                            : domain::selection::CheckRemoval(listed, reason);
  if (!why) return why.error();
  const std::string level_key(policy::LevelKey(auth->ref.level));
  c->Exec("INSERT INTO selection_changes(application_id, level, change, reason, changed_at, changed_by) "
          "VALUES (?,?,?,?,?,?)",
          {application_id, level_key, change, *why, BusinessNowIso(), ActorId(actor)});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "selection.change." + change, "application:" + std::to_string(application_id),
                   std::nullopt,
                   boost::json::serialize(boost::json::object{{"campaign", year},
                                                              {"level", level_key},
                                                              {"unit", auth->ref.unit_code},
                                                              {"estate", app->estate_code},
                                                              {"reason", *why}}),
                   actor.client, "ok"});
  auto s = BuildSelection(ctx, *c, year, auth->ref, today, true);
  if (!s) return s.error();
  tx.Commit();
  BumpGeneration();
  return s;
}

Result<Selection> DeleteSelectionChange(const Context& ctx, const Actor& actor, int year, const std::string& level,
                                        const std::string& unit, int64_t application_id, Date today) {
  std::string unit_code = unit;
  auto l = ParseLevelKey(level);
  if (!l) return l.error();
  if (unit_code.empty() && *l == policy::Level::kCounty) {
    auto c = ctx.db.Acquire();
    unit_code = c->QueryText("SELECT county_code FROM applications WHERE id = ? AND campaign_year = ?",
                             {application_id, int64_t{year}})
                    .value_or("");
    if (unit_code.empty()) {
      if (policy::CanManageLevel(actor.principal, *l, ctx.tree.Root().code, ctx.tree) == Decision::kForbidden)
        return policy::DecisionError(Decision::kForbidden);
      return Error::NotFound("selection.change.not_found", "没有这项名单调整", "No such change");
    }
  }
  auto auth = AuthoriseManage(ctx, actor, year, level, unit_code);
  if (!auth) return auth.error();
  if (auto st = RequireDecidePhase(auth->settings, auth->ref.level, today); !st) return st.error();
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  if (LoadList(*c, year, auth->ref.level, auth->ref.unit_code)) return Published();
  auto r = service::evaluation::ComputeLevelResults(*c, year, auth->ref.level, auth->ref.unit_code);
  if (!r) return r.error();
  std::optional<SelectionChange> found;
  for (const auto& ch : LoadChanges(*c, *r))
    if (ch.application_id == application_id) found = ch;
  if (!found) return Error::NotFound("selection.change.not_found", "没有这项名单调整", "No such change");
  const std::string level_key(policy::LevelKey(auth->ref.level));
  c->Exec("DELETE FROM selection_changes WHERE application_id = ? AND level = ?", {application_id, level_key});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "selection.change.withdraw",
                   "application:" + std::to_string(application_id),
                   boost::json::serialize(boost::json::object{{"campaign", year},
                                                              {"level", level_key},
                                                              {"unit", auth->ref.unit_code},
                                                              {"estate", found->estate_code},
                                                              {"change", found->change},
                                                              {"reason", found->reason}}),
                   std::nullopt, actor.client, "ok"});
  auto s = BuildSelection(ctx, *c, year, auth->ref, today, true);
  if (!s) return s.error();
  tx.Commit();
  BumpGeneration();
  return s;
}

Result<Selection> PublishSelection(const Context& ctx, const Actor& actor, int year, const std::string& level,
                                   const std::string& unit, const std::string& explanation, Date today) {
  auto auth = AuthoriseManage(ctx, actor, year, level, unit);
  if (!auth) return auth.error();
  if (auto st = RequireDecidePhase(auth->settings, auth->ref.level, today); !st) return st.error();
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  if (LoadList(*c, year, auth->ref.level, auth->ref.unit_code))
    return Error::Conflict("selection.published", "名单已经发布，不能重复发布", "The list is published already");
  auto r = service::evaluation::ComputeLevelResults(*c, year, auth->ref.level, auth->ref.unit_code);
  if (!r) return r.error();
  auto blockers = BlockersOf(*r);
  if (!blockers.empty()) {
    std::string zh, en;
    size_t shown = 0;
    for (const auto& b : blockers) {
      if (shown++ == 10) break;
      if (!zh.empty()) zh += "、";
      if (!en.empty()) en += ", ";
      zh += b.estate_name + (b.code == "not_evaluated" ? "（评审未完成：已提交 " + std::to_string(b.submitted) + "/" +
                                                            std::to_string(b.required) + " 份）"
                                                      : "（评分分歧较大，尚未复核）");
      en += b.estate_code + (b.code == "not_evaluated" ? " (not evaluated)" : " (disagreement not reviewed)");
    }
    if (blockers.size() > 10) {
      zh += " 等 " + std::to_string(blockers.size()) + " 个";
      en += " and " + std::to_string(blockers.size() - 10) + " more";
    }
    return Error::Conflict("selection.undecided", "还有申报尚未评定，不能发布名单：" + zh,
                           "Every application must be decided before publishing: " + en);
  }
  auto changes = LoadChanges(*c, *r);
  auto list = WouldBeList(*r, changes, ctx.tree);
  const auto target = TargetOf(*r);
  const auto listed = static_cast<int64_t>(list.size());
  auto why = domain::selection::CheckShortfallExplanation(explanation, listed, target.value_or(listed));
  if (!why) return why.error();
  const bool short_list = target && listed < *target;
  const std::string level_key(policy::LevelKey(auth->ref.level));
  const std::string now = BusinessNowIso();
  c->Exec(
      "INSERT INTO selection_lists(campaign_year, level, unit_code, status, quota, explanation, short, published_on, "
      "publicity_days, published_at, published_by) VALUES (?,?,?,'published',?,?,?,?,?,?,?)",
      {int64_t{year}, level_key, auth->ref.unit_code, r->quota, *why, int64_t{short_list ? 1 : 0}, today.ToString(),
       int64_t{r->settings.publicity_days}, now, ActorId(actor)});
  boost::json::array estates;
  for (const auto& e : list) {
    c->Exec(
        "INSERT INTO selection_entries(campaign_year, level, unit_code, application_id, estate_code, position, rank, "
        "score, source, reason, status) VALUES (?,?,?,?,?,?,?,?,?,?,'listed')",
        {int64_t{year}, level_key, auth->ref.unit_code, e.application_id, e.estate_code, e.position,
         e.rank ? storage::Value(*e.rank) : storage::Null(), e.score, e.source, e.reason});
    estates.push_back(boost::json::object{{"estate", e.estate_code}, {"score", e.score}, {"source", e.source}});
  }
  audit::AppendAudit(*c, {actor.user_id, actor.username, "selection.publish", ObjectKey(year, auth->ref), std::nullopt,
                   boost::json::serialize(boost::json::object{{"quota", r->quota},
                                                              {"short", short_list},
                                                              {"explanation", *why},
                                                              {"published_on", today.ToString()},
                                                              {"publicity_days", r->settings.publicity_days},
                                                              {"entries", std::move(estates)}}),
                   actor.client, "ok"});
  auto s = BuildSelection(ctx, *c, year, auth->ref, today, true);
  if (!s) return s.error();
  tx.Commit();
  BumpGeneration();
  return s;
}

Result<Selection> FinaliseSelection(const Context& ctx, const Actor& actor, int year, const std::string& level,
                                    const std::string& unit, Date today) {
  auto auth = AuthoriseManage(ctx, actor, year, level, unit);
  if (!auth) return auth.error();
  if (auto st = RequireResolvePhase(auth->settings, auth->ref.level, today); !st) return st.error();
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto stored = LoadList(*c, year, auth->ref.level, auth->ref.unit_code);
  if (!stored)
    return Error::Conflict("selection.not_published", "名单尚未发布公示，不能定稿", "The list is not published yet");
  if (stored->status == "final")
    return Error::Conflict("selection.final", "名单已经定稿", "The list is final already");
  const std::string level_key(policy::LevelKey(auth->ref.level));
  const int64_t open = c->QueryInt(
                            "SELECT COUNT(*) FROM objections WHERE campaign_year = ? AND level = ? AND unit_code = ? "
                            "AND status = 'open'",
                            {int64_t{year}, level_key, auth->ref.unit_code})
                           .value_or(0);
  if (auto st = domain::selection::CheckFinalise(stored->Window(), today, open); !st) return st.error();
  const std::string now = BusinessNowIso();
  c->Exec("UPDATE selection_lists SET status = 'final', finalised_at = ?, finalised_by = ? "
          "WHERE campaign_year = ? AND level = ? AND unit_code = ?",
          {now, ActorId(actor), int64_t{year}, level_key, auth->ref.unit_code});
  const int64_t listed = c->QueryInt(
                              "SELECT COUNT(*) FROM selection_entries WHERE campaign_year = ? AND level = ? AND "
                              "unit_code = ? AND status = 'listed'",
                              {int64_t{year}, level_key, auth->ref.unit_code})
                             .value_or(0);
  audit::AppendAudit(*c, {actor.user_id, actor.username, "selection.finalise", ObjectKey(year, auth->ref),
                   boost::json::serialize(boost::json::object{{"status", "published"}}),
                   boost::json::serialize(boost::json::object{{"status", "final"}, {"listed", listed}}), actor.client,
                   "ok"});
  auto s = BuildSelection(ctx, *c, year, auth->ref, today, true);
  if (!s) return s.error();
  tx.Commit();
  BumpGeneration();
  return s;
}

}  // namespace meihao::service::selection

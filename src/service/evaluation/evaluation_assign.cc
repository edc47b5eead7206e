// Affiliations, the assignable evaluators, assignments (by hand and in bulk)
// and declared conflicts (service/evaluation/evaluation.h).
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <set>

#include "common/clock.h"
#include "common/text.h"
#include "domain/evaluation/conflicts.h"
#include "domain/registry/uscc.h"
#include "service/audit/audit.h"
#include "service/evaluation/evaluation.h"
#include "service/evaluation/evaluation_internal.h"

namespace meihao::service::evaluation {
namespace {

using namespace internal;
using policy::Decision;
namespace json = boost::json;

constexpr size_t kMaxIdsPerRequest = 200;
constexpr size_t kMaxNoteChars = 200;

std::string LabelOf(storage::Connection& c, const domain::registry::DivisionTree& tree, const std::string& kind,
                    const std::string& value) {
  if (kind == "estate") return c.QueryText("SELECT name FROM estates WHERE code = ?", {value}).value_or("");
  if (kind == "company") return c.QueryText("SELECT name FROM companies WHERE uscc = ?", {value}).value_or("");
  const auto* d = tree.Find(value);
  return d ? d->name : "";
}

std::vector<EvaluatorAffiliation> LoadAffiliations(storage::Connection& c, const domain::registry::DivisionTree& tree,
                                                   int64_t user_id) {
  std::vector<EvaluatorAffiliation> out;
  c.Query("SELECT id, kind, value, note, declared_at FROM evaluator_affiliations WHERE user_id = ? ORDER BY id",
          {user_id}, [&](const storage::Row& r) {
            out.push_back({r.Int(0), r.Text(1), r.Text(2), "", r.Text(3), r.Text(4)});
          });
  for (auto& a : out) a.label = LabelOf(c, tree, a.kind, a.value);
  return out;
}

json::object AffiliationJson(const EvaluatorAffiliation& a) {
  return {{"id", a.id}, {"kind", a.kind}, {"value", a.value}, {"note", a.note}};
}

std::string UpperAscii(std::string s) {
  for (auto& ch : s) ch = char(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

struct EvaluatorFacts {
  bool assignable = false;
  std::string name;
  std::vector<domain::evaluation::Affiliation> affiliations;
};

EvaluatorFacts LoadEvaluatorFacts(storage::Connection& c, const domain::registry::DivisionTree& tree, int64_t id,
                                  const std::string& unit) {
  EvaluatorFacts f;
  c.Query("SELECT role, disabled, scope_code, display_name FROM users WHERE id = ?", {id},
          [&](const storage::Row& r) {
            f.assignable = r.Text(0) == "evaluator" && !r.Bool(1) && tree.IsWithin(unit, r.Text(2));
            f.name = r.Text(3);
          });
  c.Query("SELECT kind, value FROM evaluator_affiliations WHERE user_id = ?", {id}, [&](const storage::Row& r) {
    if (auto k = domain::evaluation::ParseAffiliationKind(r.TextView(0))) f.affiliations.push_back({*k, r.Text(1)});
  });
  return f;
}

// County level: submitted. City level: listed on a county's final list.
bool ApplicationReady(storage::Connection& c, policy::Level level, const AppRow& app) {
  if (app.status != "submitted") return false;
  if (level == policy::Level::kCounty) return true;
  return c
      .QueryInt("SELECT 1 FROM selection_entries se JOIN selection_lists sl ON sl.campaign_year = se.campaign_year "
                "AND sl.level = se.level AND sl.unit_code = se.unit_code WHERE se.application_id = ? "
                "AND se.campaign_year = ? AND se.level = 'county' AND se.status = 'listed' AND sl.status = 'final'",
                {app.id, int64_t(app.year)})
      .has_value();
}

Error ApplicationNotFound(int64_t id) {
  return Error::NotFound("application.not_found",
                         "申报（编号 " + std::to_string(id) + "）不存在，或不在您的管辖范围内",
                         "No application " + std::to_string(id) + ", or it lies outside your scope");
}

Result<std::vector<int64_t>> CheckIds(const std::vector<int64_t>& ids, const std::string& field,
                                      const std::string& what_zh) {
  std::vector<int64_t> out;
  std::set<int64_t> seen;
  for (int64_t id : ids)
    if (seen.insert(id).second) out.push_back(id);
  if (out.empty() || out.size() > kMaxIdsPerRequest)
    return Error::Invalid("assignment." + field, "请选择1至200个" + what_zh,
                          field + " must list 1 to 200 ids", field);
  return out;
}

}  // namespace

// ---- Affiliations ----------------------------------------------------------------

Result<std::vector<EvaluatorAffiliation>> ListAffiliations(const Context& ctx, const Actor& actor) {
  if (auto d = policy::CanDeclareAffiliations(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  return LoadAffiliations(*c, ctx.tree, actor.user_id.value_or(0));
}

Result<EvaluatorAffiliation> DeclareAffiliation(const Context& ctx, const Actor& actor, const AffiliationInput& in) {
  if (auto d = policy::CanDeclareAffiliations(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  auto kind = domain::evaluation::ParseAffiliationKind(in.kind);
  if (!kind)
    return Error::Invalid("affiliation.kind", "关联类型 kind 须为 estate（小区）、company（物业服务企业）或 town（镇街）",
                          "kind must be estate, company or town", "kind");
  std::string value = Trim(in.value);
  const std::string note = Trim(in.note);
  if (!IsValidUtf8(note) || CodePointCount(note) > kMaxNoteChars)
    return Error::Invalid("affiliation.note", "备注最多200个字", "note: at most 200 characters", "note");
  auto c = ctx.db.Acquire();
  switch (*kind) {
    case domain::evaluation::AffiliationKind::kEstate:
      if (!c->QueryInt("SELECT 1 FROM estates WHERE code = ? AND deleted_at IS NULL", {value}))
        return Error::Invalid("affiliation.estate", "小区编码“" + value + "”不存在，请核对",
                              "No estate with code " + value, "value");
      break;
    case domain::evaluation::AffiliationKind::kCompany:
      value = UpperAscii(value);
      if (!domain::registry::IsValidUscc(value))
        return Error::Invalid("affiliation.company", "统一社会信用代码“" + value + "”不正确（应为18位，且校验位正确）",
                              "Not a valid unified social credit code", "value");
      break;
    case domain::evaluation::AffiliationKind::kTown: {
      const auto* d = ctx.tree.Find(value);
      if (!d || d->level != domain::registry::Division::Level::kTown)
        return Error::Invalid("affiliation.town", "镇（街道）代码“" + value + "”不存在，请核对",
                              "No town with code " + value, "value");
      break;
    }
  }
  const int64_t user_id = actor.user_id.value_or(0);
  EvaluatorAffiliation a{0, std::string(domain::evaluation::AffiliationKindKey(*kind)), value, "", note, BusinessNowIso()};
  storage::Transaction tx(*c, true);
  if (c->QueryInt("SELECT 1 FROM evaluator_affiliations WHERE user_id = ? AND kind = ? AND value = ?",
                  {user_id, a.kind, a.value}))
    return Error::Conflict("affiliation.exists", "该关联关系已申报过", "This affiliation is declared already", "value");
  c->Exec("INSERT INTO evaluator_affiliations(user_id, kind, value, note, declared_at) VALUES (?,?,?,?,?)",
          {user_id, a.kind, a.value, a.note, a.declared_at});
  a.id = *c->QueryInt("SELECT id FROM evaluator_affiliations WHERE user_id = ? AND kind = ? AND value = ?",
                      {user_id, a.kind, a.value});
  a.label = LabelOf(*c, ctx.tree, a.kind, a.value);
  audit::AppendAudit(*c, {actor.user_id, actor.username, "affiliation.declare", "user:" + std::to_string(user_id),
                   std::nullopt, json::serialize(AffiliationJson(a)), actor.client, "ok"});
  tx.Commit();
  return a;
}

Status RemoveAffiliation(const Context& ctx, const Actor& actor, int64_t id) {
  if (auto d = policy::CanDeclareAffiliations(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  const int64_t user_id = actor.user_id.value_or(0);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  std::optional<EvaluatorAffiliation> a;
  c->Query("SELECT id, kind, value, note, declared_at FROM evaluator_affiliations WHERE id = ? AND user_id = ?",
           {id, user_id}, [&](const storage::Row& r) {
             a = EvaluatorAffiliation{r.Int(0), r.Text(1), r.Text(2), "", r.Text(3), r.Text(4)};
           });
  if (!a)
    return Error::NotFound("affiliation.not_found", "该关联关系不存在", "No such affiliation of yours");
  c->Exec("DELETE FROM evaluator_affiliations WHERE id = ?", {id});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "affiliation.remove", "user:" + std::to_string(user_id),
                   json::serialize(AffiliationJson(*a)), std::nullopt, actor.client, "ok"});
  tx.Commit();
  return OkStatus();
}

// ---- Assignable evaluators -------------------------------------------------------

Result<std::vector<AssignableEvaluator>> ListAssignableEvaluators(const Context& ctx, const Actor& actor, int year,
                                                                  std::string unit) {
  const auto& p = actor.principal;
  if (unit.empty()) {
    const auto* d = ctx.tree.Find(p.scope);
    if (d && d->level != domain::registry::Division::Level::kTown) unit = d->code;
  }
  if (unit.empty())
    return Error::Invalid("unit.required", "请指定县（市、区）或市级代码 unit", "Give unit (a county or the city code)",
                          "unit");
  const auto* division = ctx.tree.Find(unit);
  if (!division || division->level == domain::registry::Division::Level::kTown)
    return Error::Invalid("unit.invalid", "unit 须为县（市、区）代码或市级代码 " + ctx.tree.Root().code,
                          "unit must be a county code or the city code", "unit");
  const auto level = division->level == domain::registry::Division::Level::kCity ? policy::Level::kCity : policy::Level::kCounty;
  if (auto d = policy::CanManageLevel(p, level, unit, ctx.tree); d != Decision::kAllow) return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);
  if (auto s = CampaignOf(*c, year); !s) return s.error();
  std::vector<AssignableEvaluator> out;
  c->Query("SELECT id, username, display_name, scope_code FROM users WHERE role = 'evaluator' AND disabled = 0 "
           "ORDER BY id",
           {}, [&](const storage::Row& r) {
             if (!ctx.tree.IsWithin(unit, r.Text(3))) return;
             out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), {}, 0, 0, 0});
           });
  std::map<int64_t, AssignableEvaluator*> by_id;
  for (auto& e : out) {
    by_id[e.id] = &e;
    e.affiliations = LoadAffiliations(*c, ctx.tree, e.id);
  }
  c->Query("SELECT s.evaluator_id, s.level, COUNT(*), SUM(CASE WHEN sh.status = 'submitted' THEN 0 ELSE 1 END) "
           "FROM assignments s JOIN applications a ON a.id = s.application_id "
           "LEFT JOIN score_sheets sh ON sh.application_id = s.application_id AND sh.level = s.level "
           "AND sh.evaluator_id = s.evaluator_id WHERE a.campaign_year = ? GROUP BY s.evaluator_id, s.level",
           {int64_t(year)}, [&](const storage::Row& r) {
             auto it = by_id.find(r.Int(0));
             if (it == by_id.end()) return;
             (r.Text(1) == "county" ? it->second->assigned_county : it->second->assigned_city) += r.Int(2);
             it->second->open += r.Int(3);
           });
  snapshot.Commit();
  return out;
}

// ---- Assignments ----------------------------------------------------------------------

Result<AssignOutcome> Assign(const Context& ctx, const Actor& actor, int year, const AssignRequest& req, Date today) {
  auto level = LevelOf(req.level);
  if (!level) return level.error();
  const auto& p = actor.principal;
  if (policy::CanManageLevel(p, *level, "", ctx.tree) == Decision::kForbidden)
    return policy::DecisionError(Decision::kForbidden);
  auto app_ids = CheckIds(req.application_ids, "application_ids", "申报");
  if (!app_ids) return app_ids.error();
  auto evaluator_ids = CheckIds(req.evaluator_ids, "evaluator_ids", "评审专家");
  if (!evaluator_ids) return evaluator_ids.error();
  const std::string level_key(policy::LevelKey(*level));
  const bool city = *level == policy::Level::kCity;

  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  std::vector<AppRow> apps;
  for (int64_t id : *app_ids) {
    auto app = LoadApp(*c, id);
    if (!app || app->year != year) return ApplicationNotFound(id);
    auto d = policy::CanManageLevel(p, *level, UnitOf(*level, app->county_code, ctx.tree), ctx.tree);
    if (d == Decision::kForbidden) return policy::DecisionError(d);
    if (d != Decision::kAllow) return ApplicationNotFound(id);
    apps.push_back(std::move(*app));
  }
  if (auto s = domain::campaigns::RequirePhase(*settings, PhaseOf(*level), today); !s) return s.error();

  AssignOutcome out;
  std::vector<std::pair<const AppRow*, int64_t>> to_create;
  std::map<std::pair<int64_t, std::string>, EvaluatorFacts> facts_of;  // (evaluator, unit) → facts
  for (const auto& app : apps) {
    const std::string unit = UnitOf(*level, app.county_code, ctx.tree);
    const bool ready = ApplicationReady(*c, *level, app);
    for (int64_t ev : *evaluator_ids) {
      auto it = facts_of.find({ev, unit});
      if (it == facts_of.end()) it = facts_of.emplace(std::pair{ev, unit}, LoadEvaluatorFacts(*c, ctx.tree, ev, unit)).first;
      const EvaluatorFacts& f = it->second;
      domain::evaluation::PairFacts facts;
      facts.estate_code = app.estate_code;
      facts.company_uscc = app.company_uscc;
      facts.town_code = app.town_code;
      facts.application_ready = ready;
      facts.evaluator_assignable = f.assignable;
      facts.affiliations = f.affiliations;
      facts.declared_conflict =
          c->QueryInt("SELECT 1 FROM declared_conflicts WHERE application_id = ? AND level = ? AND evaluator_id = ?",
                      {app.id, level_key, ev})
              .has_value();
      facts.already_assigned =
          c->QueryInt("SELECT 1 FROM assignments WHERE application_id = ? AND level = ? AND evaluator_id = ?",
                      {app.id, level_key, ev})
              .has_value();
      const auto decision = domain::evaluation::DecidePair(facts, city);
      PairRefusal r{app.id, ev, decision.code, decision.reason_zh, decision.reason_en};
      switch (decision.verdict) {
        case domain::evaluation::PairVerdict::kAssign: to_create.emplace_back(&app, ev); break;
        case domain::evaluation::PairVerdict::kSkip: out.skipped.push_back(std::move(r)); break;
        case domain::evaluation::PairVerdict::kRefuse: out.refused.push_back(std::move(r)); break;
      }
    }
  }
  if (!out.refused.empty()) return out;  // all or nothing: the transaction rolls back unwritten

  const std::string now = BusinessNowIso();
  json::array created;
  for (const auto& [app, ev] : to_create) {
    c->Exec("INSERT INTO assignments(application_id, level, evaluator_id, assigned_at, assigned_by) VALUES (?,?,?,?,?)",
            {app->id, level_key, ev, now, UserIdOf(actor)});
    AssignmentInfo info;
    info.id = *c->QueryInt("SELECT id FROM assignments WHERE application_id = ? AND level = ? AND evaluator_id = ?",
                           {app->id, level_key, ev});
    info.application_id = app->id;
    info.evaluator_id = ev;
    info.level = level_key;
    info.evaluator_name = c->QueryText("SELECT display_name FROM users WHERE id = ?", {ev}).value_or("");
    info.estate_code = app->estate_code;
    info.estate_name = app->estate_name;
    info.county_code = app->county_code;
    info.assigned_at = now;
    created.push_back(json::object{{"id", info.id}, {"application", app->id}, {"evaluator", ev}});
    out.created.push_back(std::move(info));
  }
  if (!out.created.empty()) {
    json::array skipped;
    for (const auto& s : out.skipped) skipped.push_back(json::object{{"application", s.application_id}, {"evaluator", s.evaluator_id}});
    audit::AppendAudit(*c, {actor.user_id, actor.username, "assignment.create",
                     "campaign:" + std::to_string(year) + ":" + level_key, std::nullopt,
                     json::serialize(json::object{{"level", level_key}, {"created", std::move(created)},
                                                  {"skipped", std::move(skipped)}}),
                     actor.client, "ok"});
    tx.Commit();
  }
  return out;
}

Status Unassign(const Context& ctx, const Actor& actor, int year, int64_t assignment_id, Date today) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto row = LoadAssignment(*c, assignment_id);
  Decision d = policy::CanManageLevel(actor.principal, row ? row->level : policy::Level::kCounty,
                                      row ? UnitOf(row->level, row->app.county_code, ctx.tree) : "", ctx.tree);
  if (d == Decision::kForbidden) return policy::DecisionError(d);
  if (!row || row->app.year != year || d != Decision::kAllow) return AssignmentNotFound();
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  if (auto s = domain::campaigns::RequirePhase(*settings, PhaseOf(row->level), today); !s) return s.error();
  if (SheetStatus(*c, row->app.id, row->info.level, row->info.evaluator_id) == "submitted") return SheetSubmitted();
  c->Exec("DELETE FROM score_sheets WHERE application_id = ? AND level = ? AND evaluator_id = ?",
          {row->app.id, row->info.level, row->info.evaluator_id});
  c->Exec("DELETE FROM assignments WHERE id = ?", {assignment_id});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "assignment.delete", "assignment:" + std::to_string(assignment_id),
                   json::serialize(json::object{{"application", row->app.id},
                                                {"level", row->info.level},
                                                {"evaluator", row->info.evaluator_id}}),
                   std::nullopt, actor.client, "ok"});
  tx.Commit();
  return OkStatus();
}

Status DeclareConflict(const Context& ctx, const Actor& actor, int year, int64_t assignment_id,
                       const std::string& reason, Date today) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto row = LoadAssignment(*c, assignment_id);
  const bool mine = row && row->app.year == year && actor.user_id && row->info.evaluator_id == *actor.user_id;
  if (auto d = policy::CanScore(actor.principal, mine); d != Decision::kAllow)
    return d == Decision::kForbidden ? policy::DecisionError(d) : AssignmentNotFound();
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  if (auto s = domain::campaigns::RequirePhase(*settings, PhaseOf(row->level), today); !s) return s.error();
  auto why = CheckReasonText(reason, "conflict.reason", "reason", "回避理由");
  if (!why) return why.error();
  if (SheetStatus(*c, row->app.id, row->info.level, row->info.evaluator_id) == "submitted") return SheetSubmitted();
  c->Exec("DELETE FROM score_sheets WHERE application_id = ? AND level = ? AND evaluator_id = ?",
          {row->app.id, row->info.level, row->info.evaluator_id});
  c->Exec("DELETE FROM assignments WHERE id = ?", {assignment_id});
  c->Exec("INSERT INTO declared_conflicts(application_id, level, evaluator_id, reason, declared_at) VALUES (?,?,?,?,?)",
          {row->app.id, row->info.level, row->info.evaluator_id, *why, BusinessNowIso()});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "assignment.conflict", "assignment:" + std::to_string(assignment_id),
                   json::serialize(json::object{{"application", row->app.id},
                                                {"level", row->info.level},
                                                {"evaluator", row->info.evaluator_id}}),
                   json::serialize(json::object{{"reason", *why}}), actor.client, "ok"});
  tx.Commit();
  return OkStatus();
}

}  // namespace meihao::service::evaluation

// The managers' results matrix and the review of flagged disagreements
// (service/evaluation/evaluation.h), built on service::evaluation::ComputeLevelResults.
#include <boost/json.hpp>
#include <map>

#include "common/clock.h"
#include "service/audit/audit.h"
#include "service/evaluation/evaluation.h"

#include <algorithm>
#include "service/evaluation/evaluation_internal.h"
#include "service/evaluation/level_results.h"

namespace meihao::service::evaluation {
namespace {

using namespace internal;
using policy::Decision;
namespace json = boost::json;

// The unit of a level: "" → the caller's county (county level) or the city.
Result<std::string> UnitFor(const domain::registry::DivisionTree& tree, const policy::Principal& p, policy::Level level,
                            std::string unit) {
  if (level == policy::Level::kCity) {
    if (unit.empty()) unit = tree.Root().code;
    if (unit != tree.Root().code)
      return Error::Invalid("unit.invalid", "市级评审的 unit 须为市级代码 " + tree.Root().code,
                            "At city level the unit is the city code", "unit");
    return unit;
  }
  if (unit.empty())
    for (const auto* d : tree.Path(p.scope))
      if (d->level == domain::registry::Division::Level::kCounty) unit = d->code;
  if (unit.empty())
    return Error::Invalid("unit.required", "请选择县（市、区）unit", "Choose a county (unit=)", "unit");
  const auto* d = tree.Find(unit);
  if (!d || d->level != domain::registry::Division::Level::kCounty)
    return Error::NotFound("unit.not_found", "县（市、区）不存在", "No such county");
  return unit;
}

}  // namespace

Result<Matrix> GetMatrix(const Context& ctx, const Actor& actor, int year, const std::string& level_key,
                         std::string unit_in) {
  auto level = LevelOf(level_key);
  if (!level) return level.error();
  const auto& p = actor.principal;
  // The role first: evaluators and applicants never see a matrix, whatever they ask.
  if (policy::CanReadLevel(p, *level, "", ctx.tree) == Decision::kForbidden)
    return policy::DecisionError(Decision::kForbidden);
  auto unit = UnitFor(ctx.tree, p, *level, unit_in);
  if (!unit) return unit.error();
  if (auto d = policy::CanReadLevel(p, *level, *unit, ctx.tree); d != Decision::kAllow) return policy::DecisionError(d);

  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);
  auto results = ComputeLevelResults(*c, year, *level, *unit);
  if (!results) return results.error();
  Matrix m;
  m.year = year;
  m.level = std::string(policy::LevelKey(*level));
  m.unit_code = *unit;
  if (const auto* d = ctx.tree.Find(*unit)) m.unit_name = d->name;
  m.min_evaluators = results->settings.min_evaluators;
  m.disagreement_stddev = results->settings.disagreement_stddev;
  m.managed_estates = results->managed_estates;
  m.quota = results->quota;
  // A county administrator reads the city level for its own county's
  // applications, and only once the city list is published (policy.h).
  std::string only_county;
  bool hide_all = false;
  if (*level == policy::Level::kCity && p.role == policy::Role::kCountyAdmin) {
    m.cut_to_county = true;
    for (const auto* d : ctx.tree.Path(p.scope))
      if (d->level == domain::registry::Division::Level::kCounty) only_county = d->code;
    hide_all = only_county.empty() ||
               !c->QueryInt("SELECT 1 FROM selection_lists WHERE campaign_year = ? AND level = 'city' AND unit_code = ?",
                            {int64_t(year), *unit});
  }

  // Each assigned evaluator's sheet status, and the review notes.
  std::map<int64_t, std::vector<MatrixEvaluator>> evaluators;
  c->Query("SELECT s.application_id, s.evaluator_id, COALESCE(u.display_name, ''), COALESCE(sh.status, ''), s.id "
           "FROM assignments s JOIN applications a ON a.id = s.application_id "
           "LEFT JOIN users u ON u.id = s.evaluator_id "
           "LEFT JOIN score_sheets sh ON sh.application_id = s.application_id AND sh.level = s.level "
           "AND sh.evaluator_id = s.evaluator_id WHERE s.level = ? AND a.campaign_year = ? "
           "ORDER BY s.application_id, s.evaluator_id",
           {m.level, int64_t(year)}, [&](const storage::Row& r) {
             const std::string st = r.Text(3);
             evaluators[r.Int(0)].push_back({r.Int(1), r.Int(4), r.Text(2),
                                             st == "submitted" ? "submitted" : st == "draft" ? "draft" : "to_do", {}});
           });
  std::map<int64_t, std::string> notes;
  c->Query("SELECT application_id, note FROM disagreement_reviews WHERE level = ?", {m.level},
           [&](const storage::Row& r) { notes[r.Int(0)] = r.Text(1); });
  snapshot.Commit();

  if (hide_all) return m;
  for (const auto& a : results->applications) {
    if (!only_county.empty() && a.county_code != only_county) continue;
    MatrixRow row;
    row.application_id = a.application_id;
    row.estate_code = a.estate_code;
    row.estate_name = a.estate_name;
    row.county_code = a.county_code;
    if (const auto* county = ctx.tree.Find(a.county_code)) row.county_name = county->name;
    row.town_code = a.town_code;
    row.applicant_name = a.applicant_name;
    row.submitted_at = a.submitted_at;
    row.assigned = a.assigned;
    row.submitted = a.evaluation.submitted;
    row.evaluators = evaluators[a.application_id];
    for (auto& e : row.evaluators)
      for (const auto& s : a.sheets)
        if (s.evaluator_id == e.evaluator_id) e.total = s.total.Format(2);
    row.score = a.evaluation.score_text;
    row.stddev = a.evaluation.stddev_text;
    row.trimmed = a.evaluation.trimmed;
    row.disagreement = a.evaluation.disagreement;
    row.reviewed = a.disagreement_reviewed;
    if (auto it = notes.find(a.application_id); it != notes.end()) row.review_note = it->second;
    row.evaluated = a.evaluation.evaluated;
    row.eligible = a.evaluation.eligible;
    for (int i = 0; i < domain::evaluation::kPrincipleCount; ++i) {
      const auto& o = a.evaluation.principles[size_t(i)];
      row.principles.push_back({"P" + std::to_string(i + 1), o.automatic, o.evaluator, o.evaluator_passes, o.passed});
    }
    if (a.placed) {
      row.rank = a.placed->rank;
      row.proposed = a.placed->proposed;
    }
    m.rows.push_back(std::move(row));
  }
  // Ranked applications in rank order, then the others by application id (ComputeLevelResults' order).
  std::stable_sort(m.rows.begin(), m.rows.end(), [](const MatrixRow& x, const MatrixRow& y) {
    if (x.rank.has_value() != y.rank.has_value()) return x.rank.has_value();
    return x.rank && *x.rank < *y.rank;
  });
  return m;
}

Status ReviewDisagreement(const Context& ctx, const Actor& actor, int year, int64_t application_id,
                          const std::string& level_key, const std::string& note, Date today) {
  auto level = LevelOf(level_key);
  if (!level) return level.error();
  const auto& p = actor.principal;
  if (policy::CanManageLevel(p, *level, "", ctx.tree) == Decision::kForbidden)
    return policy::DecisionError(Decision::kForbidden);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto app = LoadApp(*c, application_id);
  const Error missing = Error::NotFound("application.not_found", "申报不存在，或不在您的管辖范围内",
                                        "No such application, or it lies outside your scope");
  if (!app || app->year != year) return missing;
  const std::string unit = UnitOf(*level, app->county_code, ctx.tree);
  if (auto d = policy::CanManageLevel(p, *level, unit, ctx.tree); d != Decision::kAllow)
    return d == Decision::kForbidden ? policy::DecisionError(d) : missing;
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  if (auto s = domain::campaigns::RequirePhase(*settings, PhaseOf(*level), today); !s) return s.error();
  auto text = CheckReasonText(note, "review.note", "note", "核查说明");
  if (!text) return text.error();
  auto results = ComputeLevelResults(*c, year, *level, unit);
  if (!results) return results.error();
  const ApplicationResult* found = nullptr;
  for (const auto& a : results->applications)
    if (a.application_id == application_id) found = &a;
  if (!found) return missing;  // not a candidate at this level
  if (!found->evaluation.disagreement)
    return Error::Conflict("evaluation.not_flagged", "该申报的评审分歧未被标记（各专家总分标准差未超过设定值），无需核查",
                           "The application is not flagged for disagreement");
  auto before = c->QueryText("SELECT note FROM disagreement_reviews WHERE application_id = ? AND level = ?",
                             {application_id, *level == policy::Level::kCounty ? "county" : "city"});
  c->Exec("INSERT INTO disagreement_reviews(application_id, level, note, reviewed_at, reviewed_by) VALUES (?,?,?,?,?) "
          "ON CONFLICT(application_id, level) DO UPDATE SET note = excluded.note, reviewed_at = excluded.reviewed_at, "
          "reviewed_by = excluded.reviewed_by",
          {application_id, std::string(policy::LevelKey(*level)), *text, BusinessNowIso(), UserIdOf(actor)});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "evaluation.disagreement.review",
                   "application:" + std::to_string(application_id),
                   before ? std::optional(json::serialize(json::object{{"note", *before}})) : std::nullopt,
                   json::serialize(json::object{{"level", std::string(policy::LevelKey(*level))},
                                                {"note", *text},
                                                {"stddev", found->evaluation.stddev_text}}),
                   actor.client, "ok"});
  tx.Commit();
  return OkStatus();
}

}  // namespace meihao::service::evaluation

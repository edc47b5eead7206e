#include "service/rubric/rubrics.h"

#include <boost/json.hpp>

#include "common/clock.h"
#include "domain/campaigns/campaign.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/registry/estate_sql.h"
#include "service/rubric/rubric_store.h"

namespace meihao::service::rubric {
namespace {

using policy::Decision;

Error UnitNotFound() {
  return Error::NotFound("rubric.unit.not_found", "评价标准的适用单位须为县（市、区）代码或市级代码",
                         "The unit must be a county code or the city code");
}

struct Unit {
  const domain::registry::Division* division = nullptr;
  policy::Level level = policy::Level::kCounty;
};

Result<Unit> ResolveUnit(const domain::registry::DivisionTree& tree, const std::string& code) {
  if (code.empty())
    return Error::Invalid("rubric.unit.required", "请指定评价标准的适用单位（县（市、区）或市级）",
                          "Give ?unit= (a county code or the city code)", "unit");
  const auto* d = tree.Find(code);
  if (!d || d->level == domain::registry::Division::Level::kTown) return UnitNotFound();
  return Unit{d, d->level == domain::registry::Division::Level::kCity ? policy::Level::kCity : policy::Level::kCounty};
}

// Whether the caller's scope overlaps the unit (the rubric is the form every
// role works with: applicants fill it in, evaluators score it).
bool MayRead(const Context& ctx, const Actor& actor, const Unit& unit) {
  const auto& p = actor.principal;
  if (unit.level == policy::Level::kCity) return true;
  if (p.role == policy::Role::kApplicant) {
    auto c = ctx.db.Acquire();
    auto estate = registry::LoadEstate(*c, ctx.tree, p.scope);
    return estate && estate->estate.county_code == unit.division->code;
  }
  return ctx.tree.IsWithin(unit.division->code, p.scope) || ctx.tree.IsWithin(p.scope, unit.division->code);
}

Result<UnitRubric> Load(storage::Connection& c, const Context& ctx, int year, const Unit& unit,
                        const domain::campaigns::CampaignSettings& settings, Date today) {
  UnitRubric out;
  out.year = year;
  out.unit_code = unit.division->code;
  out.unit_name = unit.division->name;
  out.level = unit.level;
  c.Query("SELECT r.refinement, r.version, r.updated_at, u.username FROM rubric_refinements r "
          "LEFT JOIN users u ON u.id = r.updated_by WHERE r.campaign_year = ? AND r.unit_code = ?",
          {int64_t(year), out.unit_code}, [&](const storage::Row& r) {
            out.refinement_json = r.Text(0);
            out.version = r.Int(1);
            out.updated_at = r.Text(2);
            out.updated_by = r.OptText(3);
          });
  auto refinement = domain::rubric::RefinementFromJson(out.refinement_json);
  if (!refinement) return Error::Internal("stored rubric refinement does not parse: " + refinement.error().message_en);
  out.refinement = *refinement;
  auto rubric = RubricFromJson(out.refinement_json);
  if (!rubric) return rubric.error();
  out.rubric = std::move(*rubric);
  out.maxima = domain::rubric::Maxima(out.rubric);
  out.frozen_by = unit.level == policy::Level::kCity ? domain::campaigns::PhaseKey::kCityReview : domain::campaigns::PhaseKey::kApply;
  out.frozen_from = settings.phase(out.frozen_by).from;
  out.frozen = today >= out.frozen_from;
  (void)ctx;
  return out;
}

std::string AuditJson(const UnitRubric& r) {
  boost::system::error_code ec;
  boost::json::value refinement =
      r.refinement_json.empty() ? boost::json::value(nullptr) : boost::json::parse(r.refinement_json, ec);
  return boost::json::serialize(boost::json::object{
      {"campaign", r.year}, {"unit", r.unit_code}, {"version", r.version}, {"refinement", refinement}});
}

}  // namespace

Result<UnitRubric> GetUnitRubric(const Context& ctx, const Actor& actor, int year, const std::string& unit_code,
                                 Date today) {
  auto unit = ResolveUnit(ctx.tree, unit_code);
  if (!unit) return unit.error();
  if (!MayRead(ctx, actor, *unit)) return policy::DecisionError(Decision::kNotFound);
  auto settings = campaigns::GetCampaign(ctx, year);
  if (!settings) return settings.error();
  auto c = ctx.db.Acquire();
  return Load(*c, ctx, year, *unit, *settings, today);
}

Result<UnitRubric> PutUnitRubric(const Context& ctx, const Actor& actor, int year, const std::string& unit_code,
                                 const std::string& refinement_json, int64_t version, bool reopen, Date today,
                                 std::vector<Error>* problems) {
  auto unit = ResolveUnit(ctx.tree, unit_code);
  if (!unit) return unit.error();
  if (auto d = policy::CanManageLevel(actor.principal, unit->level, unit->division->code, ctx.tree);
      d != Decision::kAllow)
    return policy::DecisionError(d);
  if (reopen && actor.principal.role != policy::Role::kCityAdmin)
    return Error::Forbidden("forbidden", "只有市级管理员可以重新开放已锁定的评价标准",
                            "Only the city administrator can reopen a frozen rubric");
  auto settings = campaigns::GetCampaign(ctx, year);
  if (!settings) return settings.error();
  if (unit->level == policy::Level::kCounty) {
    if (auto s = domain::campaigns::RequireSettingUnlocked(*settings, "rubric", today, reopen); !s) return s.error();
  } else if (!reopen) {
    // The city's own rubric is what its evaluators score the county winners
    // against: frozen when city_review opens, as the county's is when apply opens.
    const Date opened = settings->phase(domain::campaigns::PhaseKey::kCityReview).from;
    if (today >= opened) {
      Error e = Error::Forbidden(
          "settings.locked",
          "“市级评价”阶段已于" + opened.ToString() +
              "开始，市级选树参考标准细化已锁定，如需修改须由市级管理员重新开放",
          "The city's rubric is locked: the city review phase opened on " + opened.ToString() +
              "; only a city administrator can reopen it");
      e.field = "rubric";
      return e;
    }
  }
  auto refinement = domain::rubric::RefinementFromJson(refinement_json);
  if (!refinement) return refinement.error();
  if (auto errors = domain::rubric::ValidateRefinement(*refinement); !errors.empty()) {
    if (problems) *problems = errors;
    return errors.front();
  }
  const std::string stored = domain::rubric::RefinementToJson(*refinement);

  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto before = Load(*c, ctx, year, *unit, *settings, today);
  if (!before) return before.error();
  if (before->version != version)
    return Error::Conflict("rubric.version.stale", "评价标准已被他人修改，请刷新后重新编辑",
                           "Someone else changed this rubric; reload and edit again", "version");
  if (before->refinement_json == stored) return *before;  // nothing changes, nothing written
  const std::string now = BusinessNowIso();
  const storage::Value user = actor.user_id ? storage::Value(*actor.user_id) : storage::Null();
  if (before->version == 0)
    c->Exec("INSERT INTO rubric_refinements(campaign_year, unit_code, refinement, updated_at, updated_by, version) "
            "VALUES (?,?,?,?,?,1)",
            {int64_t(year), before->unit_code, stored, now, user});
  else
    c->Exec("UPDATE rubric_refinements SET refinement = ?, updated_at = ?, updated_by = ?, version = version + 1 "
            "WHERE campaign_year = ? AND unit_code = ?",
            {stored, now, user, int64_t(year), before->unit_code});
  auto after = Load(*c, ctx, year, *unit, *settings, today);
  if (!after) return after.error();
  audit::AppendAudit(*c, {actor.user_id, actor.username, reopen ? "rubric.refine.reopen" : "rubric.refine",
                   "rubric:" + std::to_string(year) + ":" + before->unit_code, AuditJson(*before), AuditJson(*after),
                   actor.client, "ok"});
  tx.Commit();
  return after;
}

}  // namespace meihao::service::rubric

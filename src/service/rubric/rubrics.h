// A unit's rubric (rules.md §6): the city's reference refined by a county
// (county level) or by the city for its own evaluation (city level), stored in
// rubric_refinements. Reading shows the effective rubric, the refinement, the
// resulting maxima and whether it is frozen; writing replaces the refinement
// as a whole under optimistic locking, audited with before and after.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/campaigns/phases.h"
#include "domain/rubric/rubric.h"
#include "policy/policy.h"
#include "service/context.h"

namespace meihao::service::rubric {

struct UnitRubric {
  int year = 0;
  std::string unit_code, unit_name;
  policy::Level level = policy::Level::kCounty;
  domain::rubric::Rubric rubric;  // the reference with the refinement applied
  domain::rubric::Refinement refinement;
  std::string refinement_json;  // as stored; "" = the reference
  std::vector<domain::rubric::SectionMaxima> maxima;
  // Frozen from the first day of apply (county) or city_review (city).
  domain::campaigns::PhaseKey frozen_by = domain::campaigns::PhaseKey::kApply;
  Date frozen_from;
  bool frozen = false;  // today ≥ frozen_from
  int64_t version = 0;  // 0 while nothing was ever stored
  std::optional<std::string> updated_at, updated_by;
};

// The unit is a county code or the city code (tree root); anything else is
// 404 rubric.unit.not_found, an empty one 400 rubric.unit.required. Every
// logged-in role may read a unit its scope overlaps (the applicant: its
// estate's county; every role: the city unit); otherwise 404 not_found.
// 404 campaign.not_found.
Result<UnitRubric> GetUnitRubric(const Context& ctx, const Actor& actor, int year, const std::string& unit,
                                 Date today);

// Replaces the unit's refinement (the JSON of domain::rubric::RefinementFromJson; an
// empty item list returns the unit to the reference). policy::CanManageLevel;
// frozen: 403 settings.locked (field rubric) — the county's through
// domain::campaigns::RequireSettingUnlocked("rubric"), the city's from city_review's first
// day — unless `reopen` by the city administrator (a county administrator's
// reopen is 403 forbidden). 400 with every ValidateRefinement problem in
// `problems` (the Error returned is the first); 409 rubric.version.stale when
// `version` is not the stored one. Audited "rubric.refine" (or
// "rubric.refine.reopen") with the refinement before and after.
Result<UnitRubric> PutUnitRubric(const Context& ctx, const Actor& actor, int year, const std::string& unit,
                                 const std::string& refinement_json, int64_t version, bool reopen, Date today,
                                 std::vector<Error>* problems);

}  // namespace meihao::service::rubric

// Where a level's rubric comes from: the unit's refinement of the city's
// reference (rubric_refinements; none stored = the reference itself). The
// county unit is the county code, the city unit the city code.
#pragma once

#include <string>

#include "common/result.h"
#include "domain/rubric/rubric.h"
#include "storage/database.h"

namespace meihao::service::rubric {

// The stored refinement JSON ("" when none) of (year, unit).
std::string LoadRefinementJson(storage::Connection& c, int year, const std::string& unit_code);
// The reference with a stored refinement JSON applied. Internal error when
// the stored text no longer parses or validates (it was validated on save).
Result<domain::rubric::Rubric> RubricFromJson(const std::string& refinement_json);
// Both together.
Result<domain::rubric::Rubric> LoadRubric(storage::Connection& c, int year, const std::string& unit_code);

}  // namespace meihao::service::rubric

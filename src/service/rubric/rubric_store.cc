#include "service/rubric/rubric_store.h"

namespace meihao::service::rubric {

std::string LoadRefinementJson(storage::Connection& c, int year, const std::string& unit_code) {
  return c.QueryText("SELECT refinement FROM rubric_refinements WHERE campaign_year = ? AND unit_code = ?",
                     {int64_t{year}, unit_code})
      .value_or("");
}

Result<domain::rubric::Rubric> RubricFromJson(const std::string& refinement_json) {
  auto refinement = domain::rubric::RefinementFromJson(refinement_json);
  if (!refinement) return Error::Internal("stored rubric refinement does not parse: " + refinement.error().message_en);
  auto rubric = domain::rubric::ApplyRefinement(*refinement);
  if (!rubric) return Error::Internal("stored rubric refinement is invalid: " + rubric.error().message_en);
  return rubric;
}

Result<domain::rubric::Rubric> LoadRubric(storage::Connection& c, int year, const std::string& unit_code) {
  return RubricFromJson(LoadRefinementJson(c, year, unit_code));
}

}  // namespace meihao::service::rubric

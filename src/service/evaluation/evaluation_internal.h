// Internal to the evaluation service files: the level's phase and unit,
// application and assignment rows, the rubric a sheet is scored against,
// and the errors they share.
#pragma once

#include <optional>
#include <string>

#include "domain/campaigns/campaign.h"
#include "domain/campaigns/phases.h"
#include "service/evaluation/evaluation.h"

namespace meihao::service::evaluation::internal {

// 400 level.invalid (field "level").
Result<policy::Level> LevelOf(const std::string& key);
// county level → county_review, city level → city_review.
domain::campaigns::PhaseKey PhaseOf(policy::Level l);
// The level's unit for an application of `county_code`.
std::string UnitOf(policy::Level l, const std::string& county_code, const domain::registry::DivisionTree& tree);

struct AppRow {
  int64_t id = 0;
  int year = 0;
  std::string estate_code, estate_name, county_code, town_code, company_uscc;
  std::string status, rubric, automatic, applicant_type, applicant_name, submitted_at;
};
std::optional<AppRow> LoadApp(storage::Connection& c, int64_t id);

// An assignment with its application.
struct AssignmentRow {
  AssignmentInfo info;
  policy::Level level = policy::Level::kCounty;
  AppRow app;
};
std::optional<AssignmentRow> LoadAssignment(storage::Connection& c, int64_t id);

// The rubric a sheet is scored against: county level → the application's
// frozen rubric; city level → the city's.
Result<domain::rubric::Rubric> RubricFor(storage::Connection& c, policy::Level l, const AppRow& app,
                                 const domain::registry::DivisionTree& tree);

// The sheet's status of (application, level, evaluator): "" when none.
std::string SheetStatus(storage::Connection& c, int64_t application_id, const std::string& level,
                        int64_t evaluator_id);

// The campaign inside the caller's transaction; 404 campaign.not_found.
Result<domain::campaigns::CampaignSettings> CampaignOf(storage::Connection& c, int year);

Error AssignmentNotFound();
Error SheetSubmitted();
// A reason of 2…500 characters after trimming; 400 `code` naming `field`.
Result<std::string> CheckReasonText(const std::string& text, const std::string& code, const std::string& field,
                                    const std::string& what_zh);

storage::Value UserIdOf(const Actor& a);

}  // namespace meihao::service::evaluation::internal

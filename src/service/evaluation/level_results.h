// A level's results (rules.md §5–§8), recomputed from what is stored every
// time they are needed — nothing derived is kept, so nothing can go stale:
// each submitted score sheet's exact total (domain::rubric::EvaluatorTotal, from its
// scores, the level's rubric and the application's frozen automatic
// results), each application's evaluation (domain::evaluation::Evaluate), and the
// ranking with the proposed list (domain::selection::RankCandidates).
//
// The candidates: at county level the county's submitted applications; at city
// level the applications listed on the counties' final lists. The county's
// changes to its list and the published lists are service/selection's.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/fraction.h"
#include "common/result.h"
#include "domain/campaigns/campaign.h"
#include "domain/evaluation/evaluation.h"
#include "domain/rubric/rubric.h"
#include "domain/selection/selection.h"
#include "policy/policy.h"
#include "service/evaluation/automatic_checks.h"
#include "service/context.h"

namespace meihao::service::evaluation {

// One submitted sheet.
struct SheetResult {
  int64_t evaluator_id = 0;
  std::string evaluator_name;  // display name
  Fraction total;              // exact, 0…100
  domain::evaluation::PrincipleFlags passed{};
  std::map<std::string, std::string> fail_reasons;  // "P3" → reason, failed principles only
  std::string submitted_at;
};

struct ApplicationResult {
  int64_t application_id = 0;
  std::string estate_code, estate_name, county_code, town_code;
  std::string applicant_type, applicant_name;
  std::string submitted_at;
  int64_t submitted_ms = 0;
  AutomaticChecks automatic;
  int64_t assigned = 0;             // evaluators assigned at this level
  std::vector<SheetResult> sheets;  // submitted at this level, by evaluator id
  domain::evaluation::Evaluation evaluation;
  bool disagreement_reviewed = false;
  domain::selection::Candidate candidate;
  // Its place in the ranking when eligible and evaluated.
  std::optional<domain::selection::Placed> placed;
};

struct LevelResults {
  int year = 0;
  policy::Level level = policy::Level::kCounty;
  std::string unit_code;
  domain::campaigns::CampaignSettings settings;
  domain::rubric::Rubric rubric;            // the city's rubric at city level; per application at county level
  int64_t managed_estates = 0;      // county level: the county's managed estates
  int64_t quota = 0;                // county: ⌈quota_percent% × managed⌉; city: CityQuota
  std::vector<ApplicationResult> applications;  // by application id
  std::vector<size_t> ranking;      // indexes into applications, best first (the placed ones)
};

// Recomputes a level's results inside the caller's transaction. The caller
// has authorised the read; this only computes. 404 campaign.not_found.
Result<LevelResults> ComputeLevelResults(storage::Connection& c, int year, policy::Level level,
                                         const std::string& unit_code);

// One sheet's total from its stored scores JSON — what ComputeLevelResults
// does per sheet; the scoring service uses it to show an evaluator its total.
Result<Fraction> SheetTotal(const domain::rubric::Rubric& rubric, const std::string& scores_json,
                            const AutomaticChecks& automatic);

}  // namespace meihao::service::evaluation

// Third-party periodic assessment (定期评估, seed 四(三), issue #11 part 6): an
// assessor (第三方评估机构) opens a round for a period, rates the estates of the
// confirmed cultivation lists in its scope with findings, writes a conclusion
// per county, and submits the round; the county administrator then answers
// each finding on its county's estates. Rounds may be filed from the first day
// of the cultivate phase to the last of the summary phase (the cultivation
// work is assessed while it runs and after; docs/decisions.md).
//
// Who (policy): CanFileAssessment / CanAssessCounty for the assessor,
// InScope for each estate it rates; CanAnswerAssessment for the answer;
// CanReadAssessment for reading. An assessor sees its own rounds (drafts
// too); everyone else sees submitted rounds only, cut to the counties their
// scope overlaps. Every write audited (object assessment:<id>).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/assessment/assessment.h"
#include "service/context.h"

namespace meihao::service::assessment {

struct Finding {
  std::string estate_code, estate_name, county_code, county_name, town_name;
  domain::assessment::Rating rating = domain::assessment::Rating::kAverage;
  std::string findings, saved_at;
  std::optional<std::string> answer, answered_at, answered_by;
};

struct Conclusion {
  std::string county_code, county_name, conclusion, saved_at;
};

struct Round {
  int64_t id = 0;
  int year = 0;
  std::string title, period_from, period_to, scope_code, assessor;
  std::string status = "draft";  // draft | submitted
  std::string created_at;
  std::optional<std::string> submitted_at;
  std::vector<Finding> findings;        // by county, estate code; cut to the reader's scope
  std::vector<Conclusion> conclusions;  // by county code; cut likewise
  bool can_edit = false;                // the caller is its assessor and it is a draft
};

struct RoundSummary {
  int64_t id = 0;
  std::string title, period_from, period_to, status, assessor;
  int64_t findings = 0, answered = 0;  // within the reader's scope
};

// 400 assessment.period.*, 403 (role) / phase.closed, 404 campaign.not_found.
Result<Round> CreateRound(const Context& ctx, const Actor& actor, int year, const std::string& title,
                          const std::string& from, const std::string& to, Date today);
// Oldest period first. 403 for applicants and evaluators.
Result<std::vector<RoundSummary>> ListRounds(const Context& ctx, const Actor& actor, int year);
// 404 assessment.not_found (unknown, another assessor's, a draft to a reader,
// or nothing of it in the reader's scope).
Result<Round> GetRound(const Context& ctx, const Actor& actor, int year, int64_t id);

// The assessor on its own draft (409 assessment.submitted after submission):
// the estate's rating and findings (1 … 2,000 characters), replacing any
// earlier ones. 404 estate.not_found outside the scope or unknown, 409
// assessment.estate.not_listed when the estate is on no confirmed
// cultivation list of the campaign.
Result<Round> SaveFinding(const Context& ctx, const Actor& actor, int year, int64_t id,
                          const std::string& estate_code, const std::string& rating, const std::string& findings,
                          Date today);
// The county's conclusion (2 … 5,000 characters). 404 county.not_found.
Result<Round> SaveConclusion(const Context& ctx, const Actor& actor, int year, int64_t id,
                             const std::string& county_code, const std::string& conclusion, Date today);
// 400 assessment.findings.required without any finding; 409 assessment.submitted.
Result<Round> SubmitRound(const Context& ctx, const Actor& actor, int year, int64_t id, Date today);

// The county administrator's answer to a finding of a submitted round (409
// assessment.not_submitted before); answering again replaces it (audited
// with the earlier text). 404 assessment.finding.not_found.
Result<Finding> AnswerFinding(const Context& ctx, const Actor& actor, int year, int64_t id,
                              const std::string& estate_code, const std::string& answer, Date today);

// Per estate of a county's cultivation list: its ratings over the submitted
// rounds (oldest period first), the latest and the trend — what the
// cultivation list shows beside each estate. Readers as CanReadAssessment;
// estates cut to InScope.
struct EstateRatings {
  std::string estate_code;
  std::vector<domain::assessment::Rating> ratings;
  std::vector<std::string> rounds;  // the round titles, parallel to ratings
  domain::assessment::Trend trend = domain::assessment::Trend::kNone;
};
Result<std::vector<EstateRatings>> CountyRatings(const Context& ctx, const Actor& actor, int year,
                                                 const std::string& county_code);

// The demo (meihao demo --story, called last by WalkDemoCampaign): two rounds
// of the 2023 campaign by `assessor` — 2023年7月 filed on 07-15 and
// 2023年第三季度 filed on 10-10 — rating every estate of the confirmed
// cultivation lists (deterministically, so the trends go up, down and stay),
// a conclusion per county, and the answers of `county_clerk` (蓬江区) to some
// findings of each round. Does nothing when the campaign already has rounds.
Status SeedDemoAssessments(const Context& ctx, const Actor& assessor, const Actor& county_clerk);

}  // namespace meihao::service::assessment

// The automatic parts of the hard principles for one estate (rules.md §5),
// with the figures behind them — what an applicant sees before submitting and
// what is frozen on the application when it is submitted (applications.
// automatic), so later imports never change what the evaluators were shown.
// The satisfaction index and complaint rate are also the §8 tie keys, so they
// are kept exact ("num/den" in the JSON).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/fraction.h"
#include "common/result.h"
#include "domain/evaluation/evaluation.h"
#include "domain/indicators/gates.h"
#include "service/indicators/rankings.h"

namespace meihao::service::evaluation {

struct AutomaticChecks {
  std::string estate_code, county_code, reference_date;  // reference date YYYY-MM-DD
  int fee_year = 0;
  domain::indicators::Gates gates;
  // P1's figures: the county's satisfaction ranking (n estates ranked, top k)
  // and the complaint ranking (county or city, per complaint_scope).
  int64_t satisfaction_sample = 0;
  std::optional<Fraction> satisfaction_index;  // none: no satisfaction data at all
  std::optional<int64_t> satisfaction_rank;
  int64_t satisfaction_n = 0, satisfaction_k = 0;
  int64_t complaint_count = 0;
  Fraction complaint_rate;
  std::optional<int64_t> complaint_rank;
  int64_t complaint_n = 0, complaint_k = 0;
  bool penalty_in_window = false;
  bool operator==(const AutomaticChecks&) const = default;
};

// The estate's checks from a ranked campaign; nullopt when the estate is not in it.
std::optional<AutomaticChecks> AutomaticChecksOf(const indicators::RankedCampaign& ranked, std::string_view estate_code);

// The frozen form: one JSON object, fractions as "num/den", flags as booleans.
std::string AutomaticChecksToJson(const AutomaticChecks& a);
// Internal error for text that AutomaticChecksToJson did not write.
Result<AutomaticChecks> AutomaticChecksFromJson(std::string_view text);

}  // namespace meihao::service::evaluation

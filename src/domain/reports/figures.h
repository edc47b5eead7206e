// The pure arithmetic of a county report's section 1 figures (issue #11
// part 1): ratios and rates as the report prints them. Exact (common/fraction.h)
// until shown; rounded half away from zero only in the text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace meihao::domain::reports {

// part / whole as a percentage with 1 decimal ("87.5"); none when whole is 0.
std::optional<std::string> PercentText(int64_t part, int64_t whole);
// 1000 × count / households with 2 decimals (the indicators' complaint rate,
// pooled over a county); none when there are no households.
std::optional<std::string> PerThousandText(int64_t count, int64_t households);
// The satisfaction index pooled over a county, as indicators defines it for
// one estate: Σ points / Σ responses, where a household answer gives
// (overall − 1) × 25 points and a third-party result of n answers gives
// n × its score (third_party_points is Σ n × score in hundredths). 2 decimals;
// none with no sample at all.
std::optional<std::string> PooledSatisfactionText(int64_t survey_points, int64_t survey_responses,
                                                  int64_t third_party_points_hundredths,
                                                  int64_t third_party_sample);

}  // namespace meihao::domain::reports

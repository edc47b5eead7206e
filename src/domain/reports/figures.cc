#include "domain/reports/figures.h"

#include "common/fraction.h"

namespace meihao::domain::reports {

std::optional<std::string> PercentText(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  return Fraction(part * 100, whole).Format(1);
}

std::optional<std::string> PerThousandText(int64_t count, int64_t households) {
  if (households == 0) return std::nullopt;
  return Fraction(count * 1000, households).Format(2);
}

std::optional<std::string> PooledSatisfactionText(int64_t survey_points, int64_t survey_responses,
                                                  int64_t third_party_points_hundredths,
                                                  int64_t third_party_sample) {
  const int64_t sample = survey_responses + third_party_sample;
  if (sample == 0) return std::nullopt;
  return Fraction(survey_points * 100 + third_party_points_hundredths, sample * 100).Format(2);
}

}  // namespace meihao::domain::reports

#include "domain/indicators.h"

#include <algorithm>

namespace meihao::domain {

int64_t MinSatisfactionSample(int64_t households, int64_t cap) {
  return std::min<int64_t>(cap, (households + 1) / 2);
}

Indicators ComputeIndicators(const Estate& estate, const IndicatorInputs& in,
                             const Window& window, int fee_year, int min_sample_cap) {
  Indicators out;
  const int64_t households = std::max(1, estate.households);

  // Points are kept in hundredths so a third-party score of 87.35 stays exact:
  // survey points × 100 + sample × score_hundredths, over responses × 100.
  int64_t responses = 0, points_hundredths = 0;
  for (const auto& s : in.surveys) {
    responses += s.responses;
    points_hundredths += s.points_sum * 100;
  }
  for (const auto& t : in.third_party) {
    if (!window.Contains(t.surveyed_on)) continue;
    responses += t.sample;
    points_hundredths += t.sample * t.score_hundredths;
  }
  out.satisfaction_sample = responses;
  if (responses > 0) out.satisfaction_index = Fraction(points_hundredths, responses * 100);
  out.ranked_for_satisfaction = responses > 0 && responses >= MinSatisfactionSample(households, min_sample_cap);

  for (const auto& c : in.complaints)
    if (c.valid && c.property_related && window.Contains(c.received_on)) ++out.complaint_count;
  out.complaint_rate = Fraction(1000 * out.complaint_count, households);

  int64_t due = 0, collected = 0;
  for (const auto& f : in.fees) {
    if (f.year != fee_year) continue;
    due += f.due_fen;
    collected += f.collected_fen;
  }
  if (due > 0) out.fee_rate = Fraction(collected, due);

  // Only a professional estate has a company; an empty code must never match.
  if (estate.mode == ManagementMode::kProfessional && !estate.company_uscc.empty()) {
    out.penalty_in_window = std::any_of(in.penalties.begin(), in.penalties.end(), [&](const auto& p) {
      return p.company_uscc == estate.company_uscc && window.Contains(p.decided_on);
    });
  }
  return out;
}

}  // namespace meihao::domain

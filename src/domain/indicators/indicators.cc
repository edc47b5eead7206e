#include "domain/indicators/indicators.h"

#include <algorithm>

namespace meihao::domain::indicators {

int64_t MinSatisfactionSample(int64_t households, int64_t cap) {
  return std::min<int64_t>(cap, (households + 1) / 2);
}

FigureSums SumInputs(const IndicatorInputs& in, const Window& window, int fee_year) {
  FigureSums f;
  for (const auto& s : in.surveys) {
    f.survey_responses += s.responses;
    f.survey_points += s.points_sum;
  }
  for (const auto& t : in.third_party) {
    if (!window.Contains(t.surveyed_on)) continue;
    f.third_party_sample += t.sample;
    f.third_party_points += t.sample * t.score_hundredths;
  }
  for (const auto& c : in.complaints)
    if (c.valid && c.property_related && window.Contains(c.received_on)) ++f.complaint_count;
  for (const auto& row : in.fees) {
    if (row.year != fee_year) continue;
    ++f.fee_rows;
    f.fee_due_fen += row.due_fen;
    f.fee_collected_fen += row.collected_fen;
  }
  return f;
}

Indicators IndicatorsFromSums(const registry::Estate& estate, const FigureSums& f, std::span<const PenaltyRecord> penalties,
                              const Window& window, int min_sample_cap) {
  Indicators out;
  const int64_t households = std::max(1, estate.households);

  // Points are kept in hundredths so a third-party score of 87.35 stays exact:
  // survey points × 100 + sample × score_hundredths, over responses × 100.
  const int64_t responses = f.survey_responses + f.third_party_sample;
  const int64_t points_hundredths = f.survey_points * 100 + f.third_party_points;
  out.satisfaction_sample = responses;
  if (responses > 0) out.satisfaction_index = Fraction(points_hundredths, responses * 100);
  out.ranked_for_satisfaction = responses > 0 && responses >= MinSatisfactionSample(households, min_sample_cap);

  out.complaint_count = f.complaint_count;
  out.complaint_rate = Fraction(1000 * f.complaint_count, households);

  if (f.fee_due_fen > 0) out.fee_rate = Fraction(f.fee_collected_fen, f.fee_due_fen);

  // Only a professional estate has a company; an empty code must never match.
  if (estate.mode == registry::ManagementMode::kProfessional && !estate.company_uscc.empty()) {
    out.penalty_in_window = std::any_of(penalties.begin(), penalties.end(), [&](const auto& p) {
      return p.company_uscc == estate.company_uscc && window.Contains(p.decided_on);
    });
  }
  return out;
}

Indicators ComputeIndicators(const registry::Estate& estate, const IndicatorInputs& in,
                             const Window& window, int fee_year, int min_sample_cap) {
  return IndicatorsFromSums(estate, SumInputs(in, window, fee_year), in.penalties, window, min_sample_cap);
}

}  // namespace meihao::domain::indicators

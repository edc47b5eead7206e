// Per-estate indicators of rules.md §3: satisfaction, complaints, fee
// collection, penalties, over the assessment window. Pure functions of plain
// inputs so the ranking can be recomputed (and tested) without a database; the
// caller loads only the estate's own rows.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "common/date.h"
#include "common/fraction.h"
#include "domain/registry/estate.h"

namespace meihao::domain::indicators {

// [reference − 1 year, reference): the 12 months before the reference date.
struct Window {
  Date from;  // inclusive
  Date to;    // exclusive: the reference date itself is outside
  static Window Before(Date reference) { return {reference.AddYears(-1), reference}; }
  bool Contains(Date d) const { return from <= d && d < to; }
};

// Survey responses already summed by the caller over the window: each response
// is worth 0/25/50/75/100 points.
struct SurveyTally {
  int64_t responses = 0;
  int64_t points_sum = 0;
};
// An imported third-party result: counts as `sample` responses of the score.
struct ThirdPartyResult {
  Date surveyed_on;
  int64_t sample = 0;
  int64_t score_hundredths = 0;  // 0 … 10000 (score 0–100 with 2 decimals)
};
struct ComplaintRecord {
  Date received_on;
  bool property_related = false;
  bool valid = true;
};
struct FeeRow {
  int year = 0;
  int64_t due_fen = 0;        // 1 yuan = 100 fen
  int64_t collected_fen = 0;
};
struct PenaltyRecord {
  Date decided_on;
  std::string company_uscc;
};

// One estate's raw rows. Penalties may be all penalties or only its company's:
// they are matched by credit code here anyway.
struct IndicatorInputs {
  std::span<const SurveyTally> surveys;
  std::span<const ThirdPartyResult> third_party;
  std::span<const ComplaintRecord> complaints;
  std::span<const FeeRow> fees;
  std::span<const PenaltyRecord> penalties;
};

struct Indicators {
  int64_t satisfaction_sample = 0;              // Σ responses
  std::optional<Fraction> satisfaction_index;   // Σ points / Σ responses; none when sample 0
  bool ranked_for_satisfaction = false;         // sample ≥ min(30, ⌈households / 2⌉)
  int64_t complaint_count = 0;                  // valid, property-related, in the window
  Fraction complaint_rate;                      // 1000 × count / households
  std::optional<Fraction> fee_rate;             // Σ collected / Σ due of the fee year
  bool penalty_in_window = false;               // only a professional estate's company
};

// The additive part of the indicators: sums over an estate's rows that can be
// kept up to date one row at a time (the store keeps them per campaign and
// estate in estate_figures) and turned into indicators without the rows.
struct FigureSums {
  int64_t survey_responses = 0;
  int64_t survey_points = 0;       // Σ (overall − 1) × 25
  int64_t third_party_sample = 0;  // Σ n of results in the window
  int64_t third_party_points = 0;  // Σ n × score_hundredths
  int64_t complaint_count = 0;     // valid, property-related, in the window
  int64_t fee_rows = 0;            // rows of the fee year
  int64_t fee_due_fen = 0;
  int64_t fee_collected_fen = 0;
  bool operator==(const FigureSums&) const = default;
};

// The sums of one estate's raw rows: what is outside the window or the fee
// year is left out, exactly as ComputeIndicators does.
FigureSums SumInputs(const IndicatorInputs& in, const Window& window, int fee_year);

// Indicators from kept sums; penalties are matched by credit code as in
// ComputeIndicators. ComputeIndicators(e, in, …) ==
// IndicatorsFromSums(e, SumInputs(in, …), in.penalties, …).
Indicators IndicatorsFromSums(const registry::Estate& estate, const FigureSums& sums, std::span<const PenaltyRecord> penalties,
                              const Window& window, int min_sample_cap = 30);

// Minimum sample for the satisfaction ranking: min(cap, ⌈households / 2⌉);
// cap is the setting min_sample_cap (default 30).
int64_t MinSatisfactionSample(int64_t households, int64_t cap = 30);

// Precondition: estate.households ≥ 1 (ValidateEstate enforces it); a smaller
// figure is treated as 1 rather than dividing by zero.
Indicators ComputeIndicators(const registry::Estate& estate, const IndicatorInputs& in,
                             const Window& window, int fee_year, int min_sample_cap = 30);

}  // namespace meihao::domain::indicators

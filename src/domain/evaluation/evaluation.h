// Evaluation of one application (rules.md §5–§6): the hard principles from the
// automatic results and the evaluators' pass/fail, the score from the
// evaluators' totals, whether enough evaluators submitted, and the
// disagreement flag. Pure: the totals come from the rubric (domain/rubric) as
// exact fractions and stay exact here; rounding happens only in *_text.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "common/fraction.h"
#include "domain/indicators/gates.h"

namespace meihao::domain::evaluation {

// Principles P1…P9 are indices 0…8.
inline constexpr int kPrincipleCount = 9;
using PrincipleFlags = std::array<bool, kPrincipleCount>;

// Which principles have an automatic part (P1, P2, P4, P6, P8) and which an
// evaluator part (every one but P1).
bool HasAutomaticPart(int index);
bool HasEvaluatorPart(int index);

// The automatic parts from the gates: P6 needs both professional management
// and no penalty. Entries without an automatic part are true (neutral).
PrincipleFlags AutomaticResults(const indicators::Gates& g);

// One evaluator's submitted sheet. principle_passed[i] is ignored for
// principles without an evaluator part (P1).
struct EvaluatorSheet {
  Fraction total;  // 0…100, exact (rubric total)
  PrincipleFlags principle_passed{};
};

struct PrincipleOutcome {
  std::optional<bool> automatic;  // none: no automatic part
  int evaluator_passes = 0;       // evaluators who passed it (0 without an evaluator part)
  std::optional<bool> evaluator;  // none: no evaluator part; else passes·2 > submitted
  bool passed = false;            // every part it has passes
  bool operator==(const PrincipleOutcome&) const = default;
};

struct Evaluation {
  int submitted = 0;
  bool evaluated = false;  // submitted ≥ min_evaluators
  std::array<PrincipleOutcome, kPrincipleCount> principles{};
  bool eligible = false;   // every principle passed (一票否决)
  // Mean of the totals; with ≥ 5 totals one highest and one lowest are dropped
  // first. None without any sheet.
  std::optional<Fraction> score;
  bool trimmed = false;
  // Disagreement: the population variance of ALL totals (trimming must not
  // hide it) exceeds disagreement_stddev². Compared exactly in 128-bit
  // integers over the totals' common denominator — the variance itself may
  // not fit an int64 fraction, so it is not kept.
  bool disagreement = false;
  std::string score_text;   // score to 2 decimals, "" without one
  std::string stddev_text;  // population stddev to 2 decimals (exact rounding), "" without one
};

// `automatic` as from AutomaticResults. min_evaluators and
// disagreement_stddev are the campaign settings. With no sheet the evaluator
// parts fail (0 of 0 is not more than half), so the application is ineligible.
// Precondition: the totals' denominators have a least common multiple ≤ 10^12
// — rubric.h's kMaxTotalDenominator guarantees it (asserted) — which keeps
// every sum below in 128 bits for up to 10^5 sheets.
Evaluation Evaluate(std::span<const EvaluatorSheet> sheets, const PrincipleFlags& automatic,
                    int min_evaluators, int disagreement_stddev);

// √v to 2 decimals, rounded half up, computed with integers only:
// √(9/4) → "1.50", √2 → "1.41". Precondition: v ≥ 0.
std::string FormatSquareRoot(const Fraction& v);

}  // namespace meihao::domain::evaluation

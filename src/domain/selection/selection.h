// Selection (rules.md §8): ranking a county's eligible, evaluated
// applications, the proposed list within the quota q, the minimum score, the
// checks of the county's additions, removals and the explanation of a short
// list — and the same ranking over the county winners at city level. Pure;
// every comparison is exact.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/fraction.h"
#include "common/result.h"

namespace meihao::domain::selection {

struct Candidate {
  bool eligible = false, evaluated = false;  // from Evaluate
  Fraction score;                            // exact; meaningful when evaluated
  std::optional<Fraction> satisfaction_index;  // none: no satisfaction data at all
  Fraction complaint_rate;
  int64_t submitted_at = 0;  // submission time, any monotone unit (e.g. Unix ms)
};

struct Placed {
  size_t index = 0;  // into the candidates given
  int64_t rank = 0;  // competition rank: 1 + candidates strictly better on the whole key
  bool below_min_score = false;  // ranked, but barred by min_score
  bool proposed = false;
  bool operator==(const Placed&) const = default;
};

// Keys, in order: score (higher first); satisfaction index (higher first; no
// data at all after any data, whatever the sample); complaint rate (lower
// first); submission time (earlier first). Only eligible and evaluated
// candidates are ranked; the answer lists them best first (equal keys in input
// order). Proposed: rank ≤ the rank of the q-th placed (so every candidate tied
// with the q-th on every key is in; all when fewer than q), and score ≥
// min_score when set. Scores are sorted first, so barred candidates are always
// at the bottom and never take a place from an admissible one.
std::vector<Placed> RankCandidates(std::span<const Candidate> candidates, int64_t quota,
                                   std::optional<int> min_score);

// City level: the city_target setting, or every candidate (county winner)
// when it is not set — the city then removes with reasons. Pass the result
// to RankCandidates as quota.
inline int64_t CityQuota(std::optional<int> city_target, size_t candidates) {
  return city_target ? *city_target : static_cast<int64_t>(candidates);
}

inline constexpr size_t kMinExplanationChars = 10, kMaxExplanationChars = 2000;
inline constexpr size_t kMinChangeReasonChars = 2, kMaxChangeReasonChars = 500;

// A list with fewer entries than the quota is published only with a written
// explanation (10–2000 characters; selection.explanation.*, field
// "explanation"). At or above the quota an explanation is optional: empty is
// accepted, anything typed is checked the same way. Returns the trimmed text.
Result<std::string> CheckShortfallExplanation(std::string_view text, int64_t listed, int64_t quota);

// The county adds a candidate to its list, with a reason (2–500 characters).
// Refusals: 409 selection.add.listed (already on it), 400 selection.add.ineligible
// (fails a principle: 一票否决), 400 selection.add.not_evaluated,
// 400 selection.add.below_min_score; field "application". Returns the trimmed reason.
Result<std::string> CheckAddition(const Candidate& c, bool already_listed, std::optional<int> min_score,
                                  std::string_view reason);
// The county removes an entry, with a reason. 409 selection.remove.not_listed.
Result<std::string> CheckRemoval(bool listed, std::string_view reason);

}  // namespace meihao::domain::selection

#include "domain/evaluation/evaluation.h"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <vector>

namespace meihao::domain::evaluation {
namespace {

using i128 = __int128;
using u128 = unsigned __int128;

// Largest m with m² ≤ x (binary search: x here is at most ~10^9).
u128 ISqrt(u128 x) {
  u128 lo = 0, hi = 1;
  while (hi * hi <= x) hi *= 2;
  while (hi - lo > 1) {
    const u128 mid = lo + (hi - lo) / 2;
    (mid * mid <= x ? lo : hi) = mid;
  }
  return lo;
}

// √(p/q) to 2 decimals, half up. k = ⌊100√v + ½⌋ is the largest k with
// (2k − 1)² ≤ 40000·v, so with m = ⌊√⌊40000·v⌋⌋ (= ⌊√(40000·v)⌋), k = ⌊(m + 1) / 2⌋.
std::string SqrtText(u128 p, u128 q) {
  // Split so 40000·p cannot overflow: p/q is a variance (small), p % q < q.
  const u128 m = ISqrt(40000 * (p / q) + 40000 * (p % q) / q);
  const auto k = static_cast<int64_t>((m + 1) / 2);
  return Fraction(k, 100).Format(2);
}

}  // namespace

bool HasAutomaticPart(int i) { return i == 0 || i == 1 || i == 3 || i == 5 || i == 7; }
bool HasEvaluatorPart(int i) { return i >= 1 && i < kPrincipleCount; }

PrincipleFlags AutomaticResults(const indicators::Gates& g) {
  PrincipleFlags f;
  f.fill(true);
  f[0] = g.p1;
  f[1] = g.p2_party_org;
  f[3] = g.p4_owners_org;
  f[5] = g.p6_professional && g.p6_no_penalty;
  f[7] = g.p8_fee;
  return f;
}

std::string FormatSquareRoot(const Fraction& v) {
  assert(v.num() >= 0);
  return SqrtText(static_cast<u128>(v.num()), static_cast<u128>(v.den()));
}

Evaluation Evaluate(std::span<const EvaluatorSheet> sheets, const PrincipleFlags& automatic,
                    int min_evaluators, int disagreement_stddev) {
  Evaluation e;
  const auto n = static_cast<int64_t>(sheets.size());
  e.submitted = static_cast<int>(n);
  e.evaluated = e.submitted >= min_evaluators;

  e.eligible = true;
  for (int i = 0; i < kPrincipleCount; ++i) {
    PrincipleOutcome& p = e.principles[i];
    if (HasAutomaticPart(i)) p.automatic = automatic[i];
    if (HasEvaluatorPart(i)) {
      for (const auto& s : sheets) p.evaluator_passes += s.principle_passed[i] ? 1 : 0;
      // More than half of those who submitted: 2 of 4 fails, 3 of 5 passes.
      p.evaluator = 2 * int64_t{p.evaluator_passes} > n;
    }
    p.passed = p.automatic.value_or(true) && p.evaluator.value_or(true);
    e.eligible = e.eligible && p.passed;
  }
  if (n == 0) return e;

  // Every total as an integer over the common denominator d.
  int64_t d = 1;
  for (const auto& s : sheets) {
    const int64_t g = std::gcd(d, s.total.den());
    [[maybe_unused]] const bool overflow = __builtin_mul_overflow(d / g, s.total.den(), &d);
    assert(!overflow && d <= 1'000'000'000'000);
  }
  std::vector<i128> a;
  a.reserve(sheets.size());
  for (const auto& s : sheets) a.push_back(static_cast<i128>(s.total.num()) * (d / s.total.den()));

  // Score: drop one highest and one lowest from five totals on.
  std::vector<i128> kept = a;
  std::sort(kept.begin(), kept.end());
  e.trimmed = kept.size() >= 5;
  const auto first = kept.begin() + (e.trimmed ? 1 : 0);
  const auto last = kept.end() - (e.trimmed ? 1 : 0);
  const i128 kept_sum = std::accumulate(first, last, i128{0});
  const i128 kept_den = static_cast<i128>(last - first) * d;
  assert(kept_sum <= INT64_MAX && kept_sum >= -INT64_MAX && kept_den <= INT64_MAX);
  e.score = Fraction(static_cast<int64_t>(kept_sum), static_cast<int64_t>(kept_den));
  e.score_text = e.score->Format(2);

  // Population variance of the totals x = a/d:
  //   Σ(x − x̄)²/n = (n·Σa² − (Σa)²) / (n²·d²).
  // Flagged when that exceeds t², i.e. n·Σa² − (Σa)² > t²·n²·d² — all integers.
  i128 sum = 0, sum_sq = 0;
  for (i128 v : a) sum += v, sum_sq += v * v;
  const i128 var_num = n * sum_sq - sum * sum;  // ≥ 0 (Cauchy–Schwarz)
  const i128 var_den = static_cast<i128>(n) * n * d * d;
  const i128 t = disagreement_stddev;
  e.disagreement = var_num > t * t * var_den;
  e.stddev_text = SqrtText(static_cast<u128>(var_num), static_cast<u128>(var_den));
  return e;
}

}  // namespace meihao::domain::evaluation

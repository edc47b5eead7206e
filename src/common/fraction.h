// An exact rational number for indicators (satisfaction index, complaint rate,
// fee collection rate). rules.md §3 demands exact comparisons: two estates whose
// rates differ in the 10th decimal must not tie, and two that are equal must not
// differ by float noise. Rounding happens only when a value is shown.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace meihao {

class Fraction {
 public:
  Fraction() = default;  // 0/1
  // numerator/denominator, reduced to lowest terms with a positive denominator.
  // Precondition: denominator != 0, and neither argument is INT64_MIN.
  Fraction(int64_t numerator, int64_t denominator = 1);  // NOLINT: 3 is 3/1

  int64_t num() const { return num_; }
  int64_t den() const { return den_; }

  // Exact: cross-multiplied in 128 bits, so no int64 value overflows.
  friend std::strong_ordering operator<=>(const Fraction& a, const Fraction& b) {
    const __int128 l = static_cast<__int128>(a.num_) * b.den_;
    const __int128 r = static_cast<__int128>(b.num_) * a.den_;
    return l < r ? std::strong_ordering::less
                 : l > r ? std::strong_ordering::greater : std::strong_ordering::equal;
  }
  // Normalised form is unique, so equality is memberwise.
  friend bool operator==(const Fraction& a, const Fraction& b) = default;

  // Decimal text with exactly `decimals` digits after the point (none and no
  // point for 0), rounded half away from zero: 2/3 → "0.67", 1/8 → "0.13",
  // -1/8 → "-0.13". A value that rounds to zero prints without a sign
  // ("0.00" for -1/1000), as a clerk would write it. decimals is 0 … 18.
  std::string Format(int decimals) const;

 private:
  int64_t num_ = 0, den_ = 1;
};

}  // namespace meihao

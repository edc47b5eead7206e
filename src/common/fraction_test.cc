#include "common/fraction.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace meihao {
namespace {

TEST(FractionTest, NormalisesToLowestTermsWithPositiveDenominator) {
  struct Case { int64_t n, d, want_n, want_d; };
  const Case cases[] = {
      {6, 4, 3, 2},     // gcd 2
      {-6, 4, -3, 2},   // sign stays on the numerator
      {6, -4, -3, 2},   // sign moves from the denominator
      {-6, -4, 3, 2},   // two minuses cancel
      {0, -7, 0, 1},    // zero is 0/1 whatever the denominator
      {95, 100, 19, 20},// gcd 5
      {7, 1, 7, 1},
  };
  for (const auto& c : cases) {
    const Fraction f(c.n, c.d);
    EXPECT_EQ(f.num(), c.want_n) << c.n << "/" << c.d;
    EXPECT_EQ(f.den(), c.want_d) << c.n << "/" << c.d;
  }
  EXPECT_EQ(Fraction(), Fraction(0, 5));
  EXPECT_EQ(Fraction(3), Fraction(9, 3));
}

TEST(FractionTest, ComparesExactlyWithoutOverflow) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  struct Case { Fraction a, b; int want; };  // want = sign of a − b
  const Case cases[] = {
      {Fraction(1, 3), Fraction(333, 1000), 1},     // 1000 > 999
      {Fraction(2, 4), Fraction(1, 2), 0},
      {Fraction(-1, 2), Fraction(1, 3), -1},
      {Fraction(95, 100), Fraction(9499, 10000), 1}, // 9500/10000 > 9499/10000
      // kMax·(kMax−1) vs (kMax−1)·kMax: equal products overflow int64, not int128.
      {Fraction(kMax, kMax - 1), Fraction(kMax - 1, kMax - 2), -1},  // 1+1/(M−1) < 1+1/(M−2)
      {Fraction(kMax, 2), Fraction(kMax - 1, 2), 1},
  };
  for (const auto& c : cases) {
    const auto o = c.a <=> c.b;
    const int got = o < 0 ? -1 : o > 0 ? 1 : 0;
    EXPECT_EQ(got, c.want) << c.a.num() << "/" << c.a.den() << " vs " << c.b.num() << "/"
                           << c.b.den();
  }
}

TEST(FractionTest, FormatRoundsHalfAwayFromZero) {
  struct Case { Fraction f; int decimals; const char* want; };
  const Case cases[] = {
      {Fraction(2, 3), 2, "0.67"},        // 0.666… → 0.67
      {Fraction(1, 3), 2, "0.33"},        // 0.333… → 0.33
      {Fraction(1, 8), 2, "0.13"},        // 0.125 is a half: away from zero → 0.13
      {Fraction(-1, 8), 2, "-0.13"},      // −0.125 → −0.13
      {Fraction(3, 8), 2, "0.38"},        // 0.375 → 0.38
      {Fraction(1, 200), 2, "0.01"},      // 0.005 → 0.01
      {Fraction(-1, 200), 2, "-0.01"},
      {Fraction(-1, 1000), 2, "0.00"},    // rounds to zero: no sign
      {Fraction(95, 100), 4, "0.9500"},
      {Fraction(9499, 10000), 4, "0.9499"},
      {Fraction(5, 2), 0, "3"},           // 2.5 → 3, no point for 0 decimals
      {Fraction(-5, 2), 0, "-3"},
      {Fraction(1995, 20), 2, "99.75"},   // exact
      {Fraction(200, 3), 2, "66.67"},     // 66.666… → 66.67
      {Fraction(1000, 7), 2, "142.86"},   // 142.857… → 142.86
      {Fraction(12345, 1000), 2, "12.35"},// 12.345 → 12.35 (floats would say 12.34)
      {Fraction(1), 2, "1.00"},
      {Fraction(0), 2, "0.00"},
      {Fraction(999999, 1000000), 2, "1.00"},  // carry into the units digit
  };
  for (const auto& c : cases)
    EXPECT_EQ(c.f.Format(c.decimals), c.want) << c.f.num() << "/" << c.f.den();
}

}  // namespace
}  // namespace meihao

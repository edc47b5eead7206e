#include "common/fraction.h"

#include <cassert>
#include <numeric>

namespace meihao {

Fraction::Fraction(int64_t numerator, int64_t denominator) {
  assert(denominator != 0);
  if (denominator < 0) numerator = -numerator, denominator = -denominator;
  const int64_t g = std::gcd(numerator, denominator);  // > 0 since denominator > 0
  num_ = numerator / g;
  den_ = denominator / g;
}

std::string Fraction::Format(int decimals) const {
  assert(decimals >= 0 && decimals <= 18);
  unsigned __int128 scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  // |num| < 2^63 and scale ≤ 10^18 < 2^60, so the product fits in 128 bits.
  const unsigned __int128 magnitude = num_ < 0 ? -static_cast<__int128>(num_) : num_;
  const unsigned __int128 scaled = magnitude * scale;
  const auto den = static_cast<unsigned __int128>(den_);
  unsigned __int128 q = scaled / den;
  if (2 * (scaled % den) >= den) ++q;  // half away from zero: the sign is added after
  // Digits of q, least significant first; pad so there is one digit before the point.
  std::string digits;
  for (unsigned __int128 v = q; v > 0; v /= 10) digits.push_back(char('0' + int(v % 10)));
  while (digits.size() < static_cast<size_t>(decimals) + 1) digits.push_back('0');
  std::string out;
  if (num_ < 0 && q != 0) out.push_back('-');
  for (size_t i = digits.size(); i-- > 0;) {
    out.push_back(digits[i]);
    if (i == static_cast<size_t>(decimals) && decimals > 0) out.push_back('.');
  }
  return out;
}

}  // namespace meihao

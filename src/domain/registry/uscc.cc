#include "domain/registry/uscc.h"

#include <array>

namespace meihao::domain::registry {
namespace {

// Code values 0…30 are the positions in this string.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8, 24, 10, 30, 28};

int ValueOf(char c) {
  const size_t pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::optional<char> UsccCheckChar(std::string_view first17) {
  if (first17.size() != kWeights.size()) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) {
    const int v = ValueOf(first17[i]);
    if (v < 0) return std::nullopt;
    sum += v * kWeights[i];
  }
  return kAlphabet[(31 - sum % 31) % 31];
}

bool IsValidUscc(std::string_view code) {
  if (code.size() != 18) return false;
  const std::optional<char> check = UsccCheckChar(code.substr(0, 17));
  return check.has_value() && *check == code[17];
}

}  // namespace meihao::domain::registry

#include "domain/registry/uscc.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace meihao::domain::registry {
namespace {

// Code values: 0-9 → 0-9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22
// P23 Q24 R25 T26 U27 W28 X29 Y30. Weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
//
// 91350100M000100Y43 (the standard's own example):
//   9·1 + 1·3 + 3·9 + 5·27 + 0 + 1·26 + 0 + 0 + M(21)·20 + 0 + 0 + 0 + 1·8 + 0 + 0
//   + Y(30)·30 + 4·28 = 9+3+27+135+26+420+8+900+112 = 1640; 1640 = 52·31 + 28;
//   31 − 28 = 3 → '3'.
// 91440300708461136T (深圳市腾讯计算机系统有限公司):
//   9+3+4·9+4·27+0+3·26+0+0+7·20+0·29+8·25+4·13+6·8+1·24+1·10+3·30+6·28
//   = 9+3+36+108+78+140+200+52+48+24+10+90+168 = 966; 966 = 31·31 + 5;
//   31 − 5 = 26 → 'T'.
// 914403001922038216 (华为技术有限公司):
//   9+3+36+108+0+78+0+0+1·20+9·29+2·25+2·13+0·8+3·24+8·10+2·30+1·28
//   = 9+3+36+108+78+20+261+50+26+72+80+60+28 = 831; 831 = 26·31 + 25;
//   31 − 25 = 6 → '6'.
// 000000000000000000: Σ = 0, (31 − 0) mod 31 = 0 → '0' (the "mod 31" edge).

TEST(UsccTest, ValidityTable) {
  struct C { std::string code; bool valid; };
  const std::vector<C> cases = {
      {"91350100M000100Y43", true},
      {"91440300708461136T", true},
      {"914403001922038216", true},
      {"000000000000000000", true},
      {"91350100M000100Y44", false},   // wrong check character
      {"91350100M000100Y34", false},   // last two swapped
      {"91440300708461163T", false},   // 36 → 63: Σ = 966 + 6 = 972, 972 mod 31 = 11, check would be 'L'
      {"914403007084611360", false},   // check digit replaced
      {"91440300708461136t", false},   // lower case refused
      {"91350100m000100Y43", false},   // lower case inside
      {"91350100I000100Y43", false},   // I is not in the alphabet
      {"91350100O000100Y43", false},   // O
      {"91350100Z000100Y43", false},   // Z
      {"91350100S000100Y43", false},   // S
      {"91350100V000100Y43", false},   // V
      {"91350100M000100Y4", false},    // 17 characters
      {"91350100M000100Y433", false},  // 19 characters
      {"", false},
      {" 91350100M000100Y43", false},  // callers trim; the check does not
  };
  for (const auto& c : cases) EXPECT_EQ(IsValidUscc(c.code), c.valid) << c.code;
}

TEST(UsccTest, CheckChar) {
  struct C { std::string first17; std::optional<char> check; };
  const std::vector<C> cases = {
      {"91350100M000100Y4", '3'},
      {"91440300708461136", 'T'},
      {"91440300192203821", '6'},
      {"00000000000000000", '0'},
      // 1·1 = 1 → 31 − 1 = 30 → 'Y' (the last letter of the alphabet)
      {"10000000000000000", 'Y'},
      {"9144030070846113", std::nullopt},    // 16 characters
      {"914403007084611361", std::nullopt},  // 18 characters
      {"9144030070846113I", std::nullopt},   // I
      {"9144030070846113a", std::nullopt},   // lower case
  };
  for (const auto& c : cases) EXPECT_EQ(UsccCheckChar(c.first17), c.check) << c.first17;
}

}  // namespace
}  // namespace meihao::domain::registry

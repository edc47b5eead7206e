#include "common/text.h"

#include <gtest/gtest.h>

namespace meihao {
namespace {

struct Utf8Case { std::string in; bool valid; size_t count; };

TEST(TextTest, ValidityAndCount) {
  const std::vector<Utf8Case> cases = {
      {"", true, 0},
      {"abc", true, 3},
      {"小区", true, 2},                         // 2 × 3 bytes
      {"碧桂园·翠湖苑", true, 7},                // · is U+00B7, 2 bytes, one character
      {"\xF0\x9F\x98\x80", true, 1},             // U+1F600, 4 bytes
      {"\xC0\xAF", false, 2},                    // overlong '/': 2 bad bytes
      {"\xED\xA0\x80", false, 3},                // surrogate U+D800
      {"\xE5\xB0", false, 2},                    // truncated 小
      {"a\x80" "b", false, 3},                   // stray continuation byte
      {"\xF4\x90\x80\x80", false, 4},            // U+110000, above the range
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsValidUtf8(c.in), c.valid) << c.in;
    EXPECT_EQ(CodePointCount(c.in), c.count) << c.in;
  }
}

TEST(TextTest, ToU32) {
  EXPECT_EQ(ToU32("a小"), (std::u32string{U'a', U'\u5C0F'}));
  EXPECT_EQ(ToU32("\xFF" "a"), (std::u32string{U'\uFFFD', U'a'}));
}

TEST(TextTest, Trim) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", ""},
      {"   ", ""},
      {" \t小区\r\n", "小区"},
      {"\u3000\u3000江门\u3000", "江门"},
      {"\u00A0蓬江区\u00A0 ", "蓬江区"},
      {"江 门", "江 门"},                 // inner spaces stay
      {"\u3000 \u00A0x\u00A0 \u3000", "x"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(Trim(in), want) << in;
}

TEST(TextTest, EditDistance) {
  struct C { std::string a, b; size_t d; };
  const std::vector<C> cases = {
      {"", "", 0},
      {"", "abc", 3},
      {"kitten", "sitting", 3},    // k→s, e→i, +g
      {"荷塘镇", "河塘镇", 1},      // one substitution, counted per character not per byte
      {"白沙", "白沙街道", 2},      // two insertions
      {"蓬江区", "江海区", 2},      // delete 蓬, insert 海
      {"abc", "cba", 2},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(EditDistance(c.a, c.b), c.d) << c.a << " / " << c.b;
    EXPECT_EQ(EditDistance(c.b, c.a), c.d) << "symmetric " << c.a;
  }
}

TEST(TextTest, Nearest) {
  const std::vector<std::string> towns = {"环市街道", "潮连街道", "白沙街道", "北街街道",
                                          "堤东街道", "荷塘镇",   "杜阮镇",   "棠下镇"};
  struct C { std::string wanted; size_t max; std::vector<std::string> want; };
  const std::vector<C> cases = {
      {"河塘镇", 3, {"荷塘镇"}},                // distance 1; 杜阮镇/棠下镇 are 2 of 3: too far
      {"荷塘", 3, {"荷塘镇"}},                  // contained
      {"白沙街", 3, {"白沙街道"}},
      {"白沙", 3, {"白沙街道"}},                // distance 2 of 4, but contained
      {"街道", 2, {"环市街道", "潮连街道"}},    // all distance 2 and contained: file order
      {"北京路", 3, {}},                        // nothing plausible
      {"", 3, {}},
      {"荷塘镇", 0, {}},
  };
  for (const auto& c : cases) EXPECT_EQ(Nearest(c.wanted, towns, c.max), c.want) << c.wanted;
}

TEST(TextTest, NearestPrefersContainmentOnEqualDistance) {
  // "新会" → "新会区" (distance 1, contained) beats "新宁" (distance 1, not contained).
  const std::vector<std::string> names = {"新宁", "新会区"};
  EXPECT_EQ(Nearest("新会", names, 2), (std::vector<std::string>{"新会区", "新宁"}));
}

}  // namespace
}  // namespace meihao

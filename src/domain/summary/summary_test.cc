#include "domain/summary/summary.h"

#include <gtest/gtest.h>

namespace meihao::domain::summary {
namespace {

TEST(DocumentNumberTest, ParsesAndRefuses) {
  struct Case {
    const char* text;
    const char* code;  // "" = parses
    const char* prefix;
    int year, serial;
  } cases[] = {
      {"江建房函〔2023〕12号", "", "江建房函", 2023, 12},
      {"  江建房函〔2023〕1号 ", "", "江建房函", 2023, 1},
      {"江建房函[2024]305号", "", "江建房函", 2024, 305},
      {"江建【2023】9999号", "", "江建", 2023, 9999},
      {"", "document.number.required", "", 0, 0},
      {"   ", "document.number.required", "", 0, 0},
      {"〔2023〕12号", "document.number.format", "", 0, 0},       // no prefix
      {"江建房函2023 12号", "document.number.format", "", 0, 0},   // no brackets
      {"江建房函〔23〕12号", "document.number.format", "", 0, 0},   // two-digit year
      {"江建房函〔2023〕012号", "document.number.format", "", 0, 0},  // leading zero
      {"江建房函〔2023〕0号", "document.number.format", "", 0, 0},
      {"江建房函〔2023〕12", "document.number.format", "", 0, 0},   // no 号
      {"江建房函〔2023〕号", "document.number.format", "", 0, 0},   // no serial
      {"江建房函〔2023〕10000号", "document.number.format", "", 0, 0},
      {"江建房函〔2023〕1a号", "document.number.format", "", 0, 0},
      {"江门市住房和城乡建设局房产函〔2023〕1号", "document.number.format", "", 0, 0},  // prefix of 13
  };
  for (const auto& c : cases) {
    auto n = ParseDocumentNumber(c.text);
    if (std::string(c.code).empty()) {
      ASSERT_TRUE(n) << c.text << ": " << n.error().code;
      EXPECT_EQ(n->prefix, c.prefix) << c.text;
      EXPECT_EQ(n->year, c.year) << c.text;
      EXPECT_EQ(n->serial, c.serial) << c.text;
    } else {
      ASSERT_FALSE(n) << c.text;
      EXPECT_EQ(n.error().code, c.code) << c.text;
      EXPECT_EQ(n.error().field, "number") << c.text;
    }
  }
}

TEST(DocumentNumberTest, FormatsWithTheOfficialBrackets) {
  EXPECT_EQ(FormatDocumentNumber({"江建房函", 2023, 12}), "江建房函〔2023〕12号");
  EXPECT_EQ(FormatDocumentNumber(*ParseDocumentNumber("江建房函[2023]7号")), "江建房函〔2023〕7号");
}

TEST(DocumentNumberTest, NextIsOneAfterTheHighestOfThatPrefixAndYear) {
  struct Case {
    std::vector<std::string> used;
    int serial;
  } cases[] = {
      {{}, 1},
      {{"江建房函〔2023〕1号"}, 2},
      {{"江建房函〔2023〕3号", "江建房函〔2023〕1号"}, 4},            // not the count: the highest
      {{"江建房函〔2022〕40号", "江建函〔2023〕9号"}, 1},              // other year, other prefix
      {{"江建房函〔2023〕5号", "不是文号", "江建房函〔2023〕12号"}, 13},  // garbage ignored
  };
  for (const auto& c : cases) {
    auto n = NextDocumentNumber("江建房函", 2023, c.used);
    EXPECT_EQ(n.serial, c.serial);
    EXPECT_EQ(n.year, 2023);
    EXPECT_EQ(n.prefix, "江建房函");
  }
}

TEST(SummaryTextTest, RequiredAndBounded) {
  struct Case {
    std::string text;
    const char* code;  // "" = accepted
  } cases[] = {
      {"全市七个县（市、区）共推荐小区39个。", ""},
      {std::string(20000, 'a'), ""},
      {std::string(20001, 'a'), "summary.text.length"},
      {"", "summary.text.required"},
      {" \n ", "summary.text.required"},
      {"\xff\xfe", "summary.text.encoding"},
  };
  for (const auto& c : cases) {
    auto r = CheckSummaryText(c.text);
    if (std::string(c.code).empty())
      EXPECT_TRUE(r) << c.text.substr(0, 20);
    else {
      ASSERT_FALSE(r) << c.text.substr(0, 20);
      EXPECT_EQ(r.error().code, c.code);
    }
  }
  EXPECT_EQ(*CheckSummaryText("  总结  "), "总结");
}

TEST(CommendationReasonTest, RequiredAndBounded) {
  EXPECT_EQ(*CheckCommendationReason(" 组织有力，名单按时报送。 "), "组织有力，名单按时报送。");
  EXPECT_EQ(CheckCommendationReason("").error().code, "commendation.reason.required");
  std::string max_reason;
  for (int i = 0; i < 500; ++i) max_reason += "好";
  EXPECT_TRUE(CheckCommendationReason(max_reason));
  std::string long_reason;
  for (int i = 0; i < 501; ++i) long_reason += "好";
  EXPECT_EQ(CheckCommendationReason(long_reason).error().code, "commendation.reason.length");
}

}  // namespace
}  // namespace meihao::domain::summary

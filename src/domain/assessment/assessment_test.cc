#include "domain/assessment/assessment.h"

#include <gtest/gtest.h>

namespace meihao::domain::assessment {
namespace {

TEST(AssessmentTest, RatingsRoundTripAndRefuseAnythingElse) {
  const struct { const char* key; const char* zh; int points; } rows[] = {
      {"good", "好", 4}, {"fair", "较好", 3}, {"average", "一般", 2}, {"poor", "差", 1}};
  for (const auto& r : rows) {
    auto parsed = ParseRating(r.key);
    ASSERT_TRUE(parsed.ok()) << r.key;
    EXPECT_EQ(RatingKey(*parsed), r.key);
    EXPECT_EQ(RatingNameZh(*parsed), r.zh);
    EXPECT_EQ(RatingPoints(*parsed), r.points);
  }
  for (const char* bad : {"", "Good", "好", "excellent", " good"}) {
    auto parsed = ParseRating(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, "assessment.rating.value");
    EXPECT_EQ(parsed.error().field, "rating");
  }
}

TEST(AssessmentTest, TrendComparesTheLatestTwoRatings) {
  using R = Rating;
  const struct { std::vector<R> in; Trend want; } rows[] = {
      {{}, Trend::kNone},
      {{R::kPoor}, Trend::kNone},
      {{R::kAverage, R::kFair}, Trend::kUp},
      {{R::kGood, R::kAverage}, Trend::kDown},
      {{R::kFair, R::kFair}, Trend::kFlat},
      {{R::kPoor, R::kGood, R::kGood}, Trend::kFlat},   // only the last two count
      {{R::kGood, R::kPoor, R::kAverage}, Trend::kUp},
  };
  for (const auto& r : rows) EXPECT_EQ(TrendOf(r.in), r.want) << r.in.size();
  EXPECT_EQ(TrendKey(Trend::kUp), "up");
  EXPECT_EQ(TrendKey(Trend::kNone), "none");
}

TEST(AssessmentTest, PeriodNeedsATitleAndDatesInTheYearInOrder) {
  auto ok = CheckPeriod(" 2023年第三季度 ", "2023-07-01", "2023-09-30", 2023);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->title, "2023年第三季度");
  EXPECT_EQ(ok->from, (Date{2023, 7, 1}));
  EXPECT_EQ(ok->to, (Date{2023, 9, 30}));
  EXPECT_TRUE(CheckPeriod("一天", "2023-07-01", "2023-07-01", 2023).ok());  // one day is a period
  const struct { const char *title, *from, *to, *code; } bad[] = {
      {"", "2023-07-01", "2023-09-30", "assessment.period.title"},
      {"   ", "2023-07-01", "2023-09-30", "assessment.period.title"},
      {"第三季度", "2022-12-31", "2023-09-30", "assessment.period.from"},
      {"第三季度", "2023-02-30", "2023-09-30", "assessment.period.from"},
      {"第三季度", "2023-07-01", "2024-01-01", "assessment.period.to"},
      {"第三季度", "2023-07-01", "", "assessment.period.to"},
      {"第三季度", "2023-09-30", "2023-07-01", "assessment.period.order"},
  };
  for (const auto& b : bad) {
    auto r = CheckPeriod(b.title, b.from, b.to, 2023);
    ASSERT_FALSE(r.ok()) << b.code;
    EXPECT_EQ(r.error().code, b.code);
  }
  EXPECT_FALSE(CheckPeriod(std::string(51 * 3, 'x').substr(0, 51), "2023-07-01", "2023-09-30", 2023).ok());
}

TEST(AssessmentTest, TextsAreTrimmedAndCountedInCharacters) {
  auto ok = CheckText("  任务基本完成  ", 10, "assessment.findings", "findings");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "任务基本完成");
  EXPECT_TRUE(CheckText(std::string(10 * 3, 'a').substr(0, 10), 10, "c", "f").ok());
  // 10 Chinese characters are 30 bytes but 10 characters: allowed; 11 are not.
  std::string ten;
  for (int i = 0; i < 10; ++i) ten += "评";
  EXPECT_TRUE(CheckText(ten, 10, "c", "f").ok());
  const struct { std::string text; const char* code; } bad[] = {
      {"", "c.required"}, {" 评 ", "c.required"}, {ten + "估", "c.length"}, {"\xff\xfe", "c.encoding"}};
  for (const auto& b : bad) {
    auto r = CheckText(b.text, 10, "c", "f");
    ASSERT_FALSE(r.ok()) << b.code;
    EXPECT_EQ(r.error().code, b.code);
    EXPECT_EQ(r.error().field, "f");
  }
}

}  // namespace
}  // namespace meihao::domain::assessment

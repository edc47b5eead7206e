#include "common/date.h"

#include <gtest/gtest.h>

namespace meihao {
namespace {

TEST(DateTest, ParseAcceptsRealDatesOnly) {
  struct Case { const char* text; bool ok; };
  const Case cases[] = {{"2023-09-01", true}, {"2024-02-29", true}, {"2023-02-29", false},
                        {"2023-13-01", false}, {"2023-9-1", false},  {"2023/09/01", false},
                        {"1899-12-31", false}, {"2100-12-31", true}, {"", false}};
  for (const auto& c : cases) EXPECT_EQ(Date::Parse(c.text).has_value(), c.ok) << c.text;
  EXPECT_EQ(Date::Parse("2023-09-01")->ToString(), "2023-09-01");
}

TEST(DateTest, DayNumbersAndArithmetic) {
  EXPECT_EQ((Date{1970, 1, 1}).DayNumber(), 0);
  EXPECT_EQ((Date{2000, 3, 1}).DayNumber(), 11017);  // 30 years incl. 7 leap days + Jan, Feb 2000
  EXPECT_EQ((Date{2023, 9, 1}).AddDays(-1), (Date{2023, 8, 31}));
  EXPECT_EQ((Date{2024, 2, 28}).AddDays(1), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2023, 12, 31}).AddDays(1), (Date{2024, 1, 1}));
  EXPECT_EQ((Date{2023, 9, 1}).AddYears(-1), (Date{2022, 9, 1}));
  EXPECT_EQ((Date{2024, 2, 29}).AddYears(-1), (Date{2023, 2, 28}));
  for (int64_t n = -800; n < 80000; n += 37) EXPECT_EQ(Date::FromDayNumber(n).DayNumber(), n);
}

TEST(DateTest, Ordering) {
  EXPECT_LT((Date{2022, 9, 1}), (Date{2023, 8, 31}));
  EXPECT_LT((Date{2023, 8, 31}), (Date{2023, 9, 1}));
  EXPECT_EQ((Date{2023, 9, 1}), (Date{2023, 9, 1}));
}

}  // namespace
}  // namespace meihao

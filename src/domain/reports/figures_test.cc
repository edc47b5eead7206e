#include "domain/reports/figures.h"

#include <gtest/gtest.h>

namespace meihao::domain::reports {
namespace {

using Opt = std::optional<std::string>;

TEST(ReportFigures, PercentText) {
  struct Case { int64_t part, whole; Opt want; };
  const Case cases[] = {
      {0, 0, std::nullopt},  // nothing issued: no rate
      {0, 8, "0.0"},
      {7, 8, "87.5"},        // 700/8 = 87.5
      {1, 3, "33.3"},        // 33.333…
      {2, 3, "66.7"},        // 66.666… rounds up
      {1, 16, "6.3"},        // 6.25 rounds half away from zero
      {8, 8, "100.0"},
  };
  for (const auto& c : cases) EXPECT_EQ(PercentText(c.part, c.whole), c.want) << c.part << "/" << c.whole;
}

TEST(ReportFigures, PerThousandText) {
  struct Case { int64_t count, households; Opt want; };
  const Case cases[] = {
      {0, 0, std::nullopt},
      {0, 500, "0.00"},
      {3, 1200, "2.50"},     // 3000/1200
      {1, 3, "333.33"},      // 1000/3
      {2, 3, "666.67"},
      {1, 8000, "0.13"},     // 0.125 rounds half away from zero
  };
  for (const auto& c : cases) EXPECT_EQ(PerThousandText(c.count, c.households), c.want) << c.count;
}

TEST(ReportFigures, PooledSatisfactionText) {
  struct Case { int64_t points, responses, tp_points, tp_sample; Opt want; };
  const Case cases[] = {
      {0, 0, 0, 0, std::nullopt},
      {300, 4, 0, 0, "75.00"},          // answers 5,4,4,3 → 100+75+75+50 = 300 over 4
      {100, 3, 0, 0, "33.33"},
      {200, 2, 10 * 8000, 10, "83.33"}, // (20000 + 80000) / (12 × 100) = 83.333…
      {0, 0, 3 * 9050, 3, "90.50"},     // third-party only
  };
  for (const auto& c : cases)
    EXPECT_EQ(PooledSatisfactionText(c.points, c.responses, c.tp_points, c.tp_sample), c.want) << c.points;
}

}  // namespace
}  // namespace meihao::domain::reports

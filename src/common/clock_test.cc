#include "common/clock.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

namespace meihao {
namespace {

// Day numbers used below, by hand (days since 1970-01-01):
//   2023-01-01 = 53 years × 365 + 13 leap days (1972 … 2020) = 19345 + 13 = 19358
//   2023-09-05 = 19358 + (31+28+31+30+31+30+31+31 = 243) + 4 = 19605
//   2024-01-01 = 19358 + 365 = 19723;  2025-01-01 = 19723 + 366 = 20089;  2026-01-01 = 20089 + 365 = 20454
//   2026-12-04 = 20454 + (Jan…Nov = 334) + 3 = 20791;  2026-12-05 = 20792
//   2023-02-28 = 19358 + 31 + 27 = 19416;  2023-03-01 = 19417
//   2024-02-28 = 19723 + 31 + 27 = 19781;  2024-02-29 = 19782
// A unix time is day × 86400 + seconds of the UTC day; its CST date is the
// day of (t + 28800) — floor division, also before 1970.
TEST(ClockTest, BusinessTimeMovesByWholeDaysToTheCampaignsToday) {
  struct Case { const char* what; int64_t real; std::optional<Date> today; int64_t want; const char* want_iso; };
  const Case cases[] = {
      // 2026-12-04T20:00:00Z = 20791×86400 + 72000 = 1796414400; CST 2026-12-05 04:00, so the shift is
      // 19605 − 20792 = −1187 days: 1796414400 − 1187×86400 (102556800) = 1693857600
      // = 19604×86400 + 72000 = 2023-09-04T20:00:00Z, CST 2023-09-05 04:00.
      {"after CST midnight", 1796414400, Date{2023, 9, 5}, 1693857600, "2023-09-04T20:00:00Z"},
      // 2026-12-04T16:00:00Z = 20791×86400 + 57600 = 1796400000: CST 2026-12-05 00:00, shift −1187 days
      // → 1796400000 − 102556800 = 1693843200 = 2023-09-04T16:00:00Z (CST 2023-09-05 00:00).
      {"at CST midnight", 1796400000, Date{2023, 9, 5}, 1693843200, "2023-09-04T16:00:00Z"},
      // 2026-12-04T15:59:59Z = 1796400000 − 1 = 1796399999: CST 2026-12-04 23:59:59, so the shift is
      // 19605 − 20791 = −1186 days: 1796399999 − 102470400 = 1693929599
      // = 19605×86400 + 57599 = 2023-09-05T15:59:59Z (CST 2023-09-05 23:59:59).
      {"before CST midnight", 1796399999, Date{2023, 9, 5}, 1693929599, "2023-09-05T15:59:59Z"},
      // 2026-12-04T06:00:00Z = 20791×86400 + 21600 = 1796364000: CST 2026-12-04 14:00, shift −1186 days
      // → 1796364000 − 102470400 = 1693893600 = 19605×86400 + 21600 = 2023-09-05T06:00:00Z.
      {"daytime", 1796364000, Date{2023, 9, 5}, 1693893600, "2023-09-05T06:00:00Z"},
      // Today equal to the real CST date (2026-12-05 for 20:00Z on the 4th): no shift.
      {"today is the real date", 1796414400, Date{2026, 12, 5}, 1796414400, "2026-12-04T20:00:00Z"},
      // No MEIHAO_TODAY: the real time.
      {"no override", 1796414400, std::nullopt, 1796414400, "2026-12-04T20:00:00Z"},
      // Forward across a leap day: 2023-02-28T23:00:00Z = 19416×86400 + 82800 = 1677625200, CST 2023-03-01
      // 07:00; today 2024-02-29 shifts 19782 − 19417 = 365 days → 1677625200 + 31536000 = 1709161200
      // = 19781×86400 + 82800 = 2024-02-28T23:00:00Z (CST 2024-02-29 07:00).
      {"forward to a leap day", 1677625200, Date{2024, 2, 29}, 1709161200, "2024-02-28T23:00:00Z"},
      // Before 1970: 1969-12-31T10:00:00Z = −86400 + 36000 = −50400; CST 18:00 the same day, day
      // floor((−50400 + 28800) / 86400) = floor(−0.25) = −1; today 1970-01-01 (day 0) shifts +1 day
      // → −50400 + 86400 = 36000 = 1970-01-01T10:00:00Z.
      {"floor division before 1970", -50400, Date{1970, 1, 1}, 36000, "1970-01-01T10:00:00Z"},
  };
  for (const auto& c : cases) {
    const int64_t got = BusinessUnixAt(c.real, c.today);
    EXPECT_EQ(got, c.want) << c.what;
    EXPECT_EQ(IsoFromUnix(got), c.want_iso) << c.what;
    if (c.today) {
      EXPECT_EQ(Date::FromDayNumber((got + 28800) / 86400), *c.today) << c.what;  // got ≥ 0 here
    }
    EXPECT_EQ(((got % 86400) + 86400) % 86400, ((c.real % 86400) + 86400) % 86400) << c.what;  // time of day
  }
}

// Now, with a date D given: the CST date is D and the time of day the real one.
TEST(ClockTest, BusinessTimeNowKeepsTheRealTimeOfDay) {
  for (Date d : {Date{2023, 9, 5}, Date{2023, 6, 15}, Date{2024, 2, 29}}) {
    const int64_t real = NowUnix();
    const int64_t got = BusinessUnixAt(real, d);
    EXPECT_EQ(Date::FromDayNumber((got + 28800) / 86400), d) << d.ToString();
    EXPECT_EQ(IsoFromUnix(got).substr(10), IsoFromUnix(real).substr(10)) << d.ToString();  // "T06:00:00Z"
  }
}

// The process's own clock: without MEIHAO_TODAY the business time is the
// real time (to the second, allowing one tick between the two reads); with it
// (ctest's environment normally has none), its CST date is MEIHAO_TODAY.
TEST(ClockTest, BusinessNowFollowsTodayOverride) {
  const std::string before = NowIso();
  const std::string business = BusinessNowIso();
  const int64_t business_ms = BusinessNowMs();
  const std::string after = NowIso();
  if (auto d = TodayOverride()) {
    EXPECT_EQ(Date::FromDayNumber((business_ms / 1000 + 28800) / 86400), *d);
    return;
  }
  EXPECT_TRUE(business == before || business == after) << business << " vs " << before << " / " << after;
  const std::string ms_iso = IsoFromUnix(business_ms / 1000);
  EXPECT_TRUE(ms_iso == before || ms_iso == after) << ms_iso;
}

// A ScopedToday moves today and the business clock on its thread, nests, and
// gives the previous day back when it ends; another thread keeps its own day.
TEST(ClockTest, ScopedTodayMovesTheBusinessDayAndRestoresIt) {
  const Date outside = TodayInChina();
  {
    ScopedToday a(Date{2023, 10, 18});
    EXPECT_EQ(TodayInChina(), (Date{2023, 10, 18}));
    EXPECT_EQ(Date::FromDayNumber((BusinessNowMs() / 1000 + 28800) / 86400), (Date{2023, 10, 18}));
    {
      ScopedToday b(Date{2023, 12, 20});
      EXPECT_EQ(TodayInChina(), (Date{2023, 12, 20}));
    }
    EXPECT_EQ(TodayInChina(), (Date{2023, 10, 18}));
    Date other{};
    std::thread([&] { other = TodayInChina(); }).join();
    EXPECT_EQ(other, outside);
  }
  EXPECT_EQ(TodayInChina(), outside);
}

}  // namespace
}  // namespace meihao

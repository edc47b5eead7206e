// A civil date (proleptic Gregorian, no time zone): campaign phases, the
// assessment window, complaint and penalty dates. Comparable, printable as
// YYYY-MM-DD, and convertible to a day number for arithmetic.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace meihao {

struct Date {
  int year = 1970, month = 1, day = 1;

  auto operator<=>(const Date&) const = default;

  // Strict YYYY-MM-DD of a real calendar date (years 1900–2100); nullopt otherwise.
  static std::optional<Date> Parse(std::string_view iso);
  std::string ToString() const;  // "2023-09-01"
  // Days since 1970-01-01 (negative before), and back.
  int64_t DayNumber() const;
  static Date FromDayNumber(int64_t days);
  Date AddDays(int64_t n) const { return FromDayNumber(DayNumber() + n); }
  // The same month and day n years later; 29 February becomes 28 February
  // in a common year.
  Date AddYears(int n) const;
  static bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
  static int DaysInMonth(int y, int m);
};

// Today in China Standard Time (UTC+8, no daylight saving): the campaign's
// phases change at local midnight. The environment variable MEIHAO_TODAY
// (YYYY-MM-DD) replaces it for training, demonstrations and tests, so a past
// campaign's phases can be walked through; the server logs it at start-up.
Date TodayInChina();
// The day a ScopedToday on this thread sets, else the MEIHAO_TODAY date when
// it is set and valid.
std::optional<Date> TodayOverride();

// Moves "today" (TodayInChina, and so the business clock) to `day` on this
// thread for its lifetime. Only for the demo loader, which walks a past
// campaign's days one after another in one process (a filed objection on
// 09-20, a report submitted on 10-18, …); a serving process never uses it.
class ScopedToday {
 public:
  explicit ScopedToday(Date day);
  ~ScopedToday();
  ScopedToday(const ScopedToday&) = delete;
  ScopedToday& operator=(const ScopedToday&) = delete;

 private:
  std::optional<Date> previous_;
};

}  // namespace meihao

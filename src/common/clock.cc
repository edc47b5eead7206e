#include "common/clock.h"

#include <chrono>
#include <ctime>

namespace meihao {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kChinaOffset = 8 * 3600;  // UTC+8, no daylight saving

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

int64_t NowUnix() { return static_cast<int64_t>(std::time(nullptr)); }

std::string IsoFromUnix(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string NowIso() { return IsoFromUnix(NowUnix()); }

int64_t BusinessUnixAt(int64_t real, std::optional<Date> today) {
  if (!today) return real;
  const int64_t real_china_day = FloorDiv(real + kChinaOffset, kDay);
  return real + (today->DayNumber() - real_china_day) * kDay;
}

std::string BusinessNowIso() { return IsoFromUnix(BusinessUnixAt(NowUnix(), TodayOverride())); }

int64_t BusinessNowMs() {
  const int64_t ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const int64_t s = FloorDiv(ms, 1000);
  return ms + (BusinessUnixAt(s, TodayOverride()) - s) * 1000;
}

}  // namespace meihao

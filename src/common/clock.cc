#include "common/clock.h"

#include <ctime>

namespace meihao {

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

}  // namespace meihao

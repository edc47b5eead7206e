// Wall-clock time in the two forms the platform stores: UTC ISO-8601 text
// for records people read, unix seconds for session clocks compared often.
#pragma once
#include <cstdint>
#include <string>

namespace meihao {
int64_t NowUnix();
std::string NowIso();              // "2026-11-29T06:00:00Z"
std::string IsoFromUnix(int64_t);  // same format
}  // namespace meihao

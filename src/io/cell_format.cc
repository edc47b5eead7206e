#include "io/cell_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace meihao::io::internal {

std::string FormatNumber(double v) {
  if (!std::isfinite(v)) return v != v ? "NaN" : (v > 0 ? "Infinity" : "-Infinity");
  if (v == 0) return "0";  // also turns -0 into "0"
  char buf[400];  // fixed notation of the largest double needs ~310 digits
  if (v == std::trunc(v) && std::fabs(v) < 1e15) {
    auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
    return std::string(buf, r.ptr);
  }
  // Fixed rather than scientific: a clerk reads 0.00001, not 1e-05.
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

std::string FormatDate(int year, int month, int day) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

namespace {

// Days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
void CivilFromDays(long long z, int& y, int& m, int& d) {
  z += 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

}  // namespace

std::string FormatSerialDate(double serial, bool date1904) {
  // A few ms below midnight is a rounding artefact of the day before's end.
  long long days = static_cast<long long>(std::floor(serial + 1e-9));
  if (!std::isfinite(serial) || days < 0 || days > 2958465) return FormatNumber(serial);
  long long epoch;  // day 0 of the system, in days since 1970-01-01
  if (date1904) {
    epoch = -24107;  // 1904-01-01
  } else {
    if (days == 60) return "1900-02-29";  // Lotus 1-2-3's leap-year bug, kept by Excel
    epoch = days < 60 ? -25568 : -25569;  // 1899-12-31, or 1899-12-30 past the phantom day
  }
  int y, m, d;
  CivilFromDays(epoch + days, y, m, d);
  return FormatDate(y, m, d);
}

bool IsDateFormat(size_t id, std::string_view code) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return true;
  bool in_quote = false;
  int bracket = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '\\' || c == '_' || c == '*') { ++i; continue; }  // escaped / padding char
    if (c == '"') { in_quote = !in_quote; continue; }
    if (in_quote) continue;
    if (c == '[') { ++bracket; continue; }
    if (c == ']') { bracket = bracket > 0 ? bracket - 1 : 0; continue; }
    if (bracket) continue;  // [Red], [$-804], [h]
    if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') return true;
  }
  // Chinese formats written without quotes, e.g. yyyy年m月d日 is caught above;
  // 年/月/日 alone (as in m"月"d"日") hides in quotes, so look for them too.
  return code.find("\xE5\xB9\xB4") != code.npos || code.find("\xE6\x97\xA5") != code.npos;
}

}  // namespace meihao::io::internal

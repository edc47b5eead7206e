// How xlsx cell values become text: number printing and date recognition.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace meihao::io::internal {

// Integral values as integers ("12", not "12.0"); others in the shortest
// decimal form that reads back to the same double ("0.1", not "0.1000000001").
std::string FormatNumber(double v);

// An Excel date serial as YYYY-MM-DD (the time of day is dropped). In the 1900
// system serial 1 is 1900-01-01 and Excel's phantom 1900-02-29 (serial 60) is
// kept; in the 1904 system serial 0 is 1904-01-01.
std::string FormatSerialDate(double serial, bool date1904);

std::string FormatDate(int year, int month, int day);

// Whether a number format shows a date: built-in ids 14–17, 22, 27–36 and
// 50–58 (the CJK locales' 年月日 formats), or a format code with a year or
// day part outside quotes and brackets. Pure time formats are not dates.
bool IsDateFormat(size_t id, std::string_view code);

}  // namespace meihao::io::internal

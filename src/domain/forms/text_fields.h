// Checks of what people type into the platform's forms, shared by every module
// that takes one (objections, applications, list changes, reviews): a written
// text within its length, a phone number normalised and masked. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace meihao::domain::forms {

// Trimmed text that is required, valid UTF-8 and min…max code points.
// Codes <prefix>.required | .encoding | .length; field as given.
Result<std::string> CheckWrittenText(std::string_view text, std::string_view code_prefix,
                                     std::string_view field, std::string_view name_zh,
                                     std::string_view name_en, size_t min_chars, size_t max_chars);

// The objector's phone, normalised: spaces and hyphens removed, a leading +86
// (or 86 before a mobile number) dropped, then either
//   mobile   1[3-9] + 9 digits                     → "13812345678"
//   landline area code + 7–8 digit number (first digit 2–9): 010/02X with 8
//            digits, 0[3-9]XX with 7 or 8 digits    → "0750-3201234"
// Extensions and other formats are refused: 400 objection.phone.required |
// objection.phone.format (field "phone").
Result<std::string> CheckPhone(std::string_view text);

// A normalised phone as shown to every role but the one handling the
// objection: mobile 13812345678 → 138****5678; landline 0750-3201234 →
// 0750-***1234 (area code and last 4 digits; a landline's area code is
// public anyway and names only a city). Anything else → all but the last 4
// characters masked.
std::string MaskPhone(std::string_view phone);

}  // namespace meihao::domain::forms

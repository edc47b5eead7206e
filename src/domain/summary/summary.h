// The city's part of the summary phase (总结推广, issue #11 parts 2–3): its
// summary of experience (经验总结), the reasons of its written commendations
// (书面表扬) of counties, and the numbers of the documents it issues
// (发文字号 such as 江建房函〔2023〕12号). Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace meihao::domain::summary {

inline constexpr size_t kMaxSummaryChars = 20000;
inline constexpr size_t kMaxReasonChars = 500;
inline constexpr size_t kMaxNumberChars = 40;
// The city bureau's 代字 for its letters (函) to the counties.
inline constexpr std::string_view kNumberPrefix = "江建房函";

// The summary text, trimmed: required, ≤ 20,000 characters.
// 400 summary.text.required | .encoding | .length (field "text").
Result<std::string> CheckSummaryText(std::string_view text);

// A commendation's reason, trimmed: required, ≤ 500 characters.
// 400 commendation.reason.required | .encoding | .length (field "reason").
Result<std::string> CheckCommendationReason(std::string_view text);

// A document number 代字〔年份〕序号号: the prefix (1–10 characters, no
// brackets), a four-digit year in 〔〕 (also accepted: [] and 【】 and ［］,
// written back as 〔〕), a serial number 1–9999 without leading zero, then 号.
struct DocumentNumber {
  std::string prefix;
  int year = 0;
  int serial = 0;
};
// 400 document.number.required | document.number.format (field "number").
Result<DocumentNumber> ParseDocumentNumber(std::string_view text);
std::string FormatDocumentNumber(const DocumentNumber& n);  // "江建房函〔2023〕12号"

// The next free number of `prefix` and `year` after the numbers in `used`
// (any text; those not of that prefix and year are ignored): one more than
// the highest serial, 1 when none.
DocumentNumber NextDocumentNumber(std::string_view prefix, int year, const std::vector<std::string>& used);

}  // namespace meihao::domain::summary

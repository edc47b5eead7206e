// A county's work report (工作报告, rules.md §9 and the seed's 三(四)): its
// four written parts, its status and what each status allows, and how late
// a submission is. Pure: the figures of part 1 and the storage come with the
// reports use cases.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"

namespace meihao::domain::reports {

// The four written parts, in the order the report prints them.
struct WrittenPart {
  std::string_view key, name_zh, name_en;
};
inline constexpr std::array<WrittenPart, 4> kWrittenParts = {{
    {"activities", "活动开展情况", "The campaign's activities"},
    {"practices", "主要做法成效", "Practices and results"},
    {"problems", "存在问题", "Problems"},
    {"suggestions", "意见建议", "Suggestions"},
}};
inline constexpr size_t kMaxPartChars = 5000;
inline constexpr size_t kMinCommentChars = 2, kMaxCommentChars = 2000;

// One written part as saved in a draft: trimmed; empty is allowed (the draft
// is unfinished). Refused (field "parts.<key>"): an unknown key
// (report.part.unknown), more than 5,000 characters (report.part.length),
// broken UTF-8 (report.part.encoding).
Result<std::string> CheckDraftPart(std::string_view key, std::string_view text);

// The parts that submitting refuses, in report order: each of the four that
// is missing or blank, one error each (report.part.required, field
// "parts.<key>").
std::vector<Error> MissingParts(const std::map<std::string, std::string>& parts);

// 草稿 → 已提交 → 已退回 (with the city's comments) → 已提交 … → 已采纳.
enum class ReportStatus { kDraft, kSubmitted, kReturned, kAccepted };
std::string_view ReportStatusKey(ReportStatus s);     // draft / submitted / returned / accepted
std::string_view ReportStatusNameZh(ReportStatus s);  // 草稿 / 已提交 / 已退回 / 已采纳
std::optional<ReportStatus> ParseReportStatus(std::string_view key);

// The county edits and submits a draft or a returned report; a submitted one
// waits for the city (409 report.submitted), an accepted one is final (409
// report.accepted).
Status CheckEditable(ReportStatus s);
// The city returns or accepts a submitted report only (409 report.not_submitted,
// or report.accepted when it is final already).
Status CheckReviewable(ReportStatus s);
// The city's comments on returning a report: 2–2,000 characters
// (report.comments.*, field "comments").
Result<std::string> CheckReturnComments(std::string_view text);

// Whole days after the due date — the campaign's deadlines.county_report
// (default Y-10-15, the seed's 2023年10月15日) — 0: on time, including on the
// due day itself.
int DaysLate(Date due, Date submitted_on);
// "按时" / "逾期3天", as every page and document shows it.
std::string LatenessZh(int days_late);

}  // namespace meihao::domain::reports

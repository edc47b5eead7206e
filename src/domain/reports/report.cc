#include "domain/reports/report.h"

#include "common/text.h"
#include "domain/forms/text_fields.h"

namespace meihao::domain::reports {
namespace {

const WrittenPart* FindPart(std::string_view key) {
  for (const auto& p : kWrittenParts)
    if (p.key == key) return &p;
  return nullptr;
}

std::string Field(std::string_view key) { return "parts." + std::string(key); }

}  // namespace

Result<std::string> CheckDraftPart(std::string_view key, std::string_view text) {
  const WrittenPart* part = FindPart(key);
  if (!part)
    return Error::Invalid("report.part.unknown", "工作报告没有“" + std::string(key) + "”这一部分",
                          "The report has no part " + std::string(key), Field(key));
  std::string t = Trim(text);
  if (t.empty()) return t;  // a draft may leave a part for later
  // The same length and encoding rules as every written text, with the part's name in the message.
  return forms::CheckWrittenText(t, "report.part", Field(key), part->name_zh, part->name_en, 1, kMaxPartChars);
}

std::vector<Error> MissingParts(const std::map<std::string, std::string>& parts) {
  std::vector<Error> out;
  for (const auto& p : kWrittenParts) {
    auto it = parts.find(std::string(p.key));
    if (it == parts.end() || Trim(it->second).empty())
      out.push_back(Error::Invalid("report.part.required", "请填写“" + std::string(p.name_zh) + "”",
                                   std::string(p.name_en) + " is required", Field(p.key)));
  }
  return out;
}

std::string_view ReportStatusKey(ReportStatus s) {
  switch (s) {
    case ReportStatus::kDraft: return "draft";
    case ReportStatus::kSubmitted: return "submitted";
    case ReportStatus::kReturned: return "returned";
    case ReportStatus::kAccepted: return "accepted";
  }
  return "draft";
}

std::string_view ReportStatusNameZh(ReportStatus s) {
  switch (s) {
    case ReportStatus::kDraft: return "草稿";
    case ReportStatus::kSubmitted: return "已提交";
    case ReportStatus::kReturned: return "已退回";
    case ReportStatus::kAccepted: return "已采纳";
  }
  return "草稿";
}

std::optional<ReportStatus> ParseReportStatus(std::string_view key) {
  for (auto s : {ReportStatus::kDraft, ReportStatus::kSubmitted, ReportStatus::kReturned, ReportStatus::kAccepted})
    if (ReportStatusKey(s) == key) return s;
  return std::nullopt;
}

Status CheckEditable(ReportStatus s) {
  if (s == ReportStatus::kSubmitted)
    return Error::Conflict("report.submitted", "工作报告已提交，请等待市级审阅；退回后方可修改",
                           "The report is submitted; it can be changed once the city returns it");
  if (s == ReportStatus::kAccepted)
    return Error::Conflict("report.accepted", "工作报告已采纳，不能再修改", "The report is accepted and final");
  return OkStatus();
}

Status CheckReviewable(ReportStatus s) {
  if (s == ReportStatus::kAccepted)
    return Error::Conflict("report.accepted", "工作报告已采纳，不能再退回或采纳", "The report is accepted already");
  if (s != ReportStatus::kSubmitted)
    return Error::Conflict("report.not_submitted", "工作报告尚未提交，无法审阅", "The report has not been submitted");
  return OkStatus();
}

Result<std::string> CheckReturnComments(std::string_view text) {
  return forms::CheckWrittenText(text, "report.comments", "comments", "退回意见", "The comments", kMinCommentChars,
                                 kMaxCommentChars);
}

int DaysLate(Date due, Date submitted_on) {
  const int64_t d = submitted_on.DayNumber() - due.DayNumber();
  return d > 0 ? static_cast<int>(d) : 0;
}

std::string LatenessZh(int days_late) {
  return days_late <= 0 ? "按时" : "逾期" + std::to_string(days_late) + "天";
}

}  // namespace meihao::domain::reports

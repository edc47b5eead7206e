#include "domain/cases/cases.h"

#include <set>

#include "common/text.h"
#include "domain/forms/text_fields.h"

namespace meihao::domain::cases {

std::optional<Category> FindCategory(std::string_view key) {
  for (const auto& c : kCategories)
    if (c.key == key) return c;
  return std::nullopt;
}

std::string_view CaseStatusKey(CaseStatus s) {
  switch (s) {
    case CaseStatus::kDraft: return "draft";
    case CaseStatus::kSubmitted: return "submitted";
    case CaseStatus::kReturned: return "returned";
    case CaseStatus::kAccepted: return "accepted";
    case CaseStatus::kPublished: return "published";
  }
  return "draft";
}

std::string_view CaseStatusNameZh(CaseStatus s) {
  switch (s) {
    case CaseStatus::kDraft: return "草稿";
    case CaseStatus::kSubmitted: return "已提交";
    case CaseStatus::kReturned: return "已退回";
    case CaseStatus::kAccepted: return "已采纳";
    case CaseStatus::kPublished: return "已发布";
  }
  return "草稿";
}

std::optional<CaseStatus> ParseCaseStatus(std::string_view key) {
  for (auto s : {CaseStatus::kDraft, CaseStatus::kSubmitted, CaseStatus::kReturned, CaseStatus::kAccepted,
                 CaseStatus::kPublished})
    if (CaseStatusKey(s) == key) return s;
  return std::nullopt;
}

Result<std::string> CheckTitle(std::string_view text) {
  return forms::CheckWrittenText(text, "case.title", "title", "案例标题", "The title", kMinTitleChars, kMaxTitleChars);
}

Result<std::string> CheckBody(std::string_view text) {
  std::string t = Trim(text);
  if (t.empty()) return t;  // a draft may be written later
  return forms::CheckWrittenText(t, "case.body", "body", "案例正文", "The body", 1, kMaxBodyChars);
}

Status CheckCategory(std::string_view key) {
  if (FindCategory(key)) return OkStatus();
  return Error::Invalid("case.category",
                        "请选择案例类别：党建引领、业委会规范运行、物业服务、执法和专业服务进小区、为群众办实事之一",
                        "Choose one of the five case categories", "category");
}

Status CheckEstateCount(const std::vector<std::string>& codes) {
  if (codes.empty())
    return Error::Invalid("case.estates.required", "请选择案例涉及的小区（至少1个）", "Choose at least one estate",
                          "estates");
  if (codes.size() > kMaxEstates)
    return Error::Invalid("case.estates.count", "每个案例最多关联10个小区", "At most 10 estates per case", "estates");
  if (std::set<std::string>(codes.begin(), codes.end()).size() != codes.size())
    return Error::Invalid("case.estates.duplicate", "同一小区不能重复选择", "An estate is listed twice", "estates");
  return OkStatus();
}

Status CheckComplete(std::string_view body, const std::vector<std::string>& estates) {
  if (Trim(body).empty())
    return Error::Invalid("case.body.required", "请填写案例正文后再提交", "Write the body before submitting", "body");
  return CheckEstateCount(estates);
}

Status CheckEditable(CaseStatus s) {
  if (s == CaseStatus::kSubmitted)
    return Error::Conflict("case.submitted", "案例已提交，请等待市级审核；退回后方可修改",
                           "The case is submitted; it can be changed once the city returns it");
  if (s == CaseStatus::kAccepted || s == CaseStatus::kPublished)
    return Error::Forbidden("case.locked", "案例已被市级采纳，不能再修改", "The case is accepted and can no longer be changed");
  return OkStatus();
}

Status CheckReviewable(CaseStatus s) {
  if (s != CaseStatus::kSubmitted)
    return Error::Conflict("case.not_submitted", "案例不在待审核状态，无法退回或采纳",
                           "The case is not awaiting review");
  return OkStatus();
}

Status CheckPublishable(CaseStatus s) {
  if (s == CaseStatus::kPublished)
    return Error::Conflict("case.published", "案例已发布", "The case is published already");
  if (s != CaseStatus::kAccepted)
    return Error::Conflict("case.not_accepted", "案例须经市级采纳后方可发布", "Only an accepted case can be published");
  return OkStatus();
}

Result<std::string> CheckReturnComments(std::string_view text) {
  return forms::CheckWrittenText(text, "case.comments", "comments", "退回意见", "The comments", kMinCommentChars,
                                 kMaxCommentChars);
}

Status CheckPhotoCount(size_t existing) {
  if (existing >= kMaxPhotos)
    return Error::Invalid("case.photo.count", "每个案例最多上传9张照片", "At most 9 photos per case", "photo");
  return OkStatus();
}

}  // namespace meihao::domain::cases

// Typical cases (典型案例, issue #11 part 4): the five categories, a case's
// status and what each status allows, and the checks of its fields. Pure.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace meihao::domain::cases {

struct Category {
  std::string_view key, name_zh;
};
inline constexpr std::array<Category, 5> kCategories = {{
    {"party_building", "党建引领"},
    {"owners_committee", "业委会规范运行"},
    {"property_service", "物业服务"},
    {"enforcement", "执法和专业服务进小区"},
    {"practical_deeds", "为群众办实事"},
}};
std::optional<Category> FindCategory(std::string_view key);

inline constexpr size_t kMinTitleChars = 4, kMaxTitleChars = 60;
inline constexpr size_t kMaxBodyChars = 5000;
inline constexpr size_t kMaxEstates = 10;
inline constexpr size_t kMaxPhotos = 9;
inline constexpr size_t kMinCommentChars = 2, kMaxCommentChars = 2000;

// 草稿 → 已提交 → 已退回 → 已提交 … → 已采纳 → 已发布.
enum class CaseStatus { kDraft, kSubmitted, kReturned, kAccepted, kPublished };
std::string_view CaseStatusKey(CaseStatus s);
std::string_view CaseStatusNameZh(CaseStatus s);
std::optional<CaseStatus> ParseCaseStatus(std::string_view key);

// Title 4–60 characters (case.title.*), trimmed.
Result<std::string> CheckTitle(std::string_view text);
// Body: at most 5,000 characters (case.body.length), valid UTF-8; empty allowed in a draft.
Result<std::string> CheckBody(std::string_view text);
// One of kCategories (case.category).
Status CheckCategory(std::string_view key);
// 1–10 distinct estates (case.estates.*); their county is the service's check.
Status CheckEstateCount(const std::vector<std::string>& codes);
// What submitting needs: a body (case.body.required) and at least one estate.
Status CheckComplete(std::string_view body, const std::vector<std::string>& estates);

// The county edits (and adds photos to) a draft or a returned case; a
// submitted one waits for the city (409 case.submitted); an accepted or
// published case is final (403 case.locked).
Status CheckEditable(CaseStatus s);
// Submitting: as CheckEditable.
inline Status CheckSubmittable(CaseStatus s) { return CheckEditable(s); }
// The city returns or accepts a submitted case only (409 case.not_submitted).
Status CheckReviewable(CaseStatus s);
// The city publishes an accepted case only (409 case.not_accepted / case.published).
Status CheckPublishable(CaseStatus s);
// The city's comments on returning: 2–2,000 characters (case.comments.*).
Result<std::string> CheckReturnComments(std::string_view text);
// One more photo beside `existing`: at most 9 (400 case.photo.count).
Status CheckPhotoCount(size_t existing);

}  // namespace meihao::domain::cases

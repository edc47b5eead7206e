// Third-party periodic assessment (定期评估, seed 四(三): 市住房城乡建设局将会同
// 第三方机构定期对培育工作开展评估): the ratings an assessor gives the estates of
// the cultivation lists, what a round's texts may hold, and the trend of an
// estate's ratings over rounds. Pure; the rounds' storage and who may file or
// answer them are the assessment use cases (service/assessment) and the policy.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"

namespace meihao::domain::assessment {

// Four grades, best first (docs/decisions.md "Assessment ratings"): 好 the
// cultivation tasks are done and residents see the change; 较好 most are; 一般
// work has started but lags; 差 little has been done.
enum class Rating { kGood, kFair, kAverage, kPoor };
std::string_view RatingKey(Rating r);     // good / fair / average / poor
std::string_view RatingNameZh(Rating r);  // 好 / 较好 / 一般 / 差
// 400 assessment.rating.value (field "rating") unless an exact key.
Result<Rating> ParseRating(std::string_view key);
// 4 for 好 … 1 for 差: what the trend compares.
int RatingPoints(Rating r);

inline constexpr size_t kMaxTitleChars = 50;
inline constexpr size_t kMinTextChars = 2, kMaxFindingsChars = 2000, kMaxConclusionChars = 5000,
                        kMaxAnswerChars = 2000;

// A round's period: a title (1–50 characters, field "title") and its dates,
// from ≤ to, both within the campaign year (fields "period_from", "period_to";
// assessment.period.*).
struct Period {
  std::string title;
  Date from, to;
};
Result<Period> CheckPeriod(std::string_view title, std::string_view from, std::string_view to, int year);

// A written text, trimmed: kMinTextChars … max characters of valid UTF-8;
// `code` prefixes the error codes (<code>.required / .length / .encoding),
// `field` names the field.
Result<std::string> CheckText(std::string_view text, size_t max_chars, const std::string& code,
                              const std::string& field);

// The trend over an estate's ratings in round order: up (the latest better
// than the one before), down, flat; none with fewer than two ratings.
enum class Trend { kNone, kUp, kDown, kFlat };
std::string_view TrendKey(Trend t);  // none / up / down / flat
Trend TrendOf(const std::vector<Rating>& ratings_in_round_order);

}  // namespace meihao::domain::assessment

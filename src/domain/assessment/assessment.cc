#include "domain/assessment/assessment.h"

#include <array>
#include <utility>

#include "common/text.h"

namespace meihao::domain::assessment {
namespace {

struct RatingName {
  Rating rating;
  std::string_view key, zh;
  int points;
};
constexpr std::array<RatingName, 4> kRatings = {{
    {Rating::kGood, "good", "好", 4},
    {Rating::kFair, "fair", "较好", 3},
    {Rating::kAverage, "average", "一般", 2},
    {Rating::kPoor, "poor", "差", 1},
}};

const RatingName& Find(Rating r) {
  for (const auto& n : kRatings)
    if (n.rating == r) return n;
  return kRatings.back();
}

}  // namespace

std::string_view RatingKey(Rating r) { return Find(r).key; }
std::string_view RatingNameZh(Rating r) { return Find(r).zh; }
int RatingPoints(Rating r) { return Find(r).points; }

Result<Rating> ParseRating(std::string_view key) {
  for (const auto& n : kRatings)
    if (n.key == key) return n.rating;
  return Error::Invalid("assessment.rating.value", "评估等次只能是“好”“较好”“一般”或“差”",
                        "The rating must be good, fair, average or poor", "rating");
}

Result<std::string> CheckText(std::string_view text, size_t max_chars, const std::string& code,
                              const std::string& field) {
  if (!IsValidUtf8(text))
    return Error::Invalid(code + ".encoding", "内容含有无法识别的字符，请重新输入", "The text is not valid UTF-8", field);
  std::string t = Trim(text);
  const size_t n = CodePointCount(t);
  if (n < kMinTextChars)
    return Error::Invalid(code + ".required", "请填写内容（至少" + std::to_string(kMinTextChars) + "个字）",
                          "Write at least " + std::to_string(kMinTextChars) + " characters", field);
  if (n > max_chars)
    return Error::Invalid(code + ".length",
                          "内容不能超过" + std::to_string(max_chars) + "个字（现有" + std::to_string(n) + "个字）",
                          "At most " + std::to_string(max_chars) + " characters (" + std::to_string(n) + " given)", field);
  return t;
}

Result<Period> CheckPeriod(std::string_view title, std::string_view from, std::string_view to, int year) {
  const std::string t = IsValidUtf8(title) ? Trim(title) : "";
  if (t.empty() || CodePointCount(t) > kMaxTitleChars)
    return Error::Invalid("assessment.period.title", "请填写评估期次名称（1–50个字），如“2023年第三季度”",
                          "Give the round a title of 1–50 characters, e.g. 2023年第三季度", "title");
  const auto f = Date::Parse(from);
  if (!f || f->year != year)
    return Error::Invalid("assessment.period.from", "评估期的开始日期应为" + std::to_string(year) + "年内的日期（YYYY-MM-DD）",
                          "The period must start on a date of " + std::to_string(year) + " (YYYY-MM-DD)", "period_from");
  const auto e = Date::Parse(to);
  if (!e || e->year != year)
    return Error::Invalid("assessment.period.to", "评估期的结束日期应为" + std::to_string(year) + "年内的日期（YYYY-MM-DD）",
                          "The period must end on a date of " + std::to_string(year) + " (YYYY-MM-DD)", "period_to");
  if (*e < *f)
    return Error::Invalid("assessment.period.order", "评估期的结束日期不能早于开始日期",
                          "The period cannot end before it starts", "period_to");
  return Period{t, *f, *e};
}

std::string_view TrendKey(Trend t) {
  switch (t) {
    case Trend::kUp: return "up";
    case Trend::kDown: return "down";
    case Trend::kFlat: return "flat";
    case Trend::kNone: break;
  }
  return "none";
}

Trend TrendOf(const std::vector<Rating>& ratings) {
  if (ratings.size() < 2) return Trend::kNone;
  const int last = RatingPoints(ratings.back()), before = RatingPoints(ratings[ratings.size() - 2]);
  return last > before ? Trend::kUp : last < before ? Trend::kDown : Trend::kFlat;
}

}  // namespace meihao::domain::assessment

#include "domain/selection/selection.h"

#include <algorithm>

#include "common/text.h"
#include "domain/forms/text_fields.h"

namespace meihao::domain::selection {
namespace {

// Negative when a is strictly better than b, 0 when tied on every key.
int Compare(const Candidate& a, const Candidate& b) {
  if (auto c = b.score <=> a.score; c != 0) return c < 0 ? -1 : 1;  // higher first
  // Any satisfaction data beats none; two without data tie on this key.
  if (a.satisfaction_index.has_value() != b.satisfaction_index.has_value())
    return a.satisfaction_index ? -1 : 1;
  if (a.satisfaction_index)
    if (auto c = *b.satisfaction_index <=> *a.satisfaction_index; c != 0) return c < 0 ? -1 : 1;
  if (auto c = a.complaint_rate <=> b.complaint_rate; c != 0) return c < 0 ? -1 : 1;  // lower first
  if (a.submitted_at != b.submitted_at) return a.submitted_at < b.submitted_at ? -1 : 1;
  return 0;
}


}  // namespace

std::vector<Placed> RankCandidates(std::span<const Candidate> candidates, int64_t quota,
                                   std::optional<int> min_score) {
  std::vector<Placed> out;
  for (size_t i = 0; i < candidates.size(); ++i)
    if (candidates[i].eligible && candidates[i].evaluated) out.push_back({.index = i});
  std::stable_sort(out.begin(), out.end(), [&](const Placed& a, const Placed& b) {
    return Compare(candidates[a.index], candidates[b.index]) < 0;
  });
  for (size_t i = 0; i < out.size(); ++i) {
    const bool tied = i > 0 && Compare(candidates[out[i - 1].index], candidates[out[i].index]) == 0;
    out[i].rank = tied ? out[i - 1].rank : static_cast<int64_t>(i) + 1;
    out[i].below_min_score = min_score && candidates[out[i].index].score < Fraction(*min_score);
  }
  if (quota <= 0 || out.empty()) return out;
  const size_t qth = static_cast<size_t>(std::min<int64_t>(quota, static_cast<int64_t>(out.size()))) - 1;
  const int64_t cut = out[qth].rank;
  for (auto& p : out) p.proposed = p.rank <= cut && !p.below_min_score;
  return out;
}

Result<std::string> CheckShortfallExplanation(std::string_view text, int64_t listed, int64_t quota) {
  if (listed >= quota && Trim(text).empty()) return std::string();
  auto r = forms::CheckWrittenText(text, "selection.explanation", "explanation", "名单不足名额的书面说明",
                            "The explanation of a list shorter than the quota", kMinExplanationChars,
                            kMaxExplanationChars);
  if (!r && r.error().code == "selection.explanation.required")
    return Error::Invalid("selection.explanation.required",
                          "拟推荐名单" + std::to_string(listed) + "个，少于推荐名额" + std::to_string(quota) +
                              "个，须附书面说明后方可公示",
                          "The list has " + std::to_string(listed) + " of a quota of " +
                              std::to_string(quota) + "; a written explanation is required to publish it",
                          "explanation");
  return r;
}

static Result<std::string> CheckChangeReason(std::string_view reason) {
  return forms::CheckWrittenText(reason, "selection.reason", "reason", "调整理由", "The reason",
                          kMinChangeReasonChars, kMaxChangeReasonChars);
}

Result<std::string> CheckAddition(const Candidate& c, bool already_listed, std::optional<int> min_score,
                                  std::string_view reason) {
  if (already_listed)
    return Error::Conflict("selection.add.listed", "该申报已在拟推荐名单中",
                           "The application is already on the list", "application");
  if (!c.evaluated)
    return Error::Invalid("selection.add.not_evaluated", "该申报尚未完成评审（提交评审的专家人数不足），不能列入名单",
                          "The application has not been evaluated by enough evaluators", "application");
  if (!c.eligible)
    return Error::Invalid("selection.add.ineligible", "该申报未通过原则要求核验（一票否决），不能列入名单",
                          "The application fails a hard principle and cannot be listed", "application");
  if (min_score && c.score < Fraction(*min_score))
    return Error::Invalid("selection.add.below_min_score",
                          "该申报评审得分" + c.score.Format(2) + "分，低于最低分数线" +
                              std::to_string(*min_score) + "分，不能列入名单",
                          "The score " + c.score.Format(2) + " is below the minimum score " +
                              std::to_string(*min_score),
                          "application");
  return CheckChangeReason(reason);
}

Result<std::string> CheckRemoval(bool listed, std::string_view reason) {
  if (!listed)
    return Error::Conflict("selection.remove.not_listed", "该申报不在拟推荐名单中",
                           "The application is not on the list", "application");
  return CheckChangeReason(reason);
}

}  // namespace meihao::domain::selection

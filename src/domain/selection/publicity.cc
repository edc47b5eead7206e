#include "domain/selection/publicity.h"

#include <algorithm>

#include "common/text.h"
#include "domain/forms/text_fields.h"
#include "domain/selection/selection.h"

namespace meihao::domain::selection {
Result<CheckedObjection> CheckObjection(const ObjectionInput& in, const PublicityWindow& w, Date today,
                                        bool estate_listed) {
  const std::string span = w.first.ToString() + "至" + w.last.ToString();
  const std::string span_en = w.first.ToString() + " to " + w.last.ToString();
  if (today < w.first)
    return Error::Forbidden("objection.not_started", "名单尚未公示，公示期为" + span + "，请在公示期内提出异议",
                            "Publicity runs " + span_en + "; objections open when it starts");
  if (today > w.last)
    return Error::Forbidden("objection.ended", "公示期（" + span + "）已届满，不再受理异议",
                            "Publicity ran " + span_en + "; objections are no longer accepted");
  if (!estate_listed)
    return Error::Invalid("objection.estate.not_listed", "该小区不在本次公示名单中，不能对其提出异议",
                          "The estate is not on the published list", "estate_code");
  auto reason = forms::CheckWrittenText(in.reason, "objection.reason", "reason", "异议理由", "The reason", 1,
                                 kMaxObjectionReasonChars);
  if (!reason) return reason.error();
  auto name = forms::CheckWrittenText(in.name, "objection.name", "name", "异议人姓名", "The name", 1,
                               kMaxObjectorNameChars);
  if (!name) return name.error();
  auto phone = forms::CheckPhone(in.phone);
  if (!phone) return phone.error();
  return CheckedObjection{std::move(*reason), std::move(*name), std::move(*phone)};
}

std::string_view ObjectionOutcomeKey(ObjectionOutcome o) {
  return o == ObjectionOutcome::kUpheld ? "upheld" : "dismissed";
}

Result<ObjectionOutcome> ParseObjectionOutcome(std::string_view key) {
  if (key == "upheld") return ObjectionOutcome::kUpheld;
  if (key == "dismissed") return ObjectionOutcome::kDismissed;
  return Error::Invalid("objection.outcome.value", "处理结果须为：upheld（异议成立，该小区移出名单）或 dismissed（异议不成立）",
                        "The outcome must be upheld or dismissed", "outcome");
}

Result<std::string> CheckObjectionAnswer(std::string_view text) {
  return forms::CheckWrittenText(text, "objection.answer", "answer", "书面答复", "The answer", kMinAnswerChars,
                          kMaxAnswerChars);
}

Status CheckFinalise(const PublicityWindow& w, Date today, int64_t unresolved_objections) {
  if (!PublicityEnded(w, today))
    return Error::Conflict("publicity.running",
                           "公示期至" + w.last.ToString() + "届满，届满后方可确定最终名单",
                           "Publicity runs until " + w.last.ToString() + "; the list can be made final after it");
  if (unresolved_objections > 0)
    return Error::Conflict("publicity.objections_unresolved",
                           "尚有" + std::to_string(unresolved_objections) + "件异议未处理，处理完毕后方可确定最终名单",
                           std::to_string(unresolved_objections) +
                               " objection(s) are unresolved; resolve them before making the list final");
  return OkStatus();
}

}  // namespace meihao::domain::selection

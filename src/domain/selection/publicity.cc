#include "domain/selection/publicity.h"

#include <algorithm>

#include "common/text.h"
#include "domain/selection/selection.h"  // CheckWrittenText

namespace meihao::domain::selection {
namespace {

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool Subscriber(std::string_view s) { return (s.size() == 7 || s.size() == 8) && s[0] >= '2'; }

Error PhoneFormat() {
  return Error::Invalid("objection.phone.format",
                        "联系电话格式不正确：请填写11位手机号码，或带区号的固定电话（如0750-3201234），不含分机号",
                        "The phone must be an 11-digit mobile number or a landline with its area code "
                        "(e.g. 0750-3201234), without an extension",
                        "phone");
}

}  // namespace

Result<std::string> CheckPhone(std::string_view text) {
  std::string d;
  for (char c : Trim(text))
    if (c != ' ' && c != '-' && c != '(' && c != ')') d.push_back(c);
  if (d.empty())
    return Error::Invalid("objection.phone.required", "请填写联系电话", "The phone is required", "phone");
  if (d.starts_with("+86")) d.erase(0, 3);
  else if (d.size() == 13 && d.starts_with("861")) d.erase(0, 2);
  if (!AllDigits(d)) return PhoneFormat();
  if (d.size() == 11 && d[0] == '1' && d[1] >= '3') return d;  // 1[3-9] + 9 digits
  if (d.size() >= 2 && d[0] == '0') {
    // 010 and 02X are the only 3-digit area codes and carry 8-digit numbers;
    // every other area code is 0 + 3 digits.
    const bool short_area = d[1] == '1' || d[1] == '2';
    if (short_area && d[1] == '1' && d.size() > 2 && d[2] != '0') return PhoneFormat();
    const size_t area = short_area ? 3 : 4;
    if (d.size() > area) {
      const std::string_view sub = std::string_view(d).substr(area);
      if (Subscriber(sub) && (!short_area || sub.size() == 8)) return d.substr(0, area) + "-" + std::string(sub);
    }
  }
  return PhoneFormat();
}

std::string MaskPhone(std::string_view p) {
  if (!std::all_of(p.begin(), p.end(), [](char c) { return c > 0 && c < 0x7f; })) return "****";
  if (p.size() == 11 && p[0] == '1') return std::string(p.substr(0, 3)) + "****" + std::string(p.substr(7));
  const size_t dash = p.find('-');
  const size_t keep_from = dash == std::string_view::npos ? 0 : dash + 1;
  std::string out(p);
  for (size_t i = keep_from; i + 4 < out.size(); ++i) out[i] = '*';
  return out;
}

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
  auto reason = CheckWrittenText(in.reason, "objection.reason", "reason", "异议理由", "The reason", 1,
                                 kMaxObjectionReasonChars);
  if (!reason) return reason.error();
  auto name = CheckWrittenText(in.name, "objection.name", "name", "异议人姓名", "The name", 1,
                               kMaxObjectorNameChars);
  if (!name) return name.error();
  auto phone = CheckPhone(in.phone);
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
  return CheckWrittenText(text, "objection.answer", "answer", "书面答复", "The answer", kMinAnswerChars,
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

// Publicity and objections (公示与异议, rules.md §8): the window a published
// list is public, what an objection must contain, how the objector's phone is
// shown, and when a list may be made final. Pure: the caller passes today's
// date (TodayInChina) and the facts it loaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"

namespace meihao::domain::selection {

// Inclusive at both ends; the publish day is day 1. Published 2023-09-20 for
// 7 days → public 2023-09-20 … 2023-09-26; final from 2023-09-27.
struct PublicityWindow {
  Date first, last;
  bool operator==(const PublicityWindow&) const = default;
};
// Precondition: days ≥ 1 (the setting is 1…30).
inline PublicityWindow PublicityOf(Date published, int days) {
  return {published, published.AddDays(days - 1)};
}
inline bool InPublicity(const PublicityWindow& w, Date today) { return w.first <= today && today <= w.last; }
inline bool PublicityEnded(const PublicityWindow& w, Date today) { return today > w.last; }

inline constexpr size_t kMaxObjectionReasonChars = 2000;
inline constexpr size_t kMaxObjectorNameChars = 50;
inline constexpr size_t kMinAnswerChars = 2, kMaxAnswerChars = 2000;

struct ObjectionInput {
  std::string_view reason, name, phone;
};
struct CheckedObjection {
  std::string reason, name, phone;  // trimmed; phone normalised
  bool operator==(const CheckedObjection&) const = default;
};
// Refusal order: 403 objection.not_started / objection.ended (outside the
// window), 400 objection.estate.not_listed (field estate_code), then the
// fields: reason 1–2000 characters, name 1–50, phone per forms::CheckPhone
// (objection.reason.* / objection.name.* / objection.phone.*).
Result<CheckedObjection> CheckObjection(const ObjectionInput& in, const PublicityWindow& w, Date today,
                                        bool estate_listed);

// How an objection is resolved: upheld (the estate leaves the list) or
// dismissed, always with a written answer (2–2000 characters).
enum class ObjectionOutcome { kUpheld, kDismissed };
std::string_view ObjectionOutcomeKey(ObjectionOutcome o);  // upheld, dismissed
// 400 objection.outcome.value (field outcome) unless an exact key.
Result<ObjectionOutcome> ParseObjectionOutcome(std::string_view key);
// objection.answer.* (field answer); returns the trimmed answer.
Result<std::string> CheckObjectionAnswer(std::string_view text);

// A list becomes final only after its publicity has ended and with no
// unresolved objection: 409 publicity.running / publicity.objections_unresolved.
Status CheckFinalise(const PublicityWindow& w, Date today, int64_t unresolved_objections);

}  // namespace meihao::domain::selection

// The residents' satisfaction questionnaire (rules.md §10) and the single-use
// household codes printed on the slips. Pure apart from the randomness of the
// codes, which comes from libsodium through common/crypto.h (call
// crypto::InitCrypto() first).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace meihao::domain::survey {

// ---- The questionnaire -------------------------------------------------------

inline constexpr int kAnswerMin = 1;
inline constexpr int kAnswerMax = 5;
inline constexpr size_t kCommentMaxChars = 500;  // code points, not bytes

// Labels of answers 1..5 (index answer − 1), shared by the overall question
// and the dimensions.
inline constexpr std::array<std::string_view, 5> kAnswerLabels = {
    "非常不满意", "不满意", "一般", "满意", "非常满意"};

struct SurveyDimension {
  std::string_view key;  // English key; API fields are "dimensions.<key>"
  std::string_view zh;   // the wording of rules.md §10
};
// The six dimensions in the order of rules.md §10; SurveyAnswers::dimensions
// uses the same order.
inline constexpr std::array<SurveyDimension, 6> kDimensions = {{
    {"sanitation", "环境卫生"},
    {"greening", "绿化养护"},
    {"facilities", "设施设备维护"},
    {"safety", "安全秩序"},
    {"fees_disclosure", "收费与信息公开"},
    {"responsiveness", "服务响应"},
}};

// One household's answers. 0 means "not answered" (every question but the
// comment is compulsory). The comment may be empty.
struct SurveyAnswers {
  int overall = 0;
  std::array<int, 6> dimensions{};
  std::string comment;
};

// OK, or a 400 error for the first faulty question in questionnaire order:
//   field "overall" / "dimensions.<key>": code "survey.answer.missing" (0) or
//     "survey.answer.range" (not 1..5);
//   field "comment": "survey.comment.utf8" (malformed UTF-8) or
//     "survey.comment.too_long" (over 500 code points).
// The comment is checked as given; callers trim it first if they wish.
Status ValidateAnswers(const SurveyAnswers& a);

// Satisfaction points of one response: (overall − 1) × 25, so 1 → 0 … 5 → 100.
// Precondition: 1 ≤ overall ≤ 5 (ValidateAnswers passed).
int PointsOf(int overall);

// ---- Household codes ---------------------------------------------------------
// 128 random bits in Crockford base32 (alphabet 0-9 A-Z without I L O U): 26
// symbols, the first of them 0-7 (26 × 5 = 130 bits, the top two are zero).
// Printed form: groups of four joined by dashes, "7K3M-…-Q9" (32 chars).
// Normalised form: the 26 symbols, upper case, no dashes — what is hashed.

inline constexpr size_t kCodeSymbols = 26;

// A fresh code in printed form.
std::string NewHouseholdCode();
// n fresh codes in printed form. Not checked for duplicates: with 128 random
// bits a collision is not expected in any lifetime; the store's unique index
// on the hash is the backstop.
std::vector<std::string> NewHouseholdCodes(size_t n);

// What a person typed → normalised form. Case-insensitive; dashes, spaces
// (also U+3000) and hyphen-like characters are ignored; O → 0 and I, L → 1 as
// Crockford prescribes. nullopt when a symbol is outside the alphabet (U, or
// punctuation), the count is not 26, or the value exceeds 128 bits.
std::optional<std::string> NormaliseCode(std::string_view typed);

// Normalised → printed form (groups of four). Precondition: normalised.
std::string FormatCode(std::string_view normalised);

// What is stored: lower-case hex SHA-256 of the normalised form.
std::string CodeHash(std::string_view normalised);

// The stored lookup key of a code: its hash's first 15 hex digits as a
// 60-bit integer (never negative). Several codes may share a key; the full
// hash decides. Precondition: `hash` is CodeHash's output.
int64_t CodeKey(std::string_view hash);

}  // namespace meihao::domain::survey

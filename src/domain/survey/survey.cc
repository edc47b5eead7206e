#include "domain/survey/survey.h"

#include <algorithm>
#include <cstdint>

#include "common/crypto.h"
#include "common/text.h"

namespace meihao::domain::survey {
namespace {

Error AnswerError(const std::string& field, std::string_view zh_question, int value) {
  if (value == 0)
    return Error::Invalid("survey.answer.missing",
                          "请回答“" + std::string(zh_question) + "”一题",
                          "Please answer the question " + field, field);
  return Error::Invalid("survey.answer.range",
                        "“" + std::string(zh_question) + "”一题的答案须为1至5分",
                        "The answer to " + field + " must be 1 to 5, not " + std::to_string(value),
                        field);
}

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Value of an (ASCII, already upper-cased) symbol, with Crockford's aliases;
// −1 for anything outside the alphabet.
int SymbolValue(char32_t c) {
  if (c == 'O') return 0;
  if (c == 'I' || c == 'L') return 1;
  if (c > 0x7f) return -1;
  auto pos = kCrockford.find(static_cast<char>(c));
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// 16 bytes (big-endian 128-bit number) → 26 symbols, most significant first.
void EncodeInto(const uint8_t* b, char* out) {
  uint64_t hi = 0, lo = 0;
  for (int i = 0; i < 8; ++i) hi = hi << 8 | b[i];
  for (int i = 8; i < 16; ++i) lo = lo << 8 | b[i];
  for (int i = kCodeSymbols - 1; i >= 0; --i) {
    out[i] = kCrockford[lo & 31];
    lo = lo >> 5 | hi << 59;
    hi >>= 5;
  }
}

// crypto.h hands out randomness as base64url text; turn it back into bytes.
// Only whole 4-char quanta are decoded; the caller asks for a multiple of 3.
std::string RandomBytes(size_t n) {
  std::string token = crypto::RandomToken(n);
  static const auto kValue = [] {
    std::array<uint8_t, 256> t{};
    constexpr std::string_view a =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (size_t i = 0; i < a.size(); ++i) t[static_cast<uint8_t>(a[i])] = static_cast<uint8_t>(i);
    return t;
  }();
  std::string out;
  out.reserve(n);
  for (size_t i = 0; i + 4 <= token.size(); i += 4) {
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v = v << 6 | kValue[static_cast<uint8_t>(token[i + k])];
    out += static_cast<char>(v >> 16);
    out += static_cast<char>(v >> 8 & 0xff);
    out += static_cast<char>(v & 0xff);
  }
  out.resize(std::min(out.size(), n));
  return out;
}

constexpr size_t kPrintedLen = kCodeSymbols + (kCodeSymbols - 1) / 4;  // 32

}  // namespace

Status ValidateAnswers(const SurveyAnswers& a) {
  if (a.overall < kAnswerMin || a.overall > kAnswerMax)
    return AnswerError("overall", "总体满意度", a.overall);
  for (size_t i = 0; i < kDimensions.size(); ++i) {
    int v = a.dimensions[i];
    if (v < kAnswerMin || v > kAnswerMax)
      return AnswerError("dimensions." + std::string(kDimensions[i].key), kDimensions[i].zh, v);
  }
  if (!IsValidUtf8(a.comment))
    return Error::Invalid("survey.comment.utf8", "意见建议含有无法识别的字符",
                          "The comment is not valid UTF-8", "comment");
  if (size_t n = CodePointCount(a.comment); n > kCommentMaxChars)
    return Error::Invalid("survey.comment.too_long",
                          "意见建议不能超过500字（现有" + std::to_string(n) + "字）",
                          "The comment may have at most 500 characters, not " + std::to_string(n),
                          "comment");
  return OkStatus();
}

int PointsOf(int overall) { return (overall - 1) * 25; }

std::string NewHouseholdCode() { return NewHouseholdCodes(1).front(); }

std::vector<std::string> NewHouseholdCodes(size_t n) {
  std::vector<std::string> codes;
  codes.reserve(n);
  // Randomness in batches: one libsodium call per 3,000 codes (48,000 bytes,
  // a multiple of 3 so the base64 round trip is exact), not one per code.
  constexpr size_t kBatch = 3000;
  char sym[kCodeSymbols];
  for (size_t done = 0; done < n;) {
    size_t k = std::min(kBatch, n - done);
    std::string bytes = RandomBytes(((16 * k + 2) / 3) * 3);
    for (size_t j = 0; j < k; ++j) {
      EncodeInto(reinterpret_cast<const uint8_t*>(bytes.data()) + 16 * j, sym);
      codes.push_back(FormatCode(std::string_view(sym, kCodeSymbols)));
    }
    done += k;
  }
  return codes;
}

std::optional<std::string> NormaliseCode(std::string_view typed) {
  std::string out;
  for (char32_t c : ToU32(typed)) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width forms typed by Chinese IMEs
    if (c == '-' || c == ' ' || c == '\t' || c == 0x3000 || (c >= 0x2010 && c <= 0x2015) ||
        c == 0x2212)
      continue;
    if (c >= 'a' && c <= 'z') c -= 'a' - 'A';
    int v = SymbolValue(c);
    if (v < 0 || out.size() == kCodeSymbols) return std::nullopt;
    out += kCrockford[v];
  }
  // The first symbol carries only 3 bits (130 − 128 = 2 unused).
  if (out.size() != kCodeSymbols || SymbolValue(out[0]) > 7) return std::nullopt;
  return out;
}

std::string FormatCode(std::string_view normalised) {
  std::string out;
  out.reserve(kPrintedLen);
  for (size_t i = 0; i < normalised.size(); ++i) {
    if (i && i % 4 == 0) out += '-';
    out += normalised[i];
  }
  return out;
}

std::string CodeHash(std::string_view normalised) { return crypto::Sha256Hex(normalised); }

int64_t CodeKey(std::string_view hash) {
  int64_t key = 0;
  for (size_t i = 0; i < 15 && i < hash.size(); ++i) {
    char h = hash[i];
    key = key << 4 | (h >= 'a' ? h - 'a' + 10 : h - '0');
  }
  return key;
}

}  // namespace meihao::domain::survey

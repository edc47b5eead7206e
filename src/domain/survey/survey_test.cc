#include "domain/survey/survey.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/crypto.h"

namespace meihao::domain::survey {
namespace {

SurveyAnswers Good() { return {4, {5, 4, 3, 2, 1, 5}, "电梯经常坏"}; }

TEST(SurveyTest, ValidationTable) {
  struct C { SurveyAnswers a; std::string code; std::string field; };
  std::vector<C> cases;
  cases.push_back({Good(), "", ""});
  { auto a = Good(); a.comment.clear(); cases.push_back({a, "", ""}); }
  { auto a = Good(); a.overall = 0; cases.push_back({a, "survey.answer.missing", "overall"}); }
  { auto a = Good(); a.overall = 6; cases.push_back({a, "survey.answer.range", "overall"}); }
  { auto a = Good(); a.overall = -1; cases.push_back({a, "survey.answer.range", "overall"}); }
  { auto a = Good(); a.dimensions[0] = 0;
    cases.push_back({a, "survey.answer.missing", "dimensions.sanitation"}); }
  { auto a = Good(); a.dimensions[2] = 7;
    cases.push_back({a, "survey.answer.range", "dimensions.facilities"}); }
  { auto a = Good(); a.dimensions[5] = 0;
    cases.push_back({a, "survey.answer.missing", "dimensions.responsiveness"}); }
  // Two faults: the first question in questionnaire order is named.
  { auto a = Good(); a.dimensions[4] = 9; a.dimensions[1] = 0;
    cases.push_back({a, "survey.answer.missing", "dimensions.greening"}); }
  { auto a = Good(); a.comment.clear();
    for (int i = 0; i < 500; ++i) a.comment += "好";  // 500 code points, 1500 bytes
    cases.push_back({a, "", ""}); }
  { auto a = Good(); a.comment.clear();
    for (int i = 0; i < 501; ++i) a.comment += "好";
    cases.push_back({a, "survey.comment.too_long", "comment"}); }
  { auto a = Good(); a.comment = std::string(501, 'a');
    cases.push_back({a, "survey.comment.too_long", "comment"}); }
  { auto a = Good(); a.comment = "ok\xC3";  // truncated sequence
    cases.push_back({a, "survey.comment.utf8", "comment"}); }
  { auto a = Good(); a.comment = "\xED\xA0\x80";  // a surrogate
    cases.push_back({a, "survey.comment.utf8", "comment"}); }

  for (size_t i = 0; i < cases.size(); ++i) {
    Status s = ValidateAnswers(cases[i].a);
    if (cases[i].code.empty()) {
      EXPECT_TRUE(s.ok()) << "case " << i << ": " << s.error().code;
      continue;
    }
    ASSERT_FALSE(s.ok()) << "case " << i;
    EXPECT_EQ(s.error().kind, ErrorKind::kInvalid) << "case " << i;
    EXPECT_EQ(s.error().code, cases[i].code) << "case " << i;
    EXPECT_EQ(s.error().field, cases[i].field) << "case " << i;
    EXPECT_FALSE(s.error().message_zh.empty());
  }
}

TEST(SurveyTest, ErrorNamesTheQuestionInChinese) {
  auto a = Good();
  a.dimensions[3] = 0;
  Status s = ValidateAnswers(a);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message_zh.find("安全秩序"), std::string::npos) << s.error().message_zh;
}

TEST(SurveyTest, PointsTable) {
  EXPECT_EQ(PointsOf(1), 0);
  EXPECT_EQ(PointsOf(2), 25);
  EXPECT_EQ(PointsOf(3), 50);
  EXPECT_EQ(PointsOf(4), 75);
  EXPECT_EQ(PointsOf(5), 100);
}

TEST(SurveyTest, CodeFormat) {
  crypto::InitCrypto();
  const std::regex printed("[0-7][0-9A-HJKMNP-TV-Z]{3}(-[0-9A-HJKMNP-TV-Z]{4}){5}-[0-9A-HJKMNP-TV-Z]{2}");
  for (const auto& c : NewHouseholdCodes(1000)) {
    ASSERT_EQ(c.size(), 32u) << c;
    ASSERT_TRUE(std::regex_match(c, printed)) << c;
  }
  EXPECT_TRUE(std::regex_match(NewHouseholdCode(), printed));
  // The leading symbol takes all eight values it may (3 random bits): the
  // encoding uses the whole 128 bits, not fewer.
  std::unordered_set<char> first;
  for (const auto& c : NewHouseholdCodes(2000)) first.insert(c[0]);
  EXPECT_EQ(first.size(), 8u);
}

TEST(SurveyTest, NormalisationRoundTrip) {
  crypto::InitCrypto();
  for (const auto& c : NewHouseholdCodes(200)) {
    auto n = NormaliseCode(c);
    ASSERT_TRUE(n) << c;
    EXPECT_EQ(n->size(), kCodeSymbols);
    EXPECT_EQ(FormatCode(*n), c);
    // Typed sloppily: lower case, spaces instead of dashes, no separators.
    std::string sloppy;
    for (char ch : c) sloppy += ch == '-' ? ' ' : static_cast<char>(std::tolower(ch));
    EXPECT_EQ(NormaliseCode(sloppy), n) << sloppy;
    std::string bare;
    for (char ch : c) if (ch != '-') bare += ch;
    EXPECT_EQ(NormaliseCode(bare), n);
    EXPECT_EQ(CodeHash(*n), crypto::Sha256Hex(*n));
    EXPECT_EQ(CodeHash(*n).size(), 64u);
  }
}

TEST(SurveyTest, CodeKeyIsTheHashsFirstFifteenHexDigits) {
  struct Case { const char* hash; int64_t want; };
  const Case cases[] = {
      {"000000000000000f0000", 0},                              // digit 16 is not part of the key
      {"000000000000001f", 1},
      {"a00000000000000", int64_t(10) << 56},
      {"fffffffffffffff0", (int64_t(1) << 60) - 1},             // the largest key: 2^60 − 1, positive
      {"0123456789abcdef", 0x0123456789abcde},
  };
  for (const auto& c : cases) EXPECT_EQ(CodeKey(c.hash), c.want) << c.hash;
  // Agrees with migration 009's SQL on a real hash (checked there with the same formula).
  const std::string h = CodeHash("01234567890ABCDEFGHJKMNPQR");
  EXPECT_EQ(CodeKey(h), std::stoll(h.substr(0, 15), nullptr, 16));
}

TEST(SurveyTest, NormaliseAliasesAndRejects) {
  const std::string want = "01234567890ABCDEFGHJKMNPQR";
  EXPECT_EQ(NormaliseCode("0123-4567-890A-BCDE-FGHJ-KMNP-QR"), want);
  // O → 0, I and L → 1, lower case too.
  EXPECT_EQ(NormaliseCode("o123-4567-89OA-BCDE-FGHJ-KMNP-QR"), want);
  EXPECT_EQ(NormaliseCode("0i23-4567-890A-BCDE-FGHJ-KMNP-QR").value()[1], '1');
  EXPECT_EQ(NormaliseCode("0l23-4567-890A-BCDE-FGHJ-KMNP-QR").value()[1], '1');
  // Full-width characters and an ideographic space, as a Chinese IME types them.
  EXPECT_EQ(NormaliseCode("０１２３－4567　890A-BCDE-FGHJ-KMNP-QR"), want);
  EXPECT_EQ(NormaliseCode("  0123 4567 890A BCDE FGHJ KMNP QR "), want);

  EXPECT_EQ(NormaliseCode(""), std::nullopt);
  EXPECT_EQ(NormaliseCode("0123-4567-890A-BCDE-FGHJ-KMNP-Q"), std::nullopt);    // 25
  EXPECT_EQ(NormaliseCode("0123-4567-890A-BCDE-FGHJ-KMNP-QRS"), std::nullopt);  // 27
  EXPECT_EQ(NormaliseCode("0123-4567-890A-BCDE-FGHJ-KMNP-QU"), std::nullopt);   // U
  EXPECT_EQ(NormaliseCode("0123-4567-890A-BCDE-FGHJ-KMNP-Q!"), std::nullopt);
  EXPECT_EQ(NormaliseCode("0123_4567-890A-BCDE-FGHJ-KMNP-QR"), std::nullopt);
  EXPECT_EQ(NormaliseCode("好123-4567-890A-BCDE-FGHJ-KMNP-QR"), std::nullopt);
  // Leading symbol 8..Z would need more than 128 bits.
  EXPECT_EQ(NormaliseCode("7ZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZ").has_value(), true);
  EXPECT_EQ(NormaliseCode("8000-0000-0000-0000-0000-0000-00"), std::nullopt);
}

TEST(SurveyTest, HundredThousandCodesAreDistinct) {
  crypto::InitCrypto();
  auto codes = NewHouseholdCodes(100000);
  ASSERT_EQ(codes.size(), 100000u);
  std::unordered_set<std::string> seen(codes.begin(), codes.end());
  EXPECT_EQ(seen.size(), codes.size());
}

}  // namespace
}  // namespace meihao::domain::survey

#include "domain/cases/cases.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace meihao::domain::cases {
namespace {

std::string Repeat(const char* s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

using S = CaseStatus;

TEST(CasesTest, WhatEachStatusAllows) {
  struct Row {
    S status;
    const char *edit, *review, *publish;  // "" = allowed, else the refusal's code
  };
  const std::vector<Row> rows = {
      {S::kDraft, "", "case.not_submitted", "case.not_accepted"},
      {S::kSubmitted, "case.submitted", "", "case.not_accepted"},
      {S::kReturned, "", "case.not_submitted", "case.not_accepted"},
      {S::kAccepted, "case.locked", "case.not_submitted", ""},
      {S::kPublished, "case.locked", "case.not_submitted", "case.published"},
  };
  auto code = [](const Status& s) { return s ? std::string() : s.error().code; };
  for (const auto& r : rows) {
    SCOPED_TRACE(std::string(CaseStatusKey(r.status)));
    EXPECT_EQ(code(CheckEditable(r.status)), r.edit);
    EXPECT_EQ(code(CheckSubmittable(r.status)), r.edit);
    EXPECT_EQ(code(CheckReviewable(r.status)), r.review);
    EXPECT_EQ(code(CheckPublishable(r.status)), r.publish);
  }
  // Editing an accepted case is 403, a submitted one 409.
  EXPECT_EQ(CheckEditable(S::kAccepted).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(CheckEditable(S::kSubmitted).error().kind, ErrorKind::kConflict);
}

TEST(CasesTest, StatusKeysRoundTripAndUnknownIsRefused) {
  for (auto s : {S::kDraft, S::kSubmitted, S::kReturned, S::kAccepted, S::kPublished})
    EXPECT_EQ(ParseCaseStatus(CaseStatusKey(s)), s);
  EXPECT_EQ(CaseStatusNameZh(S::kPublished), "已发布");
  EXPECT_FALSE(ParseCaseStatus("Draft"));
}

TEST(CasesTest, TheFiveCategories) {
  EXPECT_EQ(kCategories.size(), 5u);
  EXPECT_EQ(FindCategory("party_building")->name_zh, "党建引领");
  EXPECT_EQ(FindCategory("enforcement")->name_zh, "执法和专业服务进小区");
  EXPECT_TRUE(CheckCategory("practical_deeds"));
  EXPECT_EQ(CheckCategory("党建引领").error().code, "case.category");
  EXPECT_EQ(CheckCategory("").error().code, "case.category");
}

TEST(CasesTest, TitleAndBodyLengthsInCharacters) {
  struct Row {
    std::string text;
    const char* title;  // "" ok
    const char* body;
  };
  const std::vector<Row> rows = {
      {"", "case.title.required", ""},                        // a draft body may be empty
      {"三个字", "case.title.length", ""},                    // 3 < 4
      {"四个汉字", "", ""},                                   // exactly 4
      {Repeat("字", 60), "", ""},                             // exactly 60
      {Repeat("字", 61), "case.title.length", ""},
      {Repeat("字", 5000), "case.title.length", ""},          // 5,000 汉字 = 15,000 bytes: counted in characters
      {Repeat("字", 5001), "case.title.length", "case.body.length"},
      {"\xff\xfe bad", "case.title.encoding", "case.body.encoding"},
  };
  auto code = [](const Result<std::string>& r) { return r ? std::string() : r.error().code; };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.text.substr(0, 12));
    EXPECT_EQ(code(CheckTitle(r.text)), r.title);
    EXPECT_EQ(code(CheckBody(r.text)), r.body);
  }
  EXPECT_EQ(*CheckTitle("　 加装电梯的故事 "), "加装电梯的故事");  // ideographic space trimmed
}

TEST(CasesTest, EstatesAndCompleteness) {
  EXPECT_EQ(CheckEstateCount({}).error().code, "case.estates.required");
  EXPECT_TRUE(CheckEstateCount({"a"}));
  EXPECT_EQ(CheckEstateCount({"a", "a"}).error().code, "case.estates.duplicate");
  std::vector<std::string> ten, eleven;
  for (int i = 0; i < 10; ++i) ten.push_back("e" + std::to_string(i));
  eleven = ten;
  eleven.push_back("e10");
  EXPECT_TRUE(CheckEstateCount(ten));
  EXPECT_EQ(CheckEstateCount(eleven).error().code, "case.estates.count");
  EXPECT_EQ(CheckComplete("  ", {"a"}).error().code, "case.body.required");
  EXPECT_EQ(CheckComplete("正文", {}).error().code, "case.estates.required");
  EXPECT_TRUE(CheckComplete("正文", {"a"}));
}

TEST(CasesTest, AtMostNinePhotosAndCommentLength) {
  EXPECT_TRUE(CheckPhotoCount(0));
  EXPECT_TRUE(CheckPhotoCount(8));  // the 9th
  EXPECT_EQ(CheckPhotoCount(9).error().code, "case.photo.count");
  EXPECT_EQ(CheckReturnComments("改").error().code, "case.comments.length");
  EXPECT_TRUE(CheckReturnComments("请补充"));
  EXPECT_EQ(CheckReturnComments(Repeat("字", 2001)).error().code, "case.comments.length");
}

}  // namespace
}  // namespace meihao::domain::cases

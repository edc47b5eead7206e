#include "domain/reports/report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace meihao::domain::reports {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

std::string Repeat(const char* s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(ReportTest, DaysLateCountsWholeDaysAfterTheDueDate) {
  struct Case {
    const char *due, *submitted;
    int late;
    const char* zh;
  };
  const std::vector<Case> cases = {
      {"2023-10-15", "2023-10-01", 0, "按时"},
      {"2023-10-15", "2023-10-15", 0, "按时"},     // on the due day itself
      {"2023-10-15", "2023-10-16", 1, "逾期1天"},
      {"2023-10-15", "2023-10-18", 3, "逾期3天"},
      {"2023-10-15", "2023-11-01", 17, "逾期17天"},  // 16 days left in October + 1
      {"2023-12-31", "2024-01-02", 2, "逾期2天"},    // across the year
  };
  for (const auto& c : cases) {
    EXPECT_EQ(DaysLate(D(c.due), D(c.submitted)), c.late) << c.submitted;
    EXPECT_EQ(LatenessZh(DaysLate(D(c.due), D(c.submitted))), c.zh) << c.submitted;
  }
}

TEST(ReportTest, DraftPartsMayBeEmptyButNotTooLongOrBroken) {
  struct Case {
    std::string key, text;
    const char* code;  // "" = accepted
    std::string kept;
  };
  const std::vector<Case> cases = {
      {"activities", "  全区共发动小区120个。 ", "", "全区共发动小区120个。"},
      {"practices", "", "", ""},
      {"problems", "   ", "", ""},
      {"suggestions", Repeat("议", 5000), "", Repeat("议", 5000)},  // 5,000 characters, 15,000 bytes
      {"suggestions", Repeat("议", 5001), "report.part.length", ""},
      {"activities", "\xff\xfe", "report.part.encoding", ""},
      {"summary", "文字", "report.part.unknown", ""},
  };
  for (const auto& c : cases) {
    auto r = CheckDraftPart(c.key, c.text);
    if (*c.code == '\0') {
      ASSERT_TRUE(r.ok()) << c.key << ": " << r.error().message_en;
      EXPECT_EQ(*r, c.kept);
      continue;
    }
    ASSERT_FALSE(r.ok()) << c.key;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().field, "parts." + c.key);
  }
  EXPECT_NE(CheckDraftPart("suggestions", Repeat("议", 5001)).error().message_zh.find("意见建议"), std::string::npos);
}

TEST(ReportTest, SubmittingNeedsAllFourPartsInReportOrder) {
  EXPECT_TRUE(MissingParts({{"activities", "a"}, {"practices", "b"}, {"problems", "c"}, {"suggestions", "d"}}).empty());
  const auto missing = MissingParts({{"activities", "a"}, {"problems", "  "}, {"other", "x"}});
  ASSERT_EQ(missing.size(), 3u);
  EXPECT_EQ(missing[0].field, "parts.practices");
  EXPECT_EQ(missing[1].field, "parts.problems");
  EXPECT_EQ(missing[2].field, "parts.suggestions");
  EXPECT_EQ(missing[0].code, "report.part.required");
  EXPECT_EQ(missing[0].message_zh, "请填写“主要做法成效”");
}

TEST(ReportTest, WhatEachStatusAllows) {
  struct Case {
    ReportStatus s;
    const char *key, *zh, *edit, *review;  // "" = allowed
  };
  const std::vector<Case> cases = {
      {ReportStatus::kDraft, "draft", "草稿", "", "report.not_submitted"},
      {ReportStatus::kSubmitted, "submitted", "已提交", "report.submitted", ""},
      {ReportStatus::kReturned, "returned", "已退回", "", "report.not_submitted"},
      {ReportStatus::kAccepted, "accepted", "已采纳", "report.accepted", "report.accepted"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ReportStatusKey(c.s), c.key);
    EXPECT_EQ(ReportStatusNameZh(c.s), c.zh);
    EXPECT_EQ(ParseReportStatus(c.key), c.s);
    auto e = CheckEditable(c.s);
    EXPECT_EQ(e.ok() ? "" : e.error().code, std::string(c.edit)) << c.key;
    if (!e.ok()) {
      EXPECT_EQ(e.error().kind, ErrorKind::kConflict);
    }
    auto r = CheckReviewable(c.s);
    EXPECT_EQ(r.ok() ? "" : r.error().code, std::string(c.review)) << c.key;
  }
  EXPECT_FALSE(ParseReportStatus("Draft").has_value());
  EXPECT_FALSE(ParseReportStatus("").has_value());
}

TEST(ReportTest, ReturnCommentsAreTwoToTwoThousandCharacters) {
  EXPECT_EQ(*CheckReturnComments("  请补充问题部分。 "), "请补充问题部分。");
  EXPECT_TRUE(CheckReturnComments("补充").ok());  // 2 characters
  EXPECT_EQ(CheckReturnComments("补").error().code, "report.comments.length");
  EXPECT_EQ(CheckReturnComments("").error().code, "report.comments.required");
  EXPECT_TRUE(CheckReturnComments(Repeat("改", 2000)).ok());
  EXPECT_EQ(CheckReturnComments(Repeat("改", 2001)).error().field, "comments");
}

}  // namespace
}  // namespace meihao::domain::reports

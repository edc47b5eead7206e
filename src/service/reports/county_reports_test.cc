// A county's work report through its whole workflow against a real SQLite
// file: open, save, submit (late by a hand-counted number of days), return
// with comments, resubmit, accept; versions kept; refusals by role, phase,
// status and version.
#include "service/reports/county_reports.h"

#include <gtest/gtest.h>

#include "service/campaigns/campaigns.h"
#include "service/testing/test_database.h"

namespace meihao::service::reports {
namespace {

using domain::reports::ReportStatus;

Date D(const char* iso) { return *Date::Parse(iso); }
Actor As(int64_t id, const char* name, policy::Role role, const char* scope) {
  return Actor{id, name, {id, role, scope}, "test"};
}

class CountyReportTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(campaigns::CreateCampaign(t_.ctx(), Actor::System(), 2023).ok()); }
  const std::map<std::string, std::string> kAll = {{"activities", "全区发动小区120个。"},
                                                   {"practices", "党建引领，红色管家进小区。"},
                                                   {"problems", "部分小区物业费收缴率偏低。"},
                                                   {"suggestions", "建议加大培育力度。"}};
  TestDatabase t_{"reports"};
  const Actor county_ = As(2, "county_admin", policy::Role::kCountyAdmin, "440703");  // 蓬江区
  const Actor other_county_ = As(3, "county_admin_xh", policy::Role::kCountyAdmin, "440705");
  const Actor city_ = As(1, "city_admin", policy::Role::kCityAdmin, "440700");
  const Actor auditor_ = As(4, "auditor", policy::Role::kAuditor, "440700");
  // The summary phase of 2023 runs 2023-10-01 … 2023-12-31; the report is due 2023-10-15.
  const Date in_summary_ = D("2023-10-10");
};

TEST_F(CountyReportTest, DraftSubmittedLateReturnedResubmittedAccepted) {
  auto opened = OpenReport(t_.ctx(), county_, 2023, "440703", in_summary_);
  ASSERT_TRUE(opened.ok()) << opened.error().message_en;
  EXPECT_EQ(opened->status, ReportStatus::kDraft);
  EXPECT_EQ(opened->version, 1);
  EXPECT_EQ(opened->county_name, "蓬江区");
  EXPECT_EQ(opened->due, D("2023-10-15"));
  EXPECT_TRUE(opened->parts.empty());
  // Opening again gives the same report, not a second one.
  EXPECT_EQ(OpenReport(t_.ctx(), county_, 2023, "440703", in_summary_)->version, 1);

  auto saved = SaveReportParts(t_.ctx(), county_, 2023, "440703", {{"activities", "  全区发动小区120个。 "}}, 1,
                               in_summary_);
  ASSERT_TRUE(saved.ok()) << saved.error().message_en;
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(saved->parts.at("activities"), "全区发动小区120个。");

  std::vector<Error> missing;
  auto early = SubmitReport(t_.ctx(), county_, 2023, "440703", 2, in_summary_, &missing);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "report.part.required");
  ASSERT_EQ(missing.size(), 3u);  // practices, problems, suggestions
  EXPECT_EQ(missing[0].field, "parts.practices");

  ASSERT_TRUE(SaveReportParts(t_.ctx(), county_, 2023, "440703", kAll, 2, in_summary_).ok());
  // Submitted on 2023-10-18: three days after the 15th.
  auto submitted = SubmitReport(t_.ctx(), county_, 2023, "440703", 3, D("2023-10-18"));
  ASSERT_TRUE(submitted.ok()) << submitted.error().message_en;
  EXPECT_EQ(submitted->status, ReportStatus::kSubmitted);
  EXPECT_EQ(submitted->days_late, 3);
  EXPECT_TRUE(submitted->submitted_at.has_value());
  EXPECT_EQ(SaveReportParts(t_.ctx(), county_, 2023, "440703", kAll, 4, in_summary_).error().code,
            "report.submitted");

  EXPECT_EQ(ReturnReport(t_.ctx(), city_, 2023, "440703", "补", 4, in_summary_).error().code,
            "report.comments.length");
  auto returned = ReturnReport(t_.ctx(), city_, 2023, "440703", "请补充存在问题部分的具体数据。", 4, D("2023-10-19"));
  ASSERT_TRUE(returned.ok()) << returned.error().message_en;
  EXPECT_EQ(returned->status, ReportStatus::kReturned);
  EXPECT_EQ(returned->comments, "请补充存在问题部分的具体数据。");

  ASSERT_TRUE(SaveReportParts(t_.ctx(), county_, 2023, "440703", {{"problems", "12个小区收缴率低于95%。"}}, 5,
                              D("2023-10-20"))
                  .ok());
  // Resubmitted on the 20th: five days late, and the count follows the latest submission.
  auto again = SubmitReport(t_.ctx(), county_, 2023, "440703", 6, D("2023-10-20"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->days_late, 5);
  auto accepted = AcceptReport(t_.ctx(), city_, 2023, "440703", 7, D("2023-10-21"));
  ASSERT_TRUE(accepted.ok()) << accepted.error().message_en;
  EXPECT_EQ(accepted->status, ReportStatus::kAccepted);
  EXPECT_EQ(accepted->version, 8);
  EXPECT_EQ(AcceptReport(t_.ctx(), city_, 2023, "440703", 8, D("2023-10-21")).error().code, "report.accepted");
  EXPECT_EQ(SaveReportParts(t_.ctx(), county_, 2023, "440703", kAll, 8, D("2023-10-21")).error().code,
            "report.accepted");

  // Every state kept, in order, with who made it.
  auto history = ReportHistory(t_.ctx(), auditor_, 2023, "440703");
  ASSERT_TRUE(history.ok());
  const std::vector<ReportStatus> want = {ReportStatus::kDraft,     ReportStatus::kDraft,    ReportStatus::kDraft,
                                          ReportStatus::kSubmitted, ReportStatus::kReturned, ReportStatus::kReturned,
                                          ReportStatus::kSubmitted, ReportStatus::kAccepted};
  ASSERT_EQ(history->size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ((*history)[i].version, int64_t(i + 1));
    EXPECT_EQ((*history)[i].status, want[i]) << i;
  }
  EXPECT_EQ((*history)[3].days_late, 3);
  EXPECT_EQ((*history)[3].parts.at("problems"), "部分小区物业费收缴率偏低。");  // the first submission as it was
  EXPECT_EQ((*history)[4].by, "city_admin");
  EXPECT_EQ((*history)[6].parts.at("problems"), "12个小区收缴率低于95%。");

  // Audited once per change: open, 3 saves, 2 submits, return, accept.
  auto c = t_.db().Acquire();
  EXPECT_EQ(c->QueryInt("SELECT count(*) FROM audit_log WHERE object = 'report:2023:440703'"), 8);
}

TEST_F(CountyReportTest, OnTimeOnTheDueDay) {
  ASSERT_TRUE(OpenReport(t_.ctx(), county_, 2023, "440703", in_summary_).ok());
  ASSERT_TRUE(SaveReportParts(t_.ctx(), county_, 2023, "440703", kAll, 1, in_summary_).ok());
  auto r = SubmitReport(t_.ctx(), county_, 2023, "440703", 2, D("2023-10-15"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->days_late, 0);
}

TEST_F(CountyReportTest, Refusals) {
  // Who: the city reviews and does not write; another county's admin does not see this county.
  EXPECT_EQ(OpenReport(t_.ctx(), city_, 2023, "440703", in_summary_).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(OpenReport(t_.ctx(), other_county_, 2023, "440703", in_summary_).error().kind, ErrorKind::kNotFound);
  // Where and when: no such county or campaign; before the summary phase.
  EXPECT_EQ(OpenReport(t_.ctx(), county_, 2023, "440703001", in_summary_).error().code, "report.county.not_found");
  EXPECT_EQ(OpenReport(t_.ctx(), county_, 2031, "440703", in_summary_).error().code, "campaign.not_found");
  EXPECT_EQ(OpenReport(t_.ctx(), county_, 2023, "440703", D("2023-09-30")).error().code, "phase.closed");
  EXPECT_EQ(GetReport(t_.ctx(), city_, 2023, "440703").error().code, "report.not_found");

  ASSERT_TRUE(OpenReport(t_.ctx(), county_, 2023, "440703", in_summary_).ok());
  // A stale version, a bad part, the county reviewing itself, a draft reviewed.
  EXPECT_EQ(SaveReportParts(t_.ctx(), county_, 2023, "440703", kAll, 7, in_summary_).error().code, "report.version");
  EXPECT_EQ(SaveReportParts(t_.ctx(), county_, 2023, "440703", {{"summary", "x"}}, 1, in_summary_).error().code,
            "report.part.unknown");
  EXPECT_EQ(AcceptReport(t_.ctx(), county_, 2023, "440703", 1, in_summary_).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(AcceptReport(t_.ctx(), city_, 2023, "440703", 1, in_summary_).error().code, "report.not_submitted");
  // Nothing of the refused calls was written.
  EXPECT_EQ(GetReport(t_.ctx(), city_, 2023, "440703")->version, 1);
  EXPECT_TRUE(GetReport(t_.ctx(), city_, 2023, "440703")->parts.empty());
}

TEST_F(CountyReportTest, TheCityListsEveryCountyACountyItsOwn) {
  ASSERT_TRUE(OpenReport(t_.ctx(), county_, 2023, "440703", in_summary_).ok());
  auto all = ListReports(t_.ctx(), city_, 2023);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 7u);  // 江门市's seven counties
  size_t with_report = 0;
  for (const auto& row : *all) with_report += row.status.has_value();
  EXPECT_EQ(with_report, 1u);
  auto own = ListReports(t_.ctx(), other_county_, 2023);
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ((*own)[0].county_code, "440705");
  EXPECT_FALSE((*own)[0].status.has_value());
  EXPECT_EQ(ListReports(t_.ctx(), As(9, "evaluator", policy::Role::kEvaluator, "440700"), 2023).error().kind,
            ErrorKind::kForbidden);
}

}  // namespace
}  // namespace meihao::service::reports

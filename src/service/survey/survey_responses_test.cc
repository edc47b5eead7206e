// The survey intake against a real SQLite file: redemption is atomic under
// concurrency, figures follow each response, a rebuild finds them exact.
#include "service/survey/survey_responses.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "service/campaigns/campaigns.h"
#include "service/figures/figures.h"
#include "service/indicators/figures_rebuild.h"
#include "service/survey/survey_codes.h"
#include "service/testing/test_database.h"

namespace meihao::service::survey {
namespace {

class SurveyIntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(setup::LoadDemo(t_.ctx(), 20).ok());
    // A campaign whose survey window holds today, whatever today is: next
    // year's campaign, its window opening ten days ago (inside its
    // assessment window, which starts on 1 September of this year or the last).
    const Date today = TodayInChina();
    year_ = today.year + 1;
    ASSERT_TRUE(campaigns::CreateCampaign(t_.ctx(), Actor::System(), year_).ok());
    const Date from = std::max(today.AddDays(-10), Date{year_ - 1, 9, 1});
    auto changed = campaigns::ChangeCampaignSettings(
        t_.ctx(), Actor::System(), year_,
        {{"survey_window.from", from.ToString()}, {"survey_window.to", Date{year_, 8, 31}.ToString()}}, true, today);
    ASSERT_TRUE(changed.ok()) << changed.error().message_en;
    estate_ = *t_.db().Acquire()->QueryText("SELECT code FROM estates ORDER BY code LIMIT 1");
  }
  std::vector<std::string> Issue(int n) {
    auto issued = IssueHouseholdCodes(t_.ctx(), Actor::System(), year_, estate_, n);
    EXPECT_TRUE(issued.ok());
    return issued ? issued->codes : std::vector<std::string>{};
  }
  static domain::survey::SurveyAnswers Answers(int overall, std::array<int, 6> dims = {4, 4, 4, 4, 4, 4}) {
    return {overall, dims, ""};
  }
  figures::KeptFigures Figures() {
    auto c = t_.db().Acquire();
    return figures::LoadKeptFigures(*c, year_)[estate_];
  }

  TestDatabase t_{"survey"};
  int year_ = 0;
  std::string estate_;
};

TEST_F(SurveyIntakeTest, AnAnswerRedeemsItsCodeOnceAndAddsToTheFigures) {
  SurveyIntake intake(t_.ctx(), 256);
  auto codes = Issue(2);
  const figures::KeptFigures before = Figures();
  auto first = intake.SubmitAndWait({codes[0], Answers(5, {5, 4, 3, 2, 1, 5}), std::nullopt, std::nullopt});
  ASSERT_TRUE(first.ok()) << first.error().message_en;
  EXPECT_EQ(first->estate_code, estate_);
  auto second = intake.SubmitAndWait({codes[0], Answers(1), std::nullopt, std::nullopt});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "survey.code.used");
  EXPECT_EQ(second.error().kind, ErrorKind::kConflict);
  ASSERT_TRUE(intake.SubmitAndWait({codes[1], Answers(2, {1, 1, 1, 1, 1, 1}), std::nullopt, std::nullopt}).ok());
  const figures::KeptFigures after = Figures();
  // 5 → 100 points, 2 → 25 points.
  EXPECT_EQ(after.sums.survey_responses - before.sums.survey_responses, 2);
  EXPECT_EQ(after.sums.survey_points - before.sums.survey_points, 125);
  const std::array<int64_t, 6> dims = {6, 5, 4, 3, 2, 6};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(after.dimension_sums[i] - before.dimension_sums[i], dims[i]) << i;
}

TEST_F(SurveyIntakeTest, RefusalsComeBeforeAnyWrite) {
  SurveyIntake intake(t_.ctx(), 256);
  auto codes = Issue(1);
  auto bad = intake.SubmitAndWait({codes[0], Answers(0), std::nullopt, std::nullopt});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "overall");
  auto unknown = intake.SubmitAndWait({"0000-0000-0000-0000-0000-0000-00", Answers(3), std::nullopt, std::nullopt});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "survey.code.unknown");
  // Paper entry for another year is "no such code"; an applicant may not type in paper at all.
  Actor clerk = Actor::System();
  auto other_year = intake.SubmitAndWait({codes[0], Answers(3), clerk, year_ - 1});
  ASSERT_FALSE(other_year.ok());
  EXPECT_EQ(other_year.error().code, "survey.code.unknown");
  Actor applicant{std::nullopt, "a", {7, policy::Role::kApplicant, "440703"}, "test"};
  auto forbidden = intake.SubmitAndWait({codes[0], Answers(3), applicant, year_});
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().kind, ErrorKind::kForbidden);
  // The code is still unused.
  EXPECT_TRUE(intake.SubmitAndWait({codes[0], Answers(3), std::nullopt, std::nullopt}).ok());
}

TEST_F(SurveyIntakeTest, SimultaneousAnswersWithOneCodeCountOnce) {
  for (size_t batch : {size_t(1), size_t(256)}) {
    SurveyIntake intake(t_.ctx(), batch);
    auto codes = Issue(1);
    std::atomic<int> ok{0}, used{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t)
      threads.emplace_back([&, t] {
        auto r = intake.SubmitAndWait({codes[0], Answers(1 + t % 5), std::nullopt, std::nullopt});
        if (r.ok()) ++ok;
        else if (r.error().code == "survey.code.used") ++used;
      });
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), 1) << "batch " << batch;
    EXPECT_EQ(used.load(), 15) << "batch " << batch;
  }
}

TEST_F(SurveyIntakeTest, ManyConcurrentAnswersAllCountAndTheRebuildFindsNoDifference) {
  SurveyIntake intake(t_.ctx(), 256);
  auto codes = Issue(400);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (size_t i = t; i < codes.size(); i += 8)
        ok += intake.SubmitAndWait({codes[i], Answers(1 + int(i % 5)), std::nullopt, std::nullopt}).ok();
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 400);
  // 80 answers each of 1…5: 80 × (0 + 25 + 50 + 75 + 100) = 20000 points.
  EXPECT_EQ(Figures().sums.survey_responses, 400);
  EXPECT_EQ(Figures().sums.survey_points, 20000);
  auto report = indicators::RebuildFigures(t_.ctx(), Actor::System(), year_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->differing_estates, 0);
}

}  // namespace
}  // namespace meihao::service::survey

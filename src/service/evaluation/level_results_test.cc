#include "service/evaluation/level_results.h"

#include <gtest/gtest.h>

#include "service/campaigns/campaigns.h"
#include "service/testing/test_database.h"
#include "service/testing/test_sheets.h"

namespace meihao::service::evaluation {
namespace {

using testing::Checks;
using testing::Principles;
using testing::UniformScores;

class LevelResultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(campaigns::CreateCampaign(t.ctx(), Actor::System(), 2023).ok());
    auto c = t.db().Acquire();
    // 30 managed estates in 蓬江区 (quota ⌈4% × 30⌉ = 2) and one unmanaged one.
    for (int i = 1; i <= 31; ++i) {
      const std::string code = "E" + std::to_string(100 + i);
      c->Exec(
          "INSERT INTO estates(code, name, county_code, town_code, households, management_mode, owners_org, "
          "party_org, demonstration, created_at, updated_at) VALUES (?, ?, '440703', '440703001', 100, ?, "
          "'owners_committee', 1, 0, '2023-01-01', '2023-01-01')",
          {code, "小区" + code, std::string(i == 31 ? "none" : i <= 4 ? "professional" : "self")});
    }
    for (int i = 1; i <= 5; ++i)
      c->Exec(
          "INSERT INTO users(id, username, display_name, role, scope_code, password_hash, created_at) "
          "VALUES (?, ?, ?, 'evaluator', '440703', 'x', '2023-01-01')",
          {int64_t{100 + i}, "eval" + std::to_string(i), "专家" + std::to_string(i)});
  }

  int64_t Apply(const std::string& estate, const AutomaticChecks& a, int64_t submitted_ms) {
    auto c = t.db().Acquire();
    c->Exec(
        "INSERT INTO applications(campaign_year, estate_code, county_code, applicant_type, applicant_name, "
        "contact_name, contact_phone, status, rubric, automatic, submitted_at, submitted_ms, created_at, "
        "updated_at) VALUES (2023, ?, '440703', 'property_company', '红色物业', '张三', '13812345678', "
        "'submitted', '', ?, '2023-09-10T00:00:00Z', ?, '2023-09-01', '2023-09-01')",
        {estate, AutomaticChecksToJson(a), submitted_ms});
    return *c->QueryInt("SELECT id FROM applications WHERE estate_code = ?", {estate});
  }

  void Sheet(int64_t application, int evaluator, int points, const std::string& failed = "",
             const std::string& status = "submitted") {
    auto c = t.db().Acquire();
    c->Exec("INSERT INTO assignments(application_id, level, evaluator_id, assigned_at) VALUES (?, 'county', ?, 'x')",
            {application, int64_t{100 + evaluator}});
    c->Exec(
        "INSERT INTO score_sheets(application_id, level, evaluator_id, status, scores, principles, saved_at) "
        "VALUES (?, 'county', ?, ?, ?, ?, 'x')",
        {application, int64_t{100 + evaluator}, status, UniformScores(points), Principles(failed)});
  }

  TestDatabase t{"level-results"};
};

TEST_F(LevelResultsTest, SheetTotalFollowsTheRubric) {
  const auto& r = domain::rubric::ReferenceRubric();
  EXPECT_EQ(*SheetTotal(r, UniformScores(10), Checks("E101", Fraction(90), true)), Fraction(100));
  EXPECT_EQ(*SheetTotal(r, UniformScores(5), Checks("E101", Fraction(90), true)), Fraction(55));
  // 3.2 scores 0 without the fee gate: S3 (60 + 10)/80·40 = 35 → 95.
  EXPECT_EQ(*SheetTotal(r, UniformScores(10), Checks("E101", Fraction(90), false)), Fraction(95));
  EXPECT_FALSE(SheetTotal(r, "{\"1.1\":\"x\"}", Checks("E101", Fraction(90), true)));
  EXPECT_FALSE(SheetTotal(r, "{\"1.1\":50}", Checks("E101", Fraction(90), true)));  // incomplete
}

TEST_F(LevelResultsTest, CountyLevelByHand) {
  // A: 100, 100, 55 → 85; stddev √450 = 21.21 → flagged.
  const int64_t a = Apply("E101", Checks("E101", Fraction(90), true), 3000);
  Sheet(a, 1, 10);
  Sheet(a, 2, 10);
  Sheet(a, 3, 5);
  // B: 91, 82, 82, 73, 100 → trimmed (91 + 82 + 82)/3 = 85; population stddev √84.24 = 9.18.
  // Ties A on score; A's satisfaction 90 beats B's 88 → A 1st, B 2nd.
  const int64_t b = Apply("E102", Checks("E102", Fraction(88), true), 1000);
  Sheet(b, 1, 9);
  Sheet(b, 2, 8);
  Sheet(b, 3, 8);
  Sheet(b, 4, 7);
  Sheet(b, 5, 10);
  // C: two submitted sheets and one draft → not evaluated, not ranked.
  const int64_t c = Apply("E103", Checks("E103", Fraction(99), true), 500);
  Sheet(c, 1, 10);
  Sheet(c, 2, 10);
  Sheet(c, 3, 10, "", "draft");
  // D: fee rate 90% fails P8's automatic part; P5 failed by 2 of 3 → ineligible twice over.
  const int64_t d = Apply("E104", Checks("E104", Fraction(95), false), 200);
  Sheet(d, 1, 10, "P5");
  Sheet(d, 2, 10, "P5");
  Sheet(d, 3, 10);

  auto conn = t.db().Acquire();
  auto r = ComputeLevelResults(*conn, 2023, policy::Level::kCounty, "440703");
  ASSERT_TRUE(r) << r.error().message_en;
  EXPECT_EQ(r->managed_estates, 30);
  EXPECT_EQ(r->quota, 2);
  ASSERT_EQ(r->applications.size(), 4u);
  const auto& ra = r->applications[0];
  const auto& rb = r->applications[1];
  const auto& rc = r->applications[2];
  const auto& rd = r->applications[3];
  EXPECT_EQ(ra.assigned, 3);
  EXPECT_EQ(ra.evaluation.score, Fraction(85));
  EXPECT_EQ(ra.evaluation.stddev_text, "21.21");
  EXPECT_TRUE(ra.evaluation.disagreement);
  EXPECT_FALSE(ra.evaluation.trimmed);
  EXPECT_TRUE(ra.evaluation.eligible);
  EXPECT_EQ(rb.evaluation.score, Fraction(85));
  EXPECT_TRUE(rb.evaluation.trimmed);
  EXPECT_EQ(rb.evaluation.stddev_text, "9.18");
  EXPECT_FALSE(rb.evaluation.disagreement);
  EXPECT_EQ(rc.sheets.size(), 2u);
  EXPECT_FALSE(rc.evaluation.evaluated);
  EXPECT_FALSE(rc.placed);
  EXPECT_TRUE(rd.evaluation.evaluated);
  EXPECT_FALSE(rd.evaluation.eligible);
  EXPECT_FALSE(rd.evaluation.principles[4].passed);  // P5: 1 of 3
  EXPECT_EQ(rd.evaluation.principles[4].evaluator_passes, 1);
  EXPECT_FALSE(rd.evaluation.principles[7].passed);  // P8: automatic part
  EXPECT_EQ(rd.sheets[0].fail_reasons.at("P5"), "未公示");
  EXPECT_EQ(rd.sheets[0].total, Fraction(95));  // 3.2 at 0

  ASSERT_EQ(r->ranking.size(), 2u);  // only eligible and evaluated
  EXPECT_EQ(r->ranking[0], 0u);
  EXPECT_EQ(r->ranking[1], 1u);
  EXPECT_EQ(ra.placed->rank, 1);
  EXPECT_EQ(rb.placed->rank, 2);
  EXPECT_TRUE(ra.placed->proposed && rb.placed->proposed);
}

TEST_F(LevelResultsTest, CityLevelTakesFinalCountyWinnersOnly) {
  const int64_t a = Apply("E101", Checks("E101", Fraction(90), true), 3000);
  const int64_t b = Apply("E102", Checks("E102", Fraction(88), true), 1000);
  auto c = t.db().Acquire();
  for (const auto& [county, status] : {std::pair{"440703", "final"}, std::pair{"440705", "published"}})
    c->Exec(
        "INSERT INTO selection_lists(campaign_year, level, unit_code, status, quota, short, published_on, "
        "publicity_days, published_at) VALUES (2023, 'county', ?, ?, 2, 0, '2023-09-20', 7, 'x')",
        {std::string(county), std::string(status)});
  c->Exec(
      "INSERT INTO selection_entries(campaign_year, level, unit_code, application_id, estate_code, position, "
      "score, source, status) VALUES (2023, 'county', '440703', ?, 'E101', 1, '85.00', 'rules', 'listed'), "
      "(2023, 'county', '440703', ?, 'E102', 2, '85.00', 'rules', 'removed')",
      {a, b});
  auto r = ComputeLevelResults(*c, 2023, policy::Level::kCity, "440700");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->applications.size(), 1u);  // B left the list after an objection
  EXPECT_EQ(r->applications[0].application_id, a);
  EXPECT_EQ(r->quota, 1);  // no city_target: every county winner
  EXPECT_FALSE(r->applications[0].evaluation.evaluated);
}

TEST_F(LevelResultsTest, UnknownCampaign) {
  auto c = t.db().Acquire();
  auto r = ComputeLevelResults(*c, 2024, policy::Level::kCounty, "440703");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "campaign.not_found");
}

}  // namespace
}  // namespace meihao::service::evaluation

// The evaluator's side of the evaluation service: typed sheets checked against
// the rubric and their stored forms, submitting and the secrecy of the others'
// sheets, the queue (evaluation_sheets.cc; the matrix over the sheets, too).
#include "service/evaluation/evaluation.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "service/evaluation/evaluation_test_fixture.h"

namespace meihao::service::evaluation {
namespace {

std::vector<std::string> Fields(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

// ---- The sheet glue: typed input against the rubric -------------------------------------

TEST(SheetInputTest, DraftAndSubmissionTable) {
  const auto& r = domain::rubric::ReferenceRubric();
  struct C {
    std::string name;
    SheetInput in;
    bool complete;
    std::vector<std::string> fields;  // the problems' fields, in order
  };
  auto with = [](std::map<std::string, std::string> scores, std::map<std::string, PrincipleMark> p = {}) {
    return SheetInput{std::move(scores), std::move(p)};
  };
  auto full = [&](std::function<void(SheetInput&)> change) {
    SheetInput in{Uniform("8"), AllPass()};
    change(in);
    return in;
  };
  const std::vector<C> cases = {
      {"empty draft", with({}), false, {}},
      {"partial draft", with({{"1.1", "8.5"}, {"4.7", "0"}}, {{"P3", {false, "未开展文明创建活动"}}}), false, {}},
      {"two decimals", with({{"1.1", "8.55"}}), false, {"scores.1.1"}},
      {"above the maximum", with({{"1.2", "10.5"}}), false, {"scores.1.2"}},
      {"exactly the maximum", with({{"1.2", "10"}, {"1.3", "10.0"}}), false, {}},
      {"negative", with({{"1.2", "-1"}}), false, {"scores.1.2"}},
      {"not a number", with({{"1.2", "八"}}), false, {"scores.1.2"}},
      {"gate-linked item", with({{"3.1", "10"}}), false, {"scores.3.1"}},
      {"unknown unit", with({{"9.9", "1"}}), false, {"scores.9.9"}},
      {"fail without reason", with({}, {{"P3", {false, ""}}}), false, {"principles.P3.reason"}},
      {"fail with a one-character reason", with({}, {{"P3", {false, " 差 "}}}), false, {"principles.P3.reason"}},
      {"fail with a 500-character reason", with({}, {{"P5", {false, std::string(500, 'x')}}}),
       false, {}},
      {"fail with a 501-character reason", with({}, {{"P5", {false, std::string(501, 'x')}}}), false,
       {"principles.P5.reason"}},
      {"P1 is not the evaluators'", with({}, {{"P1", {true, ""}}}), false, {"principles.P1"}},
      {"undecided in a draft", with({}, {{"P4", {std::nullopt, "待核实"}}}), false, {}},
      {"complete submission", full([](SheetInput&) {}), true, {}},
      {"submission missing two items", full([](SheetInput& in) {
         in.scores.erase("2.3");
         in.scores.erase("4.1");
       }),
       true, {"scores.2.3", "scores.4.1"}},
      {"submission missing a principle", full([](SheetInput& in) { in.principles.erase("P7"); }), true,
       {"principles.P7"}},
      {"submission with an undecided principle", full([](SheetInput& in) { in.principles["P9"].pass.reset(); }),
       true, {"principles.P9"}},
      {"submission: every problem at once", full([](SheetInput& in) {
         in.scores["1.1"] = "11";
         in.scores.erase("1.2");
         in.principles["P2"] = {false, ""};
       }),
       true, {"scores.1.1", "scores.1.2", "principles.P2.reason"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    domain::rubric::ScoreSheet parsed;
    auto problems = CheckSheetInput(r, c.in, c.complete, &parsed);
    EXPECT_EQ(Fields(problems), c.fields);
  }
}

TEST(SheetInputTest, StoredFormsRoundTrip) {
  const domain::rubric::ScoreSheet s{{"1.1", 85}, {"1.2", 100}, {"1.5", 0}};
  EXPECT_EQ(ScoresToJson(s), R"({"1.1":85,"1.2":100,"1.5":0})");
  EXPECT_EQ(ScoresFromJson(ScoresToJson(s)), s);
  std::map<std::string, PrincipleMark> p{{"P2", {true, ""}}, {"P3", {false, "未开展"}}, {"P4", {std::nullopt, "x"}}};
  // Undecided principles are not stored.
  EXPECT_EQ(PrinciplesToJson(p), R"({"P2":{"pass":true,"reason":""},"P3":{"pass":false,"reason":"未开展"}})");
  auto back = PrinciplesFromJson(PrinciplesToJson(p));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back["P3"].pass, false);
  EXPECT_EQ(back["P3"].reason, "未开展");
}

// ---- Sheets, matrix, queue ---------------------------------------------------------------

TEST_F(EvaluationServiceTest, SheetsSecrecyAndSubmission) {
  ASSERT_TRUE(Assign(t.ctx(), county, 2023, {"county", {app_e1}, {101, 102, 103}}, review).ok());
  const int64_t a1 = AssignmentOf(app_e1, 101), a2 = AssignmentOf(app_e1, 102);
  // Submitting an empty sheet: every unit (23) and every principle (8) missing.
  auto empty = SubmitSheet(t.ctx(), Evaluator(101), 2023, a1, std::nullopt, review);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->problems.size(), 23u + 8u);
  // 102 submits 8 points everywhere: total 9·8 + 10 = 82 (see level_results_test).
  auto s2 = SubmitSheet(t.ctx(), Evaluator(102), 2023, a2, SheetInput{Uniform("8"), AllPass()}, review);
  ASSERT_TRUE(s2.ok());
  ASSERT_TRUE(s2->problems.empty());
  EXPECT_EQ(s2->sheet->total, "82.00");
  // 101 sees nothing of 102 before submitting its own …
  auto before = GetScoringView(t.ctx(), Evaluator(101), 2023, a1, review);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->others_visible);
  EXPECT_TRUE(before->others.empty());
  // … saves a draft, then submits it with 10 points: 100.
  ASSERT_TRUE(SaveDraft(t.ctx(), Evaluator(101), 2023, a1, {Uniform("10"), AllPass()}, review).ok());
  auto s1 = SubmitSheet(t.ctx(), Evaluator(101), 2023, a1, std::nullopt, review);
  ASSERT_TRUE(s1.ok());
  ASSERT_TRUE(s1->problems.empty());
  EXPECT_EQ(s1->sheet->total, "100.00");
  auto after = GetScoringView(t.ctx(), Evaluator(101), 2023, a1, review);
  ASSERT_TRUE(after->others_visible);
  ASSERT_EQ(after->others.size(), 1u);
  EXPECT_EQ(after->others[0].evaluator_id, 102);
  EXPECT_EQ(after->others[0].total, "82.00");
  // Submitted is final: no draft, no second submission, no conflict, no unassignment.
  EXPECT_EQ(SaveDraft(t.ctx(), Evaluator(101), 2023, a1, {}, review).error().code, "sheet.submitted");
  EXPECT_EQ(SubmitSheet(t.ctx(), Evaluator(101), 2023, a1, std::nullopt, review).error().code, "sheet.submitted");
  EXPECT_EQ(DeclareConflict(t.ctx(), Evaluator(101), 2023, a1, "亲属在该小区居住", review).error().code,
            "sheet.submitted");
  EXPECT_EQ(Unassign(t.ctx(), county, 2023, a1, review).error().code, "sheet.submitted");
  // The stored form is what level_results reads.
  EXPECT_EQ(*t.db().Acquire()->QueryText("SELECT scores FROM score_sheets WHERE evaluator_id = 101 AND "
                                         "application_id = ?", {app_e1}),
            ScoresToJson([] {
              domain::rubric::ScoreSheet s;
              for (const auto& u : domain::rubric::ScoreUnits(domain::rubric::ReferenceRubric())) s[u] = 100;
              return s;
            }()));
  // The matrix: 2 of 3 submitted, 91.00, stddev 9.00, not evaluated (3 needed).
  auto m = GetMatrix(t.ctx(), county, 2023, "county", "");
  ASSERT_TRUE(m.ok()) << m.error().message_en;
  ASSERT_EQ(m->rows.size(), 2u);  // E1, E2 (E3 is a draft, X1 is 新会区's)
  const auto& row = m->rows[0];
  EXPECT_EQ(row.application_id, app_e1);
  EXPECT_EQ(row.assigned, 3);
  EXPECT_EQ(row.submitted, 2);
  EXPECT_EQ(row.score, "91.00");   // (100 + 82) / 2
  EXPECT_EQ(row.stddev, "9.00");   // population: √((9² + 9²) / 2)
  EXPECT_FALSE(row.evaluated);
  ASSERT_EQ(row.evaluators.size(), 3u);
  EXPECT_EQ(row.evaluators[0].total, "100.00");
  EXPECT_EQ(row.evaluators[1].total, "82.00");
  EXPECT_EQ(row.evaluators[2].status, "to_do");
  EXPECT_FALSE(row.evaluators[2].total);
  // Nobody but the managers and the auditor reads it.
  EXPECT_EQ(GetMatrix(t.ctx(), Evaluator(101), 2023, "county", "440703").error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(GetMatrix(t.ctx(), Admin(policy::Role::kApplicant, "E1"), 2023, "county", "440703").error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(GetMatrix(t.ctx(), Admin(policy::Role::kCountyAdmin, "440705"), 2023, "county", "440703").error().kind,
            ErrorKind::kNotFound);
  // Not flagged (9.00 ≤ 10): a review is refused.
  EXPECT_EQ(ReviewDisagreement(t.ctx(), county, 2023, app_e1, "county", "已核查", review).error().code,
            "evaluation.not_flagged");
}

TEST_F(EvaluationServiceTest, QueueStatusesAndOverdue) {
  ASSERT_TRUE(Assign(t.ctx(), county, 2023, {"county", {app_e1, app_e2}, {101}}, review).ok());
  ASSERT_TRUE(SaveDraft(t.ctx(), Evaluator(101), 2023, AssignmentOf(app_e2, 101), {{{"1.1", "8"}}, {}}, review).ok());
  // On the phase's last day nothing is overdue; the day after, both open items are.
  for (auto [day, overdue] : {std::pair{"2023-09-30", false}, std::pair{"2023-10-01", true}}) {
    auto q = GetQueue(t.ctx(), Evaluator(101), 2023, D(day));
    ASSERT_TRUE(q.ok());
    ASSERT_EQ(q->size(), 2u);
    EXPECT_EQ((*q)[0].status, "to_do");
    EXPECT_EQ((*q)[1].status, "draft");
    EXPECT_EQ((*q)[0].due_on, D("2023-09-30"));
    EXPECT_EQ((*q)[0].overdue, overdue);
    EXPECT_EQ((*q)[1].overdue, overdue);
  }
  EXPECT_EQ(GetQueue(t.ctx(), county, 2023, review).error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(GetQueue(t.ctx(), Evaluator(102), 2023, review)->empty());
}

}  // namespace
}  // namespace meihao::service::evaluation

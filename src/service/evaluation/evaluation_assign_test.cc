// Assignments of evaluators to applications at both levels, the conflicts
// that refuse them (declared affiliations, declared conflicts) and who can be
// assigned (evaluation_assign.cc); the city level's run from assignment to matrix.
#include "service/evaluation/evaluation.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "service/evaluation/evaluation_test_fixture.h"

namespace meihao::service::evaluation {
namespace {

// ---- Assignments, conflicts, affiliations, the city level ---------------------------------

TEST_F(EvaluationServiceTest, AssignsByHandAndInBulkAndSkipsExisting) {
  auto one = Assign(t.ctx(), county, 2023, {"county", {app_e1}, {101}}, review);
  ASSERT_TRUE(one.ok()) << one.error().message_en;
  ASSERT_EQ(one->created.size(), 1u);
  EXPECT_TRUE(one->refused.empty());
  // 2 applications × 3 evaluators, one pair existing: 5 created, 1 skipped.
  auto bulk = Assign(t.ctx(), county, 2023, {"county", {app_e1, app_e2}, {101, 102, 103}}, review);
  ASSERT_TRUE(bulk.ok());
  EXPECT_EQ(bulk->created.size(), 5u);
  ASSERT_EQ(bulk->skipped.size(), 1u);
  EXPECT_EQ(bulk->skipped[0].code, "assignment.exists");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assignments"), 6);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'assignment.create'"), 2);
}

TEST_F(EvaluationServiceTest, RefusedPairsChangeNothing) {
  ASSERT_TRUE(DeclareAffiliation(t.ctx(), Evaluator(101), {"company", kC1, ""}).ok());
  ASSERT_TRUE(DeclareAffiliation(t.ctx(), Evaluator(102), {"town", "440703002", ""}).ok());
  ASSERT_TRUE(DeclareAffiliation(t.ctx(), Evaluator(103), {"estate", "E2", "住在该小区"}).ok());
  auto out = Assign(t.ctx(), county, 2023, {"county", {app_e1, app_e2, app_e3}, {101, 102, 103, 104, 106, 107, 108}},
                    review);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->created.empty());
  std::map<std::pair<int64_t, int64_t>, std::string> refused;
  for (const auto& r : out->refused) refused[{r.application_id, r.evaluator_id}] = r.code;
  const std::map<std::pair<int64_t, int64_t>, std::string> expected = {
      {{app_e1, 101}, "conflict.company"},
      {{app_e2, 102}, "conflict.town"},
      {{app_e2, 103}, "conflict.estate"},
      // 106 is scoped to 新会区, 107 is disabled, 108 is no evaluator.
      {{app_e1, 106}, "evaluator.not_assignable"},
      {{app_e1, 107}, "evaluator.not_assignable"},
      {{app_e1, 108}, "evaluator.not_assignable"},
      {{app_e2, 106}, "evaluator.not_assignable"},
      {{app_e2, 107}, "evaluator.not_assignable"},
      {{app_e2, 108}, "evaluator.not_assignable"},
      // E3's application is a draft: every pair refused for that first.
      {{app_e3, 101}, "application.not_submitted"},
      {{app_e3, 102}, "application.not_submitted"},
      {{app_e3, 103}, "application.not_submitted"},
      {{app_e3, 104}, "application.not_submitted"},
      {{app_e3, 106}, "application.not_submitted"},
      {{app_e3, 107}, "application.not_submitted"},
      {{app_e3, 108}, "application.not_submitted"},
  };
  EXPECT_EQ(refused, expected);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assignments"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'assignment.create'"), 0);
}

TEST_F(EvaluationServiceTest, AssignmentScopeRoleAndPhase) {
  // Another county's application is "not found" for 蓬江区's administrator.
  auto other = Assign(t.ctx(), county, 2023, {"county", {app_e1, app_x1}, {101}}, review);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().kind, ErrorKind::kNotFound);
  auto role = Assign(t.ctx(), Evaluator(101), 2023, {"county", {app_e1}, {101}}, review);
  ASSERT_FALSE(role.ok());
  EXPECT_EQ(role.error().kind, ErrorKind::kForbidden);
  auto city_level = Assign(t.ctx(), county, 2023, {"city", {app_e1}, {101}}, D("2023-10-10"));
  ASSERT_FALSE(city_level.ok());
  EXPECT_EQ(city_level.error().code, "forbidden");
  auto closed = Assign(t.ctx(), county, 2023, {"county", {app_e1}, {101}}, D("2023-10-01"));
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().code, "phase.closed");
  // City level: E1 is not on a final county list yet.
  auto not_winner = Assign(t.ctx(), city, 2023, {"city", {app_e1}, {101}}, D("2023-10-10"));
  ASSERT_TRUE(not_winner.ok());
  ASSERT_EQ(not_winner->refused.size(), 1u);
  EXPECT_EQ(not_winner->refused[0].code, "application.not_county_winner");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assignments"), 0);
}

TEST_F(EvaluationServiceTest, DeclaredConflictRemovesAndBlocks) {
  ASSERT_TRUE(Assign(t.ctx(), county, 2023, {"county", {app_e1}, {101, 102}}, review).ok());
  const int64_t id = AssignmentOf(app_e1, 101);
  ASSERT_TRUE(SaveDraft(t.ctx(), Evaluator(101), 2023, id, {{{"1.1", "8"}}, {}}, review).ok());
  // Someone else's assignment is not found; a short reason is refused.
  EXPECT_EQ(DeclareConflict(t.ctx(), Evaluator(102), 2023, id, "亲属在该小区居住", review).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(DeclareConflict(t.ctx(), Evaluator(101), 2023, id, "亲", review).error().field, "reason");
  ASSERT_TRUE(DeclareConflict(t.ctx(), Evaluator(101), 2023, id, "亲属在该小区居住", review).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM assignments WHERE evaluator_id = 101"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM score_sheets"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM declared_conflicts"), 1);
  auto again = Assign(t.ctx(), county, 2023, {"county", {app_e1}, {101}}, review);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->refused.size(), 1u);
  EXPECT_EQ(again->refused[0].code, "conflict.declared");
}

TEST_F(EvaluationServiceTest, CityLevelOverCountyWinners) {
  const Date city_review = D("2023-10-10");
  auto c = t.db().Acquire();
  // 蓬江区's final list carries E1's application only.
  c->Exec("INSERT INTO selection_lists(campaign_year, level, unit_code, status, quota, short, published_on, "
          "publicity_days, published_at) VALUES (2023, 'county', '440703', 'final', 1, 0, '2023-09-20', 7, 'x')");
  c->Exec("INSERT INTO selection_entries(campaign_year, level, unit_code, application_id, estate_code, position, rank, "
          "score, source, status) VALUES (2023, 'county', '440703', ?, 'E1', 1, 1, '90.00', 'rules', 'listed')",
          {app_e1});
  auto refused = Assign(t.ctx(), city, 2023, {"city", {app_e1, app_e2}, {101, 106}}, city_review);
  ASSERT_TRUE(refused.ok());
  std::map<std::pair<int64_t, int64_t>, std::string> got;
  for (const auto& r : refused->refused) got[{r.application_id, r.evaluator_id}] = r.code;
  const std::map<std::pair<int64_t, int64_t>, std::string> want = {
      {{app_e1, 106}, "evaluator.not_assignable"},  // a 新会区 evaluator never serves the city level
      {{app_e2, 101}, "application.not_county_winner"},
      {{app_e2, 106}, "application.not_county_winner"},
  };
  EXPECT_EQ(got, want);
  auto ok = Assign(t.ctx(), city, 2023, {"city", {app_e1}, {101, 102, 103}}, city_review);
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->created.size(), 3u);
  EXPECT_EQ(ok->created[0].level, "city");
  // The county level's phase has ended: no county assignment on 10-10, but the city's queue entry is due 11-30.
  EXPECT_EQ(Assign(t.ctx(), county, 2023, {"county", {app_e2}, {101}}, city_review).error().code, "phase.closed");
  auto q = GetQueue(t.ctx(), Evaluator(101), 2023, city_review);
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ((*q)[0].level, "city");
  EXPECT_EQ((*q)[0].due_on, D("2023-11-30"));
  // Scored against the city's rubric (the reference): 10, 8, 9 everywhere → 100, 82, 91.
  int64_t id = 0;
  for (auto [ev, points] : {std::pair{101, "10"}, std::pair{102, "8"}, std::pair{103, "9"}}) {
    id = *c->QueryInt("SELECT id FROM assignments WHERE application_id = ? AND evaluator_id = ? AND level = 'city'",
                      {app_e1, int64_t{ev}});
    auto s = SubmitSheet(t.ctx(), Evaluator(ev), 2023, id, SheetInput{Uniform(points), AllPass()}, city_review);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(s->problems.empty());
  }
  auto m = GetMatrix(t.ctx(), city, 2023, "city", "");
  ASSERT_TRUE(m.ok()) << m.error().message_en;
  ASSERT_EQ(m->rows.size(), 1u);
  EXPECT_EQ(m->rows[0].score, "91.00");
  EXPECT_EQ(m->rows[0].stddev, "7.35");  // √54
  EXPECT_TRUE(m->rows[0].evaluated);
  // A county administrator reads the city level for its own county only, once the city list is published.
  auto before = GetMatrix(t.ctx(), county, 2023, "city", "");
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->cut_to_county);
  EXPECT_TRUE(before->rows.empty());
  c->Exec("INSERT INTO selection_lists(campaign_year, level, unit_code, status, quota, short, published_on, "
          "publicity_days, published_at) VALUES (2023, 'city', '440700', 'published', 1, 0, '2023-11-20', 7, 'x')");
  EXPECT_EQ(GetMatrix(t.ctx(), county, 2023, "city", "")->rows.size(), 1u);
  EXPECT_TRUE(GetMatrix(t.ctx(), Admin(policy::Role::kCountyAdmin, "440705"), 2023, "city", "")->rows.empty());
  EXPECT_EQ(GetMatrix(t.ctx(), county, 2023, "city", "440703").error().code, "unit.invalid");
}

TEST_F(EvaluationServiceTest, Affiliations) {
  const Actor e = Evaluator(101);
  EXPECT_EQ(DeclareAffiliation(t.ctx(), e, {"estate", "NOPE", ""}).error().code, "affiliation.estate");
  EXPECT_EQ(DeclareAffiliation(t.ctx(), e, {"company", "91440703MA4UTE5T1X", ""}).error().code,
            "affiliation.company");
  EXPECT_EQ(DeclareAffiliation(t.ctx(), e, {"town", "440703", ""}).error().code, "affiliation.town");
  EXPECT_EQ(DeclareAffiliation(t.ctx(), e, {"friend", "E1", ""}).error().code, "affiliation.kind");
  auto a = DeclareAffiliation(t.ctx(), e, {"company", "91440703ma4ute5t1q", "曾任职"});  // case-insensitive input
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->value, kC1);
  EXPECT_EQ(a->label, "甲物业");
  EXPECT_EQ(DeclareAffiliation(t.ctx(), e, {"company", kC1, ""}).error().code, "affiliation.exists");
  EXPECT_EQ(ListAffiliations(t.ctx(), e)->size(), 1u);
  EXPECT_TRUE(ListAffiliations(t.ctx(), Evaluator(102))->empty());
  EXPECT_EQ(RemoveAffiliation(t.ctx(), Evaluator(102), a->id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(ListAffiliations(t.ctx(), county).error().kind, ErrorKind::kForbidden);
  ASSERT_TRUE(RemoveAffiliation(t.ctx(), e, a->id).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'affiliation.%'"), 2);
}

TEST_F(EvaluationServiceTest, AssignableEvaluators) {
  ASSERT_TRUE(Assign(t.ctx(), county, 2023, {"county", {app_e1, app_e2}, {101}}, review).ok());
  auto list = ListAssignableEvaluators(t.ctx(), county, 2023, "");
  ASSERT_TRUE(list.ok());
  std::vector<int64_t> ids;
  for (const auto& e : *list) ids.push_back(e.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{101, 102, 103, 104, 105}));  // not 106 (新会区), 107 (disabled)
  EXPECT_EQ((*list)[0].assigned_county, 2);
  EXPECT_EQ((*list)[0].open, 2);
  auto xh = ListAssignableEvaluators(t.ctx(), city, 2023, "440705");
  ASSERT_TRUE(xh.ok());
  EXPECT_EQ(xh->size(), 6u);  // 101–105 and 106
  EXPECT_EQ(ListAssignableEvaluators(t.ctx(), county, 2023, "440705").error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(ListAssignableEvaluators(t.ctx(), county, 2023, "440700").error().kind, ErrorKind::kForbidden);
}


}  // namespace
}  // namespace meihao::service::evaluation

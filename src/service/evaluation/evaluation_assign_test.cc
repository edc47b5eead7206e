#include "service/evaluation/evaluation.h"

#include <gtest/gtest.h>

#include <functional>

#include "service/evaluation/automatic_checks.h"
#include "service/campaigns/campaigns.h"
#include "service/testing/test_database.h"

namespace meihao::service::evaluation {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

std::vector<std::string> Fields(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

// Every evaluator principle passed.
std::map<std::string, PrincipleMark> AllPass() {
  std::map<std::string, PrincipleMark> out;
  for (int i = 2; i <= 9; ++i) out["P" + std::to_string(i)] = {true, ""};
  return out;
}

// Every score unit of the reference rubric at `points`.
std::map<std::string, std::string> Uniform(const std::string& points) {
  std::map<std::string, std::string> out;
  for (const auto& unit : domain::rubric::ScoreUnits(domain::rubric::ReferenceRubric())) out[unit] = points;
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

// ---- Assignments, conflicts, sheets, queue, matrix ----------------------------------------

class EvaluationServiceTest : public ::testing::Test {
 protected:
  // Estates E1 (town 440703001, company C1), E2 (440703002, company C2), E3
  // (440703001, no company) in 蓬江区, and X1 in 新会区; applications of E1, E2
  // and X1 submitted, E3's a draft. Evaluators 101–105 (city scope), 106
  // scoped to 新会区, 107 disabled; user 108 is street staff.
  void SetUp() override {
    ASSERT_TRUE(campaigns::CreateCampaign(t.ctx(), Actor::System(), 2023).ok());
    auto c = t.db().Acquire();
    c->Exec("INSERT INTO companies(id, uscc, name, created_at, updated_at) VALUES "
            "(1, ?, '甲物业', 'x', 'x'), (2, ?, '乙物业', 'x', 'x')",
            {std::string(kC1), std::string(kC2)});
    auto estate = [&](const std::string& code, const std::string& county, const std::string& town,
                      std::optional<int64_t> company) {
      c->Exec("INSERT INTO estates(code, name, county_code, town_code, households, management_mode, company_id, "
              "owners_org, party_org, demonstration, created_at, updated_at) VALUES (?, ?, ?, ?, 100, "
              "'professional', ?, 'owners_committee', 1, 0, 'x', 'x')",
              {code, "小区" + code, county, town, company ? storage::Value(*company) : storage::Null()});
    };
    estate("E1", "440703", "440703001", 1);
    estate("E2", "440703", "440703002", 2);
    estate("E3", "440703", "440703001", std::nullopt);
    estate("X1", "440705", "440705001", 1);
    app_e1 = Apply("E1", "440703", "submitted");
    app_e2 = Apply("E2", "440703", "submitted");
    app_e3 = Apply("E3", "440703", "draft");
    app_x1 = Apply("X1", "440705", "submitted");
    auto user = [&](int64_t id, const std::string& role, const std::string& scope, int disabled) {
      c->Exec("INSERT INTO users(id, username, display_name, role, scope_code, password_hash, disabled, created_at) "
              "VALUES (?, ?, ?, ?, ?, 'x', ?, 'x')",
              {id, "u" + std::to_string(id), "专家" + std::to_string(id), role, scope, int64_t{disabled}});
    };
    for (int64_t id = 101; id <= 105; ++id) user(id, "evaluator", "440700", 0);
    user(106, "evaluator", "440705", 0);
    user(107, "evaluator", "440700", 1);
    user(108, "street_staff", "440703001", 0);
  }

  int64_t Apply(const std::string& estate, const std::string& county, const std::string& status) {
    AutomaticChecks a;
    a.estate_code = estate;
    a.county_code = county;
    a.gates = {true, true, true, true, true, Fraction(97, 100), true, true};
    a.satisfaction_index = Fraction(90);
    auto c = t.db().Acquire();
    c->Exec("INSERT INTO applications(campaign_year, estate_code, county_code, applicant_type, applicant_name, "
            "contact_name, contact_phone, status, rubric, automatic, submitted_at, submitted_ms, created_at, "
            "updated_at) VALUES (2023, ?, ?, 'property_company', '红色物业', '张三', '13812345678', ?, '', ?, "
            "'2023-09-10T00:00:00Z', 1, 'x', 'x')",
            {estate, county, status, AutomaticChecksToJson(a)});
    return *c->QueryInt("SELECT id FROM applications WHERE estate_code = ?", {estate});
  }

  static Actor Evaluator(int64_t id) {
    return Actor{id, "u" + std::to_string(id), {id, policy::Role::kEvaluator, "440700"}, "test"};
  }
  static Actor Admin(policy::Role role, const std::string& scope) {
    return Actor{std::nullopt, "admin", {0, role, scope}, "test"};
  }
  Actor county = Admin(policy::Role::kCountyAdmin, "440703");
  Actor city = Admin(policy::Role::kCityAdmin, "440700");

  int64_t Count(const std::string& sql) { return *t.db().Acquire()->QueryInt(sql); }
  int64_t AssignmentOf(int64_t app, int64_t evaluator) {
    return *t.db().Acquire()->QueryInt(
        "SELECT id FROM assignments WHERE application_id = ? AND evaluator_id = ? AND level = 'county'",
        {app, evaluator});
  }

  static constexpr const char* kC1 = "91440703MA4UTE5T1Q";
  static constexpr const char* kC2 = "91440703MA4UTE5T2U";
  const Date review = D("2023-09-10");
  TestDatabase t{"evaluation"};
  int64_t app_e1 = 0, app_e2 = 0, app_e3 = 0, app_x1 = 0;
};

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

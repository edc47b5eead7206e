#include "service/selection/selection.h"

#include <gtest/gtest.h>

#include "domain/rubric/rubric.h"
#include "service/evaluation/automatic_checks.h"
#include "service/campaigns/campaigns.h"
#include "service/selection/objections.h"
#include "service/selection/public_lists.h"
#include "service/testing/test_database.h"
#include "service/testing/test_sheets.h"

namespace meihao::service::selection {
namespace {

// Reference rubric: a sheet giving every scored unit x points totals 9x + 10 (test_sheets.h).
using testing::Checks;
using testing::Principles;
using testing::UniformScores;

Actor As(int64_t id, policy::Role role, const std::string& scope) {
  return Actor{id, "u" + std::to_string(id), policy::Principal{id, role, scope}, "127.0.0.1"};
}

const Date kSep10{2023, 9, 10}, kSep20{2023, 9, 20}, kSep26{2023, 9, 26}, kSep27{2023, 9, 27};

class SelectionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(campaigns::CreateCampaign(t.ctx(), Actor::System(), 2023).ok());
    auto c = t.db().Acquire();
    // 30 managed estates in 蓬江区: quota ⌈4% × 30⌉ = 2.
    for (int i = 1; i <= 30; ++i) {
      const std::string code = "E" + std::to_string(100 + i);
      c->Exec(
          "INSERT INTO estates(code, name, county_code, town_code, households, management_mode, owners_org, "
          "party_org, demonstration, created_at, updated_at) VALUES (?, ?, '440703', '440703001', 100, "
          "'professional', 'owners_committee', 1, 0, '2023-01-01', '2023-01-01')",
          {code, "小区" + code});
    }
    const std::pair<int64_t, const char*> users[] = {{101, "evaluator"}, {102, "evaluator"}, {103, "evaluator"},
                                                     {201, "county_admin"}, {202, "city_admin"}, {203, "auditor"}};
    for (const auto& [id, role] : users)
      c->Exec(
          "INSERT INTO users(id, username, display_name, role, scope_code, password_hash, created_at) "
          "VALUES (?, ?, ?, ?, ?, 'x', '2023-01-01')",
          {id, "u" + std::to_string(id), "用户" + std::to_string(id), std::string(role),
           std::string(id == 201 ? "440703" : "440700")});
  }

  int64_t Apply(const std::string& estate, Fraction satisfaction, int64_t submitted_ms) {
    auto c = t.db().Acquire();
    c->Exec(
        "INSERT INTO applications(campaign_year, estate_code, county_code, applicant_type, applicant_name, "
        "contact_name, contact_phone, status, rubric, automatic, submitted_at, submitted_ms, created_at, "
        "updated_at) VALUES (2023, ?, '440703', 'property_company', ?, '张三', '13812345678', "
        "'submitted', '', ?, '2023-09-10T00:00:00Z', ?, '2023-09-01', '2023-09-01')",
        {estate, "物业" + estate, evaluation::AutomaticChecksToJson(Checks(estate, satisfaction)), submitted_ms});
    return *c->QueryInt("SELECT id FROM applications WHERE estate_code = ?", {estate});
  }

  // Sheets of evaluators 101… with the given points.
  void Sheets(int64_t application, std::initializer_list<int> points, const std::string& failed = "") {
    auto c = t.db().Acquire();
    int64_t evaluator = 101;
    for (int p : points) {
      c->Exec("INSERT INTO assignments(application_id, level, evaluator_id, assigned_at) VALUES (?, 'county', ?, 'x')",
              {application, evaluator});
      c->Exec(
          "INSERT INTO score_sheets(application_id, level, evaluator_id, status, scores, principles, saved_at) "
          "VALUES (?, 'county', ?, 'submitted', ?, ?, 'x')",
          {application, evaluator, UniformScores(p), Principles(failed)});
      ++evaluator;
    }
  }

  // A 100, B 91, C 82, all evaluated and eligible; D with two sheets only.
  void FourApplications() {
    a = Apply("E101", Fraction(90), 1000);
    Sheets(a, {10, 10, 10});
    b = Apply("E102", Fraction(90), 2000);
    Sheets(b, {9, 9, 9});
    cc = Apply("E103", Fraction(90), 3000);
    Sheets(cc, {8, 8, 8});
    d = Apply("E104", Fraction(90), 4000);
    Sheets(d, {10, 10});
  }

  TestDatabase t{"selection"};
  const Actor county = As(201, policy::Role::kCountyAdmin, "440703");
  const Actor city = As(202, policy::Role::kCityAdmin, "440700");
  const Actor auditor = As(203, policy::Role::kAuditor, "440700");
  int64_t a = 0, b = 0, cc = 0, d = 0;
};

TEST_F(SelectionServiceTest, ViewRanksAndProposesWithinTheQuota) {
  FourApplications();
  auto s = GetSelection(t.ctx(), county, 2023, "county", "", kSep10);
  ASSERT_TRUE(s) << s.error().message_en;
  EXPECT_EQ(s->unit_code, "440703");
  EXPECT_EQ(s->managed_estates, 30);
  EXPECT_EQ(s->quota, 2);
  EXPECT_EQ(s->status, "draft");
  ASSERT_EQ(s->ranking.size(), 4u);
  EXPECT_EQ(s->ranking[0].estate_code, "E101");
  EXPECT_EQ(s->ranking[0].score, "100.00");
  EXPECT_EQ(s->ranking[0].rank, 1);
  EXPECT_EQ(s->ranking[1].score, "91.00");
  EXPECT_EQ(s->ranking[2].score, "82.00");
  EXPECT_TRUE(s->ranking[1].proposed);
  EXPECT_FALSE(s->ranking[2].proposed);
  EXPECT_EQ(s->ranking[3].estate_code, "E104");  // not evaluated: after the ranked ones, no rank
  EXPECT_FALSE(s->ranking[3].rank);
  EXPECT_EQ(s->ranking[0].satisfaction_index, "90.00");
  ASSERT_EQ(s->list.size(), 2u);
  EXPECT_EQ(s->list[1].estate_code, "E102");
  EXPECT_EQ(s->list[1].position, 2);
  ASSERT_EQ(s->blockers.size(), 1u);
  EXPECT_EQ(s->blockers[0].code, "not_evaluated");
  EXPECT_EQ(s->blockers[0].submitted, 2);
  EXPECT_EQ(s->blockers[0].required, 3);
  EXPECT_FALSE(s->short_list);
  EXPECT_TRUE(s->can_manage);
  // The auditor reads, without managing.
  auto as_auditor = GetSelection(t.ctx(), auditor, 2023, "county", "440703", kSep10);
  ASSERT_TRUE(as_auditor);
  EXPECT_FALSE(as_auditor->can_manage);
}

TEST_F(SelectionServiceTest, PublishWaitsForEveryDecisionIncludingReviewedDisagreements) {
  FourApplications();
  auto r = PublishSelection(t.ctx(), county, 2023, "county", "440703", "", kSep20);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "selection.undecided");
  EXPECT_NE(r.error().message_zh.find("小区E104"), std::string::npos);
  Sheets(d, {});
  {
    auto c = t.db().Acquire();
    c->Exec("INSERT INTO assignments(application_id, level, evaluator_id, assigned_at) VALUES (?, 'county', 103, 'x')",
            {d});
    // 100, 100, 55: stddev 21.21 > 10 → flagged.
    c->Exec(
        "INSERT INTO score_sheets(application_id, level, evaluator_id, status, scores, principles, saved_at) "
        "VALUES (?, 'county', 103, 'submitted', ?, ?, 'x')",
        {d, UniformScores(5), Principles()});
  }
  r = PublishSelection(t.ctx(), county, 2023, "county", "440703", "", kSep20);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "selection.undecided");
  EXPECT_NE(r.error().message_zh.find("分歧"), std::string::npos);
  {
    auto c = t.db().Acquire();
    c->Exec("INSERT INTO disagreement_reviews(application_id, level, note, reviewed_at) VALUES (?, 'county', '已复核', 'x')",
            {d});
  }
  r = PublishSelection(t.ctx(), county, 2023, "county", "440703", "", kSep20);
  ASSERT_TRUE(r) << r.error().message_en;
  EXPECT_EQ(r->status, "published");
  ASSERT_EQ(r->list.size(), 2u);
  EXPECT_EQ(r->window->first, kSep20);
  EXPECT_EQ(r->window->last, kSep26);
  EXPECT_EQ(r->days_left, 7);
  auto again = PublishSelection(t.ctx(), county, 2023, "county", "440703", "", kSep20);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "selection.published");
  auto change = AddSelectionChange(t.ctx(), county, 2023, "county", "440703", cc, "add", "表现突出", kSep20);
  ASSERT_FALSE(change);
  EXPECT_EQ(change.error().code, "selection.published");
}

TEST_F(SelectionServiceTest, ChangesFollowTheRules) {
  FourApplications();
  struct Case {
    int64_t* app;
    const char* change;
    const char* reason;
    const char* code;  // "" = accepted
  } cases[] = {
      {&d, "add", "表现突出", "selection.add.not_evaluated"},
      {&a, "add", "表现突出", "selection.add.listed"},
      {&cc, "remove", "不合适", "selection.remove.not_listed"},
      {&cc, "add", "", "selection.reason.required"},
      {&cc, "swap", "表现突出", "selection.change.value"},
      {&cc, "add", "群众认可度高", ""},
      {&cc, "remove", "重复", "selection.change.exists"},
      {&a, "remove", "存在投诉", ""},
  };
  for (const auto& k : cases) {
    auto r = AddSelectionChange(t.ctx(), county, 2023, "county", "440703", *k.app, k.change, k.reason, kSep10);
    if (std::string(k.code).empty()) {
      EXPECT_TRUE(r) << k.change << " " << r.error().code;
    } else {
      ASSERT_FALSE(r) << k.change;
      EXPECT_EQ(r.error().code, k.code);
    }
  }
  auto s = GetSelection(t.ctx(), county, 2023, "county", "440703", kSep10);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->list.size(), 2u);  // B (rules), C (added); A removed
  EXPECT_EQ(s->list[0].estate_code, "E102");
  EXPECT_EQ(s->list[0].source, "rules");
  EXPECT_EQ(s->list[1].estate_code, "E103");
  EXPECT_EQ(s->list[1].source, "added");
  EXPECT_EQ(s->list[1].reason, "群众认可度高");
  EXPECT_EQ(s->changes.size(), 2u);
  auto w = DeleteSelectionChange(t.ctx(), county, 2023, "county", "", a, kSep10);
  ASSERT_TRUE(w) << w.error().message_en;
  EXPECT_EQ(w->list.size(), 3u);  // A back, B, C
  auto none = DeleteSelectionChange(t.ctx(), county, 2023, "county", "", a, kSep10);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "selection.change.not_found");
}

TEST_F(SelectionServiceTest, ShortListNeedsAnExplanation) {
  a = Apply("E101", Fraction(90), 1000);
  Sheets(a, {10, 10, 10});
  b = Apply("E102", Fraction(90), 2000);
  Sheets(b, {9, 9, 9}, "P5");  // ineligible
  auto r = PublishSelection(t.ctx(), county, 2023, "county", "440703", "", kSep20);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(r.error().field, "explanation");
  r = PublishSelection(t.ctx(), county, 2023, "county", "440703", "  符合条件的申报只有一个，其余未通过原则要求  ", kSep20);
  ASSERT_TRUE(r) << r.error().message_en;
  EXPECT_TRUE(r->short_list);
  EXPECT_EQ(r->explanation, "符合条件的申报只有一个，其余未通过原则要求");
  EXPECT_EQ(r->list.size(), 1u);
}

TEST_F(SelectionServiceTest, PublicityObjectionsAndFinalising) {
  a = Apply("E101", Fraction(90), 1000);
  Sheets(a, {10, 10, 10});
  b = Apply("E102", Fraction(90), 2000);
  Sheets(b, {9, 9, 9});
  ASSERT_TRUE(PublishSelection(t.ctx(), county, 2023, "county", "440703", "", kSep20));
  const uint64_t gen = PublicListsGeneration();

  // Filing: the window, the listed estate, the fields.
  ObjectionInput in{"E101", "该小区存在违章搭建", "李四", "138 1234 5678"};
  auto early = FileObjection(t.ctx(), "1.2.3.4", 2023, "county", "440703", in, Date{2023, 9, 19});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, "objection.not_started");
  ObjectionInput other = in;
  other.estate_code = "E105";
  auto not_listed = FileObjection(t.ctx(), "1.2.3.4", 2023, "county", "440703", other, kSep20);
  ASSERT_FALSE(not_listed);
  EXPECT_EQ(not_listed.error().code, "objection.estate.not_listed");
  ObjectionInput bad_phone = in;
  bad_phone.phone = "12345";
  auto bp = FileObjection(t.ctx(), "1.2.3.4", 2023, "county", "440703", bad_phone, kSep20);
  ASSERT_FALSE(bp);
  EXPECT_EQ(bp.error().field, "phone");
  ObjectionInput long_reason = in;
  long_reason.reason = std::string(2001, 'x');
  auto lr = FileObjection(t.ctx(), "1.2.3.4", 2023, "county", "440703", long_reason, kSep20);
  ASSERT_FALSE(lr);
  EXPECT_EQ(lr.error().field, "reason");

  auto one = FileObjection(t.ctx(), "1.2.3.4", 2023, "county", "440703", in, kSep20);
  ASSERT_TRUE(one) << one.error().message_en;
  EXPECT_EQ(one->masked_phone, "138****5678");
  in.estate_code = "E102";
  auto two = FileObjection(t.ctx(), "1.2.3.4", 2023, "county", "440703", in, kSep26);
  ASSERT_TRUE(two);
  EXPECT_GT(PublicListsGeneration(), gen);

  // The handler sees the phone; the auditor does not.
  auto for_handler = ListObjections(t.ctx(), county, 2023, "county", "440703");
  ASSERT_TRUE(for_handler);
  ASSERT_EQ(for_handler->size(), 2u);
  EXPECT_EQ((*for_handler)[0].phone, "13812345678");
  auto for_auditor = ListObjections(t.ctx(), auditor, 2023, "county", "440703");
  ASSERT_TRUE(for_auditor);
  EXPECT_EQ((*for_auditor)[0].phone, "138****5678");
  auto answer_by_auditor = AnswerObjection(t.ctx(), auditor, 2023, one->id, "upheld", "经核实属实", kSep27);
  ASSERT_FALSE(answer_by_auditor);
  EXPECT_EQ(answer_by_auditor.error().kind, ErrorKind::kForbidden);

  // Finalising: not during publicity (its last day included), not with an open objection.
  auto f = FinaliseSelection(t.ctx(), county, 2023, "county", "440703", kSep26);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, "publicity.running");
  f = FinaliseSelection(t.ctx(), county, 2023, "county", "440703", kSep27);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, "publicity.objections_unresolved");

  auto up = AnswerObjection(t.ctx(), county, 2023, one->id, "upheld", "经核实属实，撤销该小区", kSep27);
  ASSERT_TRUE(up) << up.error().message_en;
  EXPECT_EQ(up->status, "upheld");
  auto again = AnswerObjection(t.ctx(), county, 2023, one->id, "dismissed", "重复处理", kSep27);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "objection.answered");
  auto bad_outcome = AnswerObjection(t.ctx(), county, 2023, two->id, "maybe", "不确定", kSep27);
  ASSERT_FALSE(bad_outcome);
  EXPECT_EQ(bad_outcome.error().field, "outcome");
  // Answered in October: city_review also allows the county's answers.
  auto down = AnswerObjection(t.ctx(), county, 2023, two->id, "dismissed", "经核实不属实", Date{2023, 10, 2});
  ASSERT_TRUE(down) << down.error().message_en;

  auto pub = GetPublicList(t.ctx(), 2023, "county", "440703", kSep27);
  ASSERT_TRUE(pub);
  ASSERT_EQ(pub->entries.size(), 1u);  // E101 left the list
  EXPECT_EQ(pub->entries[0].estate_code, "E102");
  EXPECT_EQ(pub->entries[0].position, 2);
  EXPECT_EQ(pub->entries[0].score, "91.00");
  EXPECT_EQ(pub->entries[0].county_name, "蓬江区");

  f = FinaliseSelection(t.ctx(), county, 2023, "county", "440703", Date{2023, 10, 2});
  ASSERT_TRUE(f) << f.error().message_en;
  EXPECT_EQ(f->status, "final");
  f = FinaliseSelection(t.ctx(), county, 2023, "county", "440703", Date{2023, 10, 2});
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, "selection.final");

  auto heads = ListPublicLists(t.ctx(), 2023, Date{2023, 10, 2});
  ASSERT_TRUE(heads);
  ASSERT_EQ(heads->size(), 1u);
  EXPECT_EQ((*heads)[0].status, "final");
  EXPECT_EQ((*heads)[0].count, 1);

  // The city level now has E102 as its only candidate.
  auto citysel = GetSelection(t.ctx(), city, 2023, "city", "", Date{2023, 10, 2});
  ASSERT_TRUE(citysel);
  ASSERT_EQ(citysel->ranking.size(), 1u);
  EXPECT_EQ(citysel->ranking[0].estate_code, "E102");
  EXPECT_FALSE(citysel->target);  // no city_target

  auto csv = ExportSelection(t.ctx(), Actor::System(), 2023, "county", "440703", "csv");
  ASSERT_TRUE(csv) << csv.error().message_en;
  EXPECT_NE(csv->find("county,440703,蓬江区,final,"), std::string::npos);
  EXPECT_NE(csv->find(",E101,小区E101,440703,蓬江区,100.00,1,yes,yes,3,pass,pass,pass,pass,pass,pass,pass,pass,pass,"
                      "removed_after_objection\r\n"),
            std::string::npos)
      << *csv;
  EXPECT_NE(csv->find(",E102,小区E102,440703,蓬江区,91.00,2,yes,yes,3,pass,pass,pass,pass,pass,pass,pass,pass,pass,"
                      "listed\r\n"),
            std::string::npos);
}

TEST_F(SelectionServiceTest, WhoMayDoWhat) {
  FourApplications();
  struct Case {
    Actor actor;
    ErrorKind read, manage;  // kInternal = allowed
  };
  const ErrorKind ok = ErrorKind::kInternal;
  const Case cases[] = {
      {county, ok, ok},
      {city, ok, ok},
      {auditor, ok, ErrorKind::kForbidden},
      {As(204, policy::Role::kCountyAdmin, "440705"), ErrorKind::kNotFound, ErrorKind::kNotFound},
      {As(205, policy::Role::kStreetStaff, "440703001"), ErrorKind::kForbidden, ErrorKind::kForbidden},
      {As(206, policy::Role::kApplicant, "E101"), ErrorKind::kForbidden, ErrorKind::kForbidden},
      {As(101, policy::Role::kEvaluator, "440703"), ErrorKind::kForbidden, ErrorKind::kForbidden},
  };
  for (const auto& k : cases) {
    auto r = GetSelection(t.ctx(), k.actor, 2023, "county", "440703", kSep10);
    EXPECT_EQ(r ? ok : r.error().kind, k.read) << k.actor.username;
    auto o = ListObjections(t.ctx(), k.actor, 2023, "county", "440703");
    EXPECT_EQ(o ? ok : o.error().kind, k.read) << k.actor.username;
    // A change that the rules refuse (400) when the role may act; the refusal otherwise.
    auto w = AddSelectionChange(t.ctx(), k.actor, 2023, "county", "440703", d, "add", "表现突出", kSep10);
    ASSERT_FALSE(w);
    EXPECT_EQ(w.error().kind, k.manage == ok ? ErrorKind::kInvalid : k.manage) << k.actor.username;
  }
  // Phases: county publishing only in county_review, finalising also in city_review.
  auto late = PublishSelection(t.ctx(), county, 2023, "county", "440703", "", Date{2023, 10, 1});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, "phase.closed");
  EXPECT_EQ(late.error().field, "county_review");
  auto fin = FinaliseSelection(t.ctx(), county, 2023, "county", "440703", Date{2023, 12, 1});
  ASSERT_FALSE(fin);
  EXPECT_EQ(fin.error().code, "phase.closed");
  EXPECT_EQ(fin.error().field, "city_review");
  auto city_early = PublishSelection(t.ctx(), city, 2023, "city", "", "", kSep20);
  ASSERT_FALSE(city_early);
  EXPECT_EQ(city_early.error().field, "city_review");
  auto bad_level = GetSelection(t.ctx(), county, 2023, "town", "440703", kSep10);
  ASSERT_FALSE(bad_level);
  EXPECT_EQ(bad_level.error().code, "selection.level");
}

TEST_F(SelectionServiceTest, OverviewMarksLateLists) {
  FourApplications();
  auto ov = GetSelectionOverview(t.ctx(), city, 2023, Date{2023, 10, 1});
  ASSERT_TRUE(ov) << ov.error().message_en;
  const CountySelectionSummary* pj = nullptr;
  for (const auto& c : ov->counties)
    if (c.county_code == "440703") pj = &c;
  ASSERT_TRUE(pj);
  EXPECT_EQ(pj->managed_estates, 30);
  EXPECT_EQ(pj->quota, 2);
  EXPECT_EQ(pj->applications, 4);
  EXPECT_EQ(pj->evaluated, 3);
  EXPECT_EQ(pj->eligible, 3);
  EXPECT_EQ(pj->listed, 2);
  EXPECT_EQ(pj->status, "draft");
  EXPECT_TRUE(pj->late);  // not published by 30 September
  auto own = GetSelectionOverview(t.ctx(), county, 2023, kSep10);
  ASSERT_TRUE(own);
  ASSERT_EQ(own->counties.size(), 1u);
  EXPECT_FALSE(own->counties[0].late);
  auto street = GetSelectionOverview(t.ctx(), As(205, policy::Role::kStreetStaff, "440703001"), 2023, kSep10);
  ASSERT_FALSE(street);
  EXPECT_EQ(street.error().kind, ErrorKind::kForbidden);
}

TEST(ObjectionRateLimiterTest, FivePerTenMinutesPerClient) {
  using namespace std::chrono;
  ObjectionRateLimiter limiter(5, minutes(10), 3);
  const auto t0 = ObjectionRateLimiter::Clock::time_point{} + hours(1);
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limiter.TryAcquire("a", t0 + seconds(i)));
  auto wait = limiter.TryAcquire("a", t0 + seconds(10));
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 591);  // the first place frees at t0 + 600 s
  EXPECT_FALSE(limiter.TryAcquire("b", t0 + seconds(10)));  // another client is not affected
  EXPECT_FALSE(limiter.TryAcquire("a", t0 + seconds(600)));  // the first filing has aged out
  EXPECT_TRUE(limiter.TryAcquire("a", t0 + seconds(600)));
  // A refused objection gives its place back.
  limiter.Release("a");
  EXPECT_FALSE(limiter.TryAcquire("a", t0 + seconds(600)));
  EXPECT_TRUE(limiter.TryAcquire("a", t0 + seconds(600)));
  // Bounded: a fourth client drops the one whose latest filing is oldest ("b").
  EXPECT_FALSE(limiter.TryAcquire("c", t0 + seconds(603)));
  EXPECT_EQ(limiter.tracked(), 3u);
  EXPECT_FALSE(limiter.TryAcquire("d", t0 + seconds(604)));
  EXPECT_EQ(limiter.tracked(), 3u);
  EXPECT_TRUE(limiter.TryAcquire("a", t0 + seconds(600)));  // "a" is still tracked and limited
}

}  // namespace
}  // namespace meihao::service::selection

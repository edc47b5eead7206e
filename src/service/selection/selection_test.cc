// A level's list (selection.cc, selection_overview.cc): the ranking and the
// proposal within the quota, publishing, the changes to the list, the short
// list's explanation, who may do what, and the city's overview.
#include "service/selection/selection.h"

#include <gtest/gtest.h>

#include <string>

#include "service/selection/objections.h"
#include "service/selection/selection_test_fixture.h"

namespace meihao::service::selection {
namespace {

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

}  // namespace
}  // namespace meihao::service::selection

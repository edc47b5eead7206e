// Publicity, objections and the final list (objections.cc, public_lists.cc):
// filing and answering objections, the public list, finalising and the export
// that follows; the objection rate limiter.
#include "service/selection/objections.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "service/selection/public_lists.h"
#include "service/selection/selection.h"
#include "service/selection/selection_test_fixture.h"

namespace meihao::service::selection {
namespace {

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

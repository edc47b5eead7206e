// Score sheets and totals (rubric_scores.cc): hand-computed totals of the
// reference and refined rubrics, the sheet's refusals, typed scores, and the
// prepared SheetScorer against EvaluatorTotal.
#include "domain/rubric/rubric.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "domain/rubric/rubric_test_util.h"

namespace meihao::domain::rubric {
namespace {

using testing::Refined;

// Every unit at its maximum, then the overrides (unit → tenths).
ScoreSheet Sheet(const Rubric& r, int each_tenths_or_max, const ScoreSheet& overrides = {}) {
  ScoreSheet s;
  for (const auto& sec : r.sections)
    for (const auto& i : sec.items) {
      if (i.gate != GateLink::kNone) continue;
      if (i.sub_items.empty()) s[i.id] = each_tenths_or_max < 0 ? i.max_tenths : each_tenths_or_max;
      for (size_t n = 0; n < i.sub_items.size(); ++n)
        s[i.id + "." + std::to_string(n + 1)] =
            each_tenths_or_max < 0 ? i.sub_items[n].max_tenths : each_tenths_or_max;
    }
  for (const auto& [u, t] : overrides) s[u] = t;
  return s;
}
constexpr int kFull = -1;

TEST(RubricTotal, HandComputedSheets) {
  const Rubric& ref = ReferenceRubric();
  const GateLinkedPasses both{true, true}, none{false, false}, p1_only{true, false};
  struct Case { const char* name; ScoreSheet sheet; GateLinkedPasses gates; Fraction want; };
  const std::vector<Case> cases = {
      // 20·60/60 + 20·40/40 + 40·80/80 + 20·70/70 = 100.
      {"all full marks", Sheet(ref, kFull), both, Fraction(100)},
      // 3.1's gate fails: S3 = 70/80, 40 · 7/8 = 35; 20 + 20 + 35 + 20 = 95.
      {"3.1 gate fails", Sheet(ref, kFull), {false, true}, Fraction(95)},
      // 3.2's gate fails: the same 95.
      {"3.2 gate fails", Sheet(ref, kFull), p1_only, Fraction(95)},
      // Evaluators give 0 everywhere, both gates pass: S3 = 20/80 → 40 · 1/4 = 10.
      {"all zero, gates pass", Sheet(ref, 0), both, Fraction(10)},
      {"all zero, gates fail", Sheet(ref, 0), none, Fraction(0)},
      // S1: 8 + 7.5 + 9 + 10 + 6 + 5.5 = 46 of 60 → 20 · 46/60 = 46/3.
      // S2 full → 20. S3: 10 (P1) + 0 (P8) + 6 × 8 = 58 of 80 → 40 · 58/80 = 29.
      // S4: 7 × 5 = 35 of 70 → 10. Total 46/3 + 59 = 223/3 (74.33…).
      {"mixed, P8 fails",
       Sheet(ref, kFull,
             {{"1.1", 80}, {"1.2", 75}, {"1.3", 90}, {"1.4", 100}, {"1.5", 60}, {"1.6", 55},
              {"3.3", 80}, {"3.4", 80}, {"3.5", 80}, {"3.6", 80}, {"3.7", 80}, {"3.8", 80},
              {"4.1", 50}, {"4.2", 50}, {"4.3", 50}, {"4.4", 50}, {"4.5", 50}, {"4.6", 50},
              {"4.7", 50}}),
       p1_only, Fraction(223, 3)},
  };
  for (const auto& c : cases) {
    auto total = EvaluatorTotal(ref, c.sheet, c.gates);
    ASSERT_TRUE(total.ok()) << c.name << ": " << total.error().message_en;
    EXPECT_EQ(*total, c.want) << c.name << " got " << total->num() << "/" << total->den();
  }
  // 1.2 at 7.5: 20 · 57.5/60 = 115/6; 115/6 + 80 = 595/6 = 99.1666… → "99.17".
  EXPECT_EQ(EvaluatorTotal(ref, Sheet(ref, kFull, {{"1.2", 75}}), both)->Format(2), "99.17");
}

TEST(RubricTotal, RefinedSectionRatios) {
  // S3 refined to a maximum of 50: 3.1 10, 3.2 10, 3.3 5, 3.4 5, 3.5 = sub-items
  // 2.5 + 2.5, 3.6 5, 3.7 5, 3.8 5.
  Refinement s3;
  for (const char* id : {"3.3", "3.4", "3.6", "3.7", "3.8"}) s3.items.push_back({id, 50, {}});
  s3.items.push_back({"3.5", std::nullopt, {{"绿地养护", 25}, {"树木修剪", 25}}});
  const Rubric r3 = Refined(s3);
  EXPECT_EQ(SectionMaxTenths(r3.sections[2]), 500);
  // Scores: 10 (P1) + 0 (P8 fails) + 5 + 4 + (2.5 + 1.5) + 5 + 3.5 + 2.5 = 34 of 50
  // → 40 · 34/50 = 40 · 17/25 = 136/5; other sections full: 60 + 136/5 = 436/5 = 87.2.
  const ScoreSheet sheet3 = Sheet(r3, kFull, {{"3.3", 50}, {"3.4", 40}, {"3.5.1", 25}, {"3.5.2", 15},
                                              {"3.6", 50}, {"3.7", 35}, {"3.8", 25}});
  auto t3 = EvaluatorTotal(r3, sheet3, {true, false});
  ASSERT_TRUE(t3.ok()) << t3.error().message_en;
  EXPECT_EQ(*t3, Fraction(436, 5));
  EXPECT_EQ(ItemScoreTenths(*FindItem(r3, "3.5"), sheet3, {}), 40);  // 2.5 + 1.5

  // S1: 1.1 = sub-items 3 + 4.5 (scored 3 and 4), 1.2 max 12.5 (scored 12.5),
  // 1.3–1.6 scored 10, 10, 10, 0 → 7 + 12.5 + 30 = 49.5 of 60 → 20 · 33/40 = 33/2.
  // Others full: 33/2 + 80 = 193/2 = 96.5.
  Refinement s1;
  s1.items.push_back({"1.2", 125, {}});
  s1.items.push_back({"1.1", std::nullopt, {{"街道党（工）委统一协调", 30}, {" 部门联动执法 ", 45}}});
  const Rubric r1 = Refined(s1);
  EXPECT_EQ(FindItem(r1, "1.1")->sub_items[1].name, "部门联动执法");  // trimmed
  auto t1 = EvaluatorTotal(r1, Sheet(r1, kFull, {{"1.1.1", 30}, {"1.1.2", 40}, {"1.6", 0}}),
                           {true, true});
  ASSERT_TRUE(t1.ok()) << t1.error().message_en;
  EXPECT_EQ(*t1, Fraction(193, 2));

  // A gate-linked item's maximum may change; it still scores all or nothing.
  // S3 max 70 + 20 = 90; P1 fails: (90 − 20)/90 → 40 · 7/9 = 280/9; total 60 + 280/9 = 820/9.
  const Rubric rg = Refined({{{"3.1", 200, {}}}});
  EXPECT_EQ(*EvaluatorTotal(rg, Sheet(rg, kFull), {false, true}), Fraction(820, 9));
}

TEST(RubricScoreSheet, Refusals) {
  const Rubric r = Refined({{{"1.1", std::nullopt, {{"甲", 50}, {"乙", 50}}}}});
  EXPECT_EQ(ScoreUnits(r).size(), 24u);  // 25 − 2 gate-linked − 1.1 + 2 sub-items
  EXPECT_EQ(ScoreUnits(r).front(), "1.1.1");
  EXPECT_TRUE(ValidateScoreSheet(r, Sheet(r, kFull)).empty());
  struct Case { const char* name; ScoreSheet sheet; const char* code; const char* field; };
  ScoreSheet missing = Sheet(r, kFull);
  missing.erase("2.3");
  const std::vector<Case> cases = {
      {"missing", missing, "rubric.score.missing", "scores.2.3"},
      {"above maximum", Sheet(r, kFull, {{"4.7", 101}}), "rubric.score.range", "scores.4.7"},
      {"sub-item above its maximum", Sheet(r, kFull, {{"1.1.2", 51}}), "rubric.score.range", "scores.1.1.2"},
      {"negative", Sheet(r, kFull, {{"2.1", -5}}), "rubric.score.range", "scores.2.1"},
      {"gate-linked 3.1 scored", Sheet(r, kFull, {{"3.1", 100}}), "rubric.score.unknown", "scores.3.1"},
      {"refined item scored whole", Sheet(r, kFull, {{"1.1", 100}}), "rubric.score.unknown", "scores.1.1"},
      {"unknown unit", Sheet(r, kFull, {{"9.9", 10}}), "rubric.score.unknown", "scores.9.9"},
  };
  for (const auto& c : cases) {
    const auto errors = ValidateScoreSheet(r, c.sheet);
    ASSERT_EQ(errors.size(), 1u) << c.name;
    EXPECT_EQ(errors[0].code, c.code) << c.name;
    EXPECT_EQ(errors[0].field, c.field) << c.name;
    auto total = EvaluatorTotal(r, c.sheet, {true, true});
    ASSERT_FALSE(total.ok()) << c.name;
    EXPECT_EQ(total.error().field, c.field) << c.name;
  }
  // The 3.1 message explains that the principle scores it.
  EXPECT_NE(ValidateScoreSheet(r, Sheet(r, kFull, {{"3.1", 100}}))[0].message_zh.find("自动计分"),
            std::string::npos);
}

TEST(RubricScoreSheet, ParseTypedScores) {
  const Rubric& ref = ReferenceRubric();
  std::map<std::string, std::string> typed;
  for (const auto& u : ScoreUnits(ref)) typed[u] = "10";
  typed["1.2"] = "7.5";
  auto ok = ParseScoreSheet(ref, typed);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.sheet.at("1.2"), 75);
  // S1 = 57.5 of 60: 20 · 575/600 = 115/6; the rest full: 115/6 + 80 = 595/6.
  EXPECT_EQ(*EvaluatorTotal(ref, ok.sheet, {true, true}), Fraction(595, 6));

  typed["1.2"] = "7.55";  // two decimals: that error only, not "missing" too
  typed["4.7"] = "11";    // above 10
  typed.erase("2.1");     // missing
  const auto bad = ParseScoreSheet(ref, typed);
  ASSERT_EQ(bad.errors.size(), 3u);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : bad.errors) got.emplace_back(e.code, e.field);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"rubric.points.decimals", "scores.1.2"},
                     {"rubric.score.missing", "scores.2.1"},
                     {"rubric.score.range", "scores.4.7"}}));
}

// The prepared scorer must agree with EvaluatorTotal on every sheet: the
// reference and a refined rubric (sub-items, odd maxima), random scores, both
// gates either way, and refuse exactly where EvaluatorTotal refuses.
TEST(RubricSheetScorer, AgreesWithEvaluatorTotal) {
  Refinement ref;
  ref.items.push_back({"1.1", std::nullopt, {{"组织健全", 25}, {"制度上墙", 35}}});
  ref.items.push_back({"3.4", 150, {}});
  ref.items.push_back({"4.7", 55, {}});
  const std::vector<Rubric> rubrics = {ReferenceRubric(), *ApplyRefinement(ref)};
  uint64_t x = 12345;
  auto next = [&x] { return (x = x * 6364136223846793005ULL + 1442695040888963407ULL) >> 33; };
  for (const Rubric& r : rubrics) {
    const SheetScorer scorer(r);
    ASSERT_EQ(scorer.units(), ScoreUnits(r));
    EXPECT_EQ(scorer.UnitIndex("3.1"), -1);  // gate-linked: not a unit
    for (int n = 0; n < 400; ++n) {
      ScoreSheet sheet;
      std::vector<int> tenths;
      const auto maxima = Maxima(r);
      for (const auto& unit : scorer.units()) {
        int max = 0;
        for (const auto& s : maxima)
          for (const auto& [id, m] : s.items)
            if (id == unit) max = m;
        if (max == 0) {  // a sub-item: its maximum from the rubric
          for (const auto& s : r.sections)
            for (const auto& item : s.items)
              for (size_t k = 0; k < item.sub_items.size(); ++k)
                if (item.id + "." + std::to_string(k + 1) == unit) max = item.sub_items[k].max_tenths;
        }
        // Mostly in range; sometimes one over the maximum.
        const int t = static_cast<int>(next() % static_cast<uint64_t>(max + (n % 50 == 0 ? 2 : 1)));
        sheet[unit] = t;
        tenths.push_back(t);
      }
      const GateLinkedPasses gates{n % 2 == 0, n % 3 == 0};
      auto want = EvaluatorTotal(r, sheet, gates);
      auto got = scorer.Total(tenths, gates);
      ASSERT_EQ(want.ok(), got.has_value()) << n;
      if (got) EXPECT_EQ(*got, *want) << n;
    }
  }
  // By hand: every unit at its maximum, both gates → 100; a missing unit (-1) → nullopt.
  const SheetScorer ref_scorer(ReferenceRubric());
  std::vector<int> full(ref_scorer.units().size(), 100);
  EXPECT_EQ(ref_scorer.Total(full, {true, true}), Fraction(100));
  EXPECT_EQ(ref_scorer.Total(full, {false, true}), Fraction(95));  // 3.1 at 0: S3 70/80·40 = 35
  full[0] = -1;
  EXPECT_EQ(ref_scorer.Total(full, {true, true}), std::nullopt);
  EXPECT_EQ(ref_scorer.Total({}, {true, true}), std::nullopt);
}

}  // namespace
}  // namespace meihao::domain::rubric

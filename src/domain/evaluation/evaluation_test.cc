#include "domain/evaluation/evaluation.h"

#include <gtest/gtest.h>

#include <vector>

namespace meihao::domain::evaluation {
namespace {

PrincipleFlags AllPass() {
  PrincipleFlags f;
  f.fill(true);
  return f;
}

// Sheets whose evaluator principles all pass, with these totals.
std::vector<EvaluatorSheet> Sheets(const std::vector<Fraction>& totals) {
  std::vector<EvaluatorSheet> out;
  for (const auto& t : totals) out.push_back({t, AllPass()});
  return out;
}

struct ScoreCase {
  const char* name;
  std::vector<Fraction> totals;
  const char* score_text;  // "" = no score
  bool trimmed;
  const char* stddev_text;
  bool disagreement;  // threshold 10 points
};

TEST(EvaluationTest, ScoresAndDisagreement) {
  const std::vector<ScoreCase> cases = {
      // mean (80+85+90)/3 = 85; var = (25+0+25)/3 = 16.67, sd 4.0825
      {"three", {80, 85, 90}, "85.00", false, "4.08", false},
      // four: no trimming; (90+85+80+70)/4 = 81.25; mean 81.25, dev 8.75 3.75 −1.25 −11.25
      // → var (76.5625+14.0625+1.5625+126.5625)/4 = 54.6875, sd 7.395
      {"four", {90, 85, 80, 70}, "81.25", false, "7.40", false},
      // five: drop 90 and 60 → (85+80+70)/3 = 235/3 = 78.333…; the stddev uses
      // all five: mean 77, dev 13 8 3 −7 −17 → var 580/5 = 116 > 100 → flagged, sd 10.770
      {"five trimmed", {90, 85, 80, 70, 60}, "78.33", true, "10.77", true},
      // equal extremes: one 90 and one 70 go → (90+80+70)/3 = 80; mean 80,
      // dev 10 10 0 −10 −10 → var 400/5 = 80, sd 8.944
      {"five equal extremes", {90, 70, 80, 90, 70}, "80.00", true, "8.94", false},
      // stddev exactly 10: mean 80, every deviation ±10 → var 100, not over 10
      {"at threshold", {70, 70, 90, 90}, "80.00", false, "10.00", false},
      // just over: 70 and 90.001 → deviations ±10.0005 → var 100.01000025 > 100;
      // it still shows as 10.00, which is why the flag compares exactly
      {"just over", {70, Fraction(90001, 1000)}, "80.00", false, "10.00", true},
      // 70 and 90.1: dev ±10.05 → var 101.0025, sd 10.05
      {"over", {70, Fraction(901, 10)}, "80.05", false, "10.05", true},
      // exact fractions: (78.5 + 81.3 + 66.7)/3 = 226.5/3 = 75.5
      // deviations 3, 5.8, −8.8 → var (9 + 33.64 + 77.44)/3 = 40.0267, sd 6.3267
      {"fractions", {Fraction(157, 2), Fraction(813, 10), Fraction(667, 10)}, "75.50", false, "6.33", false},
      // 85.005 rounds half away from zero to 85.01; var 0.005² → sd 0.005 → "0.01"
      {"half up", {Fraction(8501, 100), 85}, "85.01", false, "0.01", false},
      // (85 + 85 + 85.01)/3 = 85.00333 → 85.00
      {"round down", {85, 85, Fraction(8501, 100)}, "85.00", false, "0.00", false},
      {"one", {Fraction(777, 10)}, "77.70", false, "0.00", false},
  };
  for (const auto& c : cases) {
    const auto sheets = Sheets(c.totals);
    const Evaluation e = Evaluate(sheets, AllPass(), 3, 10);
    EXPECT_EQ(e.score_text, c.score_text) << c.name;
    EXPECT_EQ(e.trimmed, c.trimmed) << c.name;
    EXPECT_EQ(e.stddev_text, c.stddev_text) << c.name;
    EXPECT_EQ(e.disagreement, c.disagreement) << c.name;
  }
}

TEST(EvaluationTest, ScoreIsExact) {
  const auto sheets = Sheets({90, 85, 80, 70, 60});
  const Evaluation e = Evaluate(sheets, AllPass(), 3, 10);
  ASSERT_TRUE(e.score.has_value());
  EXPECT_EQ(*e.score, Fraction(235, 3));  // not 78.33
  // (80+85+90)/3 = 85 exactly
  EXPECT_EQ(*Evaluate(Sheets({80, 85, 90}), AllPass(), 3, 10).score, Fraction(85));
}

TEST(EvaluationTest, DisagreementThresholdIsTheSetting) {
  // var 116 (sd 10.77): over 10, not over 11 (121)
  const auto sheets = Sheets({90, 85, 80, 70, 60});
  EXPECT_TRUE(Evaluate(sheets, AllPass(), 3, 10).disagreement);
  EXPECT_FALSE(Evaluate(sheets, AllPass(), 3, 11).disagreement);
  // sd exactly 5 (50 and 60): threshold 5 not flagged, 4 flagged
  EXPECT_FALSE(Evaluate(Sheets({50, 60}), AllPass(), 1, 5).disagreement);
  EXPECT_TRUE(Evaluate(Sheets({50, 60}), AllPass(), 1, 4).disagreement);
}

TEST(EvaluationTest, DenominatorsNearTheRubricCapStayExact) {
  // 999983 and 1000003 are primes: common denominator ≈ 10^12 (the rubric's cap).
  // 50 + 1/999983 and 100 − 1/1000003: mean 75 + 10/(999983·1000003) → 75.00;
  // sd = (50 − 1/999983 − 1/1000003)/2 = 24.999999 → 25.00, flagged.
  const auto far = Sheets({Fraction(50 * 999983 + 1, 999983), Fraction(100 * 1000003 - 1, 1000003)});
  const Evaluation e = Evaluate(far, AllPass(), 2, 10);
  EXPECT_EQ(e.score_text, "75.00");
  EXPECT_EQ(*e.score, Fraction(75LL * 999983 * 1000003 + 10, 999983LL * 1000003));
  EXPECT_EQ(e.stddev_text, "25.00");
  EXPECT_TRUE(e.disagreement);
  // sd just under 25 against a threshold of 25: not flagged; 24: flagged.
  EXPECT_FALSE(Evaluate(far, AllPass(), 2, 25).disagreement);
  EXPECT_TRUE(Evaluate(far, AllPass(), 2, 24).disagreement);
}

TEST(EvaluationTest, EvaluatedNeedsMinEvaluators) {
  EXPECT_FALSE(Evaluate(Sheets({80, 80}), AllPass(), 3, 10).evaluated);
  EXPECT_TRUE(Evaluate(Sheets({80, 80, 80}), AllPass(), 3, 10).evaluated);
  EXPECT_TRUE(Evaluate(Sheets({80, 80}), AllPass(), 2, 10).evaluated);
  // No sheet: no score, not evaluated, and the evaluator parts fail (0 of 0).
  const Evaluation none = Evaluate({}, AllPass(), 3, 10);
  EXPECT_EQ(none.submitted, 0);
  EXPECT_FALSE(none.evaluated);
  EXPECT_FALSE(none.score.has_value());
  EXPECT_EQ(none.score_text, "");
  EXPECT_FALSE(none.eligible);
  EXPECT_TRUE(none.principles[0].passed);  // P1 is automatic only
  EXPECT_FALSE(none.principles[2].passed);
}

struct MajorityCase {
  int passes, submitted;
  bool passed;
};

TEST(EvaluationTest, EvaluatorPartNeedsMoreThanHalf) {
  const std::vector<MajorityCase> cases = {
      {1, 1, true},  {0, 1, false}, {1, 2, false}, {2, 2, true},  {2, 3, true},
      {1, 3, false}, {2, 4, false},  // 2 of 4 is not more than half
      {3, 4, true},  {3, 5, true},  {2, 5, false}, {3, 6, false}, {4, 6, true},
  };
  for (const auto& c : cases) {
    std::vector<EvaluatorSheet> sheets = Sheets(std::vector<Fraction>(c.submitted, Fraction(80)));
    for (int i = c.passes; i < c.submitted; ++i) sheets[i].principle_passed[2] = false;  // P3
    const Evaluation e = Evaluate(sheets, AllPass(), 1, 10);
    EXPECT_EQ(e.principles[2].evaluator_passes, c.passes);
    EXPECT_EQ(e.principles[2].evaluator, c.passed) << c.passes << " of " << c.submitted;
    EXPECT_EQ(e.principles[2].passed, c.passed) << c.passes << " of " << c.submitted;
    EXPECT_EQ(e.eligible, c.passed) << c.passes << " of " << c.submitted;  // 一票否决
  }
}

TEST(EvaluationTest, AutomaticAndEvaluatorPartsBothNeeded) {
  // P2 (index 1): automatic fails, every evaluator passes → fails.
  PrincipleFlags autos = AllPass();
  autos[1] = false;
  Evaluation e = Evaluate(Sheets({80, 80, 80}), autos, 3, 10);
  EXPECT_EQ(e.principles[1].automatic, false);
  EXPECT_EQ(e.principles[1].evaluator, true);
  EXPECT_FALSE(e.principles[1].passed);
  EXPECT_FALSE(e.eligible);

  // P8 (index 7): automatic passes, 1 of 3 evaluators → fails.
  auto sheets = Sheets({80, 80, 80});
  sheets[0].principle_passed[7] = sheets[1].principle_passed[7] = false;
  e = Evaluate(sheets, AllPass(), 3, 10);
  EXPECT_EQ(e.principles[7].automatic, true);
  EXPECT_EQ(e.principles[7].evaluator, false);
  EXPECT_FALSE(e.eligible);

  // P1 has no evaluator part: evaluators' P1 flags are ignored.
  sheets = Sheets({80, 80, 80});
  for (auto& s : sheets) s.principle_passed[0] = false;
  e = Evaluate(sheets, AllPass(), 3, 10);
  EXPECT_FALSE(e.principles[0].evaluator.has_value());
  EXPECT_TRUE(e.principles[0].passed);
  EXPECT_TRUE(e.eligible);
  // P3 has no automatic part: the automatic flag given for it is ignored.
  autos = AllPass();
  autos[2] = false;
  EXPECT_TRUE(Evaluate(Sheets({80, 80, 80}), autos, 3, 10).eligible);
  // …but P1's automatic part alone decides P1.
  autos = AllPass();
  autos[0] = false;
  EXPECT_FALSE(Evaluate(Sheets({80, 80, 80}), autos, 3, 10).eligible);
}

TEST(EvaluationTest, AutomaticResultsFromGates) {
  indicators::Gates g;
  g.p1 = true, g.p2_party_org = true, g.p4_owners_org = false;
  g.p6_professional = true, g.p6_no_penalty = false, g.p8_fee = true;
  const PrincipleFlags f = AutomaticResults(g);
  EXPECT_TRUE(f[0]);
  EXPECT_TRUE(f[1]);
  EXPECT_TRUE(f[2]);   // P3: no automatic part
  EXPECT_FALSE(f[3]);  // P4: no owners' organisation
  EXPECT_FALSE(f[5]);  // P6: professional but penalised
  EXPECT_TRUE(f[7]);
  for (int i : {0, 1, 3, 5, 7}) EXPECT_TRUE(HasAutomaticPart(i));
  for (int i : {2, 4, 6, 8}) EXPECT_FALSE(HasAutomaticPart(i));
  EXPECT_FALSE(HasEvaluatorPart(0));
  for (int i = 1; i < kPrincipleCount; ++i) EXPECT_TRUE(HasEvaluatorPart(i));
}

TEST(EvaluationTest, SquareRootText) {
  EXPECT_EQ(FormatSquareRoot(Fraction(9, 4)), "1.50");
  EXPECT_EQ(FormatSquareRoot(Fraction(2)), "1.41");    // 1.41421…
  EXPECT_EQ(FormatSquareRoot(Fraction(0)), "0.00");
  EXPECT_EQ(FormatSquareRoot(Fraction(100)), "10.00");
  EXPECT_EQ(FormatSquareRoot(Fraction(1, 40000)), "0.01");  // exactly 0.005: half up
  EXPECT_EQ(FormatSquareRoot(Fraction(1, 40001)), "0.00");  // 0.0049999…
  EXPECT_EQ(FormatSquareRoot(Fraction(116)), "10.77");      // 10.7703…
}

}  // namespace
}  // namespace meihao::domain::evaluation

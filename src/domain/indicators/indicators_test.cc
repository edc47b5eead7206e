#include "domain/indicators/indicators.h"

#include <gtest/gtest.h>

#include <vector>

namespace meihao::domain::indicators {
namespace {

constexpr Date kRef{2023, 9, 1};  // window [2022-09-01, 2023-09-01)
constexpr int kFeeYear = 2022;
const char* const kCompany = "91440703MA51234567";

registry::Estate MakeEstate(int households, registry::ManagementMode mode = registry::ManagementMode::kProfessional) {
  registry::Estate e;
  e.code = "E1";
  e.households = households;
  e.mode = mode;
  if (mode == registry::ManagementMode::kProfessional) e.company_uscc = kCompany;
  return e;
}

TEST(IndicatorsTest, WindowIsTheTwelveMonthsBeforeTheReference) {
  const Window w = Window::Before(kRef);
  EXPECT_EQ(w.from, (Date{2022, 9, 1}));
  EXPECT_EQ(w.to, kRef);
  struct Case { Date d; bool in; };
  const Case cases[] = {{{2022, 8, 31}, false}, {{2022, 9, 1}, true}, {{2023, 8, 31}, true},
                        {{2023, 9, 1}, false}};
  for (const auto& c : cases) EXPECT_EQ(w.Contains(c.d), c.in) << c.d.ToString();
  // A leap-day reference: one year back is 28 February.
  EXPECT_EQ(Window::Before(Date{2024, 2, 29}).from, (Date{2023, 2, 28}));
}

TEST(IndicatorsTest, MinimumSampleIsHalfTheHouseholdsUpToThirty) {
  struct Case { int64_t households, want; };
  // ⌈h/2⌉: 1→1, 2→1, 3→2, 58→29, 59→30; then capped at 30.
  const Case cases[] = {{1, 1}, {2, 1}, {3, 2}, {58, 29}, {59, 30}, {60, 30}, {61, 30}, {3000, 30}};
  for (const auto& c : cases) EXPECT_EQ(MinSatisfactionSample(c.households), c.want) << c.households;
  EXPECT_EQ(MinSatisfactionSample(3000, 50), 50);  // another cap setting: min(50, 1500)
  EXPECT_EQ(MinSatisfactionSample(61, 50), 31);    // min(50, ⌈30.5⌉ = 31)
}

TEST(IndicatorsTest, SatisfactionPoolsSurveysAndThirdPartyResultsInTheWindow) {
  struct Case {
    const char* name;
    int households;
    std::vector<SurveyTally> surveys;
    std::vector<ThirdPartyResult> third_party;
    int64_t want_sample;
    std::optional<Fraction> want_index;
    bool want_ranked;
  };
  const std::vector<Case> cases = {
      // 750 + 1500 = 2250 points over 10 + 20 = 30 → 75; min(30, ⌈100/2⌉=50) = 30 ≤ 30.
      {"surveys only", 100, {{10, 750}, {20, 1500}}, {}, 30, Fraction(75), true},
      // 500 + 40 × 87.35 = 500 + 3494 = 3994 points over 10 + 40 = 50 → 79.88.
      {"survey plus third party", 200, {{10, 500}}, {{{2023, 3, 1}, 40, 8735}}, 50,
       Fraction(7988, 100), true},
      // The 2022-08-31 result is outside: 300 / 3 = 100; min(30, ⌈5/2⌉ = 3) = 3 ≤ 3.
      {"third party outside the window ignored", 5, {{3, 300}}, {{{2022, 8, 31}, 100, 0}}, 3,
       Fraction(100), true},
      // Window start counts, reference date does not: 30 responses of 60.5 → 60.5.
      {"third party on the window edges", 1000, {},
       {{{2022, 9, 1}, 30, 6050}, {{2023, 9, 1}, 500, 10000}}, 30, Fraction(121, 2), true},
      // 29 < min(30, 500) = 30: index shown (2900 / 29 = 100) but not ranked.
      {"too small a sample", 1000, {{29, 2900}}, {}, 29, Fraction(100), false},
      {"no data at all", 1, {}, {}, 0, std::nullopt, false},
  };
  const Window w = Window::Before(kRef);
  for (const auto& c : cases) {
    const registry::Estate e = MakeEstate(c.households);
    const Indicators got = ComputeIndicators(e, {c.surveys, c.third_party, {}, {}, {}}, w, kFeeYear);
    EXPECT_EQ(got.satisfaction_sample, c.want_sample) << c.name;
    EXPECT_EQ(got.satisfaction_index, c.want_index) << c.name;
    EXPECT_EQ(got.ranked_for_satisfaction, c.want_ranked) << c.name;
  }
}

TEST(IndicatorsTest, ComplaintsCountValidPropertyComplaintsInTheWindow) {
  const std::vector<ComplaintRecord> complaints = {
      {{2023, 1, 10}, true, true},   // counts
      {{2023, 1, 11}, true, false},  // invalid
      {{2023, 1, 12}, false, true},  // not property management
      {{2022, 9, 1}, true, true},    // window start: counts
      {{2023, 9, 1}, true, true},    // reference date: outside
      {{2022, 8, 31}, true, true},   // before the window
  };
  struct Case { int households; int64_t want_count; Fraction want_rate; const char* shown; };
  const Case cases[] = {
      {300, 2, Fraction(2000, 300), "6.67"},  // 1000 × 2 / 300 = 6.666…
      {8, 2, Fraction(250), "250.00"},        // 1000 × 2 / 8
      {2000, 2, Fraction(1), "1.00"},         // 1000 × 2 / 2000
  };
  for (const auto& c : cases) {
    const Indicators got = ComputeIndicators(MakeEstate(c.households), {{}, {}, complaints, {}, {}},
                                             Window::Before(kRef), kFeeYear);
    EXPECT_EQ(got.complaint_count, c.want_count);
    EXPECT_EQ(got.complaint_rate, c.want_rate) << c.households;
    EXPECT_EQ(got.complaint_rate.Format(2), c.shown);
  }
  const Indicators none =
      ComputeIndicators(MakeEstate(50), {}, Window::Before(kRef), kFeeYear);
  EXPECT_EQ(none.complaint_count, 0);
  EXPECT_EQ(none.complaint_rate, Fraction(0));
}

TEST(IndicatorsTest, FeeRateIsCollectedOverDueForTheFeeYear) {
  struct Case { const char* name; std::vector<FeeRow> fees; std::optional<Fraction> want; };
  const std::vector<Case> cases = {
      {"95% exactly", {{2022, 10000, 9500}}, Fraction(95, 100)},
      {"94.99%", {{2022, 10000, 9499}}, Fraction(9499, 10000)},
      // (5700 + 3800) / (6000 + 4000) = 9500 / 10000; the 2021 row is another year.
      {"two rows summed", {{2022, 6000, 5700}, {2022, 4000, 3800}, {2021, 100, 0}},
       Fraction(95, 100)},
      {"no row for the fee year", {{2021, 10000, 10000}}, std::nullopt},
      {"no row at all", {}, std::nullopt},
      {"nothing due", {{2022, 0, 0}}, std::nullopt},
  };
  for (const auto& c : cases) {
    const Indicators got = ComputeIndicators(MakeEstate(100), {{}, {}, {}, c.fees, {}},
                                             Window::Before(kRef), kFeeYear);
    EXPECT_EQ(got.fee_rate, c.want) << c.name;
  }
}

TEST(IndicatorsTest, PenaltyCountsForTheEstatesCompanyInTheWindow) {
  struct Case {
    const char* name;
    registry::ManagementMode mode;
    std::vector<PenaltyRecord> penalties;
    bool want;
  };
  const std::vector<Case> cases = {
      {"on the window start", registry::ManagementMode::kProfessional, {{{2022, 9, 1}, kCompany}}, true},
      {"on the reference date", registry::ManagementMode::kProfessional, {{{2023, 9, 1}, kCompany}}, false},
      {"before the window", registry::ManagementMode::kProfessional, {{{2022, 8, 31}, kCompany}}, false},
      {"another company", registry::ManagementMode::kProfessional,
       {{{2023, 1, 1}, "91440703MA51234568"}}, false},
      {"one of several", registry::ManagementMode::kProfessional,
       {{{2021, 1, 1}, kCompany}, {{2023, 8, 31}, kCompany}}, true},
      // No company: even a penalty with an empty code must not match.
      {"self-managed", registry::ManagementMode::kSelf, {{{2023, 1, 1}, ""}}, false},
      {"unmanaged", registry::ManagementMode::kNone, {{{2023, 1, 1}, ""}}, false},
  };
  for (const auto& c : cases) {
    const Indicators got = ComputeIndicators(MakeEstate(100, c.mode), {{}, {}, {}, {}, c.penalties},
                                             Window::Before(kRef), kFeeYear);
    EXPECT_EQ(got.penalty_in_window, c.want) << c.name;
  }
}

TEST(IndicatorsTest, SumsLeaveOutWhatIsOutsideTheWindowAndFeeYear) {
  const std::vector<SurveyTally> surveys = {{4, 300}, {1, 100}};
  const std::vector<ThirdPartyResult> tp = {{{2022, 9, 1}, 30, 8050}, {{2023, 9, 1}, 99, 10000}};
  const std::vector<ComplaintRecord> complaints = {
      {{2022, 9, 1}, true, true}, {{2023, 8, 31}, true, true},  // both in
      {{2023, 9, 1}, true, true},                               // reference date: out
      {{2023, 1, 1}, false, true}, {{2023, 1, 1}, true, false}};  // not property / invalid
  const std::vector<FeeRow> fees = {{2022, 1000, 900}, {2021, 500, 0}};
  const FigureSums got = SumInputs({surveys, tp, complaints, fees, {}}, Window::Before(kRef), kFeeYear);
  // 5 responses, 400 points; 30 × 8050 = 241500; 2 complaints; one 2022 fee row.
  const FigureSums want{5, 400, 30, 241500, 2, 1, 1000, 900};
  EXPECT_EQ(got, want);
  // From the sums: (400 × 100 + 241500) / (35 × 100) = 281500 / 3500 = 80.428…; rate 2000 / 40 = 50.
  const registry::Estate e = MakeEstate(40);
  const Indicators i = IndicatorsFromSums(e, got, {}, Window::Before(kRef));
  EXPECT_EQ(i.satisfaction_index, Fraction(281500, 3500));
  EXPECT_EQ(i.satisfaction_sample, 35);
  EXPECT_TRUE(i.ranked_for_satisfaction);  // 35 ≥ min(30, 20) = 20
  EXPECT_EQ(i.complaint_rate, Fraction(50));
  EXPECT_EQ(i.fee_rate, Fraction(9, 10));
}

}  // namespace
}  // namespace meihao::domain::indicators

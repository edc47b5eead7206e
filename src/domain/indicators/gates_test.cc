#include "domain/indicators/gates.h"

#include <gtest/gtest.h>

#include <vector>

namespace meihao::domain::indicators {
namespace {

using M = registry::ManagementMode;
using O = registry::OwnersOrg;

TEST(GatesTest, AutomaticPartsOfThePrinciples) {
  struct Case {
    const char* name;
    M mode;
    bool party;
    O owners;
    bool penalty;
    std::optional<Fraction> fee;
    bool top, bottom;
    Gates want;  // p1, p2, p4, p6_professional, p6_no_penalty, fee_rate, p8, auto_ok
  };
  const Fraction f95(95, 100), f9499(9499, 10000);
  const std::vector<Case> cases = {
      {"all pass, fee exactly 95%", M::kProfessional, true, O::kOwnersCommittee, false, f95,
       true, false, {true, true, true, true, true, f95, true, true}},
      {"fee 94.99% fails", M::kProfessional, true, O::kOwnersCommittee, false, f9499, true,
       false, {true, true, true, true, true, f9499, false, false}},
      {"no fee row fails", M::kProfessional, true, O::kOwnersCommittee, false, std::nullopt,
       true, false, {true, true, true, true, true, std::nullopt, false, false}},
      {"fee 100%, bottom 5% only", M::kProfessional, true, O::kManagementCommittee, false,
       Fraction(1), false, true, {true, true, true, true, true, Fraction(1), true, true}},
      {"penalty in the window", M::kProfessional, true, O::kOwnersCommittee, true, f95, true,
       false, {true, true, true, true, false, f95, true, false}},
      {"neither top nor bottom", M::kProfessional, true, O::kOwnersCommittee, false, f95,
       false, false, {false, true, true, true, true, f95, true, false}},
      {"no party organisation", M::kProfessional, false, O::kOwnersCommittee, false, f95, true,
       false, {true, false, true, true, true, f95, true, false}},
      {"no owners' organisation", M::kProfessional, true, O::kNone, false, f95, true, false,
       {true, true, false, true, true, f95, true, false}},
      // Self-managed: not professional, and "no penalty" is not affirmed without a company.
      {"self-managed", M::kSelf, true, O::kOwnersCommittee, false, f95, true, false,
       {true, true, true, false, false, f95, true, false}},
      {"unmanaged", M::kNone, false, O::kNone, false, std::nullopt, false, false,
       {false, false, false, false, false, std::nullopt, false, false}},
  };
  for (const auto& c : cases) {
    registry::Estate e;
    e.mode = c.mode, e.party_org = c.party, e.owners_org = c.owners;
    Indicators x;
    x.penalty_in_window = c.penalty;
    x.fee_rate = c.fee;
    Standing s;
    s.managed = c.mode != M::kNone;
    s.top_satisfaction = c.top, s.bottom_complaints = c.bottom;
    EXPECT_EQ(ComputeGates(e, x, s), c.want) << c.name;
  }
}

TEST(GatesTest, ExportRows) {
  std::vector<registry::Estate> es(3);
  std::vector<Gates> gs(3);
  es[0].code = "Z9";
  gs[0] = {true, true, true, true, true, Fraction(95, 100), true, true};
  es[1].code = "A1";
  gs[1] = {false, true, false, false, false, Fraction(2, 3), false, false};  // 0.66666… → 0.6667
  es[2].code = "M5";
  gs[2] = {true, false, true, true, false, std::nullopt, false, false};
  const std::vector<std::vector<std::string>> want = {
      {"A1", "0", "1", "0", "0", "0", "0.6667", "0", "0"},
      {"M5", "1", "0", "1", "1", "0", "", "0", "0"},
      {"Z9", "1", "1", "1", "1", "1", "0.9500", "1", "1"}};
  EXPECT_EQ(GatesRows(es, gs), want);
  EXPECT_EQ(GatesHeader(HeaderStyle::kKeys),
            (std::vector<std::string>{"estate_code", "p1", "p2_party_org", "p4_owners_org",
                                      "p6_professional", "p6_no_penalty", "fee_rate", "p8_fee",
                                      "auto_ok"}));
  EXPECT_EQ(GatesHeader(HeaderStyle::kChinese).size(), 9u);
}

// From raw rows to the gate, reference 2023-09-01, fee year 2022: the only
// penalty is dated on the reference date (outside the window), the fee rate is
// 19 000 / 20 000 = 95% exactly, and the single managed estate of its county
// is rank 1 of N = 1 (k = 1) — every automatic part passes.
TEST(GatesTest, EndToEndFromRawRows) {
  registry::Estate e;
  e.code = "E1", e.county_code = "440784", e.households = 40, e.mode = M::kProfessional;
  e.company_uscc = "91440784MA51234567", e.party_org = true, e.owners_org = O::kOwnersCommittee;
  const std::vector<SurveyTally> surveys = {{20, 1500}};  // 20 ≥ min(30, ⌈40/2⌉ = 20)
  const std::vector<FeeRow> fees = {{2022, 20000, 19000}};
  std::vector<PenaltyRecord> penalties = {{{2023, 9, 1}, "91440784MA51234567"}};
  const Window w = Window::Before(Date{2023, 9, 1});
  std::vector<Indicators> xs = {ComputeIndicators(e, {surveys, {}, {}, fees, penalties}, w, 2022)};
  std::vector<registry::Estate> es = {e};
  auto standings = RankEstates(es, xs, campaigns::ComplaintScope::kCounty);
  EXPECT_TRUE(ComputeGates(e, xs[0], standings[0]).auto_ok);
  // Move the penalty to the window start (2022-09-01): it counts, P6 fails.
  penalties[0].decided_on = Date{2022, 9, 1};
  xs[0] = ComputeIndicators(e, {surveys, {}, {}, fees, penalties}, w, 2022);
  const Gates g = ComputeGates(e, xs[0], standings[0]);
  EXPECT_FALSE(g.p6_no_penalty);
  EXPECT_FALSE(g.auto_ok);
}

}  // namespace
}  // namespace meihao::domain::indicators

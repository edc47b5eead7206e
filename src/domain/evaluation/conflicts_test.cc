#include "domain/evaluation/conflicts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace meihao::domain::evaluation {
namespace {

// One application: estate E1 in town 440703001, managed by company 91440703MA4UTE5T1X
// (the rule compares codes; their checksum is the affiliation form's business).
PairFacts Ready() {
  PairFacts f;
  f.estate_code = "E1";
  f.company_uscc = "91440703MA4UTE5T1X";
  f.town_code = "440703001";
  f.application_ready = true;
  f.evaluator_assignable = true;
  return f;
}

TEST(ConflictsTest, DecisionTable) {
  using K = AffiliationKind;
  struct C {
    std::string name;
    PairFacts facts;
    bool city;
    PairVerdict verdict;
    std::string code;
  };
  auto with = [](std::vector<Affiliation> a) {
    PairFacts f = Ready();
    f.affiliations = std::move(a);
    return f;
  };
  auto set = [](auto mutate) {
    PairFacts f = Ready();
    mutate(f);
    return f;
  };
  const std::vector<C> cases = {
      {"clean pair", Ready(), false, PairVerdict::kAssign, ""},
      {"unrelated affiliations",
       with({{K::kEstate, "E2"}, {K::kCompany, "91440703MA4UTE5T2Y"}, {K::kTown, "440703002"}}), false,
       PairVerdict::kAssign, ""},
      {"affiliated estate", with({{K::kEstate, "E1"}}), false, PairVerdict::kRefuse, "conflict.estate"},
      {"affiliated company", with({{K::kCompany, "91440703MA4UTE5T1X"}}), false, PairVerdict::kRefuse,
       "conflict.company"},
      {"affiliated town", with({{K::kTown, "440703001"}}), false, PairVerdict::kRefuse, "conflict.town"},
      // The kind matters: a town code declared as an estate is no town affiliation.
      {"value under another kind", with({{K::kEstate, "440703001"}, {K::kTown, "E1"}}), false,
       PairVerdict::kAssign, ""},
      // An estate without a company never matches an empty company affiliation.
      {"no company, empty value", set([](PairFacts& f) {
         f.company_uscc = "";
         f.affiliations = {{K::kCompany, ""}};
       }),
       false, PairVerdict::kAssign, ""},
      {"estate reported before company", with({{K::kCompany, "91440703MA4UTE5T1X"}, {K::kEstate, "E1"}}), false,
       PairVerdict::kRefuse, "conflict.estate"},
      {"declared conflict", set([](PairFacts& f) { f.declared_conflict = true; }), false, PairVerdict::kRefuse,
       "conflict.declared"},
      {"declared conflict before affiliation", set([](PairFacts& f) {
         f.declared_conflict = true;
         f.affiliations = {{K::kEstate, "E1"}};
       }),
       false, PairVerdict::kRefuse, "conflict.declared"},
      {"not assignable", set([](PairFacts& f) { f.evaluator_assignable = false; }), false, PairVerdict::kRefuse,
       "evaluator.not_assignable"},
      {"county: not submitted", set([](PairFacts& f) { f.application_ready = false; }), false,
       PairVerdict::kRefuse, "application.not_submitted"},
      {"city: not a county winner", set([](PairFacts& f) { f.application_ready = false; }), true,
       PairVerdict::kRefuse, "application.not_county_winner"},
      {"not ready outranks unassignable", set([](PairFacts& f) {
         f.application_ready = false;
         f.evaluator_assignable = false;
       }),
       false, PairVerdict::kRefuse, "application.not_submitted"},
      {"already assigned is skipped", set([](PairFacts& f) { f.already_assigned = true; }), false,
       PairVerdict::kSkip, "assignment.exists"},
      // Skipping writes nothing, so it is never an error, even when an
      // affiliation was declared after the assignment (the evaluator declares
      // a conflict on the assignment for that).
      {"already assigned, affiliated since", set([](PairFacts& f) {
         f.already_assigned = true;
         f.affiliations = {{K::kEstate, "E1"}};
       }),
       false, PairVerdict::kSkip, "assignment.exists"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const PairDecision d = DecidePair(c.facts, c.city);
    EXPECT_EQ(d.verdict, c.verdict);
    EXPECT_EQ(d.code, c.code);
    if (c.verdict != PairVerdict::kAssign) {
      EXPECT_FALSE(d.reason_zh.empty());
    }
  }
}

TEST(ConflictsTest, KindKeys) {
  for (auto k : {AffiliationKind::kEstate, AffiliationKind::kCompany, AffiliationKind::kTown})
    EXPECT_EQ(ParseAffiliationKind(AffiliationKindKey(k)), k);
  EXPECT_EQ(ParseAffiliationKind("Estate"), std::nullopt);
  EXPECT_EQ(ParseAffiliationKind(""), std::nullopt);
}

}  // namespace
}  // namespace meihao::domain::evaluation

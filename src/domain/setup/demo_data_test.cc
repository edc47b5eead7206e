#include "domain/setup/demo_data.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "common/resources.h"
#include "domain/registry/uscc.h"

namespace meihao::domain::setup {
namespace {

registry::DivisionTree RealTree() {
  return registry::DivisionTree::FromCsv(*resources::find("jiangmen-divisions.csv")).value();
}

TEST(DemoDataTest, Deterministic) {
  const registry::DivisionTree t = RealTree();
  const auto a = GenerateDemoEstates(t, 300, 42);
  const auto b = GenerateDemoEstates(t, 300, 42);
  const auto c = GenerateDemoEstates(t, 300, 43);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_TRUE(GenerateDemoEstates(t, 0, 42).empty());
}

TEST(DemoDataTest, EveryEstateIsValidAndUnique) {
  const registry::DivisionTree t = RealTree();
  const auto estates = GenerateDemoEstates(t, 2000, 7);
  ASSERT_EQ(estates.size(), 2000u);
  std::set<std::string> codes, names;
  for (const registry::Estate& e : estates) {
    const auto errors = registry::ValidateEstate(e, t);
    EXPECT_TRUE(errors.empty()) << e.code << ": " << (errors.empty() ? "" : errors[0].message_en);
    // "JM" + 6-digit county code + 5-digit sequence = 13 characters.
    EXPECT_EQ(e.code.size(), 13u) << e.code;
    EXPECT_EQ(e.code.substr(0, 8), "JM" + e.county_code);
    EXPECT_TRUE(e.community.ends_with("社区"));
    EXPECT_TRUE(e.address.ends_with("号"));
    EXPECT_TRUE(e.address.starts_with(t.Find(e.town_code)->name));
    codes.insert(e.code);
    names.insert(e.name);
  }
  EXPECT_EQ(codes.size(), 2000u);
  EXPECT_EQ(names.size(), 2000u);
  EXPECT_TRUE(std::is_sorted(estates.begin(), estates.end(),
                             [](const registry::Estate& a, const registry::Estate& b) { return a.code < b.code; }));
  // Sequences start at 00001 in each county; 蓬江区 is the most likely county.
  EXPECT_TRUE(codes.count("JM44070300001"));
}

TEST(DemoDataTest, RoughDistribution) {
  const registry::DivisionTree t = RealTree();
  const size_t n = 4000;
  const auto estates = GenerateDemoEstates(t, n, 2023);
  std::map<registry::ManagementMode, size_t> modes;
  std::map<std::string, size_t> by_county;
  std::set<std::string> companies, usccs;
  size_t party = 0, demo = 0, small = 0, min_h = 100000, max_h = 0;
  for (const registry::Estate& e : estates) {
    ++modes[e.mode];
    ++by_county[e.county_code];
    if (!e.company_name.empty()) { companies.insert(e.company_name); usccs.insert(e.company_uscc); }
    party += e.party_org;
    demo += e.demonstration;
    small += e.households < 500;
    min_h = std::min<size_t>(min_h, e.households);
    max_h = std::max<size_t>(max_h, e.households);
  }
  // Targets 65% / 20% / 15%, 55%, 5%; bounds are about ±4 standard deviations.
  EXPECT_NEAR(modes[registry::ManagementMode::kProfessional] / double(n), 0.65, 0.04);
  EXPECT_NEAR(modes[registry::ManagementMode::kSelf] / double(n), 0.20, 0.03);
  EXPECT_NEAR(modes[registry::ManagementMode::kNone] / double(n), 0.15, 0.03);
  EXPECT_NEAR(party / double(n), 0.55, 0.04);
  EXPECT_NEAR(demo / double(n), 0.05, 0.015);
  // households = 40 + 2960·u³: P(h < 500) = P(u < (460/2960)^(1/3) ≈ 0.538) ≈ 54%.
  EXPECT_NEAR(small / double(n), 0.54, 0.04);
  EXPECT_GE(min_h, 40u);
  EXPECT_LE(max_h, 3000u);
  EXPECT_GE(companies.size(), 30u);
  EXPECT_LE(companies.size(), 40u);
  EXPECT_EQ(usccs.size(), companies.size());  // one code per company
  // Weights 30 : 10 : 22 : 12 : 10 : 9 : 7 of 100.
  EXPECT_EQ(by_county.size(), 7u);
  EXPECT_NEAR(by_county["440703"] / double(n), 0.30, 0.03);
  EXPECT_NEAR(by_county["440705"] / double(n), 0.22, 0.03);
  EXPECT_NEAR(by_county["440785"] / double(n), 0.07, 0.02);
  for (const auto& [code, k] : by_county) {
    if (code == "440703" || code == "440705") continue;
    EXPECT_LT(k, by_county["440705"]) << code;
  }
}

TEST(DemoDataTest, StaysInsideTheTree) {
  // The generator must not invent divisions: every town belongs to the estate's county.
  const registry::DivisionTree t = RealTree();
  for (const registry::Estate& e : GenerateDemoEstates(t, 50, 1)) EXPECT_TRUE(t.IsWithin(e.town_code, e.county_code));
}

}  // namespace
}  // namespace meihao::domain::setup

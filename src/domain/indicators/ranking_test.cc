#include "domain/indicators/ranking.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace meihao::domain::indicators {
namespace {

using M = registry::ManagementMode;

// One estate of a hand-built population. index_num/den 0/0 means no sample.
struct Row {
  std::string code, county;
  int households;
  M mode;
  bool demo;
  int64_t sample;
  int64_t index_num, index_den;
  bool ranked;
  int64_t rate_num, rate_den;
};
struct Want {  // expected standing; 0 = no rank
  int64_t sat_rank, complaint_rank;
  bool top, bottom, cultivation;
};

void Build(const std::vector<Row>& rows, std::vector<registry::Estate>* es, std::vector<Indicators>* xs) {
  for (const Row& r : rows) {
    registry::Estate e;
    e.code = r.code, e.county_code = r.county, e.households = r.households, e.mode = r.mode;
    e.demonstration = r.demo;
    Indicators x;
    x.satisfaction_sample = r.sample;
    if (r.index_den != 0) x.satisfaction_index = Fraction(r.index_num, r.index_den);
    x.ranked_for_satisfaction = r.ranked;
    x.complaint_rate = Fraction(r.rate_num, r.rate_den);
    es->push_back(e);
    xs->push_back(x);
  }
}

void Check(const char* name, const std::vector<Row>& rows, campaigns::ComplaintScope scope,
           const std::vector<Want>& want) {
  std::vector<registry::Estate> es;
  std::vector<Indicators> xs;
  Build(rows, &es, &xs);
  const auto got = RankEstates(es, xs, scope);
  ASSERT_EQ(got.size(), want.size()) << name;
  for (size_t i = 0; i < want.size(); ++i) {
    const Want& w = want[i];
    const auto opt = [](int64_t r) { return r ? std::optional<int64_t>(r) : std::nullopt; };
    EXPECT_EQ(got[i].managed, rows[i].mode != M::kNone) << name << " " << rows[i].code;
    EXPECT_EQ(got[i].satisfaction_rank, opt(w.sat_rank)) << name << " " << rows[i].code;
    EXPECT_EQ(got[i].complaint_rank, opt(w.complaint_rank)) << name << " " << rows[i].code;
    EXPECT_EQ(got[i].top_satisfaction, w.top) << name << " " << rows[i].code;
    EXPECT_EQ(got[i].bottom_complaints, w.bottom) << name << " " << rows[i].code;
    EXPECT_EQ(got[i].cultivation, w.cultivation) << name << " " << rows[i].code;
  }
}

TEST(RankingTest, FivePercentAndQuotaUseExactIntegerCeilings) {
  struct Case { int64_t n, k, quota; };
  const Case cases[] = {
      {0, 0, 0},    {1, 1, 1},   // ⌈0.05⌉ = 1, ⌈0.04⌉ = 1
      {20, 1, 1},   {21, 2, 1},  // 5·20/100 = 1 exactly; 5·21/100 = 1.05 → 2; 4·21/100 = 0.84 → 1
      {25, 2, 1},   {26, 2, 2},  // 4·25/100 = 1 exactly; 4·26/100 = 1.04 → 2
      {40, 2, 2},   {41, 3, 2},  // 5·41/100 = 2.05 → 3; 4·41/100 = 1.64 → 2
      {1000, 50, 40}, {1001, 51, 41},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FivePercentCount(c.n), c.k) << c.n;
    EXPECT_EQ(CountyQuota(c.n), c.quota) << c.n;
  }
  // Other settings: ⌈10% × 21⌉ = ⌈2.1⌉ = 3; ⌈3% × 100⌉ = 3 exactly.
  EXPECT_EQ(CeilPercent(10, 21), 3);
  EXPECT_EQ(CountyQuota(100, 3), 3);
}

TEST(RankingTest, SmallPopulations) {
  Check("no estates", {}, campaigns::ComplaintScope::kCounty, {});
  // N = 0: the county has no managed estate, so no ranking and nothing flagged,
  // even for a demonstration project (cultivation needs a managed estate).
  Check("N=0", {{"U1", "440703", 100, M::kNone, true, 40, 90, 1, true, 0, 1}},
        campaigns::ComplaintScope::kCounty, {{0, 0, false, false, false}});
  // N = 1: k = ⌈5/100⌉ = 1, the only estate is rank 1 in both.
  Check("N=1", {{"A", "440703", 100, M::kSelf, false, 40, 90, 1, true, 0, 1}},
        campaigns::ComplaintScope::kCounty, {{1, 1, true, true, true}});
}

// N estates with strictly ordered keys: estate i (1-based) has index 100 − i and
// complaint rate i, so it is rank i in both rankings and in iff i ≤ k.
TEST(RankingTest, KAtTheTwentyAndTwentyOneEdges) {
  struct Case { int n, k; };
  const Case cases[] = {{20, 1}, {21, 2}, {41, 3}};  // ⌈1.00⌉, ⌈1.05⌉, ⌈2.05⌉
  for (const auto& c : cases) {
    std::vector<Row> rows;
    std::vector<Want> want;
    for (int i = 1; i <= c.n; ++i) {
      rows.push_back({"E" + std::to_string(i), "440705", 100, M::kProfessional, false, 50,
                      100 - i, 1, true, i, 1});
      want.push_back({i, i, i <= c.k, i <= c.k, i <= c.k});
    }
    Check(("N=" + std::to_string(c.n)).c_str(), rows, campaigns::ComplaintScope::kCounty, want);
  }
}

TEST(RankingTest, EstatesTiedOnEveryKeyAtTheEdgeAreAllIn) {
  // N = 21 → k = 2. A is best; B, C, D tie on every key of both rankings, so
  // 1 estate is strictly better than each: rank 2 ≤ k, all three are in, and the
  // next estate is rank 1 + 4 = 5. Estates F1…F16 rank below.
  std::vector<Row> rows = {
      {"A", "440704", 100, M::kProfessional, false, 50, 90, 1, true, 0, 1},
      {"B", "440704", 100, M::kProfessional, false, 50, 80, 1, true, 1, 1},
      {"C", "440704", 100, M::kSelf, false, 50, 80, 1, true, 1, 1},
      {"D", "440704", 100, M::kProfessional, false, 50, 80, 1, true, 1, 1},
      // E ties B on index and rate but has a smaller sample (satisfaction: 4 better → 5)
      // and fewer households (complaint: 4 better → 5).
      {"E", "440704", 99, M::kProfessional, false, 49, 80, 1, true, 1, 1},
  };
  std::vector<Want> want = {{1, 1, true, true, true},
                            {2, 2, true, true, true},
                            {2, 2, true, true, true},
                            {2, 2, true, true, true},
                            {5, 5, false, false, false}};
  for (int i = 1; i <= 16; ++i) {  // index 70 − i, rate 1 + i: rank 5 + i in both
    rows.push_back({"F" + std::to_string(i), "440704", 100, M::kProfessional, false, 50, 70 - i,
                    1, true, 1 + i, 1});
    want.push_back({5 + i, 5 + i, false, false, false});
  }
  Check("ties at k", rows, campaigns::ComplaintScope::kCounty, want);
}

TEST(RankingTest, ZeroComplaintsEverywhereAndTooSmallSamples) {
  // Every rate is 0, so the complaint ranking falls to satisfaction then households:
  // P (90) 1; Q and T (80) tie → households 500 > 200: Q 2, T 3; then the unranked
  // R (index 100 from 3 responses, but unranked) and S (no data): households 1000 > 50.
  // Satisfaction: P 1; T and Q tie on index and rate → sample 60 > 40: T 2, Q 3.
  // N = 5 in both → k = ⌈25/100⌉ = 1. S is a demonstration project: cultivated.
  // V is unmanaged: outside both rankings; its demonstration flag does not cultivate it.
  Check("zero complaints",
        {{"P", "440781", 100, M::kProfessional, false, 50, 90, 1, true, 0, 1},
         {"Q", "440781", 500, M::kProfessional, false, 40, 80, 1, true, 0, 1},
         {"R", "440781", 1000, M::kSelf, false, 3, 100, 1, false, 0, 1},
         {"S", "440781", 50, M::kSelf, true, 0, 0, 0, false, 0, 1},
         {"T", "440781", 200, M::kProfessional, false, 60, 80, 1, true, 0, 1},
         {"V", "440781", 900, M::kNone, true, 60, 95, 1, true, 0, 1}},
        campaigns::ComplaintScope::kCounty,
        {{1, 1, true, true, true},
         {3, 2, false, false, false},
         {0, 4, false, false, false},
         {0, 5, false, false, true},
         {2, 3, false, false, false},
         {0, 0, false, false, false}});
}

TEST(RankingTest, SatisfactionTieOnIndexBrokenByExactComplaintRate) {
  // Both 85.00; rates 1000·1/3000 = 1/3 and 1000·1/2000 = 1/2: G (1/3) first.
  // Complaint: G 1/3 < H 1/2. N = 2 → k = ⌈10/100⌉ = 1.
  Check("rate breaks the tie",
        {{"H", "440783", 2000, M::kProfessional, false, 50, 85, 1, true, 1, 2},
         {"G", "440783", 3000, M::kProfessional, false, 50, 85, 1, true, 1, 3}},
        campaigns::ComplaintScope::kCounty, {{2, 2, false, false, false}, {1, 1, true, true, true}});
}

TEST(RankingTest, CityComplaintScope) {
  // Two counties of 2 estates. County scope: k = ⌈10/100⌉ = 1 in each, so X1 (0)
  // and Y1 (3) are bottom 5%. City scope: N = 4, k = ⌈20/100⌉ = 1, order X1 0 <
  // Y1 3 < Y2 4 < X2 5: only X1. Satisfaction stays per county: X2 and Y2 top.
  const std::vector<Row> rows = {
      {"X1", "440703", 100, M::kProfessional, false, 50, 70, 1, true, 0, 1},
      {"X2", "440703", 100, M::kProfessional, false, 50, 80, 1, true, 5, 1},
      {"Y1", "440785", 100, M::kProfessional, false, 50, 70, 1, true, 3, 1},
      {"Y2", "440785", 100, M::kProfessional, false, 50, 80, 1, true, 4, 1}};
  Check("county", rows, campaigns::ComplaintScope::kCounty,
        {{2, 1, false, true, true}, {1, 2, true, false, true},
         {2, 1, false, true, true}, {1, 2, true, false, true}});
  Check("city", rows, campaigns::ComplaintScope::kCity,
        {{2, 1, false, true, true}, {1, 4, true, false, true},
         {2, 2, false, false, false}, {1, 3, true, false, true}});
}

TEST(RankingTest, RankingsExportRows) {
  std::vector<registry::Estate> es(3);
  std::vector<Indicators> xs(3);
  es[0].code = "B2", es[0].households = 1600, es[0].mode = M::kProfessional;
  xs[0].satisfaction_sample = 40;
  xs[0].satisfaction_index = Fraction(3475, 40);  // 25 × 139 points / 40 = 86.875 → "86.88"
  xs[0].ranked_for_satisfaction = true;
  xs[0].complaint_count = 1;
  xs[0].complaint_rate = Fraction(1000, 1600);    // 0.625 → "0.63"
  es[1].code = "A1", es[1].households = 300, es[1].mode = M::kSelf;
  xs[1].satisfaction_sample = 3;
  xs[1].satisfaction_index = Fraction(200, 3);    // 66.666… → "66.67", sample 3 < 30: unranked
  xs[1].complaint_count = 2;
  xs[1].complaint_rate = Fraction(2000, 300);     // 6.666… → "6.67"
  es[2].code = "C3", es[2].households = 10, es[2].mode = M::kNone, es[2].demonstration = true;
  for (auto& e : es) e.county_code = "440703";
  // Satisfaction: only B2 (N = 1, k = 1). Complaint: B2 0.625 < A1 6.67, N = 2, k = 1.
  const auto rows = RankingsRows(es, xs, RankEstates(es, xs, campaigns::ComplaintScope::kCounty));
  const std::vector<std::vector<std::string>> want = {
      {"A1", "440703", "1", "3", "66.67", "", "2", "6.67", "2", "0", "0", "0", "0"},
      {"B2", "440703", "1", "40", "86.88", "1", "1", "0.63", "1", "1", "1", "0", "1"},
      {"C3", "440703", "0", "0", "", "", "0", "0.00", "", "0", "0", "1", "0"}};
  EXPECT_EQ(rows, want);
  EXPECT_EQ(RankingsHeader(HeaderStyle::kKeys).size(), want[0].size());
  EXPECT_EQ(RankingsHeader(HeaderStyle::kChinese).size(), want[0].size());
  EXPECT_EQ(RankingsHeader(HeaderStyle::kKeys)[5], "satisfaction_rank");
  EXPECT_EQ(RankingsHeader(HeaderStyle::kChinese)[0], "小区编码");
}

TEST(RankingTest, QuotasExportRows) {
  const registry::Division xinhui{"440705", "新会区", registry::Division::Level::kCounty, "440700"};
  const registry::Division pengjiang{"440703", "蓬江区", registry::Division::Level::kCounty, "440700"};
  const std::vector<const registry::Division*> counties = {&xinhui, &pengjiang};
  std::vector<registry::Estate> es(28);
  for (int i = 0; i < 26; ++i) es[i].county_code = "440705", es[i].mode = M::kSelf;
  es[26].county_code = "440705", es[26].mode = M::kNone;           // not managed
  es[27].county_code = "440781", es[27].mode = M::kProfessional;  // county not asked for
  // 新会区: 26 managed → ⌈4 × 26 / 100⌉ = ⌈1.04⌉ = 2; 蓬江区: none → 0.
  const std::vector<std::vector<std::string>> want = {{"440703", "蓬江区", "0", "0"},
                                                      {"440705", "新会区", "26", "2"}};
  EXPECT_EQ(QuotasRows(counties, es), want);
  EXPECT_EQ(QuotasHeader(HeaderStyle::kKeys),
            (std::vector<std::string>{"county_code", "county_name", "managed_estates", "quota"}));
  EXPECT_EQ(QuotasHeader(HeaderStyle::kChinese).size(), 4u);
}

TEST(RankingTest, RanksFiftyThousandEstatesQuickly) {
  std::vector<registry::Estate> es(50000);
  std::vector<Indicators> xs(50000);
  const char* counties[] = {"440703", "440704", "440705", "440781", "440783", "440784", "440785"};
  uint64_t seed = 12345;
  auto next = [&] { return seed = seed * 6364136223846793005ULL + 1442695040888963407ULL, seed >> 33; };
  for (size_t i = 0; i < es.size(); ++i) {
    es[i].code = "E" + std::to_string(i);
    es[i].county_code = counties[i % 7];
    es[i].households = 1 + int(next() % 3000);
    es[i].mode = i % 10 == 0 ? M::kNone : M::kProfessional;
    xs[i].satisfaction_sample = int64_t(next() % 200);
    xs[i].satisfaction_index = Fraction(int64_t(next() % 10001), 100);
    xs[i].ranked_for_satisfaction = xs[i].satisfaction_sample >= 30;
    xs[i].complaint_rate = Fraction(1000 * int64_t(next() % 20), es[i].households);
  }
  const auto start = std::chrono::steady_clock::now();
  const auto got = RankEstates(es, xs, campaigns::ComplaintScope::kCounty);
  const auto rows = RankingsRows(es, xs, got);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 1.0);
  // 45,000 managed estates over 7 counties: every county ranks some of them.
  int64_t bottom = 0;
  for (const auto& s : got) bottom += s.bottom_complaints;
  EXPECT_GE(bottom, 7);
  EXPECT_EQ(rows.size(), es.size());
}

}  // namespace
}  // namespace meihao::domain::indicators

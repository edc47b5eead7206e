#include "domain/indicators/ranking.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <numeric>

namespace meihao::domain::indicators {

int64_t CeilPercent(int64_t percent, int64_t n) {
  return n <= 0 ? 0 : (percent * n + 99) / 100;
}

namespace {

// First differing key decides; `c < 0` means "a is better".
#define MEIHAO_KEY(expr)      \
  if (auto c = (expr); c != 0) return c < 0

struct Ranker {
  std::span<const registry::Estate> estates;
  std::span<const Indicators> ind;
  std::vector<Standing>& out;
  int top_percent, bottom_percent;

  // a strictly better than b in the satisfaction ranking (both ranked, so both have an index).
  bool SatisfactionBetter(uint32_t a, uint32_t b) const {
    const Indicators &x = ind[a], &y = ind[b];
    MEIHAO_KEY(*y.satisfaction_index <=> *x.satisfaction_index);  // higher first
    MEIHAO_KEY(x.complaint_rate <=> y.complaint_rate);            // lower first
    return x.satisfaction_sample > y.satisfaction_sample;          // larger first
  }
  bool ComplaintBetter(uint32_t a, uint32_t b) const {
    const Indicators &x = ind[a], &y = ind[b];
    MEIHAO_KEY(x.complaint_rate <=> y.complaint_rate);  // lower first
    // Ranked for satisfaction before not ranked (true sorts first).
    MEIHAO_KEY(y.ranked_for_satisfaction <=> x.ranked_for_satisfaction);
    if (x.ranked_for_satisfaction)
      MEIHAO_KEY(*y.satisfaction_index <=> *x.satisfaction_index);  // higher first
    return estates[a].households > estates[b].households;           // more first
  }

  // Sorts `ids` best first and hands each its competition rank and whether it
  // is within the first k = ⌈5% N⌉. In a sorted list, the estates strictly
  // better than ids[i] are exactly those before the first of its tie group.
  template <typename Better, typename Apply>
  void Rank(std::vector<uint32_t>& ids, int percent, Better better, Apply apply) const {
    std::sort(ids.begin(), ids.end(), better);
    const int64_t k = CeilPercent(percent, static_cast<int64_t>(ids.size()));
    int64_t rank = 0;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i == 0 || better(ids[i - 1], ids[i])) rank = static_cast<int64_t>(i) + 1;
      apply(out[ids[i]], rank, rank <= k);
    }
  }

  void SatisfactionRanking(std::vector<uint32_t> ids) const {
    std::erase_if(ids, [&](uint32_t i) { return !ind[i].ranked_for_satisfaction; });
    Rank(ids, top_percent, [this](uint32_t a, uint32_t b) { return SatisfactionBetter(a, b); },
         [](Standing& s, int64_t rank, bool in) { s.satisfaction_rank = rank, s.top_satisfaction = in; });
  }
  void ComplaintRanking(std::vector<uint32_t> ids) const {
    Rank(ids, bottom_percent, [this](uint32_t a, uint32_t b) { return ComplaintBetter(a, b); },
         [](Standing& s, int64_t rank, bool in) { s.complaint_rank = rank, s.bottom_complaints = in; });
  }
};

#undef MEIHAO_KEY

}  // namespace

std::vector<Standing> RankEstates(std::span<const registry::Estate> estates,
                                  std::span<const Indicators> indicators, campaigns::ComplaintScope scope,
                                  int top_percent, int bottom_percent) {
  assert(estates.size() == indicators.size());
  std::vector<Standing> out(estates.size());
  // The managed estates, grouped by county (stable, so equal inputs give equal work).
  std::vector<uint32_t> managed;
  for (uint32_t i = 0; i < estates.size(); ++i) {
    out[i].managed = registry::IsManaged(estates[i].mode);
    if (out[i].managed) managed.push_back(i);
  }
  std::stable_sort(managed.begin(), managed.end(), [&](uint32_t a, uint32_t b) {
    return estates[a].county_code < estates[b].county_code;
  });
  const Ranker ranker{estates, indicators, out, top_percent, bottom_percent};
  for (size_t begin = 0; begin < managed.size();) {
    size_t end = begin;
    while (end < managed.size() &&
           estates[managed[end]].county_code == estates[managed[begin]].county_code)
      ++end;
    std::vector<uint32_t> county(managed.begin() + begin, managed.begin() + end);
    ranker.SatisfactionRanking(county);
    if (scope == campaigns::ComplaintScope::kCounty) ranker.ComplaintRanking(std::move(county));
    begin = end;
  }
  if (scope == campaigns::ComplaintScope::kCity) ranker.ComplaintRanking(std::move(managed));
  for (uint32_t i = 0; i < estates.size(); ++i) {
    Standing& s = out[i];
    s.cultivation = s.managed && (s.top_satisfaction || s.bottom_complaints || estates[i].demonstration);
  }
  return out;
}

// ---- exports ----

static std::string Flag(bool b) { return b ? "1" : "0"; }
static std::string Opt(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }

std::vector<std::string> RankingsHeader(HeaderStyle style) {
  if (style == HeaderStyle::kChinese)
    return {"小区编码", "区县代码", "是否物业管理小区", "满意度样本量", "满意度指数", "满意度排名",
            "投诉件数", "投诉率（每千户）", "投诉排名", "满意度前5%", "投诉后5%",
            "红色管家示范项目", "重点培育"};
  return {"estate_code", "county_code", "managed", "satisfaction_sample", "satisfaction_index",
          "satisfaction_rank", "complaint_count", "complaint_rate", "complaint_rank",
          "top_satisfaction", "bottom_complaints", "demonstration", "cultivation"};
}

std::vector<std::vector<std::string>> RankingsRows(std::span<const registry::Estate> estates,
                                                   std::span<const Indicators> indicators,
                                                   std::span<const Standing> standings) {
  assert(estates.size() == indicators.size() && estates.size() == standings.size());
  std::vector<uint32_t> order(estates.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return estates[a].code < estates[b].code; });
  std::vector<std::vector<std::string>> rows;
  rows.reserve(order.size());
  for (uint32_t i : order) {
    const registry::Estate& e = estates[i];
    const Indicators& x = indicators[i];
    const Standing& s = standings[i];
    rows.push_back({e.code, e.county_code, Flag(s.managed),
                    std::to_string(x.satisfaction_sample),
                    x.satisfaction_index ? x.satisfaction_index->Format(2) : "",
                    s.managed ? Opt(s.satisfaction_rank) : "",
                    std::to_string(x.complaint_count), x.complaint_rate.Format(2),
                    s.managed ? Opt(s.complaint_rank) : "", Flag(s.top_satisfaction),
                    Flag(s.bottom_complaints), Flag(e.demonstration), Flag(s.cultivation)});
  }
  return rows;
}

std::vector<std::string> QuotasHeader(HeaderStyle style) {
  if (style == HeaderStyle::kChinese) return {"区县代码", "区县名称", "物业管理小区数", "推荐名额"};
  return {"county_code", "county_name", "managed_estates", "quota"};
}

std::vector<std::vector<std::string>> QuotasRows(std::span<const registry::Division* const> counties,
                                                 std::span<const registry::Estate> estates,
                                                 int quota_percent) {
  std::map<std::string_view, int64_t> managed;  // county code → managed estates
  for (const registry::Division* c : counties) managed[c->code] = 0;
  for (const registry::Estate& e : estates) {
    if (!registry::IsManaged(e.mode)) continue;
    if (auto it = managed.find(e.county_code); it != managed.end()) ++it->second;
  }
  std::vector<const registry::Division*> sorted(counties.begin(), counties.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const registry::Division* a, const registry::Division* b) { return a->code < b->code; });
  std::vector<std::vector<std::string>> rows;
  for (const registry::Division* c : sorted) {
    const int64_t n = managed[c->code];
    rows.push_back({c->code, c->name, std::to_string(n), std::to_string(CountyQuota(n, quota_percent))});
  }
  return rows;
}

}  // namespace meihao::domain::indicators

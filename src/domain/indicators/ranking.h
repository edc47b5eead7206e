// County rankings and the cultivation list (rules.md §4), the county quota
// (§8), and the rows of the `rankings` and `quotas` machine exports
// (data-formats.md). Pure and O(N log N): the whole city (tens of thousands of
// estates) is ranked in milliseconds, so results are recomputed, not cached.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/campaigns/campaign.h"  // ComplaintScope, the `complaint_scope` setting
#include "domain/registry/divisions.h"
#include "domain/registry/estate.h"
#include "domain/indicators/indicators.h"

namespace meihao::domain::indicators {

// ⌈percent% × n⌉ in integers (⌈percent·n / 100⌉), 0 when n ≤ 0: no float
// can make 5% of 20 into 1.0000000002 → 2.
int64_t CeilPercent(int64_t percent, int64_t n);
// k = ⌈5% × n⌉ (settings top_percent / bottom_percent): 0 → 0, 1 → 1, 20 → 1, 21 → 2.
inline int64_t FivePercentCount(int64_t n) { return CeilPercent(5, n); }
// County quota q = ⌈4% × managed estates⌉ (setting quota_percent): 0 → 0, 25 → 1, 26 → 2.
inline int64_t CountyQuota(int64_t managed_estates, int quota_percent = 4) {
  return CeilPercent(quota_percent, managed_estates);
}

// Where one estate stands. Ranks are competition ranks (1 + the number of
// estates strictly better on the whole key), so estates tied on every key at
// the k edge are all in.
struct Standing {
  bool managed = false;
  std::optional<int64_t> satisfaction_rank;  // none: unmanaged or not ranked for satisfaction
  std::optional<int64_t> complaint_rank;     // none: unmanaged
  bool top_satisfaction = false;             // 满意度前5%: satisfaction rank ≤ k
  bool bottom_complaints = false;            // 投诉后5%: complaint rank ≤ k
  bool cultivation = false;                  // 重点培育 proposal: managed and (top, bottom or demonstration)
  bool operator==(const Standing&) const = default;
};

// top_percent / bottom_percent are the campaign settings (default 5).
// Ranks estates[i] with indicators[i] (same length); result[i] is estates[i]'s
// standing. Precondition (ComputeIndicators guarantees it): an estate ranked
// for satisfaction has an index. The population of each ranking is the managed estates of one
// county (grouped by county_code); with kCity the complaint ranking takes
// every managed estate passed, so pass the whole city, not a scoped subset.
// Keys (exact fraction comparisons):
//   satisfaction: index desc, complaint rate asc, sample desc — only estates
//     ranked for satisfaction;
//   complaint: rate asc, then ranked-for-satisfaction first and among those
//     index desc (unranked estates tie with each other on this key, since
//     their index rests on too small a sample), then households desc.
std::vector<Standing> RankEstates(std::span<const registry::Estate> estates,
                                  std::span<const Indicators> indicators, campaigns::ComplaintScope scope,
                                  int top_percent = 5, int bottom_percent = 5);

// Export header rows: English keys for CSV, Chinese headers for .xlsx.
enum class HeaderStyle { kKeys, kChinese };

// `rankings`: estate_code, county_code, managed, satisfaction_sample,
// satisfaction_index, satisfaction_rank, complaint_count, complaint_rate,
// complaint_rank, top_satisfaction, bottom_complaints, demonstration,
// cultivation. Index and rate with 2 decimals (index empty with no sample at
// all), empty rank when not in that ranking, flags 1/0. Rows sorted by code;
// the three spans are parallel.
std::vector<std::string> RankingsHeader(HeaderStyle style);
std::vector<std::vector<std::string>> RankingsRows(std::span<const registry::Estate> estates,
                                                   std::span<const Indicators> indicators,
                                                   std::span<const Standing> standings);

// `quotas`: county_code, county_name, managed_estates, quota — one row per
// county given (even with no managed estate), sorted by county code. Estates
// of other counties are ignored. quota_percent is the setting (default 4).
std::vector<std::string> QuotasHeader(HeaderStyle style);
std::vector<std::vector<std::string>> QuotasRows(std::span<const registry::Division* const> counties,
                                                 std::span<const registry::Estate> estates,
                                                 int quota_percent = 4);

}  // namespace meihao::domain::indicators

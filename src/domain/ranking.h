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

#include "domain/divisions.h"
#include "domain/estate.h"
#include "domain/indicators.h"

namespace meihao::domain {

// Setting `complaint_scope`: the complaint ranking runs per county (default,
// the seed's main text) or over the whole city (its Annex 1, 全市后5%).
enum class ComplaintScope { kCounty, kCity };
std::string_view ComplaintScopeKey(ComplaintScope s);  // "county" / "city"
std::optional<ComplaintScope> ParseComplaintScope(std::string_view key);

// k = ⌈5% × n⌉ in integers (⌈5n / 100⌉): 0 → 0, 1 → 1, 20 → 1, 21 → 2.
int64_t FivePercentCount(int64_t n);
// County quota q = ⌈4% × managed estates⌉ in integers: 0 → 0, 1 → 1, 25 → 1, 26 → 2.
int64_t CountyQuota(int64_t managed_estates);

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
std::vector<Standing> RankEstates(std::span<const Estate> estates,
                                  std::span<const Indicators> indicators, ComplaintScope scope);

// Export header rows: English keys for CSV, Chinese headers for .xlsx.
enum class HeaderStyle { kKeys, kChinese };

// `rankings`: estate_code, county_code, managed, satisfaction_sample,
// satisfaction_index, satisfaction_rank, complaint_count, complaint_rate,
// complaint_rank, top_satisfaction, bottom_complaints, demonstration,
// cultivation. Index and rate with 2 decimals (index empty with no sample at
// all), empty rank when not in that ranking, flags 1/0. Rows sorted by code;
// the three spans are parallel.
std::vector<std::string> RankingsHeader(HeaderStyle style);
std::vector<std::vector<std::string>> RankingsRows(std::span<const Estate> estates,
                                                   std::span<const Indicators> indicators,
                                                   std::span<const Standing> standings);

// `quotas`: county_code, county_name, managed_estates, quota — one row per
// county given (even with no managed estate), sorted by county code. Estates
// of other counties are ignored.
std::vector<std::string> QuotasHeader(HeaderStyle style);
std::vector<std::vector<std::string>> QuotasRows(std::span<const Division* const> counties,
                                                 std::span<const Estate> estates);

}  // namespace meihao::domain

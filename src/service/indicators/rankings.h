// The rankings, gates and quotas tables of a campaign (data-formats.md,
// rules.md §3–§5), computed from the stored records and exported within the
// caller's scope. Rankings are computed over whole counties (or the whole
// city for complaint_scope = city) and only then cut to the scope, so a
// county sees the same ranks the city does.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "domain/campaigns/campaign.h"
#include "domain/registry/estate.h"
#include "domain/indicators/indicators.h"
#include "domain/indicators/ranking.h"
#include "service/figures/figures.h"
#include "service/context.h"
#include "service/registry/estate_import.h"  // ExportFormat

namespace meihao::service::indicators {

// A campaign ranked from the kept figures (service/figures/figures.h): every estate
// of the city in code order with its indicators and standing, unscoped —
// callers cut to the caller's scope.
struct RankedCampaign {
  domain::campaigns::CampaignSettings settings;
  std::vector<domain::registry::Estate> estates;
  std::vector<domain::indicators::Indicators> indicators;
  std::vector<domain::indicators::Standing> standings;
  service::figures::FiguresByEstate figures;  // the kept sums the indicators came from, by estate code
};
// 404 without a campaign for `year`.
Result<RankedCampaign> RankCampaign(const Context& ctx, int year);

// What one caller may see of a ranked campaign: the indexes (into `all`) of
// the estates in the caller's scope, and the size of each ranking with its k
// for every county the caller's scope touches. 403 for a role that may not
// read rankings (the same as exporting estates).
struct CountyCut {
  std::string county_code, county_name;
  int64_t satisfaction_n = 0, satisfaction_k = 0;  // estates ranked for satisfaction, ⌈top% × n⌉
  int64_t complaint_n = 0, complaint_k = 0;        // the complaint ranking's population (county or city)
};
struct VisibleRanking {
  RankedCampaign all;
  std::vector<size_t> visible;
  std::vector<CountyCut> cuts;
};
Result<VisibleRanking> RankingForActor(const Context& ctx, const Actor& actor, int year);

enum class RankingTable { kRankings, kGates, kQuotas };
std::optional<RankingTable> ParseRankingTable(std::string_view key);  // rankings / gates / quotas

// 404 without a campaign for `year`; 403 for a role that may not export.
Result<std::string> ExportRankingTable(const Context& ctx, const Actor& actor, int year, RankingTable table,
                                       registry::ExportFormat format);

}  // namespace meihao::service::indicators

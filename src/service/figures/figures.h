// The kept indicator figures (rules.md §3) per campaign and estate, in table
// estate_figures: the sums behind satisfaction, complaints and fees, so that
// rankings never read the raw rows. Survey responses add to them one by one as
// they arrive; an import recomputes the columns of its kind; a change of the
// window or fee year recomputes the campaign's imported columns; `meihao
// indicators rebuild` recomputes everything from the raw rows and reports any
// difference (the use case: service/indicators/figures_rebuild.h). Penalties
// are not kept: they are few and matched by the estate's current company when
// ranking.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/campaigns/campaign.h"
#include "domain/indicators/indicators.h"
#include "domain/survey/survey.h"
#include "storage/database.h"

namespace meihao::service::figures {

struct KeptFigures {
  domain::indicators::FigureSums sums;
  std::array<int64_t, 6> dimension_sums{};  // Σ answers 1–5, in domain::survey::kDimensions order
  bool operator==(const KeptFigures&) const = default;
};
using FiguresByEstate = std::unordered_map<std::string, KeptFigures>;

FiguresByEstate LoadKeptFigures(storage::Connection& c, int year);

// The figures as the raw rows give them for campaign s (its window and fee year).
FiguresByEstate FiguresFromRecords(storage::Connection& c, const domain::campaigns::CampaignSettings& s);

// The raw tables an import feeds (penalties feed none).
enum class Feed { kThirdParty, kComplaints, kFees };
// Inside the import's transaction: recompute the columns fed by `feed` for
// campaign s (the records import calls it for every campaign).
void RefreshImportedFigures(storage::Connection& c, Feed feed, const domain::campaigns::CampaignSettings& s);
// Every imported column of one campaign (at creation, and when the reference
// date or fee year changes).
void RefreshCampaignFigures(storage::Connection& c, const domain::campaigns::CampaignSettings& s);

// One validated response, inside the transaction that stores it.
void AddResponseToFigures(storage::Connection& c, int year, const std::string& estate_code,
                          const domain::survey::SurveyAnswers& a);

struct FigureDifference {
  std::string estate_code, field;
  int64_t kept = 0, fresh = 0;
};
struct RebuildReport {
  int64_t estates = 0;            // estates with any figure
  int64_t differing_estates = 0;  // kept ≠ fresh
  std::vector<FigureDifference> differences;  // the first 100
};

// Kept against fresh, estate by estate and column by column (the first 100
// differences).
RebuildReport CompareFigures(const FiguresByEstate& kept, const FiguresByEstate& fresh);
// Replaces campaign `year`'s kept figures by `fresh`.
void ReplaceKeptFigures(storage::Connection& c, int year, FiguresByEstate fresh);

}  // namespace meihao::service::figures

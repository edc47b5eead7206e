// The kept indicator figures (rules.md §3) per campaign and estate, in table
// estate_figures: the sums behind satisfaction, complaints and fees, so that
// rankings never read the raw rows. Survey responses add to them one by one as
// they arrive; an import recomputes the columns of its kind; a change of the
// window or fee year recomputes the campaign's imported columns; `meihao
// indicators rebuild` recomputes everything from the raw rows and reports any
// difference. Penalties are not kept: they are few and matched by the
// estate's current company when ranking.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "domain/campaign.h"
#include "domain/indicators.h"
#include "domain/survey.h"
#include "service/context.h"
#include "service/record_import.h"

namespace meihao::service {

struct KeptFigures {
  domain::FigureSums sums;
  std::array<int64_t, 6> dimension_sums{};  // Σ answers 1–5, in domain::kDimensions order
  bool operator==(const KeptFigures&) const = default;
};
using FiguresByEstate = std::unordered_map<std::string, KeptFigures>;

FiguresByEstate LoadKeptFigures(storage::Connection& c, int year);

// The figures as the raw rows give them for campaign s (its window and fee year).
FiguresByEstate FiguresFromRecords(storage::Connection& c, const domain::CampaignSettings& s);

// Inside the import's transaction: recompute the columns fed by `kind` for
// every campaign (penalties feed none).
void RefreshImportedFigures(storage::Connection& c, RecordKind kind);
// Every imported column of one campaign (at creation, and when the reference
// date or fee year changes).
void RefreshCampaignFigures(storage::Connection& c, const domain::CampaignSettings& s);

// One validated response, inside the transaction that stores it.
void AddResponseToFigures(storage::Connection& c, int year, const std::string& estate_code,
                          const domain::SurveyAnswers& a);

struct FigureDifference {
  std::string estate_code, field;
  int64_t kept = 0, fresh = 0;
};
struct RebuildReport {
  int64_t estates = 0;            // estates with any figure
  int64_t differing_estates = 0;  // kept ≠ fresh
  std::vector<FigureDifference> differences;  // the first 100
};

// City administrator only (403); 404 without the campaign. Replaces the kept
// figures by the recomputed ones and audits the report.
Result<RebuildReport> RebuildFigures(const Context& ctx, const Actor& actor, int year);

}  // namespace meihao::service

// One estate's figures in a campaign and where they came from: the kept
// sums, the third-party results and penalties behind them, the household
// codes, and its standing in the rankings — what the ranking page's drawer
// shows so a clerk can check a figure against its sources.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "service/context.h"
#include "service/figures/figures.h"
#include "service/indicators/rankings.h"
#include "service/survey/survey_codes.h"

namespace meihao::service::indicators {

struct ThirdPartyRow {
  std::string surveyed_on, surveyor;
  int64_t sample = 0, score_hundredths = 0;
};
struct PenaltyRow {
  std::string decision_no, decided_on, company_name;
};

struct EstateSheet {
  domain::campaigns::CampaignSettings settings;
  domain::registry::Estate estate;
  domain::indicators::Indicators indicators;
  domain::indicators::Standing standing;
  service::figures::KeptFigures figures;
  std::vector<ThirdPartyRow> third_party;  // in the window
  std::vector<PenaltyRow> penalties;       // the estate's company, in the window
  survey::CodeCounts codes;
};

// 404 for an unknown campaign or an estate outside the caller's scope; 403
// for a role that may not read rankings.
Result<EstateSheet> EstateSheetOf(const Context& ctx, const Actor& actor, int year, const std::string& estate_code);

}  // namespace meihao::service::indicators

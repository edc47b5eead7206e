// One estate's figures in a campaign and where they came from: the kept
// sums, the third-party results and penalties behind them, the household
// codes, and its standing in the rankings — what the ranking page's drawer
// shows so a clerk can check a figure against its sources.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "service/context.h"
#include "service/figures.h"
#include "service/rankings.h"
#include "service/survey_codes.h"

namespace meihao::service {

struct ThirdPartyRow {
  std::string surveyed_on, surveyor;
  int64_t sample = 0, score_hundredths = 0;
};
struct PenaltyRow {
  std::string decision_no, decided_on, company_name;
};

struct EstateSheet {
  domain::CampaignSettings settings;
  domain::Estate estate;
  domain::Indicators indicators;
  domain::Standing standing;
  KeptFigures figures;
  std::vector<ThirdPartyRow> third_party;  // in the window
  std::vector<PenaltyRow> penalties;       // the estate's company, in the window
  CodeCounts codes;
};

// 404 for an unknown campaign or an estate outside the caller's scope; 403
// for a role that may not read rankings.
Result<EstateSheet> EstateSheetOf(const Context& ctx, const Actor& actor, int year, const std::string& estate_code);

}  // namespace meihao::service

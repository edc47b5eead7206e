// Campaigns (活动): one per year, created with rules.md's defaults; every
// settings change is checked (values, then the phase locks) and audited.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/campaigns/campaign.h"
#include "service/context.h"

namespace meihao::service::campaigns {

// 409 when the year's campaign exists; 403 for anyone but the city administrator.
Result<domain::campaigns::CampaignSettings> CreateCampaign(const Context& ctx, const Actor& actor, int year);
// 404 when there is no campaign for the year.
Result<domain::campaigns::CampaignSettings> GetCampaign(const Context& ctx, int year);
// Every campaign, latest year first.
std::vector<domain::campaigns::CampaignSettings> ListCampaigns(const Context& ctx);
// The same inside a caller's transaction; nullopt without a campaign.
std::optional<domain::campaigns::CampaignSettings> LoadCampaign(storage::Connection& c, int year);
// Every campaign inside a caller's transaction, earliest year first.
std::vector<domain::campaigns::CampaignSettings> LoadCampaigns(storage::Connection& c);

// Applies `changes` (setting key → text) together: 400 naming the first bad
// key or value, 403 `settings.locked` when a phase that depends on a setting
// has opened (unless `reopen`, the city administrator's explicit override).
// Audited with the changed keys and their old and new values.
Result<domain::campaigns::CampaignSettings> ChangeCampaignSettings(const Context& ctx, const Actor& actor, int year,
                                                        const std::vector<std::pair<std::string, std::string>>& changes,
                                                        bool reopen, Date today);

}  // namespace meihao::service::campaigns

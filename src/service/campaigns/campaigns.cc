#include "service/campaigns/campaigns.h"

#include <algorithm>

#include <boost/json.hpp>

#include "common/clock.h"
#include "domain/campaigns/phases.h"
#include "service/audit/audit.h"
#include "service/figures/figures.h"

namespace meihao::service::campaigns {
namespace {

Status RequireCityAdmin(const Actor& actor) {
  if (actor.principal.role != policy::Role::kCityAdmin)
    return Error::Forbidden("forbidden", "只有市级管理员可以设立活动和修改活动设置",
                            "Only the city administrator creates campaigns and changes their settings");
  return OkStatus();
}

Error NoCampaign(int year) {
  return Error::NotFound("campaign.not_found", std::to_string(year) + " 年度活动尚未设立",
                         "There is no campaign for " + std::to_string(year));
}

}  // namespace

std::optional<domain::campaigns::CampaignSettings> LoadCampaign(storage::Connection& c, int year) {
  if (!c.QueryInt("SELECT 1 FROM campaigns WHERE year = ?", {int64_t(year)})) return std::nullopt;
  auto s = domain::campaigns::DefaultSettings(year);
  if (!s) return std::nullopt;
  c.Query("SELECT key, value FROM campaign_settings WHERE year = ?", {int64_t(year)}, [&](const storage::Row& r) {
    // A stored value always came through SetSettingText; a key a later version
    // dropped is ignored rather than failing the whole campaign.
    (void)domain::campaigns::SetSettingText(*s, r.TextView(0), r.TextView(1));
  });
  return *s;
}

namespace {

void Store(storage::Connection& c, const domain::campaigns::CampaignSettings& s) {
  for (const auto& [key, value] : domain::campaigns::SettingsAsText(s))
    c.Exec("INSERT INTO campaign_settings(year, key, value) VALUES (?,?,?) "
           "ON CONFLICT(year, key) DO UPDATE SET value = excluded.value WHERE campaign_settings.value <> excluded.value",
           {int64_t(s.year), key, value});
}

std::string PairsJson(const domain::campaigns::CampaignSettings& s, const std::vector<std::string>& keys) {
  boost::json::object o;
  for (const auto& [key, value] : domain::campaigns::SettingsAsText(s))
    if (keys.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) o[key] = value;
  return boost::json::serialize(o);
}

}  // namespace

Result<domain::campaigns::CampaignSettings> CreateCampaign(const Context& ctx, const Actor& actor, int year) {
  if (auto s = RequireCityAdmin(actor); !s) return s.error();
  auto settings = domain::campaigns::DefaultSettings(year);
  if (!settings) return settings.error();
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  if (c->QueryInt("SELECT 1 FROM campaigns WHERE year = ?", {int64_t(year)}))
    return Error::Conflict("campaign.exists", std::to_string(year) + " 年度活动已经设立",
                           "The campaign for " + std::to_string(year) + " already exists", "year");
  std::string now = BusinessNowIso();
  c->Exec("INSERT INTO campaigns(year, created_at, updated_at) VALUES (?,?,?)", {int64_t(year), now, now});
  Store(*c, *settings);
  figures::RefreshCampaignFigures(*c, *settings);
  audit::AppendAudit(*c, {actor.user_id, actor.username, "campaign.create", "campaign:" + std::to_string(year), std::nullopt,
                   PairsJson(*settings, {}), actor.client, "ok"});
  tx.Commit();
  return *settings;
}

std::vector<domain::campaigns::CampaignSettings> LoadCampaigns(storage::Connection& c) {
  std::vector<int> years;
  c.Query("SELECT year FROM campaigns ORDER BY year", {}, [&](const storage::Row& r) { years.push_back(int(r.Int(0))); });
  std::vector<domain::campaigns::CampaignSettings> out;
  for (int y : years)
    if (auto s = LoadCampaign(c, y)) out.push_back(*s);
  return out;
}

std::vector<domain::campaigns::CampaignSettings> ListCampaigns(const Context& ctx) {
  auto c = ctx.db.Acquire();
  auto out = LoadCampaigns(*c);
  std::reverse(out.begin(), out.end());
  return out;
}

Result<domain::campaigns::CampaignSettings> GetCampaign(const Context& ctx, int year) {
  auto c = ctx.db.Acquire();
  auto s = LoadCampaign(*c, year);
  if (!s) return NoCampaign(year);
  return *s;
}

Result<domain::campaigns::CampaignSettings> ChangeCampaignSettings(const Context& ctx, const Actor& actor, int year,
                                                        const std::vector<std::pair<std::string, std::string>>& changes,
                                                        bool reopen, Date today) {
  if (auto s = RequireCityAdmin(actor); !s) return s.error();
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto before = LoadCampaign(*c, year);
  if (!before) return NoCampaign(year);
  domain::campaigns::CampaignSettings after = *before;
  for (const auto& [key, value] : changes)
    if (auto s = domain::campaigns::SetSettingText(after, key, value); !s) return s.error();
  if (auto errors = domain::campaigns::ValidateSettings(after); !errors.empty()) return errors.front();
  if (auto s = domain::campaigns::CheckSettingChange(*before, after, today, reopen); !s) return s.error();
  auto keys = domain::campaigns::ChangedSettings(*before, after);
  if (keys.empty()) return after;
  Store(*c, after);
  if (after.reference_date != before->reference_date || after.fee_year != before->fee_year)
    figures::RefreshCampaignFigures(*c, after);  // the window or fee year moved: every imported figure with it
  c->Exec("UPDATE campaigns SET updated_at = ?, version = version + 1 WHERE year = ?", {BusinessNowIso(), int64_t(year)});
  audit::AppendAudit(*c, {actor.user_id, actor.username, reopen ? "campaign.settings.reopen" : "campaign.settings",
                   "campaign:" + std::to_string(year), PairsJson(*before, keys), PairsJson(after, keys), actor.client,
                   "ok"});
  tx.Commit();
  return after;
}

}  // namespace meihao::service::campaigns

// /api/campaigns and /api/campaigns/{year}: the campaigns, and a campaign's settings (read and changed).
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/campaigns/campaigns.h"
#include "common/date.h"

namespace meihao::http {

Result<int> CampaignYearOf(const Call& call) {
  const std::string y = call.Param("year");
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound("campaign.not_found", "活动年度不存在", "No such campaign year");
  return std::stoi(y);
}

namespace {

Response Settings(App& app, Call& call);

boost::json::object SettingsJson(int year, const domain::campaigns::CampaignSettings& s) {
  boost::json::array items;
  for (const auto& [key, value] : domain::campaigns::SettingsAsText(s)) {
    const auto* info = domain::campaigns::FindSetting(key);
    items.push_back({{"key", key}, {"value", value}, {"name_zh", info ? info->name_zh : ""}});
  }
  return {{"year", year}, {"settings", std::move(items)}};
}

Response Create(App& app, Call& call) {
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(year, OptInt(*body, "year"));
  if (!*year) return ErrorResponse(Error::Invalid("year.required", "缺少活动年度 year", "Field year is required", "year"));
  if (**year < domain::campaigns::kMinCampaignYear || **year > domain::campaigns::kMaxCampaignYear)
    return ErrorResponse(Error::Invalid("settings.year.range", "活动年度须在2000至2100之间", "year must be 2000–2100", "year"));
  MEIHAO_TRY(s, service::campaigns::CreateCampaign(app.ctx(), call.actor, int(**year)));
  return JsonResponse(201, SettingsJson(int(**year), *s));
}

// {"changes": {"publicity_days": "10", …}, "reopen": false}
Response Change(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  auto it = body->find("changes");
  if (it == body->end() || !it->value().is_object() || it->value().as_object().empty())
    return ErrorResponse(Error::Invalid("changes.required", "请提供要修改的设置 changes（设置名: 值）",
                                        "Give the settings to change as changes: {key: value}", "changes"));
  std::vector<std::pair<std::string, std::string>> changes;
  for (const auto& [key, value] : it->value().as_object()) {
    if (!value.is_string())
      return ErrorResponse(Error::Invalid("changes.type", "设置值须为字符串（日期写作 YYYY-MM-DD，空字符串表示不设）",
                                          "Setting values must be strings (dates YYYY-MM-DD, \"\" for none)", std::string(key)));
    changes.emplace_back(std::string(key), std::string(value.as_string()));
  }
  MEIHAO_TRY(reopen, OptBool(*body, "reopen"));
  MEIHAO_TRY(s, service::campaigns::ChangeCampaignSettings(app.ctx(), call.actor, *year, changes, reopen->value_or(false),
                                                TodayInChina()));
  return JsonResponse(200, SettingsJson(*year, *s));
}

// Every campaign with the phases open today.
Response List(App& app, Call& call) {
  if (policy::CanReadDivisions(call.actor.principal) != policy::Decision::kAllow)
    return ErrorResponse(policy::DecisionError(policy::Decision::kForbidden));
  const Date today = TodayInChina();
  boost::json::array campaigns;
  for (const auto& s : service::campaigns::ListCampaigns(app.ctx())) {
    boost::json::array open;
    for (auto k : domain::campaigns::OpenPhases(s, today)) open.push_back(boost::json::string(domain::campaigns::PhaseKeyString(k)));
    campaigns.push_back(boost::json::object{{"year", s.year}, {"open_phases", std::move(open)}});
  }
  return JsonResponse(200, boost::json::object{{"today", today.ToString()}, {"campaigns", std::move(campaigns)}});
}

Response Settings(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  if (policy::CanListEstates(call.actor.principal) != policy::Decision::kAllow)
    return ErrorResponse(policy::DecisionError(policy::Decision::kForbidden));
  MEIHAO_TRY(s, service::campaigns::GetCampaign(app.ctx(), *year));
  return JsonResponse(200, SettingsJson(*year, *s));
}

}  // namespace

void RegisterCampaignRoutes(App& app) {
  app.Api("GET", "/api/campaigns", Access::kUser, [&app](Call& c) { return List(app, c); });
  app.Api("POST", "/api/campaigns", Access::kUser, [&app](Call& c) { return Create(app, c); });
  app.Api("PATCH", "/api/campaigns/{year}", Access::kUser, [&app](Call& c) { return Change(app, c); });
  app.Api("GET", "/api/campaigns/{year}", Access::kUser, [&app](Call& c) { return Settings(app, c); });
}

}  // namespace meihao::http

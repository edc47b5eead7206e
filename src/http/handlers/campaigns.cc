// /api/campaigns/{year}: a campaign's settings and its rankings, gates and quotas tables.
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/campaigns.h"
#include "service/rankings.h"

namespace meihao::http {
namespace {

Result<int> YearOf(const Call& call) {
  const std::string y = call.Param("year");
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound("campaign.not_found", "活动年度不存在", "No such campaign year");
  return std::stoi(y);
}

Response Settings(App& app, Call& call) {
  MEIHAO_TRY(year, YearOf(call));
  if (policy::CanListEstates(call.actor.principal) != policy::Decision::kAllow)
    return ErrorResponse(policy::DecisionError(policy::Decision::kForbidden));
  MEIHAO_TRY(s, service::GetCampaign(app.ctx(), *year));
  boost::json::array items;
  for (const auto& [key, value] : domain::SettingsAsText(*s)) {
    const auto* info = domain::FindSetting(key);
    items.push_back({{"key", key}, {"value", value}, {"name_zh", info ? info->name_zh : ""}});
  }
  return JsonResponse(200, boost::json::object{{"year", *year}, {"settings", std::move(items)}});
}

Response Table(App& app, Call& call) {
  MEIHAO_TRY(year, YearOf(call));
  auto table = service::ParseRankingTable(call.Param("table"));
  if (!table)
    return ErrorResponse(Error::NotFound("campaign.table", "没有该表（可用 rankings、gates、quotas）",
                                         "No such table (rankings, gates, quotas)"));
  std::string format = call.req.Query("format");
  if (format.empty()) format = "csv";
  if (format != "csv" && format != "xlsx")
    return ErrorResponse(Error::Invalid("format.value", "导出格式须为 csv 或 xlsx", "format must be csv or xlsx", "format"));
  bool xlsx = format == "xlsx";
  MEIHAO_TRY(bytes, service::ExportRankingTable(app.ctx(), call.actor, *year, *table,
                                                xlsx ? service::ExportFormat::kXlsx : service::ExportFormat::kCsv));
  std::string name = std::to_string(*year) + "-" + call.Param("table") + (xlsx ? ".xlsx" : ".csv");
  return Response::File(xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                        std::move(*bytes), name);
}

}  // namespace

void RegisterCampaignRoutes(App& app) {
  app.Api("GET", "/api/campaigns/{year}", Access::kUser, [&app](Call& c) { return Settings(app, c); });
  app.Api("GET", "/api/campaigns/{year}/{table}", Access::kUser, [&app](Call& c) { return Table(app, c); });
}

}  // namespace meihao::http

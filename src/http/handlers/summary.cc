// /api/campaigns/{year}/summary and …/commendations: the city's summary of
// experience (经验总结) and its written commendations of counties (书面表扬)
// with the figures beside each, and the issue of the commendation letter.
#include "common/date.h"
#include "http/handlers/common.h"
#include "http/handlers/documents_json.h"
#include "http/json.h"
#include "service/summary/summary.h"

namespace meihao::http {
namespace {

using boost::json::object;
namespace ss = service::summary;

object SummaryJson(const ss::CitySummary& s) {
  return object{{"year", s.year},
                {"text", s.text},
                {"version", s.version},
                {"updated_at", Opt(s.updated_at)},
                {"updated_by", Opt(s.updated_by)}};
}

object CommendationsJson(const ss::Commendations& c) {
  boost::json::array counties;
  for (const auto& r : c.counties) {
    const auto& f = r.figures;
    counties.push_back(object{
        {"county_code", r.county_code},
        {"county_name", r.county_name},
        {"commended", r.commended},
        {"reason", r.reason},
        {"commended_at", Opt(r.commended_at)},
        {"commended_by", Opt(r.commended_by)},
        {"document_number", Opt(r.document_number)},
        {"figures", object{{"managed_estates", f.managed_estates},
                           {"quota", f.quota},
                           {"applications", f.applications},
                           {"evaluated", f.evaluated},
                           {"eligible", f.eligible},
                           {"listed", f.listed},
                           {"list_status", f.list_status},
                           {"list_late", f.list_late},
                           {"city_winners", f.city_winners}}}});
  }
  object o{{"year", c.year}, {"counties", std::move(counties)}};
  o["letter"] = c.letter ? boost::json::value(DocumentJson(*c.letter)) : nullptr;
  return o;
}

Response Get(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(s, ss::GetCitySummary(app.ctx(), call.actor, *year));
  MEIHAO_TRY(c, ss::ListCommendations(app.ctx(), call.actor, *year, TodayInChina()));
  return JsonResponse(200, object{{"summary", SummaryJson(*s)}, {"commendations", CommendationsJson(*c)}});
}

Response Save(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(version, OptInt(*body, "version"));
  if (!*version)
    return ErrorResponse(Error::Invalid("version.required", "请提供版本号 version（读取时的版本，首次保存为 0）",
                                        "Give version (the one read; 0 for the first save)", "version"));
  MEIHAO_TRY(text, OptString(*body, "text"));
  MEIHAO_TRY(s, ss::SaveCitySummary(app.ctx(), call.actor, *year, text->value_or(""), **version, TodayInChina()));
  return JsonResponse(200, SummaryJson(*s));
}

Response Commend(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(county, OptString(*body, "county"));
  MEIHAO_TRY(reason, OptString(*body, "reason"));
  if (!*county || (*county)->empty())
    return ErrorResponse(Error::Invalid("commendation.county.required", "请选择受表扬的县（市、区）",
                                        "Give the county", "county"));
  MEIHAO_TRY(c, ss::Commend(app.ctx(), call.actor, *year, **county, reason->value_or(""), TodayInChina()));
  return JsonResponse(200, CommendationsJson(*c));
}

Response Withdraw(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(c, ss::WithdrawCommendation(app.ctx(), call.actor, *year, call.Param("county"), TodayInChina()));
  return JsonResponse(200, CommendationsJson(*c));
}

Response IssueLetter(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(number, OptString(*body, "number"));
  MEIHAO_TRY(d, ss::IssueCommendationLetter(app.ctx(), call.actor, *year, number->value_or(""), TodayInChina()));
  return JsonResponse(201, DocumentJson(*d));
}

}  // namespace

void RegisterSummaryRoutes(App& app) {
  app.Api("GET", "/api/campaigns/{year}/summary", Access::kUser, [&app](Call& c) { return Get(app, c); });
  app.Api("PUT", "/api/campaigns/{year}/summary", Access::kUser, [&app](Call& c) { return Save(app, c); });
  app.Api("POST", "/api/campaigns/{year}/commendations", Access::kUser, [&app](Call& c) { return Commend(app, c); });
  app.Api("DELETE", "/api/campaigns/{year}/commendations/{county}", Access::kUser,
          [&app](Call& c) { return Withdraw(app, c); });
  app.Api("POST", "/api/campaigns/{year}/commendations/letter", Access::kUser,
          [&app](Call& c) { return IssueLetter(app, c); });
}

}  // namespace meihao::http

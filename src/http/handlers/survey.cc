// Survey household codes over HTTP: issue (answers the slips PDF), void, counts.
#include "http/handlers/common.h"
#include "http/json.h"
#include "io/slips_pdf.h"
#include "domain/survey.h"
#include "service/survey_codes.h"

namespace meihao::http {
namespace {

// The survey link printed on a slip: this server's own address as the client
// reached it (the Host header), so slips point where residents can answer.
std::string SurveyBase(const Request& req) {
  std::string host = req.Header("host");
  bool safe = !host.empty() && host.size() < 200 &&
              host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == std::string::npos;
  return "http://" + (safe ? host : std::string("127.0.0.1:8080"));
}

// {"count": N} (0 or absent: one per household) → the slips PDF.
Response Issue(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body.empty() ? std::string("{}") : call.req.body));
  MEIHAO_TRY(count, OptInt(*body, "count"));
  MEIHAO_TRY(issued, service::IssueHouseholdCodes(app.ctx(), call.actor, *year, call.Param("code"), count->value_or(0)));
  io::SlipSheet sheet{issued->estate_name, issued->county_town, {}};
  std::string base = SurveyBase(call.req);
  for (const auto& code : issued->codes) sheet.slips.push_back({code, base + "/survey/" + *domain::NormaliseCode(code)});
  MEIHAO_TRY(pdf, io::RenderSlipsPdf(sheet));
  auto res = Response::File("application/pdf", std::move(*pdf), issued->estate_code + "-调查单.pdf");
  res.status = 201;
  return res;
}

Response Void(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(code, ReqString(*body, "code"));
  auto s = service::VoidHouseholdCode(app.ctx(), call.actor, *year, *code);
  if (!s) return ErrorResponse(s.error());
  return Response::NoContent();
}

Response Counts(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(n, service::HouseholdCodeCounts(app.ctx(), call.actor, *year, call.Param("code")));
  return JsonResponse(200, boost::json::object{{"issued", n->issued}, {"used", n->used}, {"void", n->voided}});
}

}  // namespace

void RegisterSurveyRoutes(App& app) {
  app.Api("POST", "/api/campaigns/{year}/estates/{code}/codes", Access::kUser, [&app](Call& c) { return Issue(app, c); });
  app.Api("GET", "/api/campaigns/{year}/estates/{code}/codes", Access::kUser, [&app](Call& c) { return Counts(app, c); });
  app.Api("POST", "/api/campaigns/{year}/codes/void", Access::kUser, [&app](Call& c) { return Void(app, c); });
}

}  // namespace meihao::http

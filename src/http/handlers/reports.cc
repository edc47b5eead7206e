// /api/campaigns/{year}/reports…: the counties' work reports (工作报告) of the
// summary phase — the list by county, a county's report (open, read, save,
// submit, return, accept) and its versions. Today is TodayInChina()
// (MEIHAO_TODAY in the demo and the tests).
#include "common/date.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/reports/county_reports.h"

namespace meihao::http {
namespace {

namespace dr = domain::reports;
using boost::json::object;

object PartsJson(const std::map<std::string, std::string>& parts) {
  object o;
  for (const auto& p : dr::kWrittenParts) {
    auto it = parts.find(std::string(p.key));
    o[p.key] = it == parts.end() ? "" : it->second;
  }
  return o;
}

boost::json::array PartNamesJson() {
  boost::json::array out;
  for (const auto& p : dr::kWrittenParts)
    out.push_back(object{{"key", p.key}, {"name_zh", p.name_zh}, {"max_chars", dr::kMaxPartChars}});
  return out;
}

// days_late and its words, both null until the report is submitted.
void PutLateness(object& o, const std::optional<int>& days_late) {
  o["days_late"] = days_late ? boost::json::value(*days_late) : nullptr;
  o["lateness_zh"] = days_late ? boost::json::value(dr::LatenessZh(*days_late)) : nullptr;
}

// Section 1's figures as stored (JSON text), null when none were computed.
boost::json::value FiguresJson(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  return ec ? boost::json::value(nullptr) : v;
}

object ReportJson(const service::reports::CountyReport& r) {
  object o{{"year", r.year},
           {"county_code", r.county_code},
           {"county_name", r.county_name},
           {"status", dr::ReportStatusKey(r.status)},
           {"status_zh", dr::ReportStatusNameZh(r.status)},
           {"version", r.version},
           {"parts", PartsJson(r.parts)},
           {"part_names", PartNamesJson()},
           {"due", r.due.ToString()},
           {"submitted_at", Opt(r.submitted_at)},
           {"comments", Opt(r.comments)},
           {"figures", FiguresJson(r.figures)},
           {"created_at", r.created_at},
           {"updated_at", r.updated_at}};
  PutLateness(o, r.days_late);
  return o;
}

std::string County(const Call& call) { return call.Param("county"); }

// {version} of a write's body: 400 version.required when absent.
Result<int64_t> VersionOf(const object& body) {
  auto v = OptInt(body, "version");
  if (!v) return v.error();
  if (!*v)
    return Error::Invalid("version.required", "请提供报告版本号 version（读取时的版本）",
                          "Give version (the one read)", "version");
  return **v;
}

Response List(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(rows, service::reports::ListReports(app.ctx(), call.actor, *year));
  boost::json::array items;
  for (const auto& r : *rows) {
    object o{{"county_code", r.county_code}, {"county_name", r.county_name}, {"submitted_at", Opt(r.submitted_at)}};
    o["status"] = r.status ? boost::json::value(dr::ReportStatusKey(*r.status)) : nullptr;
    o["status_zh"] = boost::json::value(r.status ? dr::ReportStatusNameZh(*r.status) : "未开始");
    PutLateness(o, r.days_late);
    items.push_back(std::move(o));
  }
  return JsonResponse(200, object{{"items", std::move(items)}});
}

Response Open(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(r, service::reports::OpenReport(app.ctx(), call.actor, *year, County(call), TodayInChina()));
  return JsonResponse(200, ReportJson(*r));
}

Response Get(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(r, service::reports::GetReport(app.ctx(), call.actor, *year, County(call)));
  return JsonResponse(200, ReportJson(*r));
}

Response Save(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(version, VersionOf(*body));
  const auto* parts = body->if_contains("parts");
  if (!parts || !parts->is_object())
    return ErrorResponse(Error::Invalid("parts.required", "请提供 parts（各部分文字）", "Give parts {key: text}", "parts"));
  std::map<std::string, std::string> texts;
  for (const auto& [k, v] : parts->as_object()) {
    if (!v.is_string())
      return ErrorResponse(Error::Invalid("parts.type", "各部分内容须为文字", "Each part must be a string",
                                          "parts." + std::string(k)));
    texts[std::string(k)] = std::string(v.as_string());
  }
  MEIHAO_TRY(r, service::reports::SaveReportParts(app.ctx(), call.actor, *year, County(call), texts, *version,
                                                  TodayInChina()));
  return JsonResponse(200, ReportJson(*r));
}

Response Submit(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(version, VersionOf(*body));
  std::vector<Error> missing;
  auto r = service::reports::SubmitReport(app.ctx(), call.actor, *year, County(call), *version, TodayInChina(),
                                          &missing);
  if (!r) return ErrorsResponse(r.error(), missing);
  return JsonResponse(200, ReportJson(*r));
}

Response Return(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(version, VersionOf(*body));
  MEIHAO_TRY(comments, OptString(*body, "comments"));
  MEIHAO_TRY(r, service::reports::ReturnReport(app.ctx(), call.actor, *year, County(call),
                                               comments->value_or(""), *version, TodayInChina()));
  return JsonResponse(200, ReportJson(*r));
}

Response Accept(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(version, VersionOf(*body));
  MEIHAO_TRY(r, service::reports::AcceptReport(app.ctx(), call.actor, *year, County(call), *version, TodayInChina()));
  return JsonResponse(200, ReportJson(*r));
}

Response Figures(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(r, service::reports::RefreshFigures(app.ctx(), call.actor, *year, County(call), TodayInChina()));
  return JsonResponse(200, ReportJson(*r));
}

// GET …/reports/comparison[?format=xlsx]: the counties side by side.
Response Comparison(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  const std::string format = call.req.Query("format");
  if (format == "xlsx") {
    MEIHAO_TRY(bytes, service::reports::ComparisonXlsx(app.ctx(), call.actor, *year, TodayInChina()));
    return Response::File("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(*bytes),
                          std::to_string(*year) + "-county-reports.xlsx");
  }
  if (!format.empty() && format != "json")
    return ErrorResponse(Error::Invalid("format.value", "导出格式须为 xlsx（或 json）", "format must be xlsx (or json)",
                                        "format"));
  MEIHAO_TRY(rows, service::reports::CompareCounties(app.ctx(), call.actor, *year, TodayInChina()));
  boost::json::array items;
  for (const auto& r : *rows) {
    object o{{"county_code", r.county_code}, {"county_name", r.county_name}, {"frozen", r.frozen},
             {"figures", FiguresJson(r.figures)}};
    o["status"] = r.status ? boost::json::value(dr::ReportStatusKey(*r.status)) : nullptr;
    o["status_zh"] = boost::json::value(r.status ? dr::ReportStatusNameZh(*r.status) : "未开始");
    PutLateness(o, r.days_late);
    items.push_back(std::move(o));
  }
  return JsonResponse(200, object{{"items", std::move(items)}});
}

Response History(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(versions, service::reports::ReportHistory(app.ctx(), call.actor, *year, County(call)));
  boost::json::array items;
  for (const auto& v : *versions) {
    object o{{"version", v.version}, {"status", dr::ReportStatusKey(v.status)},
             {"status_zh", dr::ReportStatusNameZh(v.status)}, {"parts", PartsJson(v.parts)},
             {"comments", Opt(v.comments)}, {"figures", FiguresJson(v.figures)}, {"at", v.at}, {"by", v.by}};
    PutLateness(o, v.days_late);
    items.push_back(std::move(o));
  }
  return JsonResponse(200, object{{"items", std::move(items)}});
}

}  // namespace

void RegisterReportRoutes(App& app) {
  app.Api("GET", "/api/campaigns/{year}/reports", Access::kUser, [&app](Call& c) { return List(app, c); });
  app.Api("GET", "/api/campaigns/{year}/reports/comparison", Access::kUser,
          [&app](Call& c) { return Comparison(app, c); });
  app.Api("POST", "/api/campaigns/{year}/reports/{county}", Access::kUser, [&app](Call& c) { return Open(app, c); });
  app.Api("GET", "/api/campaigns/{year}/reports/{county}", Access::kUser, [&app](Call& c) { return Get(app, c); });
  app.Api("PUT", "/api/campaigns/{year}/reports/{county}", Access::kUser, [&app](Call& c) { return Save(app, c); });
  app.Api("POST", "/api/campaigns/{year}/reports/{county}/submit", Access::kUser,
          [&app](Call& c) { return Submit(app, c); });
  app.Api("POST", "/api/campaigns/{year}/reports/{county}/return", Access::kUser,
          [&app](Call& c) { return Return(app, c); });
  app.Api("POST", "/api/campaigns/{year}/reports/{county}/accept", Access::kUser,
          [&app](Call& c) { return Accept(app, c); });
  app.Api("POST", "/api/campaigns/{year}/reports/{county}/figures", Access::kUser,
          [&app](Call& c) { return Figures(app, c); });
  app.Api("GET", "/api/campaigns/{year}/reports/{county}/history", Access::kUser,
          [&app](Call& c) { return History(app, c); });
}

}  // namespace meihao::http

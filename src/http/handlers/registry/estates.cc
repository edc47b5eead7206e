// /api/estates, /api/imports/estates, /api/exports/estates.
#include "http/handlers/common.h"
#include "http/json.h"
#include "http/json_writer.h"
#include "service/registry/estate_import.h"

namespace meihao::http {

Response ImportResponse(const service::registry::ImportReport& report) {
  if (report.error && report.problems.empty()) return ErrorResponse(*report.error);
  boost::json::object out{{"dry_run", report.dry_run}, {"rows", report.rows}, {"sha256", report.sha256}};
  if (report.error) {
    boost::json::array problems;
    for (const auto& p : report.problems)
      problems.push_back({{"row", p.row}, {"column", p.column}, {"value", p.value}, {"message_zh", p.message_zh},
                          {"message_en", p.message_en}, {"suggestion", p.suggestion}});
    auto err = ErrorResponse(*report.error);
    auto v = boost::json::parse(err.body).as_object();
    v["problems"] = std::move(problems);
    v["problem_count"] = report.problem_count;
    v["truncated"] = report.problem_count > report.problems.size();
    v["rows"] = report.rows;
    return JsonResponse(err.status, v);
  }
  out["created"] = report.created;
  out["updated"] = report.updated;
  out["unchanged"] = report.unchanged;
  return JsonResponse(200, out);
}

std::string UploadName(const Request& req) {
  std::string filename = req.Query("filename");
  if (filename.empty()) filename = "upload";
  if (filename.size() > 255) filename.resize(255);
  return filename;
}

bool IsDryRun(const Request& req) {
  std::string dry = req.Query("dry_run");
  return dry == "1" || dry == "true";
}

namespace {

Result<domain::registry::Estate> EstateFromJson(const boost::json::object& o, bool need_code) {
  domain::registry::Estate e;
  auto text = [&](const char* f, std::string& out) -> Status {
    auto v = OptString(o, f);
    if (!v) return v.error();
    out = v->value_or("");
    return OkStatus();
  };
  for (auto [f, out] : {std::pair{"code", &e.code}, {"name", &e.name}, {"county_code", &e.county_code},
                        {"town_code", &e.town_code}, {"community", &e.community}, {"address", &e.address},
                        {"company_name", &e.company_name}, {"company_uscc", &e.company_uscc}}) {
    if (auto s = text(f, *out); !s) return s.error();
  }
  if (need_code && e.code.empty())
    return Error::Invalid("code.required", "缺少必填字段 小区编码", "Field code is required", "code");
  auto households = OptInt(o, "households");
  if (!households) return households.error();
  if (!*households) return Error::Invalid("households.required", "缺少必填字段 户数", "Field households is required", "households");
  if (**households < 1 || **households > domain::registry::kMaxHouseholds)
    return Error::Invalid("estate.households.range", "户数须为 1–100000 的整数", "households must be 1 … 100000", "households");
  e.households = int(**households);
  std::string mode, owners;
  if (auto s = text("management_mode", mode); !s) return s.error();
  if (auto s = text("owners_org", owners); !s) return s.error();
  auto m = domain::registry::ParseManagementMode(mode);
  if (!m) return Error::Invalid("estate.management_mode.value", "物业管理方式须为 专业化物业管理、业主自行管理 或 无物业管理",
                                "management_mode must be professional, self or none", "management_mode");
  e.mode = *m;
  auto oo = domain::registry::ParseOwnersOrg(owners);
  if (!oo) return Error::Invalid("estate.owners_org.value", "业主组织须为 业主委员会、物业管理委员会 或 无",
                                 "owners_org must be owners_committee, management_committee or none", "owners_org");
  e.owners_org = *oo;
  auto party = OptBool(o, "party_org");
  if (!party) return party.error();
  e.party_org = party->value_or(false);
  auto demo = OptBool(o, "demonstration");
  if (!demo) return demo.error();
  e.demonstration = demo->value_or(false);
  return e;
}

Result<std::optional<bool>> BoolQuery(const Request& req, const char* name) {
  std::string v = req.Query(name);
  if (v.empty()) return std::optional<bool>();
  if (v == "true" || v == "1") return std::optional<bool>(true);
  if (v == "false" || v == "0") return std::optional<bool>(false);
  return Error::Invalid(std::string(name) + ".type", std::string("参数 ") + name + " 须为 true 或 false",
                        std::string("Parameter ") + name + " must be true or false", name);
}

Result<int> IntQuery(const Request& req, const char* name, int fallback) {
  std::string v = req.Query(name);
  if (v.empty()) return fallback;
  if (v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    return Error::Invalid(std::string(name) + ".type", std::string("参数 ") + name + " 须为正整数",
                          std::string("Parameter ") + name + " must be a positive integer", name);
  return std::stoi(v);
}

Result<service::registry::EstateFilter> FilterFrom(const Request& req) {
  service::registry::EstateFilter f;
  f.county = req.Query("county");
  f.town = req.Query("town");
  f.management_mode = req.Query("management_mode");
  f.owners_org = req.Query("owners_org");
  f.q = req.Query("q");
  if (f.q.size() > 200) return Error::Invalid("q.length", "搜索关键字过长", "Search text too long", "q");
  if (auto s = req.Query("sort"); !s.empty()) f.sort = s;
  std::string order = req.Query("order");
  if (!order.empty() && order != "asc" && order != "desc")
    return Error::Invalid("order.value", "排序方向须为 asc 或 desc", "order must be asc or desc", "order");
  f.descending = order == "desc";
  auto party = BoolQuery(req, "party_org");
  if (!party) return party.error();
  f.party_org = *party;
  auto demo = BoolQuery(req, "demonstration");
  if (!demo) return demo.error();
  f.demonstration = *demo;
  auto page = IntQuery(req, "page", 1);
  if (!page) return page.error();
  auto size = IntQuery(req, "page_size", 20);
  if (!size) return size.error();
  f.page = *page;
  f.page_size = *size;
  return f;
}

// One estate as the API shows it, written with the streaming writer: the
// list is the hot route, and one serialiser serves every estate answer.
void WriteEstate(JsonWriter& w, const service::registry::EstateRecord& r) {
  const domain::registry::Estate& e = r.estate;
  w.BeginObject();
  w.Field("code", e.code);
  w.Field("name", e.name);
  w.Field("county_code", e.county_code);
  w.Field("county_name", r.county_name);
  w.Field("town_code", e.town_code);
  w.Field("town_name", r.town_name);
  w.Field("community", e.community);
  w.Field("address", e.address);
  w.Field("households", e.households);
  w.Field("management_mode", domain::registry::ManagementModeKey(e.mode));
  w.Field("company_name", e.company_name);
  w.Field("company_uscc", e.company_uscc);
  w.Field("owners_org", domain::registry::OwnersOrgKey(e.owners_org));
  w.Field("party_org", e.party_org);
  w.Field("demonstration", e.demonstration);
  w.Field("version", r.version);
  w.Field("updated_at", r.updated_at);
  w.EndObject();
}

Response EstateResponse(int status, const service::registry::EstateRecord& r) {
  JsonWriter w;
  WriteEstate(w, r);
  return Response::Json(status, w.Take());
}

// Same fields as WriteEstate, straight from the database row.
void WriteEstateRow(JsonWriter& w, const service::registry::EstateRowView& e) {
  w.BeginObject();
  w.Field("code", e.code);
  w.Field("name", e.name);
  w.Field("county_code", e.county_code);
  w.Field("county_name", e.county_name);
  w.Field("town_code", e.town_code);
  w.Field("town_name", e.town_name);
  w.Field("community", e.community);
  w.Field("address", e.address);
  w.Field("households", e.households);
  w.Field("management_mode", e.management_mode);
  w.Field("company_name", e.company_name);
  w.Field("company_uscc", e.company_uscc);
  w.Field("owners_org", e.owners_org);
  w.Field("party_org", e.party_org);
  w.Field("demonstration", e.demonstration);
  w.Field("version", e.version);
  w.Field("updated_at", e.updated_at);
  w.EndObject();
}

Response List(App& app, Call& call) {
  MEIHAO_TRY(f, FilterFrom(call.req));
  JsonWriter w;
  w.Reserve(512 * size_t(f->page_size) + 64);
  w.BeginObject();
  w.Key("items");
  w.BeginArray();
  MEIHAO_TRY(info, service::registry::VisitEstatePage(app.ctx(), call.actor, *f,
                                            [&](const service::registry::EstateRowView& e) { WriteEstateRow(w, e); }));
  w.EndArray();
  w.Field("total", info->total);
  w.Field("page", info->page);
  w.Field("page_size", info->page_size);
  w.EndObject();
  return Response::Json(200, w.Take());
}

Response Get(App& app, Call& call) {
  MEIHAO_TRY(r, service::registry::GetEstate(app.ctx(), call.actor, call.Param("code")));
  return EstateResponse(200, *r);
}

Response Create(App& app, Call& call) {
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(e, EstateFromJson(*body, true));
  MEIHAO_TRY(r, service::registry::CreateEstate(app.ctx(), call.actor, *e));
  return EstateResponse(201, *r);
}

Response Update(App& app, Call& call) {
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(version, OptInt(*body, "version"));
  if (!*version) return ErrorResponse(Error::Invalid("version.required", "缺少版本号 version（请刷新后重试）",
                                                     "Field version is required", "version"));
  MEIHAO_TRY(e, EstateFromJson(*body, false));
  MEIHAO_TRY(r, service::registry::UpdateEstate(app.ctx(), call.actor, call.Param("code"), *e, **version));
  return EstateResponse(200, *r);
}

Response Delete(App& app, Call& call) {
  auto s = service::registry::DeleteEstate(app.ctx(), call.actor, call.Param("code"));
  if (!s) return ErrorResponse(s.error());
  return Response::NoContent();
}

Response Import(App& app, Call& call) {
  auto report = service::registry::ImportEstates(app.ctx(), call.actor, call.req.body, UploadName(call.req),
                                       IsDryRun(call.req));
  return ImportResponse(report);
}

Response Export(App& app, Call& call) {
  MEIHAO_TRY(f, FilterFrom(call.req));
  std::string format = call.req.Query("format");
  if (format.empty()) format = "xlsx";
  if (format != "csv" && format != "xlsx")
    return ErrorResponse(Error::Invalid("format.value", "导出格式须为 csv 或 xlsx", "format must be csv or xlsx", "format"));
  bool xlsx = format == "xlsx";
  MEIHAO_TRY(bytes, service::registry::ExportEstates(app.ctx(), call.actor, *f,
                                           xlsx ? service::registry::ExportFormat::kXlsx : service::registry::ExportFormat::kCsv));
  return Response::File(xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                        std::move(*bytes), xlsx ? "小区台账.xlsx" : "estates.csv");
}

Response Template(App& app, Call&) {
  MEIHAO_TRY(bytes, service::registry::EstateTemplate(app.ctx().tree));
  return Response::File("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(*bytes),
                        "小区台账导入模板.xlsx");
}

}  // namespace

void RegisterEstateRoutes(App& app) {
  app.Api("GET", "/api/estates", Access::kUser, [&app](Call& c) { return List(app, c); });
  app.Api("POST", "/api/estates", Access::kUser, [&app](Call& c) { return Create(app, c); });
  app.Api("GET", "/api/estates/template.xlsx", Access::kUser, [&app](Call& c) { return Template(app, c); });
  app.Api("GET", "/api/estates/{code}", Access::kUser, [&app](Call& c) { return Get(app, c); });
  app.Api("PUT", "/api/estates/{code}", Access::kUser, [&app](Call& c) { return Update(app, c); });
  app.Api("DELETE", "/api/estates/{code}", Access::kUser, [&app](Call& c) { return Delete(app, c); });
  app.Api("POST", "/api/imports/estates", Access::kUser, [&app](Call& c) { return Import(app, c); });
  app.Api("GET", "/api/exports/estates", Access::kUser, [&app](Call& c) { return Export(app, c); });
}

}  // namespace meihao::http

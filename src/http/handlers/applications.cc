// Applications over HTTP (申报): create, list, read, edit, evidence files,
// submit, withdraw, history. Writes are gated by the apply phase in the
// service; today is TodayInChina() (MEIHAO_TODAY in tests and training).
#include "common/date.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/applications/applications.h"

namespace meihao::http {

// handlers/rubric.cc
boost::json::object RubricItemJson(const domain::rubric::RubricItem& item, int section);
boost::json::array RubricSectionsJson(const domain::rubric::Rubric& r);

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string Base(const service::applications::ApplicationRecord& a) {
  return "/api/campaigns/" + std::to_string(a.year) + "/applications/" + std::to_string(a.id);
}

object SummaryJson(const service::applications::ApplicationRecord& a) {
  const auto type = domain::applications::ParseApplicantType(a.applicant_type);
  return object{{"id", a.id},
                {"year", a.year},
                {"estate_code", a.estate_code},
                {"estate_name", a.estate_name},
                {"county_code", a.county_code},
                {"county_name", a.county_name},
                {"town_code", a.town_code},
                {"town_name", a.town_name},
                {"applicant_type", a.applicant_type},
                {"applicant_type_zh", type ? domain::applications::ApplicantTypeNameZh(*type) : ""},
                {"applicant_name", a.applicant_name},
                {"status", domain::applications::ApplicationStatusKey(a.status)},
                {"status_zh", domain::applications::ApplicationStatusNameZh(a.status)},
                {"submitted_at", Opt(a.submitted_at)},
                {"updated_at", a.updated_at},
                {"version", a.version}};
}

object FileJson(const service::applications::ApplicationRecord& a, const service::applications::EvidenceFile& f) {
  return object{{"id", f.id},
                {"item_id", f.item_id},
                {"original_name", f.original_name},
                {"mime", f.mime},
                {"size", f.size},
                {"sha256", f.sha256},
                {"uploaded_at", f.uploaded_at},
                {"uploaded_by", f.uploaded_by},
                {"url", Base(a) + "/files/" + std::to_string(f.id)}};
}

object DetailJson(const service::applications::ApplicationDetail& d) {
  object o = SummaryJson(d.app);
  o["contact_name"] = d.app.contact_name;
  o["contact_phone"] = d.app.contact_phone;
  o["created_at"] = d.app.created_at;
  o["submitted_ms"] = Opt(d.app.submitted_ms);
  o["editable"] = d.app.status != domain::applications::ApplicationStatus::kSubmitted;
  array items;
  int64_t files = 0;
  for (const auto& it : d.items) {
    object i = RubricItemJson(it.item, it.section);
    i["self_assessment"] = it.self_assessment;
    array fs;
    for (const auto& f : it.files) fs.push_back(FileJson(d.app, f));
    files += int64_t(it.files.size());
    i["files"] = std::move(fs);
    items.push_back(std::move(i));
  }
  o["items"] = std::move(items);
  o["file_count"] = files;
  o["max_files"] = domain::applications::kMaxEvidenceFiles;
  o["max_file_bytes"] = static_cast<int64_t>(domain::applications::kMaxEvidenceBytes);
  o["rubric_frozen"] = d.rubric_frozen;
  o["sections"] = RubricSectionsJson(d.rubric);
  o["automatic"] = AutomaticChecksJson(d.automatic);
  o["automatic_frozen"] = d.automatic_frozen;
  o["principles"] = PrincipleChecksJson(d.principles);
  array history;
  for (const auto& h : d.history)
    history.push_back(object{{"id", h.id}, {"event", h.event}, {"at", h.at}, {"username", h.username}});
  o["history"] = std::move(history);
  return o;
}

Result<int64_t> IdOf(const Call& call, const char* name, const Error& missing) {
  std::string id = call.Param(name);
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) return missing;
  return std::stoll(id);
}
Error NoApplication() {
  return Error::NotFound("application.not_found", "申报材料不存在", "No such application");
}
Result<int64_t> ApplicationId(const Call& call) { return IdOf(call, "id", NoApplication()); }

Result<service::applications::ApplicantFields> FieldsOf(const object& body) {
  service::applications::ApplicantFields f;
  for (auto [name, out] : {std::pair{"applicant_type", &f.applicant_type}, std::pair{"applicant_name", &f.applicant_name},
                           std::pair{"contact_name", &f.contact_name}, std::pair{"contact_phone", &f.contact_phone}}) {
    MEIHAO_TRY_RESULT(v, OptString(body, name));
    *out = *v;
  }
  return f;
}

Response Create(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(code, OptString(*body, "estate_code"));
  MEIHAO_TRY(fields, FieldsOf(*body));
  MEIHAO_TRY(d, service::applications::CreateApplication(app.ctx(), call.actor, *year, code->value_or(""), *fields, TodayInChina()));
  return JsonResponse(201, DetailJson(*d));
}

Response List(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(list, service::applications::ListApplications(app.ctx(), call.actor, *year,
                                             {call.req.Query("county"), call.req.Query("status")}));
  array items;
  for (const auto& a : *list) items.push_back(SummaryJson(a));
  return JsonResponse(200, object{{"year", *year}, {"total", items.size()}, {"items", std::move(items)}});
}

Response Get(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, ApplicationId(call));
  MEIHAO_TRY(d, service::applications::GetApplication(app.ctx(), call.actor, *year, *id, TodayInChina()));
  return JsonResponse(200, DetailJson(*d));
}

// {applicant fields…, "items": {"1.1": "…"}, "version": n}
Response Update(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, ApplicationId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(fields, FieldsOf(*body));
  MEIHAO_TRY(version, OptInt(*body, "version"));
  service::applications::ApplicationEdit edit{*fields, {}, *version};
  if (const auto* items = body->if_contains("items"); items && !items->is_null()) {
    if (!items->is_object())
      return ErrorResponse(Error::Invalid("items.type", "字段 items 须为对象（评价项目编号 → 自评内容）",
                                          "items must be an object (item id → self-assessment)", "items"));
    for (const auto& [k, v] : items->as_object()) {
      const std::string key(k);
      if (!v.is_string() && !v.is_null())
        return ErrorResponse(Error::Invalid("items.type", "第" + key + "项的自评须为文字", "items." + key + " must be a string",
                                            "items." + key));
      edit.items[key] = v.is_string() ? std::string(v.as_string()) : std::string();
    }
  }
  std::vector<Error> problems;
  auto d = service::applications::UpdateApplication(app.ctx(), call.actor, *year, *id, edit, TodayInChina(), &problems);
  if (!d) return ErrorsResponse(d.error(), problems);
  return JsonResponse(200, DetailJson(*d));
}

std::optional<int64_t> VersionOf(const Request& req, Result<std::optional<int64_t>>* bad) {
  if (req.body.empty()) return std::nullopt;
  auto body = ParseObject(req.body);
  if (!body) {
    *bad = body.error();
    return std::nullopt;
  }
  auto v = OptInt(*body, "version");
  if (!v) {
    *bad = v.error();
    return std::nullopt;
  }
  return *v;
}

Response Submit(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, ApplicationId(call));
  Result<std::optional<int64_t>> bad = std::optional<int64_t>();
  auto version = VersionOf(call.req, &bad);
  if (!bad) return ErrorResponse(bad.error());
  std::vector<Error> problems;
  auto d = service::applications::SubmitApplication(app.ctx(), call.actor, *year, *id, version, TodayInChina(), &problems);
  if (!d) return ErrorsResponse(d.error(), problems);
  return JsonResponse(200, DetailJson(*d));
}

Response Withdraw(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, ApplicationId(call));
  Result<std::optional<int64_t>> bad = std::optional<int64_t>();
  auto version = VersionOf(call.req, &bad);
  if (!bad) return ErrorResponse(bad.error());
  MEIHAO_TRY(d, service::applications::WithdrawApplication(app.ctx(), call.actor, *year, *id, version, TodayInChina()));
  return JsonResponse(200, DetailJson(*d));
}

Response History(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, ApplicationId(call));
  MEIHAO_TRY(h, service::applications::GetApplicationHistory(app.ctx(), call.actor, *year, *id));
  array items;
  for (const auto& e : *h) {
    boost::system::error_code ec;
    value snap = boost::json::parse(e.snapshot, ec);
    if (ec) snap = nullptr;
    items.push_back(object{{"id", e.id}, {"event", e.event}, {"at", e.at}, {"username", e.username},
                           {"snapshot", std::move(snap)}});
  }
  return JsonResponse(200, object{{"application_id", *id}, {"items", std::move(items)}});
}

// The raw file is the body; ?item= names the rubric item, ?filename= the file.
Response AddFile(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, ApplicationId(call));
  MEIHAO_TRY(f, service::applications::AddEvidence(app.ctx(), call.actor, *year, *id, call.req.Query("item"), call.req.body,
                                     UploadName(call.req), TodayInChina()));
  service::applications::ApplicationRecord a;
  a.id = *id;
  a.year = *year;
  return JsonResponse(201, FileJson(a, *f));
}

Error NoFile() { return Error::NotFound("evidence.not_found", "证明材料文件不存在", "No such evidence file"); }

Response DeleteFile(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, ApplicationId(call));
  MEIHAO_TRY(file, IdOf(call, "file_id", NoFile()));
  MEIHAO_TRY(ok, service::applications::DeleteEvidence(app.ctx(), call.actor, *year, *id, *file, TodayInChina()));
  return Response::NoContent();
}

// Always a download, never rendered inline (server.cc adds nosniff to every answer).
Response GetFile(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, ApplicationId(call));
  MEIHAO_TRY(file, IdOf(call, "file_id", NoFile()));
  MEIHAO_TRY(f, service::applications::GetEvidence(app.ctx(), call.actor, *year, *id, *file));
  Response r = Response::File(f->mime, std::move(f->bytes), f->name);
  return r;
}

}  // namespace

bool IsEvidenceUpload(const std::string& target) {
  auto q = target.find('?');
  std::string_view path(target.data(), q == std::string::npos ? target.size() : q);
  return path.starts_with("/api/campaigns/") && path.find("/applications/") != std::string_view::npos &&
         path.ends_with("/files");
}

void RegisterApplicationRoutes(App& app) {
  app.Api("POST", "/api/campaigns/{year}/applications", Access::kUser, [&app](Call& c) { return Create(app, c); });
  app.Api("GET", "/api/campaigns/{year}/applications", Access::kUser, [&app](Call& c) { return List(app, c); });
  app.Api("GET", "/api/campaigns/{year}/applications/{id}", Access::kUser, [&app](Call& c) { return Get(app, c); });
  app.Api("PUT", "/api/campaigns/{year}/applications/{id}", Access::kUser, [&app](Call& c) { return Update(app, c); });
  app.Api("GET", "/api/campaigns/{year}/applications/{id}/history", Access::kUser,
          [&app](Call& c) { return History(app, c); });
  app.Api("POST", "/api/campaigns/{year}/applications/{id}/submit", Access::kUser,
          [&app](Call& c) { return Submit(app, c); });
  app.Api("POST", "/api/campaigns/{year}/applications/{id}/withdraw", Access::kUser,
          [&app](Call& c) { return Withdraw(app, c); });
  app.Api("POST", "/api/campaigns/{year}/applications/{id}/files", Access::kUser,
          [&app](Call& c) { return AddFile(app, c); });
  app.Api("GET", "/api/campaigns/{year}/applications/{id}/files/{file_id}", Access::kUser,
          [&app](Call& c) { return GetFile(app, c); });
  app.Api("DELETE", "/api/campaigns/{year}/applications/{id}/files/{file_id}", Access::kUser,
          [&app](Call& c) { return DeleteFile(app, c); });
}

// ---- Shared with the evaluation handler (the scoring view shows the same checks) ----

// The automatic checks as the pages show them: figures to 2 decimals (index, rate) and 4 (fee rate).
boost::json::value AutomaticChecksJson(const std::optional<service::evaluation::AutomaticChecks>& c) {
  if (!c) return nullptr;
  const auto& g = c->gates;
  return object{{"reference_date", c->reference_date},
                {"fee_year", c->fee_year},
                {"p1", g.p1},
                {"p2_party_org", g.p2_party_org},
                {"p4_owners_org", g.p4_owners_org},
                {"p6_professional", g.p6_professional},
                {"p6_no_penalty", g.p6_no_penalty},
                {"fee_rate", g.fee_rate ? value(g.fee_rate->Format(4)) : value(nullptr)},
                {"p8_fee", g.p8_fee},
                {"auto_ok", g.auto_ok},
                {"satisfaction_sample", c->satisfaction_sample},
                {"satisfaction_index", c->satisfaction_index ? value(c->satisfaction_index->Format(2)) : value(nullptr)},
                {"satisfaction_rank", Opt(c->satisfaction_rank)},
                {"satisfaction_n", c->satisfaction_n},
                {"satisfaction_k", c->satisfaction_k},
                {"complaint_count", c->complaint_count},
                {"complaint_rate", c->complaint_rate.Format(2)},
                {"complaint_rank", Opt(c->complaint_rank)},
                {"complaint_n", c->complaint_n},
                {"complaint_k", c->complaint_k},
                {"penalty_in_window", c->penalty_in_window}};
}

boost::json::array PrincipleChecksJson(const std::vector<service::applications::PrincipleCheck>& checks) {
  array principles;
  for (const auto& p : checks)
    principles.push_back(object{{"id", p.id},
                                {"text_zh", p.text_zh},
                                {"automatic", p.automatic},
                                {"evaluator", p.evaluator},
                                {"automatic_passed", Opt(p.automatic_passed)},
                                {"automatic_zh", p.automatic_zh}});
  return principles;
}

}  // namespace meihao::http

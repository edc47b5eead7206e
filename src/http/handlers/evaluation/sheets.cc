// Evaluation over HTTP (评审): evaluators' affiliations, assignable
// evaluators, assignments (by hand and in bulk), declared conflicts, the
// evaluator's queue and scoring view, score sheets (draft, submit), the
// managers' matrix and disagreement reviews. Writes are gated by the level's
// phase in the service; today is TodayInChina() (MEIHAO_TODAY in tests).
#include <charconv>

#include "common/date.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/evaluation/evaluation.h"

namespace meihao::http {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// 400 with the first problem as the error and all of them in "errors" (the
// same shape as the rubric and application handlers answer).
Response ProblemsResponse(const std::vector<Error>& problems) {
  auto v = boost::json::parse(ErrorResponse(problems.front()).body).as_object();
  array all;
  for (const auto& e : problems)
    all.push_back(object{{"code", e.code}, {"field", e.field}, {"message_zh", e.message_zh}, {"message_en", e.message_en}});
  v["errors"] = std::move(all);
  return JsonResponse(HttpStatusOf(problems.front().kind), v);
}

Result<int64_t> IdParam(const Call& call, const char* code, const char* zh, const char* en) {
  std::string id = call.Param("id");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound(code, zh, en);
  return std::stoll(id);
}
Result<int64_t> AssignmentId(const Call& call) {
  return IdParam(call, "assignment.not_found", "评审任务不存在", "No such assignment");
}

object AffiliationJson(const service::evaluation::EvaluatorAffiliation& a) {
  return {{"id", a.id},       {"kind", a.kind}, {"value", a.value},
          {"label", a.label}, {"note", a.note}, {"declared_at", a.declared_at}};
}

object AssignmentJson(const service::evaluation::AssignmentInfo& a) {
  return {{"id", a.id},
          {"application_id", a.application_id},
          {"level", a.level},
          {"evaluator_id", a.evaluator_id},
          {"evaluator_name", a.evaluator_name},
          {"estate_code", a.estate_code},
          {"estate_name", a.estate_name},
          {"county_code", a.county_code},
          {"assigned_at", a.assigned_at}};
}

object PairJson(const service::evaluation::PairRefusal& r) {
  return {{"application_id", r.application_id}, {"evaluator_id", r.evaluator_id}, {"code", r.code},
          {"reason_zh", r.reason_zh},           {"reason_en", r.reason_en}};
}

object SheetJson(const service::evaluation::SheetView& s) {
  object scores, principles;
  for (const auto& [unit, tenths] : s.scores) scores[unit] = domain::rubric::FormatTenths(tenths);
  for (const auto& [id, m] : s.principles) principles[id] = object{{"pass", Opt(m.pass)}, {"reason", m.reason}};
  return {{"evaluator_id", s.evaluator_id},
          {"evaluator_name", s.evaluator_name},
          {"status", s.status},
          {"scores", std::move(scores)},
          {"principles", std::move(principles)},
          {"saved_at", s.saved_at},
          {"submitted_at", Opt(s.submitted_at)},
          {"total", Opt(s.total)}};
}

std::string_view GateKey(domain::rubric::GateLink g) {
  return g == domain::rubric::GateLink::kP1 ? "p1" : g == domain::rubric::GateLink::kP8Fee ? "p8_fee" : "";
}

object RubricJson(const domain::rubric::Rubric& r) {
  array sections;
  for (const auto& s : r.sections) {
    array items;
    for (const auto& i : s.items) {
      array units;
      if (i.gate == domain::rubric::GateLink::kNone) {
        if (i.sub_items.empty()) units.push_back(object{{"id", i.id}, {"name", ""}, {"max", domain::rubric::FormatTenths(i.max_tenths)}});
        for (size_t n = 0; n < i.sub_items.size(); ++n)
          units.push_back(object{{"id", i.id + "." + std::to_string(n + 1)},
                                 {"name", i.sub_items[n].name},
                                 {"max", domain::rubric::FormatTenths(i.sub_items[n].max_tenths)}});
      }
      items.push_back(object{{"id", i.id},
                             {"text_zh", i.text_zh},
                             {"gate", i.gate == domain::rubric::GateLink::kNone ? value(nullptr) : value(GateKey(i.gate))},
                             {"max", domain::rubric::FormatTenths(i.max_tenths)},
                             {"units", std::move(units)}});
    }
    sections.push_back(object{{"number", s.number},
                              {"name_zh", s.name_zh},
                              {"weight", s.weight},
                              {"max", domain::rubric::FormatTenths(domain::rubric::SectionMaxTenths(s))},
                              {"items", std::move(items)}});
  }
  array principles;
  for (const auto& p : domain::rubric::Principles())
    principles.push_back(object{{"id", p.id}, {"text_zh", p.text_zh}, {"automatic", p.automatic}, {"evaluator", p.evaluator}});
  return {{"sections", std::move(sections)}, {"principles", std::move(principles)}};
}

// A typed score: "8.5" as given, 8.5 / 8 as the shortest decimal text.
Result<std::optional<std::string>> ScoreText(const value& v, const std::string& field) {
  if (v.is_null()) return std::optional<std::string>();
  if (v.is_string()) return std::optional<std::string>(std::string(v.as_string()));
  if (v.is_int64()) return std::optional<std::string>(std::to_string(v.as_int64()));
  if (v.is_uint64()) return std::optional<std::string>(std::to_string(v.as_uint64()));
  if (v.is_double()) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v.as_double());
    return std::optional<std::string>(std::string(buf, r.ptr));
  }
  return Error::Invalid("sheet.score.type", "字段 " + field + " 须为分值（如 8 或 8.5）",
                        field + " must be a number of points", field);
}

// {scores:{unit: "8.5"|8.5|null}, principles:{P2:{pass: bool|null, reason}}}
Result<service::evaluation::SheetInput> ParseSheet(const object& body) {
  service::evaluation::SheetInput in;
  if (const auto* s = body.if_contains("scores"); s && !s->is_null()) {
    if (!s->is_object())
      return Error::Invalid("scores.type", "字段 scores 须为对象（评分项 → 分值）", "scores must be an object", "scores");
    for (const auto& [unit, v] : s->as_object()) {
      const std::string field = "scores." + std::string(unit);
      auto text = ScoreText(v, field);
      if (!text) return text.error();
      if (*text) in.scores[std::string(unit)] = **text;
    }
  }
  if (const auto* p = body.if_contains("principles"); p && !p->is_null()) {
    if (!p->is_object())
      return Error::Invalid("principles.type", "字段 principles 须为对象（原则要求 → 评定）",
                            "principles must be an object", "principles");
    for (const auto& [id, v] : p->as_object()) {
      const std::string field = "principles." + std::string(id);
      if (v.is_null()) continue;
      if (!v.is_object())
        return Error::Invalid("sheet.principle.type", "字段 " + field + " 须为对象 {pass, reason}",
                              field + " must be an object {pass, reason}", field);
      service::evaluation::PrincipleMark m;
      const auto& o = v.as_object();
      if (const auto* pass = o.if_contains("pass"); pass && !pass->is_null()) {
        if (!pass->is_bool())
          return Error::Invalid("sheet.principle.type", "字段 " + field + ".pass 须为 true（符合）或 false（不符合）",
                                field + ".pass must be a boolean", field + ".pass");
        m.pass = pass->as_bool();
      }
      if (const auto* reason = o.if_contains("reason"); reason && !reason->is_null()) {
        if (!reason->is_string())
          return Error::Invalid("sheet.principle.type", "字段 " + field + ".reason 须为文字",
                                field + ".reason must be a string", field + ".reason");
        m.reason = std::string(reason->as_string());
      }
      in.principles[std::string(id)] = std::move(m);
    }
  }
  return in;
}

Result<std::vector<int64_t>> IdList(const object& body, const char* field) {
  std::vector<int64_t> out;
  const auto* v = body.if_contains(field);
  auto bad = [&] {
    return Error::Invalid(std::string("assignment.") + field, std::string("字段 ") + field + " 须为编号数组",
                          std::string(field) + " must be an array of ids", field);
  };
  if (!v || !v->is_array()) return bad();
  for (const auto& x : v->as_array()) {
    if (x.is_int64() && x.as_int64() > 0)
      out.push_back(x.as_int64());
    else if (x.is_uint64() && x.as_uint64() <= uint64_t(INT64_MAX))
      out.push_back(int64_t(x.as_uint64()));
    else
      return bad();
  }
  return out;
}

// ---- Affiliations ----

Response Affiliations(App& app, Call& call) {
  MEIHAO_TRY(list, service::evaluation::ListAffiliations(app.ctx(), call.actor));
  array items;
  for (const auto& a : *list) items.push_back(AffiliationJson(a));
  return JsonResponse(200, object{{"items", std::move(items)}});
}

Response DeclareAffiliation(App& app, Call& call) {
  MEIHAO_TRY(body, ParseObject(call.req.body));
  service::evaluation::AffiliationInput in;
  for (auto [field, out] : {std::pair{"kind", &in.kind}, std::pair{"value", &in.value}, std::pair{"note", &in.note}}) {
    MEIHAO_TRY(v, OptString(*body, field));
    *out = v->value_or("");
  }
  MEIHAO_TRY(a, service::evaluation::DeclareAffiliation(app.ctx(), call.actor, in));
  return JsonResponse(201, AffiliationJson(*a));
}

Response RemoveAffiliation(App& app, Call& call) {
  MEIHAO_TRY(id, IdParam(call, "affiliation.not_found", "该关联关系不存在", "No such affiliation"));
  MEIHAO_TRY(ok, service::evaluation::RemoveAffiliation(app.ctx(), call.actor, *id));
  return JsonResponse(200, object{{"removed", *id}});
}

// ---- Managers: evaluators, assignments ----

Response Evaluators(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(list, service::evaluation::ListAssignableEvaluators(app.ctx(), call.actor, *year, call.req.Query("unit")));
  array items;
  for (const auto& e : *list) {
    array affiliations;
    for (const auto& a : e.affiliations) affiliations.push_back(AffiliationJson(a));
    items.push_back(object{{"id", e.id},
                           {"username", e.username},
                           {"display_name", e.display_name},
                           {"scope_code", e.scope_code},
                           {"affiliations", std::move(affiliations)},
                           {"assigned_county", e.assigned_county},
                           {"assigned_city", e.assigned_city},
                           {"open", e.open}});
  }
  return JsonResponse(200, object{{"year", *year}, {"items", std::move(items)}});
}

Response Assign(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(level, OptString(*body, "level"));
  MEIHAO_TRY(apps, IdList(*body, "application_ids"));
  MEIHAO_TRY(evaluators, IdList(*body, "evaluator_ids"));
  MEIHAO_TRY(out, service::evaluation::Assign(app.ctx(), call.actor, *year, {level->value_or(""), *apps, *evaluators},
                                  TodayInChina()));
  array created, skipped, refused;
  for (const auto& a : out->created) created.push_back(AssignmentJson(a));
  for (const auto& s : out->skipped) skipped.push_back(PairJson(s));
  for (const auto& r : out->refused) refused.push_back(PairJson(r));
  if (!out->refused.empty()) {
    auto err = ErrorResponse(Error::Conflict(
        "assignment.refused",
        std::to_string(out->refused.size()) + " 个分配因利益冲突或条件不符被拒绝，本次分配均未生效，请调整后重试",
        std::to_string(out->refused.size()) + " pairs were refused; nothing was assigned"));
    auto v = boost::json::parse(err.body).as_object();
    v["refused"] = std::move(refused);
    v["skipped"] = std::move(skipped);
    return JsonResponse(409, v);
  }
  return JsonResponse(out->created.empty() ? 200 : 201,
                      object{{"created", std::move(created)}, {"skipped", std::move(skipped)}});
}

Response Unassign(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, AssignmentId(call));
  MEIHAO_TRY(ok, service::evaluation::Unassign(app.ctx(), call.actor, *year, *id, TodayInChina()));
  return JsonResponse(200, object{{"removed", *id}});
}

Response Conflict(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, AssignmentId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(reason, OptString(*body, "reason"));
  MEIHAO_TRY(ok, service::evaluation::DeclareConflict(app.ctx(), call.actor, *year, *id, reason->value_or(""), TodayInChina()));
  return JsonResponse(200, object{{"removed", *id}, {"conflict", true}});
}

// ---- Evaluators: queue, scoring view, sheets ----

Response Queue(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  const Date today = TodayInChina();
  MEIHAO_TRY(queue, service::evaluation::GetQueue(app.ctx(), call.actor, *year, today));
  array items;
  int64_t to_do = 0, draft = 0, done = 0, overdue = 0;
  for (const auto& q : *queue) {
    (q.status == "done" ? done : q.status == "draft" ? draft : to_do) += 1;
    overdue += q.overdue;
    items.push_back(object{{"assignment_id", q.assignment_id},
                           {"application_id", q.application_id},
                           {"level", q.level},
                           {"estate_code", q.estate_code},
                           {"estate_name", q.estate_name},
                           {"county_code", q.county_code},
                           {"county_name", q.county_name},
                           {"status", q.status},
                           {"due_on", q.due_on.ToString()},
                           {"overdue", q.overdue},
                           {"submitted_at", Opt(q.submitted_at)}});
  }
  return JsonResponse(200, object{{"year", *year},
                                  {"today", today.ToString()},
                                  {"counts", object{{"to_do", to_do}, {"draft", draft}, {"done", done}, {"overdue", overdue}}},
                                  {"items", std::move(items)}});
}

Response ScoringView(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, AssignmentId(call));
  MEIHAO_TRY(v, service::evaluation::GetScoringView(app.ctx(), call.actor, *year, *id, TodayInChina()));
  object self;
  for (const auto& [item, text] : v->self_assessment) self[item] = text;
  array files;
  for (const auto& f : v->files)
    files.push_back(object{{"id", f.id},   {"item_id", f.item_id}, {"original_name", f.original_name},
                           {"mime", f.mime}, {"size", f.size},       {"url", f.url}});
  // The frozen checks as the application page shows them, with each principle's sentence.
  std::optional<service::evaluation::AutomaticChecks> checks;
  if (auto parsed = service::evaluation::AutomaticChecksFromJson(v->automatic_json)) checks = std::move(*parsed);
  array others;
  for (const auto& s : v->others) others.push_back(SheetJson(s));
  return JsonResponse(200, object{{"assignment", AssignmentJson(v->assignment)},
                                  {"application", object{{"id", v->assignment.application_id},
                                                         {"estate_code", v->assignment.estate_code},
                                                         {"estate_name", v->assignment.estate_name},
                                                         {"county_code", v->assignment.county_code},
                                                         {"town_code", v->town_code},
                                                         {"applicant_type", v->applicant_type},
                                                         {"applicant_name", v->applicant_name},
                                                         {"submitted_at", v->submitted_at},
                                                         {"self_assessment", std::move(self)},
                                                         {"files", std::move(files)},
                                                         {"automatic", AutomaticChecksJson(checks)},
                                                         {"principles", PrincipleChecksJson(service::applications::PrincipleChecks(
                                                                            checks ? &*checks : nullptr))}}},
                                  {"rubric", RubricJson(v->rubric)},
                                  {"due_on", v->due_on.ToString()},
                                  {"phase_open", v->phase_open},
                                  {"sheet", v->own ? value(SheetJson(*v->own)) : value(nullptr)},
                                  {"others_visible", v->others_visible},
                                  {"others", std::move(others)}});
}

Response SheetAnswer(const service::evaluation::SheetOutcome& out, int status) {
  if (!out.problems.empty()) return ProblemsResponse(out.problems);
  return JsonResponse(status, SheetJson(*out.sheet));
}

Response SaveSheet(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, AssignmentId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(in, ParseSheet(*body));
  MEIHAO_TRY(out, service::evaluation::SaveDraft(app.ctx(), call.actor, *year, *id, *in, TodayInChina()));
  return SheetAnswer(*out, 200);
}

// An empty body submits the saved draft; a body is saved and submitted at once.
Response SubmitSheet(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, AssignmentId(call));
  std::optional<service::evaluation::SheetInput> in;
  if (call.req.body.find_first_not_of(" \t\r\n") != std::string::npos) {
    MEIHAO_TRY(body, ParseObject(call.req.body));
    if (!body->empty()) {
      MEIHAO_TRY(parsed, ParseSheet(*body));
      in = std::move(*parsed);
    }
  }
  MEIHAO_TRY(out, service::evaluation::SubmitSheet(app.ctx(), call.actor, *year, *id, in, TodayInChina()));
  return SheetAnswer(*out, 200);
}

// ---- Managers: matrix, disagreement reviews ----

Response MatrixRoute(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(m, service::evaluation::GetMatrix(app.ctx(), call.actor, *year, call.req.Query("level"), call.req.Query("unit")));
  array rows;
  for (const auto& r : m->rows) {
    array evaluators, principles;
    for (const auto& e : r.evaluators)
      evaluators.push_back(object{{"evaluator_id", e.evaluator_id},
                                  {"assignment_id", e.assignment_id},
                                  {"name", e.name},
                                  {"status", e.status},
                                  {"total", Opt(e.total)}});
    for (const auto& p : r.principles)
      principles.push_back(object{{"id", p.id},
                                  {"automatic", Opt(p.automatic)},
                                  {"evaluator", Opt(p.evaluator)},
                                  {"evaluator_passes", p.evaluator_passes},
                                  {"passed", p.passed}});
    rows.push_back(object{{"application_id", r.application_id},
                          {"estate_code", r.estate_code},
                          {"estate_name", r.estate_name},
                          {"county_code", r.county_code},
                          {"county_name", r.county_name},
                          {"town_code", r.town_code},
                          {"applicant_name", r.applicant_name},
                          {"submitted_at", r.submitted_at},
                          {"assigned", r.assigned},
                          {"submitted", r.submitted},
                          {"evaluators", std::move(evaluators)},
                          {"score", r.score.empty() ? value(nullptr) : value(r.score)},
                          {"stddev", r.stddev.empty() ? value(nullptr) : value(r.stddev)},
                          {"trimmed", r.trimmed},
                          {"disagreement", r.disagreement},
                          {"reviewed", r.reviewed},
                          {"review_note", r.review_note},
                          {"evaluated", r.evaluated},
                          {"eligible", r.eligible},
                          {"principles", std::move(principles)},
                          {"rank", Opt(r.rank)},
                          {"proposed", r.proposed}});
  }
  return JsonResponse(200, object{{"year", m->year},
                                  {"level", m->level},
                                  {"unit_code", m->unit_code},
                                  {"unit_name", m->unit_name},
                                  {"min_evaluators", m->min_evaluators},
                                  {"disagreement_stddev", m->disagreement_stddev},
                                  {"managed_estates", m->managed_estates},
                                  {"quota", m->quota},
                                  {"cut_to_county", m->cut_to_county},
                                  {"rows", std::move(rows)}});
}

Response Review(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, IdParam(call, "application.not_found", "申报不存在", "No such application"));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(level, OptString(*body, "level"));
  MEIHAO_TRY(note, OptString(*body, "note"));
  MEIHAO_TRY(ok, service::evaluation::ReviewDisagreement(app.ctx(), call.actor, *year, *id, level->value_or(""),
                                             note->value_or(""), TodayInChina()));
  return JsonResponse(200, object{{"application_id", *id}, {"level", *level ? **level : ""}, {"reviewed", true}});
}

}  // namespace

void RegisterEvaluationRoutes(App& app) {
  app.Api("GET", "/api/evaluators/me/affiliations", Access::kUser, [&app](Call& c) { return Affiliations(app, c); });
  app.Api("POST", "/api/evaluators/me/affiliations", Access::kUser, [&app](Call& c) { return DeclareAffiliation(app, c); });
  app.Api("DELETE", "/api/evaluators/me/affiliations/{id}", Access::kUser, [&app](Call& c) { return RemoveAffiliation(app, c); });
  app.Api("GET", "/api/campaigns/{year}/evaluators", Access::kUser, [&app](Call& c) { return Evaluators(app, c); });
  app.Api("POST", "/api/campaigns/{year}/assignments", Access::kUser, [&app](Call& c) { return Assign(app, c); });
  app.Api("GET", "/api/campaigns/{year}/assignments/{id}", Access::kUser, [&app](Call& c) { return ScoringView(app, c); });
  app.Api("DELETE", "/api/campaigns/{year}/assignments/{id}", Access::kUser, [&app](Call& c) { return Unassign(app, c); });
  app.Api("POST", "/api/campaigns/{year}/assignments/{id}/conflict", Access::kUser, [&app](Call& c) { return Conflict(app, c); });
  app.Api("PUT", "/api/campaigns/{year}/assignments/{id}/sheet", Access::kUser, [&app](Call& c) { return SaveSheet(app, c); });
  app.Api("POST", "/api/campaigns/{year}/assignments/{id}/sheet/submit", Access::kUser, [&app](Call& c) { return SubmitSheet(app, c); });
  app.Api("GET", "/api/campaigns/{year}/queue", Access::kUser, [&app](Call& c) { return Queue(app, c); });
  app.Api("GET", "/api/campaigns/{year}/evaluation", Access::kUser, [&app](Call& c) { return MatrixRoute(app, c); });
  app.Api("POST", "/api/campaigns/{year}/applications/{id}/disagreement-review", Access::kUser, [&app](Call& c) { return Review(app, c); });
}

}  // namespace meihao::http

// Evaluation over HTTP, the evaluator's side: the queue, the scoring view of
// one assignment, and score sheets (draft, submit). Writes are gated by the
// level's phase in the service; today is TodayInChina() (MEIHAO_TODAY in tests).
#include <charconv>

#include "common/date.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "http/handlers/evaluation/evaluation_internal.h"
#include "service/evaluation/evaluation.h"

namespace meihao::http::evaluation {
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

// ---- Affiliations ----

// ---- Managers: evaluators, assignments ----

// ---- Evaluators: queue, scoring view, sheets ----

Response SheetAnswer(const service::evaluation::SheetOutcome& out, int status) {
  if (!out.problems.empty()) return ProblemsResponse(out.problems);
  return JsonResponse(status, SheetJson(*out.sheet));
}

// ---- Managers: matrix, disagreement reviews ----

}  // namespace

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


}  // namespace meihao::http::evaluation

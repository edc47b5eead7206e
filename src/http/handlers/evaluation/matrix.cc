// Evaluation over HTTP, the managers' results: the score matrix of a level and
// the review of a flagged disagreement.
#include "common/date.h"
#include "http/handlers/common.h"
#include "http/handlers/evaluation/evaluation_internal.h"
#include "http/json.h"
#include "service/evaluation/evaluation.h"

namespace meihao::http::evaluation {

using boost::json::array;
using boost::json::object;
using boost::json::value;

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

}  // namespace meihao::http::evaluation

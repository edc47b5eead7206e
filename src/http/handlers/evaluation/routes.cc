// Evaluation over HTTP (评审): the routes, and the helpers the handler files
// share. The handlers are in assignments.cc, sheets.cc and matrix.cc.
#include "http/handlers/common.h"
#include "http/handlers/evaluation/evaluation_internal.h"
#include "http/json.h"

namespace meihao::http {
namespace evaluation {

using boost::json::object;

Result<int64_t> IdParam(const Call& call, const char* code, const char* zh, const char* en) {
  std::string id = call.Param("id");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound(code, zh, en);
  return std::stoll(id);
}

Result<int64_t> AssignmentId(const Call& call) {
  return IdParam(call, "assignment.not_found", "评审任务不存在", "No such assignment");
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

}  // namespace evaluation

void RegisterEvaluationRoutes(App& app) {
  app.Api("GET", "/api/evaluators/me/affiliations", Access::kUser, [&app](Call& c) { return evaluation::Affiliations(app, c); });
  app.Api("POST", "/api/evaluators/me/affiliations", Access::kUser, [&app](Call& c) { return evaluation::DeclareAffiliation(app, c); });
  app.Api("DELETE", "/api/evaluators/me/affiliations/{id}", Access::kUser, [&app](Call& c) { return evaluation::RemoveAffiliation(app, c); });
  app.Api("GET", "/api/campaigns/{year}/evaluators", Access::kUser, [&app](Call& c) { return evaluation::Evaluators(app, c); });
  app.Api("POST", "/api/campaigns/{year}/assignments", Access::kUser, [&app](Call& c) { return evaluation::Assign(app, c); });
  app.Api("GET", "/api/campaigns/{year}/assignments/{id}", Access::kUser, [&app](Call& c) { return evaluation::ScoringView(app, c); });
  app.Api("DELETE", "/api/campaigns/{year}/assignments/{id}", Access::kUser, [&app](Call& c) { return evaluation::Unassign(app, c); });
  app.Api("POST", "/api/campaigns/{year}/assignments/{id}/conflict", Access::kUser, [&app](Call& c) { return evaluation::Conflict(app, c); });
  app.Api("PUT", "/api/campaigns/{year}/assignments/{id}/sheet", Access::kUser, [&app](Call& c) { return evaluation::SaveSheet(app, c); });
  app.Api("POST", "/api/campaigns/{year}/assignments/{id}/sheet/submit", Access::kUser, [&app](Call& c) { return evaluation::SubmitSheet(app, c); });
  app.Api("GET", "/api/campaigns/{year}/queue", Access::kUser, [&app](Call& c) { return evaluation::Queue(app, c); });
  app.Api("GET", "/api/campaigns/{year}/evaluation", Access::kUser, [&app](Call& c) { return evaluation::MatrixRoute(app, c); });
  app.Api("POST", "/api/campaigns/{year}/applications/{id}/disagreement-review", Access::kUser, [&app](Call& c) { return evaluation::Review(app, c); });
}

}  // namespace meihao::http

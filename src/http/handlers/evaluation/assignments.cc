// Evaluation over HTTP, the managers' and evaluators' set-up: evaluators'
// declared affiliations, the evaluators a level may assign, assignments by
// hand and in bulk (every refused pair with its reason), withdrawing one, and
// an evaluator's declared conflict.
#include "common/date.h"
#include "http/handlers/common.h"
#include "http/handlers/evaluation/evaluation_internal.h"
#include "http/json.h"
#include "service/evaluation/evaluation.h"

namespace meihao::http::evaluation {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

object AffiliationJson(const service::evaluation::EvaluatorAffiliation& a) {
  return {{"id", a.id},       {"kind", a.kind}, {"value", a.value},
          {"label", a.label}, {"note", a.note}, {"declared_at", a.declared_at}};
}

object PairJson(const service::evaluation::PairRefusal& r) {
  return {{"application_id", r.application_id}, {"evaluator_id", r.evaluator_id}, {"code", r.code},
          {"reason_zh", r.reason_zh},           {"reason_en", r.reason_en}};
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

}  // namespace

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

}  // namespace meihao::http::evaluation

// /api/campaigns/{year}/assessments…: the third-party periodic assessment of
// the cultivation work (定期评估) — rounds, their findings per estate and
// conclusions per county, the counties' answers, and the ratings per estate
// over the rounds. Today is TodayInChina().
#include "common/date.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/assessment/assessment.h"

namespace meihao::http {
namespace {

namespace da = domain::assessment;
namespace sa = service::assessment;
using boost::json::object;

object FindingJson(const sa::Finding& f) {
  return object{{"estate_code", f.estate_code}, {"estate_name", f.estate_name},   {"county_code", f.county_code},
                {"county_name", f.county_name}, {"town_name", f.town_name},       {"rating", da::RatingKey(f.rating)},
                {"rating_zh", da::RatingNameZh(f.rating)}, {"findings", f.findings}, {"saved_at", f.saved_at},
                {"answer", Opt(f.answer)},      {"answered_at", Opt(f.answered_at)}, {"answered_by", Opt(f.answered_by)}};
}

object RoundJson(const sa::Round& r) {
  boost::json::array findings, conclusions;
  for (const auto& f : r.findings) findings.push_back(FindingJson(f));
  for (const auto& k : r.conclusions)
    conclusions.push_back(object{{"county_code", k.county_code}, {"county_name", k.county_name},
                                 {"conclusion", k.conclusion}, {"saved_at", k.saved_at}});
  return object{{"id", r.id},
                {"year", r.year},
                {"title", r.title},
                {"period_from", r.period_from},
                {"period_to", r.period_to},
                {"scope_code", r.scope_code},
                {"assessor", r.assessor},
                {"status", r.status},
                {"status_zh", r.status == "submitted" ? "已提交" : "草稿"},
                {"created_at", r.created_at},
                {"submitted_at", Opt(r.submitted_at)},
                {"can_edit", r.can_edit},
                {"findings", std::move(findings)},
                {"conclusions", std::move(conclusions)}};
}

Result<int64_t> RoundId(const Call& call) {
  const std::string s = call.Param("id");
  try {
    size_t n = 0;
    const int64_t id = std::stoll(s, &n);
    if (n == s.size() && id > 0) return id;
  } catch (...) {
  }
  return Error::NotFound("assessment.not_found", "评估记录不存在", "No such assessment round");
}

// A required text field of the body (400 <field>.required when absent).
Result<std::string> Text(const object& body, const char* field) {
  auto v = OptString(body, field);
  if (!v) return v.error();
  if (!*v)
    return Error::Invalid(std::string(field) + ".required", std::string("请填写 ") + field,
                          std::string("Give ") + field, field);
  return **v;
}

Response List(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(rows, sa::ListRounds(app.ctx(), call.actor, *year));
  boost::json::array items;
  for (const auto& r : *rows)
    items.push_back(object{{"id", r.id}, {"title", r.title}, {"period_from", r.period_from},
                           {"period_to", r.period_to}, {"status", r.status}, {"assessor", r.assessor},
                           {"findings", r.findings}, {"answered", r.answered}});
  return JsonResponse(200, object{{"items", std::move(items)}});
}

Response Create(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(title, OptString(*body, "title"));
  MEIHAO_TRY(from, OptString(*body, "period_from"));
  MEIHAO_TRY(to, OptString(*body, "period_to"));
  MEIHAO_TRY(r, sa::CreateRound(app.ctx(), call.actor, *year, title->value_or(""), from->value_or(""),
                                to->value_or(""), TodayInChina()));
  return JsonResponse(201, RoundJson(*r));
}

Response Get(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, RoundId(call));
  MEIHAO_TRY(r, sa::GetRound(app.ctx(), call.actor, *year, *id));
  return JsonResponse(200, RoundJson(*r));
}

Response SaveFinding(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, RoundId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(rating, Text(*body, "rating"));
  MEIHAO_TRY(findings, Text(*body, "findings"));
  MEIHAO_TRY(r, sa::SaveFinding(app.ctx(), call.actor, *year, *id, call.Param("estate"), *rating, *findings,
                                TodayInChina()));
  return JsonResponse(200, RoundJson(*r));
}

Response SaveConclusion(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, RoundId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(conclusion, Text(*body, "conclusion"));
  MEIHAO_TRY(r, sa::SaveConclusion(app.ctx(), call.actor, *year, *id, call.Param("county"), *conclusion,
                                   TodayInChina()));
  return JsonResponse(200, RoundJson(*r));
}

Response Submit(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, RoundId(call));
  MEIHAO_TRY(r, sa::SubmitRound(app.ctx(), call.actor, *year, *id, TodayInChina()));
  return JsonResponse(200, RoundJson(*r));
}

Response Answer(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, RoundId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(answer, Text(*body, "answer"));
  MEIHAO_TRY(f, sa::AnswerFinding(app.ctx(), call.actor, *year, *id, call.Param("estate"), *answer, TodayInChina()));
  return JsonResponse(200, FindingJson(*f));
}

Response Ratings(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  std::string county = call.req.Query("county");
  if (county.empty() && call.actor.principal.role == policy::Role::kCountyAdmin) county = call.actor.principal.scope;
  MEIHAO_TRY(rows, sa::CountyRatings(app.ctx(), call.actor, *year, county));
  boost::json::array items;
  for (const auto& e : *rows) {
    boost::json::array ratings;
    for (size_t i = 0; i < e.ratings.size(); ++i)
      ratings.push_back(object{{"round", e.rounds[i]}, {"rating", da::RatingKey(e.ratings[i])},
                               {"rating_zh", da::RatingNameZh(e.ratings[i])}});
    const auto& latest = e.ratings.back();
    items.push_back(object{{"estate_code", e.estate_code}, {"latest", da::RatingKey(latest)},
                           {"latest_zh", da::RatingNameZh(latest)}, {"trend", da::TrendKey(e.trend)},
                           {"ratings", std::move(ratings)}});
  }
  return JsonResponse(200, object{{"county_code", county}, {"items", std::move(items)}});
}

}  // namespace

void RegisterAssessmentRoutes(App& app) {
  app.Api("GET", "/api/campaigns/{year}/assessments", Access::kUser, [&app](Call& c) { return List(app, c); });
  app.Api("POST", "/api/campaigns/{year}/assessments", Access::kUser, [&app](Call& c) { return Create(app, c); });
  app.Api("GET", "/api/campaigns/{year}/assessments/ratings", Access::kUser,
          [&app](Call& c) { return Ratings(app, c); });
  app.Api("GET", "/api/campaigns/{year}/assessments/{id}", Access::kUser, [&app](Call& c) { return Get(app, c); });
  app.Api("PUT", "/api/campaigns/{year}/assessments/{id}/estates/{estate}", Access::kUser,
          [&app](Call& c) { return SaveFinding(app, c); });
  app.Api("PUT", "/api/campaigns/{year}/assessments/{id}/counties/{county}", Access::kUser,
          [&app](Call& c) { return SaveConclusion(app, c); });
  app.Api("POST", "/api/campaigns/{year}/assessments/{id}/submit", Access::kUser,
          [&app](Call& c) { return Submit(app, c); });
  app.Api("PUT", "/api/campaigns/{year}/assessments/{id}/estates/{estate}/answer", Access::kUser,
          [&app](Call& c) { return Answer(app, c); });
}

}  // namespace meihao::http

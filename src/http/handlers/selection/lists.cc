// Selection over HTTP (评选名单): a level's ranking and list, changes,
// publishing, finalising, the objections and their answers, the city's
// overview of the county lists. Phases are checked in the service; today is
// TodayInChina() (MEIHAO_TODAY in tests and training).
#include "common/date.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/selection/objections.h"
#include "service/selection/selection.h"

namespace meihao::http {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

object RowJson(const service::selection::SelectionRow& r) {
  return {{"application_id", r.application_id},
          {"estate_code", r.estate_code},
          {"estate_name", r.estate_name},
          {"county_code", r.county_code},
          {"county_name", r.county_name},
          {"town_code", r.town_code},
          {"town_name", r.town_name},
          {"applicant_name", r.applicant_name},
          {"rank", Opt(r.rank)},
          {"score", r.score.empty() ? value(nullptr) : value(r.score)},
          {"satisfaction_index", Opt(r.satisfaction_index)},
          {"complaint_rate", r.complaint_rate},
          {"submitted_at", r.submitted_at},
          {"assigned", r.assigned},
          {"submitted", r.submitted},
          {"evaluated", r.evaluated},
          {"eligible", r.eligible},
          {"disagreement", r.disagreement},
          {"disagreement_reviewed", r.disagreement_reviewed},
          {"proposed", r.proposed},
          {"below_min_score", r.below_min_score},
          {"listed", r.listed}};
}

object EntryJson(const service::selection::SelectionEntry& e) {
  return {{"application_id", e.application_id},
          {"estate_code", e.estate_code},
          {"estate_name", e.estate_name},
          {"county_code", e.county_code},
          {"county_name", e.county_name},
          {"town_name", e.town_name},
          {"applicant_name", e.applicant_name},
          {"position", e.position},
          {"rank", Opt(e.rank)},
          {"score", e.score},
          {"source", e.source},
          {"reason", e.reason},
          {"status", e.status}};
}

object ObjectionJson(const service::selection::ObjectionView& o) {
  return {{"id", o.id},
          {"year", o.year},
          {"level", o.level},
          {"unit_code", o.unit_code},
          {"application_id", o.application_id},
          {"estate_code", o.estate_code},
          {"estate_name", o.estate_name},
          {"reason", o.reason},
          {"name", o.name},
          {"phone", o.phone},
          {"phone_masked", o.phone_masked},
          {"filed_at", o.filed_at},
          {"status", o.status},
          {"answer", o.answer},
          {"handled_at", Opt(o.handled_at)},
          {"handled_by", Opt(o.handled_by)}};
}

object SelectionJson(const service::selection::Selection& s) {
  array ranking, list, changes, blockers, objections;
  for (const auto& r : s.ranking) ranking.push_back(RowJson(r));
  int64_t listed = 0;
  for (const auto& e : s.list) {
    list.push_back(EntryJson(e));
    listed += e.status == "listed";
  }
  for (const auto& c : s.changes)
    changes.push_back(object{{"application_id", c.application_id},
                             {"estate_code", c.estate_code},
                             {"estate_name", c.estate_name},
                             {"change", c.change},
                             {"reason", c.reason},
                             {"changed_at", c.changed_at},
                             {"changed_by", c.changed_by}});
  for (const auto& b : s.blockers)
    blockers.push_back(object{{"application_id", b.application_id},
                              {"estate_code", b.estate_code},
                              {"estate_name", b.estate_name},
                              {"code", b.code},
                              {"submitted", b.submitted},
                              {"required", b.required}});
  for (const auto& o : s.objections) objections.push_back(ObjectionJson(o));
  value window = nullptr;
  if (s.window)
    window = object{{"first", s.window->first.ToString()},
                    {"last", s.window->last.ToString()},
                    {"days_left", Opt(s.days_left)}};
  return {{"year", s.year},
          {"level", policy::LevelKey(s.level)},
          {"unit_code", s.unit_code},
          {"unit_name", s.unit_name},
          {"quota", object{{"quota", s.quota},
                           {"managed_estates", s.managed_estates},
                           {"percent", s.quota_percent},
                           {"target", Opt(s.target)},
                           {"city_target", Opt(s.city_target)},
                           {"min_score", Opt(s.min_score)},
                           {"min_evaluators", s.min_evaluators}}},
          {"status", s.status},
          {"ranking", std::move(ranking)},
          {"list", std::move(list)},
          {"listed", listed},
          {"changes", std::move(changes)},
          {"blockers", std::move(blockers)},
          {"short", s.short_list},
          {"explanation", s.explanation},
          {"publicity", std::move(window)},
          {"published_at", Opt(s.published_at)},
          {"finalised_at", Opt(s.finalised_at)},
          {"objections", std::move(objections)},
          {"can_manage", s.can_manage}};
}

Result<int64_t> ApplicationIdParam(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound("application.not_found", "申报不存在", "No such application");
  return std::stoll(text);
}

Response Get(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(s, service::selection::GetSelection(app.ctx(), call.actor, *year, call.req.Query("level"), call.req.Query("unit"),
                                      TodayInChina()));
  return JsonResponse(200, SelectionJson(*s));
}

Response AddChange(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(level, OptString(*body, "level"));
  MEIHAO_TRY(unit, OptString(*body, "unit"));
  MEIHAO_TRY(id, OptInt(*body, "application_id"));
  MEIHAO_TRY(change, OptString(*body, "change"));
  MEIHAO_TRY(reason, OptString(*body, "reason"));
  if (!*id)
    return ErrorResponse(Error::Invalid("application_id.required", "请选择申报", "application_id is required",
                                        "application_id"));
  MEIHAO_TRY(s, service::selection::AddSelectionChange(app.ctx(), call.actor, *year, level->value_or(""), unit->value_or(""),
                                            **id, change->value_or(""), reason->value_or(""), TodayInChina()));
  return JsonResponse(201, SelectionJson(*s));
}

Response DeleteChange(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, ApplicationIdParam(call.Param("id")));
  MEIHAO_TRY(s, service::selection::DeleteSelectionChange(app.ctx(), call.actor, *year, call.req.Query("level"),
                                               call.req.Query("unit"), *id, TodayInChina()));
  return JsonResponse(200, SelectionJson(*s));
}

Response Publish(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(level, OptString(*body, "level"));
  MEIHAO_TRY(unit, OptString(*body, "unit"));
  MEIHAO_TRY(explanation, OptString(*body, "explanation"));
  MEIHAO_TRY(s, service::selection::PublishSelection(app.ctx(), call.actor, *year, level->value_or(""), unit->value_or(""),
                                          explanation->value_or(""), TodayInChina()));
  return JsonResponse(201, SelectionJson(*s));
}

Response Finalise(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(level, OptString(*body, "level"));
  MEIHAO_TRY(unit, OptString(*body, "unit"));
  MEIHAO_TRY(s, service::selection::FinaliseSelection(app.ctx(), call.actor, *year, level->value_or(""), unit->value_or(""),
                                           TodayInChina()));
  return JsonResponse(200, SelectionJson(*s));
}

Response Overview(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(ov, service::selection::GetSelectionOverview(app.ctx(), call.actor, *year, TodayInChina()));
  array counties;
  for (const auto& c : ov->counties)
    counties.push_back(object{{"county_code", c.county_code},
                              {"county_name", c.county_name},
                              {"managed_estates", c.managed_estates},
                              {"quota", c.quota},
                              {"applications", c.applications},
                              {"evaluated", c.evaluated},
                              {"eligible", c.eligible},
                              {"listed", c.listed},
                              {"status", c.status},
                              {"short", c.short_list},
                              {"explanation", c.explanation},
                              {"published_on", Opt(c.published_on)},
                              {"late", c.late}});
  return JsonResponse(200, object{{"year", ov->year}, {"deadline", ov->deadline}, {"counties", std::move(counties)}});
}

Response Objections(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(list, service::selection::ListObjections(app.ctx(), call.actor, *year, call.req.Query("level"),
                                           call.req.Query("unit")));
  array items;
  for (const auto& o : *list) items.push_back(ObjectionJson(o));
  return JsonResponse(200, object{{"objections", std::move(items)}});
}

Response Answer(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  const std::string text = call.Param("id");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return ErrorResponse(Error::NotFound("objection.not_found", "该异议不存在", "No such objection"));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(outcome, OptString(*body, "outcome"));
  MEIHAO_TRY(answer, OptString(*body, "answer"));
  MEIHAO_TRY(o, service::selection::AnswerObjection(app.ctx(), call.actor, *year, std::stoll(text), outcome->value_or(""),
                                         answer->value_or(""), TodayInChina()));
  return JsonResponse(200, ObjectionJson(*o));
}

}  // namespace

void RegisterSelectionRoutes(App& app) {
  app.Api("GET", "/api/campaigns/{year}/selection", Access::kUser, [&app](Call& c) { return Get(app, c); });
  app.Api("GET", "/api/campaigns/{year}/selection/overview", Access::kUser, [&app](Call& c) { return Overview(app, c); });
  app.Api("POST", "/api/campaigns/{year}/selection/changes", Access::kUser, [&app](Call& c) { return AddChange(app, c); });
  app.Api("DELETE", "/api/campaigns/{year}/selection/changes/{id}", Access::kUser,
          [&app](Call& c) { return DeleteChange(app, c); });
  app.Api("POST", "/api/campaigns/{year}/selection/publish", Access::kUser, [&app](Call& c) { return Publish(app, c); });
  app.Api("POST", "/api/campaigns/{year}/selection/finalise", Access::kUser, [&app](Call& c) { return Finalise(app, c); });
  app.Api("GET", "/api/campaigns/{year}/objections", Access::kUser, [&app](Call& c) { return Objections(app, c); });
  app.Api("POST", "/api/campaigns/{year}/objections/{id}/answer", Access::kUser, [&app](Call& c) { return Answer(app, c); });
}

}  // namespace meihao::http

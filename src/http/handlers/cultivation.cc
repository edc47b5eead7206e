// Cultivation over HTTP (重点培育): county lists, additions, tasks, progress
// notes with photos, the overview. Writes are gated by the cultivate phase in
// the service; today is TodayInChina() (MEIHAO_TODAY in tests and training).
#include "common/date.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "domain/campaigns/phases.h"
#include "service/cultivation/cultivation.h"

namespace meihao::http {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

object EntryJson(const service::cultivation::CultivationEntry& e, bool confirmed) {
  object o{{"estate_code", e.estate_code},
           {"estate_name", e.estate_name},
           {"town_code", e.town_code},
           {"town_name", e.town_name},
           {"households", e.households},
           {"source", e.source},
           {"reason", e.reason},
           {"satisfaction_sample", e.satisfaction_sample},
           {"satisfaction_index", Opt(e.satisfaction_index)},
           {"satisfaction_rank", Opt(e.satisfaction_rank)},
           {"complaint_count", e.complaint_count},
           {"complaint_rate", e.complaint_rate},
           {"complaint_rank", Opt(e.complaint_rank)},
           {"top_satisfaction", e.top_satisfaction},
           {"bottom_complaints", e.bottom_complaints},
           {"demonstration", e.demonstration},
           {"listed_at", Opt(e.listed_at)}};
  if (confirmed) {
    o["tasks_total"] = e.tasks_total;
    o["tasks_done"] = e.tasks_done;
    o["tasks_overdue"] = e.tasks_overdue;
  }
  return o;
}

object ListJson(const service::cultivation::CultivationList& l) {
  array estates;
  for (const auto& e : l.estates) estates.push_back(EntryJson(e, l.confirmed));
  return {{"year", l.year},
          {"county_code", l.county_code},
          {"county_name", l.county_name},
          {"status", l.confirmed ? "confirmed" : "proposed"},
          {"confirmed_at", Opt(l.confirmed_at)},
          {"confirmed_by", Opt(l.confirmed_by)},
          {"estates", std::move(estates)}};
}

object PhotoJson(const service::cultivation::CultivationPhoto& p) {
  return {{"id", p.id},     {"note_id", p.note_id}, {"original_name", p.original_name},
          {"mime", p.mime}, {"size", p.size},       {"sha256", p.sha256},
          {"url", "/api/cultivation/photos/" + std::to_string(p.id)}, {"uploaded_at", p.uploaded_at}};
}

object NoteJson(const service::cultivation::CultivationNote& n) {
  array photos;
  for (const auto& p : n.photos) photos.push_back(PhotoJson(p));
  return {{"id", n.id},         {"task_id", Opt(n.task_id)},     {"estate_code", n.estate_code},
          {"text", n.text},     {"author", n.author},             {"created_at", n.created_at},
          {"photos", std::move(photos)}};
}

object TaskJson(const service::cultivation::CultivationTask& t, Date today) {
  object o{{"id", t.id},
           {"estate_code", t.estate_code},
           {"estate_name", t.estate_name},
           {"county_code", t.county_code},
           {"unit_type", domain::cultivation::UnitTypeKey(t.unit_type)},
           {"unit_type_zh", domain::cultivation::UnitTypeNameZh(t.unit_type)},
           {"unit_name", t.unit_name},
           {"title", t.title},
           {"due_on", t.due_on.ToString()},
           {"status", domain::cultivation::TaskStatusKey(t.status)},
           {"overdue", domain::cultivation::IsOverdue(t.status, t.due_on, today)},
           {"done_on", t.done_on ? value(t.done_on->ToString()) : value(nullptr)},
           {"late", t.done_on && domain::campaigns::IsLate(t.due_on, *t.done_on)},
           {"created_at", t.created_at},
           {"created_by", t.created_by},
           {"updated_at", t.updated_at}};
  return o;
}

Result<int64_t> IdParam(const Call& call, const char* code, const char* zh, const char* en) {
  std::string id = call.Param("id");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound(code, zh, en);
  return std::stoll(id);
}
Result<int64_t> TaskId(const Call& call) {
  return IdParam(call, "task.not_found", "培育任务不存在", "No such cultivation task");
}

Response List(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(list, service::cultivation::GetCultivationList(app.ctx(), call.actor, *year, call.req.Query("county"), TodayInChina()));
  return JsonResponse(200, ListJson(*list));
}

Response Confirm(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(list, service::cultivation::ConfirmCultivationList(app.ctx(), call.actor, *year, call.Param("county"), TodayInChina()));
  return JsonResponse(201, ListJson(*list));
}

Response AddEstate(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(code, ReqString(*body, "estate_code"));
  MEIHAO_TRY(reason, OptString(*body, "reason"));
  MEIHAO_TRY(entry, service::cultivation::AddCultivationEstate(app.ctx(), call.actor, *year, call.Param("county"), *code,
                                                  reason->value_or(""), TodayInChina()));
  return JsonResponse(201, EntryJson(*entry, false));
}

Response EstateWork(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  const Date today = TodayInChina();
  MEIHAO_TRY(work, service::cultivation::GetCultivationEstate(app.ctx(), call.actor, *year, call.Param("code"), today));
  array tasks, notes;
  for (const auto& t : work->tasks) {
    object o = TaskJson(t, today);
    array task_notes;
    for (const auto& n : t.notes) task_notes.push_back(NoteJson(n));
    o["notes"] = std::move(task_notes);
    tasks.push_back(std::move(o));
  }
  for (const auto& n : work->notes) notes.push_back(NoteJson(n));
  return JsonResponse(200, object{{"year", work->year},
                                  {"county_code", work->entry.county_code},
                                  {"entry", EntryJson(work->entry, false)},
                                  {"tasks", std::move(tasks)},
                                  {"notes", std::move(notes)}});
}

Response CreateTask(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  service::cultivation::TaskInput in;
  for (auto [field, out] : {std::pair{"unit_type", &in.unit_type}, std::pair{"unit_name", &in.unit_name},
                            std::pair{"title", &in.title}, std::pair{"due_on", &in.due_on}}) {
    MEIHAO_TRY(v, OptString(*body, field));
    *out = v->value_or("");
  }
  const Date today = TodayInChina();
  MEIHAO_TRY(task, service::cultivation::CreateCultivationTask(app.ctx(), call.actor, *year, call.Param("code"), in, today));
  return JsonResponse(201, TaskJson(*task, today));
}

Response UpdateTask(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, TaskId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(status, OptString(*body, "status"));
  MEIHAO_TRY(due_on, OptString(*body, "due_on"));
  const Date today = TodayInChina();
  MEIHAO_TRY(task, service::cultivation::UpdateCultivationTask(app.ctx(), call.actor, *year, *id, {*status, *due_on}, today));
  return JsonResponse(200, TaskJson(*task, today));
}

Response TaskNote(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, TaskId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(text, OptString(*body, "text"));
  MEIHAO_TRY(note, service::cultivation::AddTaskNote(app.ctx(), call.actor, *year, *id, text->value_or(""), TodayInChina()));
  return JsonResponse(201, NoteJson(*note));
}

Response EstateNote(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(text, OptString(*body, "text"));
  MEIHAO_TRY(note, service::cultivation::AddEstateNote(app.ctx(), call.actor, *year, call.Param("code"), text->value_or(""),
                                          TodayInChina()));
  return JsonResponse(201, NoteJson(*note));
}

// The raw image is the body; ?filename= names it (as for imports).
Response AddPhoto(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, IdParam(call, "note.not_found", "进展记录不存在", "No such progress note"));
  MEIHAO_TRY(photo, service::cultivation::AddNotePhoto(app.ctx(), call.actor, *year, *id, call.req.body, UploadName(call.req),
                                          TodayInChina()));
  return JsonResponse(201, PhotoJson(*photo));
}

// Always a download, never rendered inline: a photo cannot become a page of
// this origin. (server.cc adds X-Content-Type-Options: nosniff to every answer.)
Response Photo(App& app, Call& call) {
  MEIHAO_TRY(id, IdParam(call, "photo.not_found", "照片不存在", "No such photo"));
  MEIHAO_TRY(file, service::cultivation::GetCultivationPhoto(app.ctx(), call.actor, *id));
  return Response::File(file->mime, std::move(file->bytes), file->name);
}

Response Overview(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  const Date today = TodayInChina();
  MEIHAO_TRY(ov, service::cultivation::GetCultivationOverview(app.ctx(), call.actor, *year, today));
  array counties, overdue;
  for (const auto& c : ov->counties) {
    const auto& p = c.progress;
    counties.push_back(object{{"county_code", c.county_code},
                              {"county_name", c.county_name},
                              {"confirmed", c.confirmed},
                              {"listed", p.listed},
                              {"estates_with_tasks", p.estates_with_tasks},
                              {"tasks_total", p.total},
                              {"tasks_todo", p.todo},
                              {"tasks_doing", p.doing},
                              {"tasks_done", p.done},
                              {"tasks_overdue", p.overdue},
                              {"done_percent", Opt(domain::cultivation::DonePercent(p.done, p.total))}});
  }
  for (const auto& t : ov->overdue) {
    object o = TaskJson(t, today);
    o["days_overdue"] = domain::cultivation::DaysOverdue(t.status, t.due_on, today);
    overdue.push_back(std::move(o));
  }
  return JsonResponse(200, object{{"year", ov->year},
                                  {"today", ov->today.ToString()},
                                  {"counties", std::move(counties)},
                                  {"overdue", std::move(overdue)}});
}

}  // namespace

bool IsCultivationPhotoUpload(const std::string& target) {
  auto q = target.find('?');
  std::string_view path(target.data(), q == std::string::npos ? target.size() : q);
  return path.starts_with("/api/campaigns/") && path.find("/cultivation/notes/") != std::string_view::npos &&
         path.ends_with("/photos");
}

void RegisterCultivationRoutes(App& app) {
  app.Api("GET", "/api/campaigns/{year}/cultivation", Access::kUser, [&app](Call& c) { return List(app, c); });
  app.Api("GET", "/api/campaigns/{year}/cultivation/overview", Access::kUser, [&app](Call& c) { return Overview(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cultivation/{county}/confirm", Access::kUser, [&app](Call& c) { return Confirm(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cultivation/{county}/estates", Access::kUser, [&app](Call& c) { return AddEstate(app, c); });
  app.Api("GET", "/api/campaigns/{year}/cultivation/estates/{code}/tasks", Access::kUser, [&app](Call& c) { return EstateWork(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cultivation/estates/{code}/tasks", Access::kUser, [&app](Call& c) { return CreateTask(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cultivation/estates/{code}/notes", Access::kUser, [&app](Call& c) { return EstateNote(app, c); });
  app.Api("PATCH", "/api/campaigns/{year}/cultivation/tasks/{id}", Access::kUser, [&app](Call& c) { return UpdateTask(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cultivation/tasks/{id}/notes", Access::kUser, [&app](Call& c) { return TaskNote(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cultivation/notes/{id}/photos", Access::kUser, [&app](Call& c) { return AddPhoto(app, c); });
  app.Api("GET", "/api/cultivation/photos/{id}", Access::kUser, [&app](Call& c) { return Photo(app, c); });
}

}  // namespace meihao::http

// Tasks, progress notes and photos of listed estates (service/cultivation/cultivation.h).
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/clock.h"
#include "common/crypto.h"
#include "domain/campaigns/phases.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/cultivation/cultivation.h"
#include "service/cultivation/cultivation_internal.h"
#include "service/registry/estate_sql.h"

namespace meihao::service::cultivation {
namespace {

namespace fs = std::filesystem;
using namespace internal;
using policy::Decision;

storage::Value UserId(const Actor& a) { return a.user_id ? storage::Value(*a.user_id) : storage::Null(); }

// The settings of an existing campaign whose cultivate phase is open today.
Status RequireCultivate(const Context& ctx, int year, Date today) {
  auto settings = campaigns::GetCampaign(ctx, year);
  if (!settings) return settings.error();
  return domain::campaigns::RequirePhase(*settings, domain::campaigns::PhaseKey::kCultivate, today);
}

std::optional<CultivationTask> LoadTask(storage::Connection& c, int year, int64_t id) {
  std::optional<CultivationTask> t;
  c.Query(std::string(kTaskSelect) + " WHERE t.id = ? AND t.campaign_year = ?", {id, int64_t(year)},
          [&](const storage::Row& r) { t = ReadTask(r); });
  return t;
}

std::optional<CultivationEntry> LoadEntry(storage::Connection& c, const Context& ctx, int year,
                                          const std::string& code) {
  std::optional<CultivationEntry> e;
  c.Query(std::string(kEntrySelect) + " WHERE ce.campaign_year = ? AND ce.estate_code = ?", {int64_t(year), code},
          [&](const storage::Row& r) { e = ReadEntry(r, ctx.tree); });
  return e;
}

// 403 for a role that may never act, else 404 `missing` when absent or outside the scope.
Status Decide(Decision d, bool found, const Error& missing) {
  if (d == Decision::kForbidden) return policy::DecisionError(d);
  if (!found || d == Decision::kNotFound) return missing;
  return OkStatus();
}

constexpr std::string_view kPhotoColumns =
    "SELECT p.id, p.note_id, p.original_name, p.mime, p.size, p.sha256, p.uploaded_at FROM cultivation_photos p ";
CultivationPhoto ReadPhoto(const storage::Row& r) {
  return {r.Int(0), r.Int(1), r.Int(4), r.Text(2), r.Text(3), r.Text(5), r.Text(6)};
}

// Notes of an estate (with their photos), by id.
std::vector<CultivationNote> LoadNotes(storage::Connection& c, int year, const std::string& estate) {
  std::vector<CultivationNote> notes;
  std::map<int64_t, size_t> index;
  c.Query("SELECT id, task_id, estate_code, text, author_name, created_at, author_id FROM cultivation_notes "
          "WHERE campaign_year = ? AND estate_code = ? ORDER BY id",
          {int64_t(year), estate}, [&](const storage::Row& r) {
            CultivationNote n{r.Int(0), r.IsNull(1) ? std::nullopt : std::optional<int64_t>(r.Int(1)), r.Text(2),
                              r.Text(3), r.Text(4), r.Text(5), r.IsNull(6) ? 0 : r.Int(6), {}};
            index[n.id] = notes.size();
            notes.push_back(std::move(n));
          });
  c.Query(std::string(kPhotoColumns) +
              "JOIN cultivation_notes n ON n.id = p.note_id WHERE n.campaign_year = ? AND n.estate_code = ? ORDER BY p.id",
          {int64_t(year), estate}, [&](const storage::Row& r) {
            CultivationPhoto ph = ReadPhoto(r);
            auto it = index.find(ph.note_id);
            if (it != index.end()) notes[it->second].photos.push_back(std::move(ph));
          });
  return notes;
}

std::string TaskAuditJson(const CultivationTask& t) {
  return boost::json::serialize(boost::json::object{
      {"estate", t.estate_code},  {"unit_type", domain::cultivation::UnitTypeKey(t.unit_type)}, {"unit_name", t.unit_name},
      {"title", t.title},         {"due_on", t.due_on.ToString()},                  {"status", domain::cultivation::TaskStatusKey(t.status)}});
}

Result<CultivationNote> InsertNote(const Context& ctx, const Actor& actor, int year, const std::string& estate,
                                   std::optional<int64_t> task_id, const std::string& text) {
  auto clean = domain::cultivation::CheckNoteText(text);
  if (!clean) return clean.error();
  auto c = ctx.db.Acquire();
  CultivationNote note{0, task_id, estate, *clean, ActorName(actor), BusinessNowIso(), actor.user_id.value_or(0), {}};
  storage::Transaction tx(*c, true);
  c->Exec("INSERT INTO cultivation_notes(campaign_year, estate_code, task_id, text, author_id, author_name, created_at) "
          "VALUES (?,?,?,?,?,?,?)",
          {int64_t(year), estate, task_id ? storage::Value(*task_id) : storage::Null(), note.text, UserId(actor),
           note.author, note.created_at});
  note.id = *c->QueryInt("SELECT MAX(id) FROM cultivation_notes");  // inside the write transaction: ours
  audit::AppendAudit(*c, {actor.user_id, actor.username, "cultivation.note.add", "cultivation-note:" + std::to_string(note.id),
                   std::nullopt,
                   boost::json::serialize(boost::json::object{{"campaign", year}, {"estate", estate},
                                                              {"task", task_id ? boost::json::value(*task_id) : nullptr},
                                                              {"text", note.text}}),
                   actor.client, "ok"});
  tx.Commit();
  return note;
}

}  // namespace

Result<CultivationEstate> GetCultivationEstate(const Context& ctx, const Actor& actor, int year,
                                               const std::string& estate_code, Date today) {
  (void)today;
  if (policy::CanReadCultivation(actor.principal) != Decision::kAllow) return policy::DecisionError(Decision::kForbidden);
  if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();
  auto c = ctx.db.Acquire();
  auto estate = registry::LoadVisible(*c, ctx, actor, estate_code);
  if (!estate) return estate.error();
  storage::Transaction snapshot(*c, false);
  auto entry = LoadEntry(*c, ctx, year, estate_code);
  if (!entry) return NotListed();
  CultivationEstate out{year, *entry, {}, {}};
  c->Query(std::string(kTaskSelect) + " WHERE t.campaign_year = ? AND t.estate_code = ? ORDER BY t.id",
           {int64_t(year), estate_code}, [&](const storage::Row& r) { out.tasks.push_back(ReadTask(r)); });
  std::map<int64_t, CultivationTask*> by_id;
  for (auto& t : out.tasks) by_id[t.id] = &t;
  for (auto& n : LoadNotes(*c, year, estate_code)) {
    auto it = n.task_id ? by_id.find(*n.task_id) : by_id.end();
    (it != by_id.end() ? it->second->notes : out.notes).push_back(std::move(n));
  }
  snapshot.Commit();
  return out;
}

Result<CultivationTask> CreateCultivationTask(const Context& ctx, const Actor& actor, int year,
                                              const std::string& estate_code, const TaskInput& in, Date today) {
  auto c = ctx.db.Acquire();
  auto estate = registry::LoadEstate(*c, ctx.tree, estate_code);
  Decision d = policy::CanManageCultivation(actor.principal, estate ? estate->estate.county_code : "", ctx.tree);
  if (d == Decision::kAllow && !policy::InScope(actor.principal, registry::RefOf(estate->estate), ctx.tree))
    d = Decision::kNotFound;
  if (auto s = Decide(d, estate.has_value(), Error::NotFound("estate.not_found", "小区不存在或不在您的管辖范围内",
                                                             "No such estate, or it lies outside your scope"));
      !s)
    return s.error();
  if (auto s = RequireCultivate(ctx, year, today); !s) return s.error();
  auto unit_type = domain::cultivation::ParseUnitType(in.unit_type);
  if (!unit_type) return unit_type.error();
  auto unit_name = domain::cultivation::CheckUnitName(in.unit_name);
  if (!unit_name) return unit_name.error();
  auto title = domain::cultivation::CheckTaskTitle(in.title);
  if (!title) return title.error();
  auto due = domain::cultivation::CheckDueOn(in.due_on, today, year);
  if (!due) return due.error();
  if (!LoadEntry(*c, ctx, year, estate_code)) return NotListed();

  CultivationTask t;
  t.estate_code = estate_code;
  t.estate_name = estate->estate.name;
  t.county_code = estate->estate.county_code;
  t.town_code = estate->estate.town_code;
  t.unit_type = *unit_type;
  t.unit_name = *unit_name;
  t.title = *title;
  t.due_on = *due;
  t.created_at = t.updated_at = BusinessNowIso();
  t.created_by = ActorName(actor);
  storage::Transaction tx(*c, true);
  c->Exec("INSERT INTO cultivation_tasks(campaign_year, estate_code, unit_type, unit_name, title, due_on, status, "
          "created_at, created_by, created_by_name, updated_at) VALUES (?,?,?,?,?,?,'todo',?,?,?,?)",
          {int64_t(year), estate_code, std::string(domain::cultivation::UnitTypeKey(t.unit_type)), t.unit_name, t.title,
           t.due_on.ToString(), t.created_at, UserId(actor), t.created_by, t.updated_at});
  t.id = *c->QueryInt("SELECT MAX(id) FROM cultivation_tasks");
  audit::AppendAudit(*c, {actor.user_id, actor.username, "cultivation.task.create", "cultivation-task:" + std::to_string(t.id),
                   std::nullopt, TaskAuditJson(t), actor.client, "ok"});
  tx.Commit();
  return t;
}

Result<CultivationTask> UpdateCultivationTask(const Context& ctx, const Actor& actor, int year, int64_t task_id,
                                              const TaskChange& change, Date today) {
  auto c = ctx.db.Acquire();
  auto task = LoadTask(*c, year, task_id);
  const policy::EstateRef ref = task ? RefOfTask(*task) : policy::EstateRef{};
  // The status is progress (street staff too); the due date is management.
  Decision d = Decision::kAllow;
  if (change.status) d = policy::CanRecordCultivationProgress(actor.principal, ref, ctx.tree);
  if (change.due_on && d != Decision::kForbidden) {
    Decision m = policy::CanManageCultivation(actor.principal, ref.county_code, ctx.tree);
    if (m == Decision::kAllow && !policy::InScope(actor.principal, ref, ctx.tree)) m = Decision::kNotFound;
    if (m != Decision::kAllow) d = m;
  }
  if (auto s = Decide(d, task.has_value(), TaskNotFound()); !s) return s.error();
  if (auto s = RequireCultivate(ctx, year, today); !s) return s.error();
  if (!change.status && !change.due_on)
    return Error::Invalid("cultivation.change.required", "请提供要修改的任务状态 status 或完成期限 due_on",
                          "Give status or due_on to change");

  CultivationTask after = *task;
  if (change.status) {
    auto status = domain::cultivation::ParseTaskStatus(*change.status);
    if (!status) return status.error();
    if (auto s = domain::cultivation::CheckTransition(task->status, *status); !s) return s.error();
    after.status = *status;
  }
  if (change.due_on && *change.due_on != task->due_on.ToString()) {  // an unchanged date is not re-checked
    auto due = domain::cultivation::CheckDueOn(*change.due_on, today, year);
    if (!due) return due.error();
    after.due_on = *due;
  }
  if (after.status == task->status && after.due_on == task->due_on) return after;  // nothing to write

  if (after.status != task->status)
    after.done_on = after.status == domain::cultivation::TaskStatus::kDone ? std::optional<Date>(today) : std::nullopt;
  after.updated_at = BusinessNowIso();
  storage::Transaction tx(*c, true);
  c->Exec("UPDATE cultivation_tasks SET status = ?, due_on = ?, done_on = ?, updated_at = ? WHERE id = ?",
          {std::string(domain::cultivation::TaskStatusKey(after.status)), after.due_on.ToString(),
           after.done_on ? storage::Value(after.done_on->ToString()) : storage::Null(), after.updated_at, task_id});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "cultivation.task.update",
                   "cultivation-task:" + std::to_string(task_id), TaskAuditJson(*task), TaskAuditJson(after),
                   actor.client, "ok"});
  tx.Commit();
  return after;
}

Result<CultivationNote> AddTaskNote(const Context& ctx, const Actor& actor, int year, int64_t task_id,
                                    const std::string& text, Date today) {
  auto c = ctx.db.Acquire();
  auto task = LoadTask(*c, year, task_id);
  Decision d = policy::CanRecordCultivationProgress(actor.principal, task ? RefOfTask(*task) : policy::EstateRef{},
                                                    ctx.tree);
  if (auto s = Decide(d, task.has_value(), TaskNotFound()); !s) return s.error();
  if (auto s = RequireCultivate(ctx, year, today); !s) return s.error();
  return InsertNote(ctx, actor, year, task->estate_code, task_id, text);
}

Result<CultivationNote> AddEstateNote(const Context& ctx, const Actor& actor, int year,
                                      const std::string& estate_code, const std::string& text, Date today) {
  auto c = ctx.db.Acquire();
  auto estate = registry::LoadEstate(*c, ctx.tree, estate_code);
  Decision d = policy::CanRecordCultivationProgress(
      actor.principal, estate ? registry::RefOf(estate->estate) : policy::EstateRef{}, ctx.tree);
  if (auto s = Decide(d, estate.has_value(), Error::NotFound("estate.not_found", "小区不存在或不在您的管辖范围内",
                                                             "No such estate, or it lies outside your scope"));
      !s)
    return s.error();
  if (auto s = RequireCultivate(ctx, year, today); !s) return s.error();
  if (!LoadEntry(*c, ctx, year, estate_code)) return NotListed();
  return InsertNote(ctx, actor, year, estate_code, std::nullopt, text);
}

Result<CultivationPhoto> AddNotePhoto(const Context& ctx, const Actor& actor, int year, int64_t note_id,
                                      const std::string& bytes, const std::string& uploaded_name, Date today) {
  auto c = ctx.db.Acquire();
  std::optional<policy::EstateRef> ref;
  int64_t author_id = 0;
  c->Query("SELECT n.estate_code, e.county_code, e.town_code, n.author_id FROM cultivation_notes n "
           "JOIN estates e ON e.code = n.estate_code WHERE n.id = ? AND n.campaign_year = ?",
           {note_id, int64_t(year)}, [&](const storage::Row& r) {
             ref = policy::EstateRef{r.Text(0), r.Text(1), r.Text(2)};
             author_id = r.IsNull(3) ? 0 : r.Int(3);
           });
  Decision d = policy::CanRecordCultivationProgress(actor.principal, ref.value_or(policy::EstateRef{}), ctx.tree);
  if (auto s = Decide(d, ref.has_value(), Error::NotFound("note.not_found", "进展记录不存在，或不在您的管辖范围内",
                                                          "No such progress note, or it lies outside your scope"));
      !s)
    return s.error();
  if (auto s = RequireCultivate(ctx, year, today); !s) return s.error();
  // Street staff illustrate their own notes; administrators any note in scope.
  if (actor.principal.role == policy::Role::kStreetStaff && author_id != actor.user_id.value_or(-1))
    return Error::Forbidden("note.not_author", "只能为本人填写的进展情况上传照片", "Only the note's author may add photos to it");
  auto mime = domain::cultivation::CheckPhoto(bytes);
  if (!mime) return mime.error();
  if (c->QueryInt("SELECT COUNT(*) FROM cultivation_photos WHERE note_id = ?", {note_id}).value_or(0) >=
      domain::cultivation::kMaxPhotosPerNote)
    return Error::Invalid("photo.count", "每条进展情况最多上传9张照片", "At most 9 photos per progress note", "photo");
  if (ctx.data_dir.empty()) return Error::Internal("no data directory for uploaded files");

  CultivationPhoto photo{0, note_id, int64_t(bytes.size()), domain::cultivation::SafePhotoName(uploaded_name, *mime),
                         std::string(*mime), crypto::Sha256Hex(bytes), BusinessNowIso()};
  // A random stored name: nothing the uploader typed reaches the file system.
  const std::string stored = crypto::RandomToken(24);
  const fs::path dir = fs::path(ctx.data_dir) / "files" / "cultivation";
  fs::create_directories(dir);
  const fs::path path = dir / stored, tmp = dir / (stored + ".part");
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), std::streamsize(bytes.size()));
    f.close();
    if (!f) {
      fs::remove(tmp);
      return Error::Internal("cannot write " + tmp.string());
    }
  }
  fs::rename(tmp, path);
  try {
    storage::Transaction tx(*c, true);
    c->Exec("INSERT INTO cultivation_photos(note_id, stored_name, original_name, mime, size, sha256, uploaded_at, "
            "uploaded_by) VALUES (?,?,?,?,?,?,?,?)",
            {note_id, stored, photo.original_name, photo.mime, photo.size, photo.sha256, photo.uploaded_at,
             UserId(actor)});
    photo.id = *c->QueryInt("SELECT MAX(id) FROM cultivation_photos");
    audit::AppendAudit(*c, {actor.user_id, actor.username, "cultivation.photo.add",
                     "cultivation-photo:" + std::to_string(photo.id), std::nullopt,
                     boost::json::serialize(boost::json::object{{"note", note_id}, {"name", photo.original_name},
                                                                {"mime", photo.mime}, {"size", photo.size},
                                                                {"sha256", photo.sha256}}),
                     actor.client, "ok"});
    tx.Commit();
  } catch (...) {
    std::error_code ec;
    fs::remove(path, ec);  // no file without its row
    throw;
  }
  return photo;
}

Result<PhotoFile> GetCultivationPhoto(const Context& ctx, const Actor& actor, int64_t photo_id) {
  if (policy::CanReadCultivation(actor.principal) != Decision::kAllow) return policy::DecisionError(Decision::kForbidden);
  const Error missing = Error::NotFound("photo.not_found", "照片不存在，或不在您的管辖范围内",
                                        "No such photo, or it lies outside your scope");
  auto c = ctx.db.Acquire();
  std::optional<policy::EstateRef> ref;
  std::string stored;
  PhotoFile out;
  c->Query("SELECT p.stored_name, p.mime, p.original_name, n.estate_code, e.county_code, e.town_code "
           "FROM cultivation_photos p JOIN cultivation_notes n ON n.id = p.note_id "
           "JOIN estates e ON e.code = n.estate_code WHERE p.id = ?",
           {photo_id}, [&](const storage::Row& r) {
             stored = r.Text(0);
             out.mime = r.Text(1);
             out.name = r.Text(2);
             ref = policy::EstateRef{r.Text(3), r.Text(4), r.Text(5)};
           });
  if (!ref || policy::CanReadCultivationEstate(actor.principal, *ref, ctx.tree) != Decision::kAllow) return missing;
  std::ifstream f(fs::path(ctx.data_dir) / "files" / "cultivation" / stored, std::ios::binary);
  if (!f) return Error::Internal("photo file missing: " + stored);
  std::ostringstream ss;
  ss << f.rdbuf();
  out.bytes = ss.str();
  return out;
}

}  // namespace meihao::service::cultivation

// Evidence files of applications: checked by content, stored under random
// names outside the web root, served back as attachments to the
// application's readers.
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "common/crypto.h"
#include "service/applications/applications.h"
#include "service/applications/applications_internal.h"
#include "service/audit/audit.h"
#include "service/rubric/rubric_store.h"

namespace meihao::service::applications {
namespace {

namespace fs = std::filesystem;
using namespace internal;

Error EvidenceNotFound() {
  return Error::NotFound("evidence.not_found", "证明材料文件不存在，或不在您的查看范围内",
                         "No such evidence file, or it lies outside your scope");
}

struct StoredFile {
  std::string stored, item, name, mime, sha256;
  int64_t size = 0;
};
std::optional<StoredFile> LoadFile(storage::Connection& c, int64_t application_id, int64_t file_id) {
  std::optional<StoredFile> f;
  c.Query("SELECT stored_name, item_id, original_name, mime, sha256, size FROM application_files "
          "WHERE id = ? AND application_id = ?",
          {file_id, application_id}, [&](const storage::Row& r) {
            f = StoredFile{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5)};
          });
  return f;
}

std::string FileJson(int64_t id, const StoredFile& f) {
  return boost::json::serialize(boost::json::object{{"file", id},      {"item", f.item}, {"name", f.name},
                                                    {"mime", f.mime},  {"size", f.size}, {"sha256", f.sha256}});
}

}  // namespace

Result<EvidenceFile> AddEvidence(const Context& ctx, const Actor& actor, int year, int64_t id,
                                 const std::string& item_id, const std::string& bytes,
                                 const std::string& uploaded_name, Date today) {
  auto c = ctx.db.Acquire();
  auto a = LoadForWrite(*c, ctx, actor, year, id, today);
  if (!a) return a.error();
  if (auto s = domain::applications::CheckEditable(a->status); !s) return s.error();
  auto rubric = service::rubric::LoadRubric(*c, year, a->county_code);
  if (!rubric) return rubric.error();
  if (item_id.empty())
    return Error::Invalid("evidence.item.required", "请指定证明材料所属的评价项目（item，如 1.1）",
                          "Give ?item= (a rubric item such as 1.1)", "item");
  if (auto s = domain::applications::CheckSelfAssessment(*rubric, item_id, ""); !s) {
    Error e = s.error();
    e.field = "item";
    return e;
  }
  auto mime = domain::applications::CheckEvidence(bytes);
  if (!mime) return mime.error();
  if (auto s = domain::applications::CheckEvidenceCount(
          c->QueryInt("SELECT COUNT(*) FROM application_files WHERE application_id = ?", {id}).value_or(0));
      !s)
    return s.error();
  if (ctx.data_dir.empty()) return Error::Internal("no data directory for uploaded files");

  StoredFile f{crypto::RandomToken(24), item_id, domain::applications::SafeEvidenceName(uploaded_name, *mime), std::string(*mime),
               crypto::Sha256Hex(bytes), int64_t(bytes.size())};
  // A random stored name: nothing the uploader typed reaches the file system.
  const fs::path dir = EvidenceDir(ctx);
  fs::create_directories(dir);
  const fs::path path = dir / f.stored, tmp = dir / (f.stored + ".part");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return Error::Internal("cannot write " + tmp.string());
    }
  }
  fs::rename(tmp, path);
  EvidenceFile out{0, id, f.size, item_id, f.name, f.mime, f.sha256, BusinessNowIso(), actor.username};
  try {
    storage::Transaction tx(*c, true);
    auto current = LoadApplication(*c, ctx.tree, year, id);
    if (!current) {
      std::error_code ec;
      fs::remove(path, ec);
      return ApplicationNotFound();
    }
    Status ok = domain::applications::CheckEditable(current->status);
    if (ok)
      ok = domain::applications::CheckEvidenceCount(
          c->QueryInt("SELECT COUNT(*) FROM application_files WHERE application_id = ?", {id}).value_or(0));
    if (!ok) {  // changed meanwhile: nothing written, the file goes
      std::error_code ec;
      fs::remove(path, ec);
      return ok.error();
    }
    c->Exec("INSERT INTO application_files(application_id, item_id, stored_name, original_name, mime, size, sha256, "
            "uploaded_at, uploaded_by) VALUES (?,?,?,?,?,?,?,?,?)",
            {id, item_id, f.stored, f.name, f.mime, f.size, f.sha256, out.uploaded_at,
             actor.user_id ? storage::Value(*actor.user_id) : storage::Null()});
    out.id = *c->QueryInt("SELECT id FROM application_files WHERE stored_name = ?", {f.stored});
    TouchForEdit(*c, *current, out.uploaded_at);
    AppendHistory(*c, actor, *current, "evidence.added", SnapshotJson(*c, *current));
    audit::AppendAudit(*c, {actor.user_id, actor.username, "application.evidence.add", "application:" + std::to_string(id),
                     std::nullopt, FileJson(out.id, f), actor.client, "ok"});
    tx.Commit();
  } catch (...) {
    std::error_code ec;
    fs::remove(path, ec);  // no file without its row
    throw;
  }
  return out;
}

Status DeleteEvidence(const Context& ctx, const Actor& actor, int year, int64_t id, int64_t file_id, Date today) {
  auto c = ctx.db.Acquire();
  auto a = LoadForWrite(*c, ctx, actor, year, id, today);
  if (!a) return a.error();
  if (auto s = domain::applications::CheckEditable(a->status); !s) return s.error();
  std::string stored;
  {
    storage::Transaction tx(*c, true);
    auto current = LoadApplication(*c, ctx.tree, year, id);
    if (!current) return ApplicationNotFound();
    if (auto s = domain::applications::CheckEditable(current->status); !s) return s.error();
    auto f = LoadFile(*c, id, file_id);
    if (!f) return EvidenceNotFound();
    stored = f->stored;
    c->Exec("DELETE FROM application_files WHERE id = ?", {file_id});
    TouchForEdit(*c, *current, BusinessNowIso());
    AppendHistory(*c, actor, *current, "evidence.deleted", SnapshotJson(*c, *current));
    audit::AppendAudit(*c, {actor.user_id, actor.username, "application.evidence.delete",
                     "application:" + std::to_string(id), FileJson(file_id, *f), std::nullopt, actor.client, "ok"});
    tx.Commit();
  }
  std::error_code ec;
  fs::remove(fs::path(EvidenceDir(ctx)) / stored, ec);  // the row is gone; a leftover file is harmless
  return OkStatus();
}

Result<EvidenceDownload> GetEvidence(const Context& ctx, const Actor& actor, int year, int64_t id,
                                     int64_t file_id) {
  auto c = ctx.db.Acquire();
  auto a = LoadForRead(*c, ctx, actor, year, id);
  if (!a) return a.error();
  auto f = LoadFile(*c, id, file_id);
  if (!f) return EvidenceNotFound();
  std::ifstream in(fs::path(EvidenceDir(ctx)) / f->stored, std::ios::binary);
  if (!in) return Error::Internal("evidence file missing: " + f->stored);
  std::ostringstream ss;
  ss << in.rdbuf();
  return EvidenceDownload{f->mime, f->name, ss.str()};
}

}  // namespace meihao::service::applications

#include "service/cases/cases.h"

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "common/crypto.h"
#include "domain/campaigns/phases.h"
#include "domain/cultivation/cultivation.h"
#include "io/images/thumbnail.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"

namespace meihao::service::cases {
namespace {

namespace dc = domain::cases;
namespace fs = std::filesystem;
using policy::Decision;

Error NoCase() {
  return Error::NotFound("case.not_found", "典型案例不存在，或不在您的管辖范围内",
                         "No such typical case, or it lies outside your scope");
}

std::string ObjectOf(int64_t id) { return "case:" + std::to_string(id); }

std::string CodesJson(const std::vector<std::string>& codes) {
  boost::json::array a;
  for (const auto& c : codes) a.push_back(boost::json::value(c));
  return boost::json::serialize(a);
}

std::vector<std::string> CodesFromJson(std::string_view text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& x : v.as_array())
    if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}

const char* kSelect =
    "SELECT id, campaign_year, county_code, title, category, body, estates, status, version, comments, "
    "submitted_at, published_at, created_by, created_at, updated_at FROM typical_cases";

TypicalCase FromRow(const Context& ctx, const storage::Row& r) {
  TypicalCase t;
  t.id = r.Int(0);
  t.year = int(r.Int(1));
  t.county_code = r.Text(2);
  if (const auto* d = ctx.tree.Find(t.county_code)) t.county_name = d->name;
  t.title = r.Text(3);
  t.category = r.Text(4);
  t.body = r.Text(5);
  for (auto& code : CodesFromJson(r.TextView(6))) t.estates.push_back({code, ""});
  t.status = dc::ParseCaseStatus(r.TextView(7)).value_or(dc::CaseStatus::kDraft);
  t.version = r.Int(8);
  t.comments = r.OptText(9);
  t.submitted_at = r.OptText(10);
  t.published_at = r.OptText(11);
  t.created_by = r.Text(12);
  t.created_at = r.Text(13);
  t.updated_at = r.Text(14);
  return t;
}

// Estate names and photos of each case.
void Complete(storage::Connection& c, TypicalCase& t) {
  for (auto& e : t.estates)
    c.Query("SELECT name FROM estates WHERE code = ?", {e.code}, [&](const storage::Row& r) { e.name = r.Text(0); });
  t.photos.clear();
  c.Query("SELECT id, mime, original_name, size_bytes, thumb_width, thumb_height, uploaded_at "
          "FROM typical_case_photos WHERE case_id = ? ORDER BY id",
          {t.id}, [&](const storage::Row& r) {
            t.photos.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3), int(r.Int(4)), int(r.Int(5)), r.Text(6)});
          });
}

std::optional<TypicalCase> Load(const Context& ctx, storage::Connection& c, int year, int64_t id) {
  std::optional<TypicalCase> out;
  c.Query(std::string(kSelect) + " WHERE campaign_year = ? AND id = ?", {int64_t(year), id},
          [&](const storage::Row& r) { out = FromRow(ctx, r); });
  if (out) Complete(c, *out);
  return out;
}

Result<domain::campaigns::CampaignSettings> CampaignOf(storage::Connection& c, int year) {
  auto s = campaigns::LoadCampaign(c, year);
  if (!s)
    return Error::NotFound("campaign.not_found", std::to_string(year) + " 年度活动尚未设立",
                           "There is no campaign for " + std::to_string(year));
  return *s;
}

Status RequireSummary(storage::Connection& c, int year, Date today) {
  auto settings = CampaignOf(c, year);
  if (!settings) return settings.error();
  return domain::campaigns::RequirePhase(*settings, domain::campaigns::PhaseKey::kSummary, today);
}

// The checked fields of `in`: title, category, body, and estates that exist
// in `county` (404 case.estate.not_found otherwise).
Result<CaseInput> CheckInput(storage::Connection& c, const std::string& county, const CaseInput& in) {
  CaseInput out;
  auto title = dc::CheckTitle(in.title);
  if (!title) return title.error();
  out.title = *title;
  if (auto s = dc::CheckCategory(in.category); !s) return s.error();
  out.category = in.category;
  auto body = dc::CheckBody(in.body);
  if (!body) return body.error();
  out.body = *body;
  if (auto s = dc::CheckEstateCount(in.estates); !s) return s.error();
  for (const auto& code : in.estates) {
    auto n = c.QueryInt("SELECT COUNT(*) FROM estates WHERE code = ? AND county_code = ?", {code, county});
    if (n.value_or(0) == 0)
      return Error{ErrorKind::kNotFound, "case.estate.not_found", "小区“" + code + "”不存在或不属于本县（市、区）",
                   "Estate " + code + " does not exist in the county", "estates"};
  }
  out.estates = in.estates;
  return out;
}

std::string StateJson(const TypicalCase& t) {
  return boost::json::serialize(
      boost::json::object{{"status", dc::CaseStatusKey(t.status)}, {"version", t.version}, {"title", t.title}});
}

// One write in one transaction: the case (404 when out of scope), the policy
// decision `decide(case)`, the summary phase, the version, then `change`
// (which edits the row or refuses, leaving nothing written), audited as `action`.
template <typename Decide, typename Change>
Result<TypicalCase> Write(const Context& ctx, const Actor& actor, int year, int64_t id, int64_t expected_version,
                          Date today, const std::string& action, Decide decide, Change change) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto before = Load(ctx, *c, year, id);
  if (!before) return NoCase();
  if (policy::CanReadCases(actor.principal, before->county_code, ctx.tree) == Decision::kNotFound) return NoCase();
  if (auto d = decide(*before); d != Decision::kAllow) return d == Decision::kNotFound ? NoCase() : policy::DecisionError(d);
  if (auto s = RequireSummary(*c, year, today); !s) return s.error();
  if (expected_version >= 0 && before->version != expected_version)
    return Error::Conflict("case.version", "案例已被他人修改，请刷新后再操作",
                           "The case changed since it was loaded; reload it", "version");
  if (auto s = change(*c, *before); !s) return s.error();
  c->Exec("UPDATE typical_cases SET version = version + 1, updated_at = ? WHERE id = ?", {BusinessNowIso(), id});
  auto after = Load(ctx, *c, year, id);
  if (!after) return Error::Internal("a typical case vanished inside its transaction");
  audit::AppendAudit(*c, {actor.user_id, actor.username, action, ObjectOf(id), StateJson(*before), StateJson(*after),
                          actor.client, "ok"});
  tx.Commit();
  return *after;
}

auto Writer(const Context& ctx, const Actor& actor) {
  return [&](const TypicalCase& t) { return policy::CanWriteCases(actor.principal, t.county_code, ctx.tree); };
}
auto Reviewer(const Actor& actor) {
  return [&](const TypicalCase&) { return policy::CanReviewCases(actor.principal); };
}

Status SetStatus(storage::Connection& c, int64_t id, dc::CaseStatus s) {
  c.Exec("UPDATE typical_cases SET status = ? WHERE id = ?", {std::string(dc::CaseStatusKey(s)), id});
  return OkStatus();
}

Result<std::string> ReadFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return Error::Internal("photo file missing: " + p.filename().string());
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

Status WriteFile(const fs::path& path, std::string_view bytes) {
  const fs::path tmp = path.string() + ".part";
  std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), std::streamsize(bytes.size()));
  f.close();
  if (!f) {
    fs::remove(tmp);
    return Error::Internal("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);
  return OkStatus();
}

}  // namespace

Result<TypicalCase> CreateCase(const Context& ctx, const Actor& actor, int year, const std::string& county,
                               const CaseInput& in, Date today) {
  const auto* division = ctx.tree.Find(county);
  if (!division || division->level != domain::registry::Division::Level::kCounty)
    return Error::NotFound("case.county.not_found", "县（市、区）不存在", "No such county");
  if (auto d = policy::CanWriteCases(actor.principal, county, ctx.tree); d != Decision::kAllow)
    return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  if (auto s = RequireSummary(*c, year, today); !s) return s.error();
  auto checked = CheckInput(*c, county, in);
  if (!checked) return checked.error();
  const std::string now = BusinessNowIso();
  const int64_t id = *c->QueryInt(
      "INSERT INTO typical_cases(campaign_year, county_code, title, category, body, estates, status, version, "
      "created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,'draft',1,?,?,?) RETURNING id",
      {int64_t(year), county, checked->title, checked->category, checked->body, CodesJson(checked->estates),
       actor.username, now, now});
  auto out = Load(ctx, *c, year, id);
  if (!out) return Error::Internal("the new typical case was not found");
  audit::AppendAudit(*c, {actor.user_id, actor.username, "case.create", ObjectOf(id), std::nullopt, StateJson(*out),
                          actor.client, "ok"});
  tx.Commit();
  return *out;
}

Result<TypicalCase> UpdateCase(const Context& ctx, const Actor& actor, int year, int64_t id, const CaseInput& in,
                               int64_t expected_version, Date today) {
  return Write(ctx, actor, year, id, expected_version, today, "case.update", Writer(ctx, actor),
               [&](storage::Connection& c, const TypicalCase& t) -> Status {
                 if (auto s = dc::CheckEditable(t.status); !s) return s;
                 auto checked = CheckInput(c, t.county_code, in);
                 if (!checked) return checked.error();
                 c.Exec("UPDATE typical_cases SET title = ?, category = ?, body = ?, estates = ? WHERE id = ?",
                        {checked->title, checked->category, checked->body, CodesJson(checked->estates), id});
                 return OkStatus();
               });
}

Result<TypicalCase> SubmitCase(const Context& ctx, const Actor& actor, int year, int64_t id, int64_t expected_version,
                               Date today) {
  return Write(ctx, actor, year, id, expected_version, today, "case.submit", Writer(ctx, actor),
               [&](storage::Connection& c, const TypicalCase& t) -> Status {
                 if (auto s = dc::CheckSubmittable(t.status); !s) return s;
                 std::vector<std::string> codes;
                 for (const auto& e : t.estates) codes.push_back(e.code);
                 if (auto s = dc::CheckComplete(t.body, codes); !s) return s;
                 c.Exec("UPDATE typical_cases SET status = 'submitted', submitted_at = ? WHERE id = ?",
                        {BusinessNowIso(), id});
                 return OkStatus();
               });
}

Result<TypicalCase> ReturnCase(const Context& ctx, const Actor& actor, int year, int64_t id,
                               const std::string& comments, int64_t expected_version, Date today) {
  return Write(ctx, actor, year, id, expected_version, today, "case.return", Reviewer(actor),
               [&](storage::Connection& c, const TypicalCase& t) -> Status {
                 if (auto s = dc::CheckReviewable(t.status); !s) return s;
                 auto text = dc::CheckReturnComments(comments);
                 if (!text) return text.error();
                 c.Exec("UPDATE typical_cases SET status = 'returned', comments = ? WHERE id = ?", {*text, id});
                 return OkStatus();
               });
}

Result<TypicalCase> AcceptCase(const Context& ctx, const Actor& actor, int year, int64_t id, int64_t expected_version,
                               Date today) {
  return Write(ctx, actor, year, id, expected_version, today, "case.accept", Reviewer(actor),
               [&](storage::Connection& c, const TypicalCase& t) -> Status {
                 if (auto s = dc::CheckReviewable(t.status); !s) return s;
                 return SetStatus(c, id, dc::CaseStatus::kAccepted);
               });
}

Result<TypicalCase> PublishCase(const Context& ctx, const Actor& actor, int year, int64_t id, int64_t expected_version,
                                Date today) {
  return Write(ctx, actor, year, id, expected_version, today, "case.publish", Reviewer(actor),
               [&](storage::Connection& c, const TypicalCase& t) -> Status {
                 if (auto s = dc::CheckPublishable(t.status); !s) return s;
                 c.Exec("UPDATE typical_cases SET status = 'published', published_at = ? WHERE id = ?",
                        {BusinessNowIso(), id});
                 return OkStatus();
               });
}

Result<TypicalCase> AddCasePhoto(const Context& ctx, const Actor& actor, int year, int64_t id,
                                 const std::string& bytes, const std::string& uploaded_name, Date today) {
  return Write(ctx, actor, year, id, -1, today, "case.photo", Writer(ctx, actor),
               [&](storage::Connection& c, const TypicalCase& t) -> Status {
                 if (auto s = dc::CheckEditable(t.status); !s) return s;
                 if (auto s = dc::CheckPhotoCount(t.photos.size()); !s) return s;
                 auto mime = domain::cultivation::CheckPhoto(bytes);
                 if (!mime) return mime.error();
                 auto thumb = io::images::MakeThumbnail(bytes);
                 if (!thumb) return thumb.error();
                 if (ctx.data_dir.empty()) return Error::Internal("no data directory for uploaded files");
                 const fs::path dir = fs::path(ctx.data_dir) / "files" / "cases";
                 fs::create_directories(dir);
                 const std::string stored = crypto::RandomToken(24), thumb_name = stored + "-640.jpg";
                 if (auto s = WriteFile(dir / stored, bytes); !s) return s;
                 if (auto s = WriteFile(dir / thumb_name, thumb->jpeg); !s) return s;
                 c.Exec("INSERT INTO typical_case_photos(case_id, stored_name, thumb_name, mime, original_name, "
                        "size_bytes, thumb_width, thumb_height, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?)",
                        {id, stored, thumb_name, std::string(*mime),
                         domain::cultivation::SafePhotoName(uploaded_name, *mime), int64_t(bytes.size()),
                         int64_t(thumb->width), int64_t(thumb->height), BusinessNowIso()});
                 return OkStatus();
               });
}

Result<std::vector<TypicalCase>> ListCases(const Context& ctx, const Actor& actor, int year,
                                           const std::string& county) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, false);
  if (auto s = CampaignOf(*c, year); !s) return s.error();
  if (actor.principal.role == policy::Role::kApplicant || actor.principal.role == policy::Role::kEvaluator)
    return policy::DecisionError(Decision::kForbidden);
  std::vector<TypicalCase> out;
  c->Query(std::string(kSelect) + " WHERE campaign_year = ? ORDER BY id DESC", {int64_t(year)},
           [&](const storage::Row& r) {
             TypicalCase t = FromRow(ctx, r);
             if (!county.empty() && t.county_code != county) return;
             if (policy::CanReadCases(actor.principal, t.county_code, ctx.tree) != Decision::kAllow) return;
             // The city sees a county's drafts only once submitted.
             if (actor.principal.role == policy::Role::kCityAdmin && t.status == dc::CaseStatus::kDraft) return;
             out.push_back(std::move(t));
           });
  for (auto& t : out) Complete(*c, t);
  return out;
}

Result<TypicalCase> GetCase(const Context& ctx, const Actor& actor, int year, int64_t id) {
  auto c = ctx.db.Acquire();
  auto t = Load(ctx, *c, year, id);
  if (!t) return NoCase();
  auto d = policy::CanReadCases(actor.principal, t->county_code, ctx.tree);
  if (d == Decision::kNotFound) return NoCase();
  if (d != Decision::kAllow) return policy::DecisionError(d);
  return *t;
}

std::vector<TypicalCase> PublishedCases(const Context& ctx, int year) {
  auto c = ctx.db.Acquire();
  std::vector<TypicalCase> out;
  c->Query(std::string(kSelect) + " WHERE campaign_year = ? AND status = 'published' ORDER BY published_at DESC, id DESC",
           {int64_t(year)}, [&](const storage::Row& r) { out.push_back(FromRow(ctx, r)); });
  for (auto& t : out) Complete(*c, t);
  return out;
}

Result<TypicalCase> PublishedCase(const Context& ctx, int year, int64_t id) {
  auto c = ctx.db.Acquire();
  auto t = Load(ctx, *c, year, id);
  if (!t || t->status != dc::CaseStatus::kPublished)
    return Error::NotFound("case.not_found", "典型案例不存在或尚未发布", "No such published typical case");
  return *t;
}

Result<PhotoFile> GetCasePhoto(const Context& ctx, const Actor& actor, int64_t photo_id) {
  const Error missing = Error::NotFound("photo.not_found", "照片不存在，或不在您的管辖范围内",
                                        "No such photo, or it lies outside your scope");
  auto c = ctx.db.Acquire();
  std::optional<std::string> county, stored;
  PhotoFile out;
  c->Query("SELECT t.county_code, p.stored_name, p.mime, p.original_name FROM typical_case_photos p "
           "JOIN typical_cases t ON t.id = p.case_id WHERE p.id = ?",
           {photo_id}, [&](const storage::Row& r) {
             county = r.Text(0);
             stored = r.Text(1);
             out.mime = r.Text(2);
             out.name = r.Text(3);
           });
  if (!county) return missing;
  auto d = policy::CanReadCases(actor.principal, *county, ctx.tree);
  if (d == Decision::kNotFound) return missing;
  if (d != Decision::kAllow) return policy::DecisionError(d);
  auto bytes = ReadFile(fs::path(ctx.data_dir) / "files" / "cases" / *stored);
  if (!bytes) return bytes.error();
  out.bytes = std::move(*bytes);
  return out;
}

Result<PhotoFile> PublishedThumbnail(const Context& ctx, int64_t photo_id) {
  auto c = ctx.db.Acquire();
  std::optional<std::string> thumb;
  c->Query("SELECT p.thumb_name FROM typical_case_photos p JOIN typical_cases t ON t.id = p.case_id "
           "WHERE p.id = ? AND t.status = 'published'",
           {photo_id}, [&](const storage::Row& r) { thumb = r.Text(0); });
  if (!thumb) return Error::NotFound("photo.not_found", "照片不存在", "No such photo");
  auto bytes = ReadFile(fs::path(ctx.data_dir) / "files" / "cases" / *thumb);
  if (!bytes) return bytes.error();
  return PhotoFile{"image/jpeg", "photo-" + std::to_string(photo_id) + ".jpg", std::move(*bytes)};
}

}  // namespace meihao::service::cases

namespace meihao::service::cases {

Status SeedDemoCases(const Context& ctx, int year) {
  {
    auto c = ctx.db.Acquire();
    if (c->QueryInt("SELECT COUNT(*) FROM typical_cases WHERE campaign_year = ?", {int64_t(year)}).value_or(0) > 0)
      return OkStatus();
    if (!campaigns::LoadCampaign(*c, year)) return OkStatus();
  }
  ScopedToday day(Date{year, 11, 10});
  const Date today = TodayInChina();
  const Actor city = Actor::System();
  struct Demo {
    const char *county, *title, *category, *body;
    dc::CaseStatus status;
    unsigned color;
  };
  const Demo demos[] = {
      {"440703", "“红色管家”让老旧小区焕新颜", "party_building",
       "社区党委牵头成立小区党支部，组织党员楼长、志愿者担任“红色管家”，每月召开一次居民议事会。"
       "一年来推动加装电梯12部、整治停车秩序、修缮雨污管网1.2公里，居民满意度由76%提升至95%。",
       dc::CaseStatus::kPublished, 0xD9534F},
      {"440705", "业委会规范运行 账目公开透明", "owners_committee",
       "小区业主委员会依法换届，制定议事规则和公共收益管理办法，公共收益按季度在公告栏和微信群公示，"
       "业主可随时查阅凭证。两年来未发生一起涉及公共收益的投诉。",
       dc::CaseStatus::kPublished, 0x5B8DEF},
      {"440703", "物业服务“好差评” 群众说了算", "property_service",
       "物业服务企业推行服务事项清单和“好差评”制度，维修响应时间由48小时缩短到4小时，物业费收缴率达98%。",
       dc::CaseStatus::kAccepted, 0x4CAF50},
      {"440705", "执法进小区 违建清零", "enforcement",
       "街道综合执法队联合消防、市场监管进驻小区，开展联合执法，拆除违法建设23处，清理消防通道堵塞点41处。",
       dc::CaseStatus::kSubmitted, 0xF0AD4E},
      {"440703", "为群众办实事 暖心食堂开进小区", "practical_deeds",
       "社区利用闲置架空层建设长者饭堂，为60岁以上老人提供助餐服务，日均就餐120人次。",
       dc::CaseStatus::kReturned, 0x9C27B0},
      {"440705", "加装电梯协商议事经验", "practical_deeds", "", dc::CaseStatus::kDraft, 0x795548},
  };
  for (const auto& d : demos) {
    const Actor county{std::nullopt, std::string("county_admin_demo_") + d.county,
                       policy::Principal{0, policy::Role::kCountyAdmin, d.county}, "cli"};
    std::string estate;
    {
      auto c = ctx.db.Acquire();
      estate = c->QueryText("SELECT code FROM estates WHERE county_code = ? ORDER BY code LIMIT 1", {std::string(d.county)})
                   .value_or("");
    }
    if (estate.empty()) continue;
    auto t = CreateCase(ctx, county, year, d.county, {d.title, d.category, d.body, {estate}}, today);
    if (!t) return t.error();
    if (!ctx.data_dir.empty() && d.status != dc::CaseStatus::kDraft)
      for (int i = 0; i < 3; ++i) {
        auto p = AddCasePhoto(ctx, county, year, t->id, io::images::DrawDemoPng(1200, 800, d.color + 0x101010u * i),
                              "现场照片" + std::to_string(i + 1) + ".png", today);
        if (!p) return p.error();
        t = p;
      }
    if (d.status == dc::CaseStatus::kDraft) continue;
    t = SubmitCase(ctx, county, year, t->id, t->version, today);
    if (!t) return t.error();
    if (d.status == dc::CaseStatus::kSubmitted) continue;
    if (d.status == dc::CaseStatus::kReturned) {
      t = ReturnCase(ctx, city, year, t->id, "请补充服务对象数量和居民评价。", t->version, today);
      if (!t) return t.error();
      continue;
    }
    t = AcceptCase(ctx, city, year, t->id, t->version, today);
    if (!t) return t.error();
    if (d.status == dc::CaseStatus::kPublished) {
      t = PublishCase(ctx, city, year, t->id, t->version, today);
      if (!t) return t.error();
    }
  }
  return OkStatus();
}

}  // namespace meihao::service::cases

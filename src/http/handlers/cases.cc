// /api/campaigns/{year}/cases…: typical cases (典型案例, issue #11 part 4) —
// the county writes, submits and illustrates; the city returns, accepts and
// publishes. /api/public/…/cases: the published ones for every visitor, with
// their 640 px thumbnails. Today is TodayInChina().
#include "common/date.h"
#include "domain/cultivation/cultivation.h"
#include "http/app.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/cases/cases.h"
#include "service/cases/compilation.h"

namespace meihao::http {
namespace {

namespace dc = domain::cases;
using boost::json::array;
using boost::json::object;

object CaseJson(const service::cases::TypicalCase& t, bool for_public) {
  array estates, photos;
  for (const auto& e : t.estates) estates.push_back(object{{"code", e.code}, {"name", e.name}});
  for (const auto& p : t.photos) {
    object o{{"id", p.id},
             {"thumb_url", "/api/public/cases/photos/" + std::to_string(p.id) + "/thumb"},
             {"thumb_width", p.thumb_width},
             {"thumb_height", p.thumb_height}};
    if (!for_public) {
      o["url"] = "/api/cases/photos/" + std::to_string(p.id);
      o["name"] = p.name;
      o["size_bytes"] = p.size_bytes;
      o["uploaded_at"] = p.uploaded_at;
    }
    photos.push_back(std::move(o));
  }
  auto cat = dc::FindCategory(t.category);
  object o{{"id", t.id},
           {"year", t.year},
           {"county_code", t.county_code},
           {"county_name", t.county_name},
           {"title", t.title},
           {"category", t.category},
           {"category_zh", cat ? cat->name_zh : ""},
           {"body", t.body},
           {"estates", std::move(estates)},
           {"photos", std::move(photos)},
           {"published_at", Opt(t.published_at)}};
  if (!for_public) {
    o["status"] = dc::CaseStatusKey(t.status);
    o["status_zh"] = dc::CaseStatusNameZh(t.status);
    o["version"] = t.version;
    o["comments"] = Opt(t.comments);
    o["submitted_at"] = Opt(t.submitted_at);
    o["created_by"] = t.created_by;
    o["created_at"] = t.created_at;
    o["updated_at"] = t.updated_at;
  }
  return o;
}

Result<int64_t> CaseId(const Call& call) {
  std::string id = call.Param("id");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound("case.not_found", "典型案例不存在", "No such typical case");
  return std::stoll(id);
}

Result<int64_t> PhotoId(const Call& call) {
  std::string id = call.Param("id");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound("photo.not_found", "照片不存在", "No such photo");
  return std::stoll(id);
}

Result<int64_t> VersionOf(const object& body) {
  auto v = OptInt(body, "version");
  if (!v) return v.error();
  if (!*v)
    return Error::Invalid("version.required", "请提供案例版本号 version（读取时的版本）", "Give version (the one read)",
                          "version");
  return **v;
}

Result<service::cases::CaseInput> InputOf(const object& body) {
  service::cases::CaseInput in;
  for (auto [field, out] : {std::pair{"title", &in.title}, {"category", &in.category}, {"body", &in.body}}) {
    auto v = OptString(body, field);
    if (!v) return v.error();
    *out = v->value_or("");
  }
  if (const auto* e = body.if_contains("estates")) {
    if (!e->is_array())
      return Error::Invalid("case.estates.type", "estates 须为小区编码的数组", "estates must be an array of codes",
                            "estates");
    for (const auto& x : e->as_array()) {
      if (!x.is_string())
        return Error::Invalid("case.estates.type", "estates 须为小区编码的数组", "estates must be an array of codes",
                              "estates");
      in.estates.emplace_back(x.as_string());
    }
  }
  return in;
}

Response List(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(rows, service::cases::ListCases(app.ctx(), call.actor, *year, call.req.Query("county")));
  array items;
  for (const auto& t : *rows) items.push_back(CaseJson(t, false));
  array categories;
  for (const auto& c : dc::kCategories) categories.push_back(object{{"key", c.key}, {"name_zh", c.name_zh}});
  return JsonResponse(200, object{{"items", std::move(items)}, {"categories", std::move(categories)}});
}

Response Create(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(county, ReqString(*body, "county"));
  MEIHAO_TRY(in, InputOf(*body));
  MEIHAO_TRY(t, service::cases::CreateCase(app.ctx(), call.actor, *year, *county, *in, TodayInChina()));
  return JsonResponse(201, CaseJson(*t, false));
}

Response Get(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, CaseId(call));
  MEIHAO_TRY(t, service::cases::GetCase(app.ctx(), call.actor, *year, *id));
  return JsonResponse(200, CaseJson(*t, false));
}

Response Update(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, CaseId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(version, VersionOf(*body));
  MEIHAO_TRY(in, InputOf(*body));
  MEIHAO_TRY(t, service::cases::UpdateCase(app.ctx(), call.actor, *year, *id, *in, *version, TodayInChina()));
  return JsonResponse(200, CaseJson(*t, false));
}

template <typename Fn>
Response Transition(App& app, Call& call, Fn fn) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, CaseId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(version, VersionOf(*body));
  MEIHAO_TRY(t, fn(*year, *id, *body, *version));
  return JsonResponse(200, CaseJson(*t, false));
}

Response Submit(App& app, Call& call) {
  return Transition(app, call, [&](int y, int64_t id, const object&, int64_t v) {
    return service::cases::SubmitCase(app.ctx(), call.actor, y, id, v, TodayInChina());
  });
}
Response Return(App& app, Call& call) {
  return Transition(app, call, [&](int y, int64_t id, const object& body, int64_t v) -> Result<service::cases::TypicalCase> {
    auto comments = OptString(body, "comments");
    if (!comments) return comments.error();
    return service::cases::ReturnCase(app.ctx(), call.actor, y, id, comments->value_or(""), v, TodayInChina());
  });
}
Response Accept(App& app, Call& call) {
  return Transition(app, call, [&](int y, int64_t id, const object&, int64_t v) {
    return service::cases::AcceptCase(app.ctx(), call.actor, y, id, v, TodayInChina());
  });
}
Response Publish(App& app, Call& call) {
  return Transition(app, call, [&](int y, int64_t id, const object&, int64_t v) {
    return service::cases::PublishCase(app.ctx(), call.actor, y, id, v, TodayInChina());
  });
}

// The raw image is the body; ?filename= names it.
Response AddPhoto(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, CaseId(call));
  MEIHAO_TRY(t, service::cases::AddCasePhoto(app.ctx(), call.actor, *year, *id, call.req.body, UploadName(call.req),
                                             TodayInChina()));
  return JsonResponse(201, CaseJson(*t, false));
}

// The original: always a download.
Response Photo(App& app, Call& call) {
  MEIHAO_TRY(id, PhotoId(call));
  MEIHAO_TRY(file, service::cases::GetCasePhoto(app.ctx(), call.actor, *id));
  return Response::File(file->mime, std::move(file->bytes), file->name);
}

Response PublicList(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  array items;
  for (const auto& t : service::cases::PublishedCases(app.ctx(), *year)) items.push_back(CaseJson(t, true));
  return JsonResponse(200, object{{"year", *year}, {"items", std::move(items)}});
}

Response PublicGet(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(id, CaseId(call));
  MEIHAO_TRY(t, service::cases::PublishedCase(app.ctx(), *year, *id));
  return JsonResponse(200, CaseJson(*t, true));
}

// A thumbnail we made ourselves (a JPEG from our own encoder), shown inline.
Response PublicThumb(App& app, Call& call) {
  MEIHAO_TRY(id, PhotoId(call));
  MEIHAO_TRY(file, service::cases::PublishedThumbnail(app.ctx(), *id));
  return Response{200, "image/jpeg", std::move(file->bytes), {}};
}

// 典型案例汇编: the accepted and published cases as one PDF, for the city.
Response Compilation(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(pdf, service::cases::CaseCompilationPdf(app.ctx(), call.actor, *year, TodayInChina()));
  return Response::File("application/pdf", std::move(*pdf), std::to_string(*year) + "年度典型案例汇编.pdf");
}

}  // namespace

bool IsCasePhotoUpload(const std::string& target) {
  auto q = target.find('?');
  std::string_view path(target.data(), q == std::string::npos ? target.size() : q);
  return path.starts_with("/api/campaigns/") && path.find("/cases/") != std::string_view::npos &&
         path.ends_with("/photos");
}

void RegisterCaseRoutes(App& app) {
  app.Api("GET", "/api/campaigns/{year}/cases", Access::kUser, [&app](Call& c) { return List(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cases", Access::kUser, [&app](Call& c) { return Create(app, c); });
  app.Api("GET", "/api/campaigns/{year}/cases/{id}", Access::kUser, [&app](Call& c) { return Get(app, c); });
  app.Api("PUT", "/api/campaigns/{year}/cases/{id}", Access::kUser, [&app](Call& c) { return Update(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cases/{id}/submit", Access::kUser, [&app](Call& c) { return Submit(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cases/{id}/return", Access::kUser, [&app](Call& c) { return Return(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cases/{id}/accept", Access::kUser, [&app](Call& c) { return Accept(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cases/{id}/publish", Access::kUser,
          [&app](Call& c) { return Publish(app, c); });
  app.Api("POST", "/api/campaigns/{year}/cases/{id}/photos", Access::kUser,
          [&app](Call& c) { return AddPhoto(app, c); });
  app.Api("GET", "/api/cases/photos/{id}", Access::kUser, [&app](Call& c) { return Photo(app, c); });
  app.Api("GET", "/api/campaigns/{year}/case-compilation", Access::kUser,
          [&app](Call& c) { return Compilation(app, c); });
  app.Api("GET", "/api/public/campaigns/{year}/cases", Access::kPublic, [&app](Call& c) { return PublicList(app, c); });
  app.Api("GET", "/api/public/campaigns/{year}/cases/{id}", Access::kPublic,
          [&app](Call& c) { return PublicGet(app, c); });
  app.Api("GET", "/api/public/cases/photos/{id}/thumb", Access::kPublic,
          [&app](Call& c) { return PublicThumb(app, c); });
}

}  // namespace meihao::http

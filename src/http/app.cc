#include "http/app.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "common/crypto.h"
#include "domain/cultivation/cultivation.h"
#include "domain/applications/evidence.h"
#include "http/json.h"
#include "storage/database.h"

namespace meihao::http {
namespace {

const Error kCsrf{ErrorKind::kForbidden, "csrf", "请求缺少有效的 CSRF 令牌，请刷新页面后重试",
                  "Missing or wrong CSRF token; reload the page and try again", {}};
const Error kChangePassword{ErrorKind::kForbidden, "password.change_required", "请先修改初始密码",
                            "Change your initial password first", {}};

bool IsSafeMethod(const std::string& m) { return m == "GET" || m == "HEAD"; }

std::string ContentTypeOf(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
      {".png", "image/png"},                 {".ico", "image/x-icon"},
      {".json", "application/json"},         {".woff2", "font/woff2"},
      {".woff", "font/woff"},                {".ttf", "font/ttf"}};
  for (const auto& [ext, type] : kTypes)
    if (path.size() >= strlen(ext) && path.compare(path.size() - strlen(ext), strlen(ext), ext) == 0) return type;
  return "application/octet-stream";
}

}  // namespace

App::App(service::Context ctx, std::string web_dir, size_t survey_batch)
    : ctx_(ctx), web_dir_(std::move(web_dir)), survey_intake_(ctx, survey_batch) {
  RegisterSessionRoutes(*this);
  RegisterEstateRoutes(*this);
  RegisterHealthRoutes(*this);
  RegisterDivisionRoutes(*this);
  RegisterUserRoutes(*this);
  RegisterAuditRoutes(*this);
  RegisterRecordRoutes(*this);
  RegisterCampaignRoutes(*this);
  RegisterRankingRoutes(*this);
  RegisterSurveyRoutes(*this);
  RegisterCultivationRoutes(*this);
  RegisterRubricRoutes(*this);
  RegisterApplicationRoutes(*this);
  RegisterEvaluationRoutes(*this);
  RegisterSelectionRoutes(*this);
  RegisterPublicListRoutes(*this);
  RegisterReportRoutes(*this);
  RegisterAssessmentRoutes(*this);
  RegisterSummaryRoutes(*this);
  RegisterDocumentRoutes(*this);
  RegisterCaseRoutes(*this);
}

void App::Api(std::string method, std::string pattern, Access access, ApiHandler h) {
  router_.Add(method, pattern, [this, access, h = std::move(h)](const Request& req, const PathParams& params) {
    return Dispatch(params, req, access, h);
  });
}

size_t App::BodyLimit(const std::string& target) const {
  if (IsCultivationPhotoUpload(target)) return domain::cultivation::kMaxPhotoBytes;
  if (IsCasePhotoUpload(target)) return domain::cultivation::kMaxPhotoBytes;
  if (IsEvidenceUpload(target)) return domain::applications::kMaxEvidenceBytes;
  return target.rfind("/api/imports/", 0) == 0 ? kMaxImportBodyBytes : kMaxBodyBytes;
}

Response App::Handle(Request& req) {
  auto start = std::chrono::steady_clock::now();
  Response res;
  if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") {
    std::string method = req.method == "HEAD" ? "GET" : req.method;
    auto m = router_.Find(method, req.path);
    if (m.route) {
      res = m.route->handler(req, m.params);
    } else if (m.status == 405) {
      res = ErrorResponse({ErrorKind::kInvalid, "method.not_allowed", "不支持该请求方法", "Method not allowed", {}});
      res.status = 405;
      res.headers.emplace_back("Allow", m.allow);
    } else {
      res = ErrorResponse(Error::NotFound("route.not_found", "接口不存在", "No such API route"));
    }
    res.headers.emplace_back("Cache-Control", "no-store");
  } else {
    res = Static(req);
  }
  // A household code in a survey link is a credential: never written to the log.
  std::string logged_path = req.path;
  for (std::string_view prefix : {"/api/survey/", "/survey/"})
    if (logged_path.rfind(prefix, 0) == 0 && logged_path.size() > prefix.size())
      logged_path = std::string(prefix) + "…";
  auto log = [start, method = req.method, path = std::move(logged_path), client = req.client](int status) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    // One line per request; the query string is left out (it may carry names people searched for).
    spdlog::info("{} {} {} {}us {}", method, path, status, us, client);
  };
  if (res.deferred) {
    // Logged when the real answer is delivered, with the no-store header every API answer has.
    res.deferred = [inner = std::move(res.deferred), log](std::function<void(Response)> deliver) {
      inner([log, deliver = std::move(deliver)](Response r) {
        r.headers.emplace_back("Cache-Control", "no-store");
        log(r.status);
        deliver(std::move(r));
      });
    };
    return res;
  }
  log(res.status);
  return res;
}

Response App::Dispatch(const PathParams& params, const Request& req, Access access,
                       const ApiHandler& h) {
  Call call{req, params, std::nullopt, {}};
  call.actor.client = req.client;
  if (access != Access::kPublic) {
    auto s = service::accounts::Authenticate(ctx_, req.Cookie("meihao_session"));
    if (!s) return ErrorResponse(s.error());
    if (!IsSafeMethod(req.method) && !crypto::ConstantTimeEquals(req.Header("x-csrf-token"), s->csrf_token))
      return ErrorResponse(kCsrf);
    if (access == Access::kUser && s->user.must_change_password) return ErrorResponse(kChangePassword);
    call.actor = {s->user.id, s->user.username, {s->user.id, s->user.role, s->user.scope_code}, req.client};
    call.session = std::move(*s);
  }
  try {
    return h(call);
  } catch (const storage::DatabaseError& e) {
    if (e.IsUniqueViolation())
      return ErrorResponse(Error::Conflict("conflict", "数据已被他人修改或已存在，请刷新后重试",
                                           "The record changed or already exists; reload and retry"));
    spdlog::error("database error on {} {}: {}", req.method, req.path, e.what());
  } catch (const std::exception& e) {
    spdlog::error("error on {} {}: {}", req.method, req.path, e.what());
  }
  return ErrorResponse(Error::Internal("internal error"));
}

Response App::Static(const Request& req) {
  if (!IsSafeMethod(req.method)) {
    auto res = ErrorResponse({ErrorKind::kInvalid, "method.not_allowed", "不支持该请求方法", "Method not allowed", {}});
    res.status = 405;
    res.headers.emplace_back("Allow", "GET, HEAD");
    return res;
  }
  std::string path = req.path;
  if (path.find("..") != std::string::npos || path.find('\0') != std::string::npos)
    return ErrorResponse(Error::NotFound("static.not_found", "页面不存在", "Not found"));
  // Paths without an extension belong to the single-page app's router.
  auto slash = path.rfind('/');
  if (path == "/" || path.find('.', slash == std::string::npos ? 0 : slash) == std::string::npos)
    path = "/index.html";
  std::lock_guard lock(static_mu_);
  auto it = static_cache_.find(path);
  if (it == static_cache_.end()) {
    std::ifstream f(web_dir_ + path, std::ios::binary);
    if (!f) return ErrorResponse(Error::NotFound("static.not_found", "页面不存在", "Not found"));
    std::ostringstream ss;
    ss << f.rdbuf();
    it = static_cache_.emplace(path, std::make_pair(ContentTypeOf(path), ss.str())).first;
  }
  Response r{200, it->second.first, it->second.second, {}};
  r.headers.emplace_back("Cache-Control", path.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable"
                                                                        : "no-cache");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                         "frame-ancestors 'none'");
  return r;
}

}  // namespace meihao::http

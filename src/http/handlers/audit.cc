// /api/audit (the trail, filtered and paged) and /api/audit/verify (the hash chain checked),
// for the auditor and the city administrator.
#include <algorithm>

#include "http/handlers/common.h"
#include "http/json.h"
#include "service/audit/audit.h"

namespace meihao::http {
namespace {

Status RequireAudit(const Call& call) {
  if (policy::CanReadAudit(call.actor.principal) != policy::Decision::kAllow)
    return Error::Forbidden("forbidden", "只有审计员和市级管理员可以查看审计日志",
                            "Only auditors and the city administrator read the audit trail");
  return OkStatus();
}

Response Audit(App& app, Call& call) {
  if (auto s = RequireAudit(call); !s) return ErrorResponse(s.error());
  service::audit::AuditQuery q;
  q.action = call.req.Query("action");
  q.username = call.req.Query("username");
  std::string page = call.req.Query("page"), size = call.req.Query("page_size");
  auto num = [](const std::string& s, int fallback, int max) {
    if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return fallback;
    return std::clamp(std::stoi(s), 1, max);
  };
  q.page = num(page, 1, 1000000);
  q.page_size = num(size, 50, 200);
  auto c = app.ctx().db.Acquire();
  auto result = service::audit::ListAudit(*c, q);
  boost::json::array items;
  for (const auto& r : result.items) {
    boost::json::object o{{"id", r.id},         {"at", r.at},         {"username", r.username},
                          {"action", r.action}, {"object", r.object}, {"client", r.client},
                          {"result", r.result}, {"hash", r.hash}};
    o["before"] = r.before_json ? boost::json::value(*r.before_json) : nullptr;
    o["after"] = r.after_json ? boost::json::value(*r.after_json) : nullptr;
    items.push_back(std::move(o));
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}, {"total", result.total}});
}

Response Verify(App& app, Call& call) {
  if (auto s = RequireAudit(call); !s) return ErrorResponse(s.error());
  auto c = app.ctx().db.Acquire();
  auto v = service::audit::VerifyAudit(*c);
  boost::json::object o{{"ok", v.ok}, {"checked", v.checked}, {"reason", v.reason}};
  o["first_broken"] = v.first_broken ? boost::json::value(*v.first_broken) : nullptr;
  return JsonResponse(200, o);
}

}  // namespace

void RegisterAuditRoutes(App& app) {
  app.Api("GET", "/api/audit", Access::kUser, [&app](Call& c) { return Audit(app, c); });
  app.Api("GET", "/api/audit/verify", Access::kUser, [&app](Call& c) { return Verify(app, c); });
}

}  // namespace meihao::http

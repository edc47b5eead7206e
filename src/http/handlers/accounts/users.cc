// /api/health, /api/divisions, /api/stats, /api/users, /api/audit.
#include <map>

#include "http/handlers/common.h"
#include "http/json.h"
#include "service/audit/audit.h"

namespace meihao::http {
namespace {

Response Health(App&, Call&) {
  return JsonResponse(200, boost::json::object{{"status", "ok"}, {"version", MEIHAO_VERSION}});
}

boost::json::object NodeJson(const domain::registry::DivisionTree& tree, const domain::registry::Division& d,
                             const std::map<std::string, int64_t>& counts) {
  boost::json::array children;
  int64_t total = 0;
  for (const auto* c : tree.Children(d.code)) {
    auto child = NodeJson(tree, *c, counts);
    total += child["estate_count"].as_int64();
    children.push_back(std::move(child));
  }
  if (auto it = counts.find(d.code); it != counts.end()) total += it->second;
  return {{"code", d.code}, {"name", d.name}, {"level", std::string(domain::registry::LevelKey(d.level))},
          {"estate_count", total}, {"children", std::move(children)}};
}

Response Divisions(App& app, Call& call) {
  const auto& tree = app.ctx().tree;
  std::string scope = call.actor.principal.scope;
  const domain::registry::Division* node = tree.Find(scope);
  std::map<std::string, int64_t> counts;
  if (auto r = service::registry::EstateCountsByTown(app.ctx(), call.actor); r)
    for (auto& [town, n] : *r) counts[town] = n;
  if (!node) {  // an applicant: the path to its estate's town
    auto e = service::registry::GetEstate(app.ctx(), call.actor, scope);
    node = e ? tree.Find(e->estate.town_code) : &tree.Root();
  }
  boost::json::array path;
  for (const auto* d : tree.Path(node->code)) path.push_back({{"code", d->code}, {"name", d->name}});
  return JsonResponse(200, boost::json::object{{"tree", NodeJson(tree, *node, counts)}, {"path", std::move(path)}});
}

Response Stats(App& app, Call& call) {
  MEIHAO_TRY(st, service::registry::EstateStatistics(app.ctx(), call.actor));
  boost::json::array counties, modes;
  for (const auto& c : st->by_county)
    counties.push_back({{"code", c.code}, {"name", c.name}, {"count", c.count}, {"managed", c.managed}});
  for (const auto& m : st->by_mode) {
    auto mode = domain::registry::ParseManagementMode(m.mode);
    modes.push_back({{"mode", m.mode}, {"label", std::string(domain::registry::ManagementModeLabel(*mode))}, {"count", m.count}});
  }
  return JsonResponse(200, boost::json::object{{"by_county", std::move(counties)}, {"by_mode", std::move(modes)},
                                               {"total", st->total}});
}

Response Users(App& app, Call& call) {
  MEIHAO_TRY(users, service::accounts::ListUsers(app.ctx(), call.actor));
  boost::json::array items;
  for (const auto& u : *users) items.push_back(UserJson(app.ctx(), u));
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

Response CreateUser(App& app, Call& call) {
  MEIHAO_TRY(body, ParseObject(call.req.body));
  service::accounts::NewUser u;
  for (auto [f, out] : {std::pair{"username", &u.username}, {"display_name", &u.display_name}, {"role", &u.role},
                        {"scope", &u.scope}, {"password", &u.password}}) {
    auto v = ReqString(*body, f);
    if (!v) return ErrorResponse(v.error());
    *out = *v;
  }
  MEIHAO_TRY(created, service::accounts::CreateUser(app.ctx(), call.actor, u));
  return JsonResponse(201, UserJson(app.ctx(), *created));
}

Result<int64_t> UserId(Call& call) {
  std::string id = call.Param("id");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound("user.not_found", "用户不存在", "No such user");
  return std::stoll(id);
}

Response PatchUser(App& app, Call& call) {
  MEIHAO_TRY(id, UserId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(disabled, OptBool(*body, "disabled"));
  MEIHAO_TRY(name, OptString(*body, "display_name"));
  if (!*disabled && !*name)
    return ErrorResponse(Error::Invalid("user.patch.empty", "请提供 disabled 或 display_name", "Give disabled or display_name"));
  std::optional<service::accounts::User> out;
  if (*name) {
    MEIHAO_TRY(u, service::accounts::SetDisplayName(app.ctx(), call.actor, *id, **name));
    out = *u;
  }
  if (*disabled) {
    MEIHAO_TRY(u, service::accounts::SetUserDisabled(app.ctx(), call.actor, *id, **disabled));
    out = *u;
  }
  return JsonResponse(200, UserJson(app.ctx(), *out));
}

Response ResetPassword(App& app, Call& call) {
  MEIHAO_TRY(id, UserId(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(pw, ReqString(*body, "password"));
  auto s = service::accounts::ResetPassword(app.ctx(), call.actor, *id, *pw);
  if (!s) return ErrorResponse(s.error());
  return Response::NoContent();
}

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

void RegisterAdminRoutes(App& app) {
  app.Api("GET", "/api/health", Access::kPublic, [&app](Call& c) { return Health(app, c); });
  app.Api("GET", "/api/divisions", Access::kUser, [&app](Call& c) { return Divisions(app, c); });
  app.Api("GET", "/api/stats/estates", Access::kUser, [&app](Call& c) { return Stats(app, c); });
  app.Api("GET", "/api/users", Access::kUser, [&app](Call& c) { return Users(app, c); });
  app.Api("POST", "/api/users", Access::kUser, [&app](Call& c) { return CreateUser(app, c); });
  app.Api("PATCH", "/api/users/{id}", Access::kUser, [&app](Call& c) { return PatchUser(app, c); });
  app.Api("POST", "/api/users/{id}/reset-password", Access::kUser, [&app](Call& c) { return ResetPassword(app, c); });
  app.Api("GET", "/api/audit", Access::kUser, [&app](Call& c) { return Audit(app, c); });
  app.Api("GET", "/api/audit/verify", Access::kUser, [&app](Call& c) { return Verify(app, c); });
}

}  // namespace meihao::http

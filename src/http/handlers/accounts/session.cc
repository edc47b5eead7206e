// /api/session: login, logout, who am I, change my password.
#include "http/handlers/common.h"
#include "http/json.h"

namespace meihao::http {

boost::json::object UserJson(const service::Context& ctx, const service::accounts::User& u) {
  boost::json::object scope{{"code", u.scope_code}};
  if (const auto* d = ctx.tree.Find(u.scope_code)) {
    scope["name"] = d->name;
    scope["level"] = std::string(domain::registry::LevelKey(d->level));
  } else {
    scope["name"] = service::registry::EstateNameOf(ctx, u.scope_code).value_or(u.scope_code);
    scope["level"] = "estate";
  }
  boost::json::object o{{"id", u.id},
                        {"username", u.username},
                        {"display_name", u.display_name},
                        {"role", std::string(policy::RoleKey(u.role))},
                        {"role_label", std::string(policy::RoleLabel(u.role))},
                        {"scope", std::move(scope)},
                        {"must_change_password", u.must_change_password},
                        {"disabled", u.disabled}};
  o["last_login_at"] = u.last_login_at ? boost::json::value(*u.last_login_at) : boost::json::value(nullptr);
  return o;
}

namespace {

std::string SessionCookie(const std::string& token, int max_age) {
  return "meihao_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
}

Response Login(App& app, Call& call) {
  auto body = ParseObject(call.req.body);
  if (!body) return ErrorResponse(body.error());
  auto username = ReqString(*body, "username");
  if (!username) return ErrorResponse(username.error());
  auto password = ReqString(*body, "password");
  if (!password) return ErrorResponse(password.error());
  auto r = service::accounts::Login(app.ctx(), *username, *password, call.req.client);
  if (!r) return ErrorResponse(r.error());
  auto res = JsonResponse(200, boost::json::object{{"user", UserJson(app.ctx(), r->user)}, {"csrf_token", r->csrf_token}});
  res.headers.emplace_back("Set-Cookie", SessionCookie(r->token, int(service::accounts::kSessionAbsoluteSeconds)));
  return res;
}

Response Me(App& app, Call& call) {
  return JsonResponse(200, boost::json::object{{"user", UserJson(app.ctx(), call.session->user)},
                                               {"csrf_token", call.session->csrf_token}});
}

Response Logout(App& app, Call& call) {
  service::accounts::Logout(app.ctx(), call.actor, call.session->token_hash);
  auto res = Response::NoContent();
  res.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
  return res;
}

Response ChangePassword(App& app, Call& call) {
  auto body = ParseObject(call.req.body);
  if (!body) return ErrorResponse(body.error());
  auto old_pw = ReqString(*body, "old_password");
  if (!old_pw) return ErrorResponse(old_pw.error());
  auto new_pw = ReqString(*body, "new_password");
  if (!new_pw) return ErrorResponse(new_pw.error());
  auto s = service::accounts::ChangePassword(app.ctx(), call.actor, *old_pw, *new_pw);
  if (!s) return ErrorResponse(s.error());
  return Response::NoContent();
}

}  // namespace

void RegisterSessionRoutes(App& app) {
  app.Api("POST", "/api/session/login", Access::kPublic, [&app](Call& c) { return Login(app, c); });
  app.Api("POST", "/api/session/logout", Access::kSession, [&app](Call& c) { return Logout(app, c); });
  app.Api("GET", "/api/session/me", Access::kSession, [&app](Call& c) { return Me(app, c); });
  app.Api("POST", "/api/session/password", Access::kSession, [&app](Call& c) { return ChangePassword(app, c); });
}

}  // namespace meihao::http

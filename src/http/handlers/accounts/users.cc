// /api/users: the city administrator's users (create, rename, disable, reset a password).
#include "http/handlers/common.h"
#include "http/json.h"

namespace meihao::http {
namespace {

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

}  // namespace

void RegisterUserRoutes(App& app) {
  app.Api("GET", "/api/users", Access::kUser, [&app](Call& c) { return Users(app, c); });
  app.Api("POST", "/api/users", Access::kUser, [&app](Call& c) { return CreateUser(app, c); });
  app.Api("PATCH", "/api/users/{id}", Access::kUser, [&app](Call& c) { return PatchUser(app, c); });
  app.Api("POST", "/api/users/{id}/reset-password", Access::kUser, [&app](Call& c) { return ResetPassword(app, c); });
}

}  // namespace meihao::http

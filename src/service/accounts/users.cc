#include "service/accounts/users.h"

#include <boost/json.hpp>
#include <regex>

#include "common/clock.h"
#include "common/crypto.h"
#include "common/text.h"
#include "service/audit/audit.h"
#include "service/accounts/users_internal.h"

namespace meihao::service::accounts {

User ReadUser(const storage::Row& r, int first) {
  User u;
  u.id = r.Int(first);
  u.username = r.Text(first + 1);
  u.display_name = r.Text(first + 2);
  u.role = policy::RoleFromKey(r.TextView(first + 3)).value_or(policy::Role::kAuditor);
  u.scope_code = r.Text(first + 4);
  u.must_change_password = r.Bool(first + 5);
  u.disabled = r.Bool(first + 6);
  u.last_login_at = r.OptText(first + 7);
  return u;
}

namespace {

std::optional<User> LoadUser(storage::Connection& c, std::string_view where, const storage::Params& p) {
  std::optional<User> out;
  c.Query("SELECT " + std::string(kUserColumns) + " FROM users u WHERE " + std::string(where), p,
          [&](const storage::Row& r) { out = ReadUser(r); });
  return out;
}

std::string UserJson(const User& u) {
  boost::json::object o{{"id", u.id},
                        {"username", u.username},
                        {"display_name", u.display_name},
                        {"role", std::string(policy::RoleKey(u.role))},
                        {"scope", u.scope_code},
                        {"disabled", u.disabled},
                        {"must_change_password", u.must_change_password}};
  return boost::json::serialize(o);
}

Error UserNotFound() {
  return Error::NotFound("user.not_found", "用户不存在", "No such user");
}

Status RequireManageUsers(const Actor& a) {
  if (policy::CanManageUsers(a.principal) != policy::Decision::kAllow)
    return Error::Forbidden("forbidden", "只有市级管理员可以管理用户", "Only the city administrator manages users");
  return OkStatus();
}

// Which scopes fit which role: an applicant belongs to one estate; a county
// administrator to a county; street staff to a town (or a county); the others
// to any division node.
Status CheckScope(storage::Connection& c, const domain::registry::DivisionTree& tree, policy::Role role, const std::string& scope) {
  auto bad = [&](std::string zh, std::string en) { return Error::Invalid("user.scope", zh, en, "scope"); };
  if (role == policy::Role::kApplicant) {
    if (!c.QueryInt("SELECT 1 FROM estates WHERE code = ? AND deleted_at IS NULL", {scope}))
      return bad("申报单位的范围必须是一个已登记的小区编码", "An applicant's scope must be the code of a registered estate");
    return OkStatus();
  }
  const domain::registry::Division* d = tree.Find(scope);
  if (!d) return bad("范围必须是行政区划代码（市、县（市、区）或镇街）", "Scope must be a division code (city, county or town)");
  if (role == policy::Role::kCountyAdmin && d->level != domain::registry::Division::Level::kCounty)
    return bad("县（市、区）管理员的范围必须是一个县（市、区）", "A county administrator's scope must be a county");
  if (role == policy::Role::kStreetStaff && d->level == domain::registry::Division::Level::kCity)
    return bad("街道（镇）工作人员的范围必须是镇街或县（市、区）", "Street staff's scope must be a town or a county");
  return OkStatus();
}

Status CheckNewUser(const NewUser& in) {
  static const std::regex kUsername("[a-z0-9_.-]{3,32}");
  if (!std::regex_match(in.username, kUsername))
    return Error::Invalid("user.username", "用户名须为 3–32 位小写字母、数字或 _ . -",
                          "Username must be 3–32 of a–z 0–9 _ . -", "username");
  size_t n = CodePointCount(in.display_name);
  if (n < 1 || n > 50)
    return Error::Invalid("user.display_name", "姓名须为 1–50 个字符", "Display name must be 1–50 characters",
                          "display_name");
  if (!policy::RoleFromKey(in.role))
    return Error::Invalid("user.role", "角色无效", "Unknown role", "role");
  return CheckPasswordRules(in.username, in.password, "password");
}

}  // namespace

Status CheckPasswordRules(const std::string& username, const std::string& password, const char* field) {
  size_t n = CodePointCount(password);
  if (n < 10 || password.size() > 128)
    return Error::Invalid("password.length", "密码至少 10 个字符（最多 128 个）",
                          "Password must be at least 10 characters (at most 128)", field);
  if (password == username)
    return Error::Invalid("password.username", "密码不能与用户名相同", "Password must differ from the username", field);
  return OkStatus();
}

Result<User> CreateUser(const Context& ctx, const Actor& actor, const NewUser& in) {
  if (auto s = RequireManageUsers(actor); !s) return s.error();
  if (auto s = CheckNewUser(in); !s) return s.error();
  auto c = ctx.db.Acquire();
  std::string hash = crypto::HashPassword(in.password);  // slow: outside the write lock
  storage::Transaction tx(*c, true);
  auto role = *policy::RoleFromKey(in.role);
  if (auto s = CheckScope(*c, ctx.tree, role, in.scope); !s) return s.error();
  if (c->QueryInt("SELECT 1 FROM users WHERE username = ?", {in.username}))
    return Error::Conflict("user.username.duplicate", "用户名已存在", "Username already exists", "username");
  c->Exec("INSERT INTO users(username, display_name, role, scope_code, password_hash, must_change_password, "
          "created_at) VALUES (?,?,?,?,?,?,?)",
          {in.username, in.display_name, in.role, in.scope, hash, int64_t(in.must_change_password), NowIso()});
  User u = *LoadUser(*c, "username = ?", {in.username});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "user.create", "user:" + u.username, std::nullopt,
                   UserJson(u), actor.client, "ok"});
  tx.Commit();
  return u;
}

Result<std::vector<User>> ListUsers(const Context& ctx, const Actor& actor) {
  if (auto s = RequireManageUsers(actor); !s) return s.error();
  auto c = ctx.db.Acquire();
  std::vector<User> out;
  c->Query("SELECT " + std::string(kUserColumns) + " FROM users u ORDER BY u.id", {},
           [&](const storage::Row& r) { out.push_back(ReadUser(r)); });
  return out;
}

Result<User> FindUser(const Context& ctx, std::string_view username) {
  auto c = ctx.db.Acquire();
  auto u = LoadUser(*c, "username = ?", {std::string(username)});
  if (!u) return UserNotFound();
  return *u;
}

namespace {
// Loads the user, applies `change` as SQL, re-reads and audits, all in one transaction.
Result<User> UpdateUser(const Context& ctx, const Actor& actor, int64_t id, const std::string& action,
                        const std::string& sql, storage::Params params, bool end_sessions) {
  if (auto s = RequireManageUsers(actor); !s) return s.error();
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto before = LoadUser(*c, "id = ?", {id});
  if (!before) return UserNotFound();
  params.push_back(id);
  c->Exec(sql, params);
  if (end_sessions) c->Exec("DELETE FROM sessions WHERE user_id = ?", {id});
  User after = *LoadUser(*c, "id = ?", {id});
  audit::AppendAudit(*c, {actor.user_id, actor.username, action, "user:" + after.username, UserJson(*before),
                   UserJson(after), actor.client, "ok"});
  tx.Commit();
  return after;
}
}  // namespace

Result<User> SetUserDisabled(const Context& ctx, const Actor& actor, int64_t id, bool disabled) {
  if (auto s = RequireManageUsers(actor); !s) return s.error();
  if (actor.user_id && *actor.user_id == id && disabled)
    return Error::Conflict("user.disable_self", "不能停用自己的账号", "You cannot disable your own account");
  return UpdateUser(ctx, actor, id, disabled ? "user.disable" : "user.enable",
                    "UPDATE users SET disabled = ? WHERE id = ?", {int64_t(disabled)}, disabled);
}

Result<User> SetDisplayName(const Context& ctx, const Actor& actor, int64_t id, const std::string& name) {
  size_t n = CodePointCount(name);
  if (n < 1 || n > 50)
    return Error::Invalid("user.display_name", "姓名须为 1–50 个字符", "Display name must be 1–50 characters",
                          "display_name");
  return UpdateUser(ctx, actor, id, "user.rename", "UPDATE users SET display_name = ? WHERE id = ?", {name}, false);
}

Status ResetPassword(const Context& ctx, const Actor& actor, int64_t id, const std::string& password) {
  if (auto s = RequireManageUsers(actor); !s) return s.error();
  if (auto s = CheckPasswordRules("", password, "password"); !s) return s.error();
  auto r = UpdateUser(ctx, actor, id, "user.reset_password",
                      "UPDATE users SET password_hash = ?, must_change_password = 1 WHERE id = ?",
                      {crypto::HashPassword(password)}, true);
  if (!r) return r.error();
  return OkStatus();
}

}  // namespace meihao::service::accounts

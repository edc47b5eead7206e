// Logins, sessions and one's own password. Split from users.cc, which
// holds user administration.
#include <deque>
#include <mutex>
#include <unordered_map>

#include "common/clock.h"
#include "common/crypto.h"
#include "service/audit/audit.h"
#include "service/accounts/users_internal.h"
#include "service/accounts/users.h"

namespace meihao::service::accounts {
namespace {

// Failed logins per username, in memory: enough to slow guessing on one
// server; a restart forgets them, which errs on the side of letting people in.
class LoginThrottle {
 public:
  bool Blocked(const std::string& username, int64_t now) {
    std::lock_guard lock(mu_);
    auto& q = Prune(username, now);
    return int(q.size()) >= kMaxLoginFailures;
  }
  void Failed(const std::string& username, int64_t now) {
    std::lock_guard lock(mu_);
    Prune(username, now).push_back(now);
  }
  void Succeeded(const std::string& username) {
    std::lock_guard lock(mu_);
    failures_.erase(username);
  }

 private:
  std::deque<int64_t>& Prune(const std::string& username, int64_t now) {
    auto& q = failures_[username];
    while (!q.empty() && q.front() <= now - kLoginFailureWindowSeconds) q.pop_front();
    return q;
  }
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> failures_;
};

LoginThrottle& Throttle() {
  static LoginThrottle t;
  return t;
}

Error AuthFailed() {
  return {ErrorKind::kUnauthenticated, "auth.failed", "用户名或密码错误", "Wrong username or password", {}};
}

Error NotLoggedIn() {
  return {ErrorKind::kUnauthenticated, "auth.required", "未登录或登录已过期，请重新登录",
          "Not logged in, or the session has expired", {}};
}

// A valid hash of a random password: verifying against it when the user does
// not exist costs the same time as a real check, so timing reveals nothing.
const std::string& DummyHash() {
  static const std::string h = crypto::HashPassword(crypto::RandomToken());
  return h;
}

void AuditLogin(storage::Connection& c, std::optional<int64_t> uid, const std::string& username,
                const std::string& client, const std::string& result) {
  storage::Transaction tx(c, true);
  audit::AppendAudit(c, {uid, username, "session.login", "user:" + username, std::nullopt, std::nullopt, client, result});
  tx.Commit();
}

}  // namespace

Result<LoginResult> Login(const Context& ctx, const std::string& username, const std::string& password,
                          const std::string& client) {
  int64_t now = NowUnix();
  auto c = ctx.db.Acquire();
  std::string name = username.substr(0, 64);
  if (Throttle().Blocked(name, now)) {
    AuditLogin(*c, std::nullopt, name, client, "rate_limited");
    return Error{ErrorKind::kRateLimited, "auth.rate_limited", "登录失败次数过多，请 15 分钟后再试",
                 "Too many failed logins; try again in 15 minutes", {}};
  }
  std::optional<int64_t> id;
  std::string hash;
  bool disabled = false;
  c->Query("SELECT id, password_hash, disabled FROM users WHERE username = ?", {name},
           [&](const storage::Row& r) { id = r.Int(0); hash = r.Text(1); disabled = r.Bool(2); });
  bool good = crypto::VerifyPassword(id ? hash : DummyHash(), password);
  if (!id || !good || disabled) {
    Throttle().Failed(name, now);
    AuditLogin(*c, id, name, client, disabled && good ? "disabled" : "failed");
    return AuthFailed();
  }
  Throttle().Succeeded(name);
  LoginResult out;
  out.token = crypto::RandomToken(32);
  out.csrf_token = crypto::RandomToken(32);
  storage::Transaction tx(*c, true);
  c->Exec("INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, last_seen_at, client) "
          "VALUES (?,?,?,?,?,?)",
          {crypto::Sha256Hex(out.token), *id, out.csrf_token, now, now, client});
  c->Exec("UPDATE users SET last_login_at = ? WHERE id = ?", {IsoFromUnix(now), *id});
  audit::AppendAudit(*c, {id, name, "session.login", "user:" + name, std::nullopt, std::nullopt, client, "ok"});
  tx.Commit();
  out.user = *FindUser(ctx, name);
  return out;
}

Result<SessionInfo> Authenticate(const Context& ctx, std::string_view token) {
  if (token.empty() || token.size() > 128) return NotLoggedIn();
  int64_t now = NowUnix();
  auto c = ctx.db.Acquire();
  SessionInfo info;
  info.token_hash = crypto::Sha256Hex(token);
  int64_t created = 0, seen = 0;
  bool found = false;
  // One statement per request: the session and its user together.
  c->Query("SELECT s.csrf_token, s.created_at, s.last_seen_at, " + std::string(kUserColumns) +
               " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.disabled = 0",
           {info.token_hash}, [&](const storage::Row& r) {
             found = true;
             info.csrf_token = r.Text(0);
             created = r.Int(1);
             seen = r.Int(2);
             info.user = ReadUser(r, 3);
           });
  if (!found) return NotLoggedIn();
  if (now - seen > kSessionIdleSeconds || now - created > kSessionAbsoluteSeconds) {
    c->Exec("DELETE FROM sessions WHERE token_hash = ?", {info.token_hash});
    return NotLoggedIn();
  }
  // Touch at most once a minute: a write per request would serialise every
  // reader behind the write lock; a minute is noise against a 30-minute timeout.
  if (now - seen >= 60) c->Exec("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {now, info.token_hash});
  return info;
}

void Logout(const Context& ctx, const Actor& actor, const std::string& token_hash) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  c->Exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "session.logout", "user:" + actor.username, std::nullopt,
                   std::nullopt, actor.client, "ok"});
  tx.Commit();
}

Status ChangePassword(const Context& ctx, const Actor& actor, const std::string& old_password,
                      const std::string& new_password) {
  if (!actor.user_id) return Error::Invalid("password.user", "只有登录用户可以修改密码", "Only a user can change a password");
  auto c = ctx.db.Acquire();
  auto hash = c->QueryText("SELECT password_hash FROM users WHERE id = ?", {*actor.user_id});
  if (!hash || !crypto::VerifyPassword(*hash, old_password))
    return Error::Invalid("password.old", "原密码不正确", "The current password is wrong", "old_password");
  if (auto s = CheckPasswordRules(actor.username, new_password, "new_password"); !s) return s.error();
  if (new_password == old_password)
    return Error::Invalid("password.same", "新密码不能与原密码相同", "The new password must differ from the old one",
                          "new_password");
  std::string new_hash = crypto::HashPassword(new_password);
  storage::Transaction tx(*c, true);
  c->Exec("UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?", {new_hash, *actor.user_id});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "user.change_password", "user:" + actor.username, std::nullopt,
                   std::nullopt, actor.client, "ok"});
  tx.Commit();
  return OkStatus();
}

}  // namespace meihao::service::accounts

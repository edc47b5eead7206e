// Users, logins and sessions. Passwords are argon2id hashes; a session is a
// random 256-bit token that the database knows only by its SHA-256.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "service/context.h"

namespace meihao::service::accounts {

struct User {
  int64_t id = 0;
  std::string username, display_name;
  policy::Role role = policy::Role::kAuditor;
  std::string scope_code;
  bool must_change_password = true;
  bool disabled = false;
  std::optional<std::string> last_login_at;
};

struct NewUser {
  std::string username, display_name, role, scope, password;
  bool must_change_password = true;
};

// Session limits (issue #2): idle 30 minutes, absolute 12 hours.
inline constexpr int64_t kSessionIdleSeconds = 30 * 60;
inline constexpr int64_t kSessionAbsoluteSeconds = 12 * 3600;
// Logins refused for a username after this many failures within the window.
inline constexpr int kMaxLoginFailures = 5;
inline constexpr int64_t kLoginFailureWindowSeconds = 15 * 60;

Result<User> CreateUser(const Context& ctx, const Actor& actor, const NewUser& in);
Result<std::vector<User>> ListUsers(const Context& ctx, const Actor& actor);
Result<User> FindUser(const Context& ctx, std::string_view username);
Result<User> SetUserDisabled(const Context& ctx, const Actor& actor, int64_t id, bool disabled);
Result<User> SetDisplayName(const Context& ctx, const Actor& actor, int64_t id, const std::string& name);
// Sets a new password that must be changed at next login; ends the user's sessions.
Status ResetPassword(const Context& ctx, const Actor& actor, int64_t id, const std::string& password);

struct LoginResult {
  std::string token;  // goes to the cookie, never stored
  std::string csrf_token;
  User user;
};
// One message for an unknown user, a disabled user and a wrong password.
Result<LoginResult> Login(const Context& ctx, const std::string& username, const std::string& password,
                          const std::string& client);

struct SessionInfo {
  User user;
  std::string csrf_token;
  std::string token_hash;
};
// 401 when the token is unknown, expired (idle or absolute) or its user disabled.
Result<SessionInfo> Authenticate(const Context& ctx, std::string_view token);
void Logout(const Context& ctx, const Actor& actor, const std::string& token_hash);
Status ChangePassword(const Context& ctx, const Actor& actor, const std::string& old_password,
                      const std::string& new_password);

// Rules a new password must meet; Ok or the 400 error naming field.
Status CheckPasswordRules(const std::string& username, const std::string& password, const char* field);

}  // namespace meihao::service::accounts

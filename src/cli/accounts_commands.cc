// meihao user add | list | disable | reset.
#include "cli/commands.h"

#include <iostream>

#include "cli/command_support.h"
#include "common/crypto.h"
#include "service/accounts/users.h"
#include "service/setup/setup.h"

namespace meihao::cli {

int UserAdd(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  std::string pw = ReadPasswordFile(o.password_file);
  bool generated = pw.empty();
  if (generated) pw = crypto::RandomPassword();
  service::accounts::NewUser u{o.username, o.display_name.empty() ? o.username : o.display_name, o.role, o.scope, pw, true};
  auto r = service::accounts::CreateUser(ctx, service::Actor::System(), u);
  if (!r) {
    PrintError(r.error());
    return 1;
  }
  std::cout << "已创建用户 / created user " << r->username << " (id " << r->id << ")\n";
  if (generated) std::cout << "初始密码（首次登录须修改）/ initial password (change at first login): " << pw << "\n";
  return 0;
}

int UserList(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto users = service::accounts::ListUsers(ctx, service::Actor::System());
  std::cout << "id\tusername\trole\tscope\tdisabled\tdisplay_name\n";
  for (const auto& u : *users)
    std::cout << u.id << "\t" << u.username << "\t" << policy::RoleKey(u.role) << "\t" << u.scope_code << "\t"
              << (u.disabled ? 1 : 0) << "\t" << u.display_name << "\n";
  return 0;
}

int UserDisable(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto u = service::accounts::FindUser(ctx, o.username);
  if (!u) { PrintError(u.error()); return 1; }
  auto r = service::accounts::SetUserDisabled(ctx, service::Actor::System(), u->id, true);
  if (!r) { PrintError(r.error()); return 1; }
  std::cout << "已停用 / disabled " << o.username << "\n";
  return 0;
}

int UserReset(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto u = service::accounts::FindUser(ctx, o.username);
  if (!u) { PrintError(u.error()); return 1; }
  std::string pw = ReadPasswordFile(o.password_file);
  bool generated = pw.empty();
  if (generated) pw = crypto::RandomPassword();
  auto r = service::accounts::ResetPassword(ctx, service::Actor::System(), u->id, pw);
  if (!r) { PrintError(r.error()); return 1; }
  std::cout << "已重置密码 / password reset for " << o.username << "\n";
  if (generated) std::cout << "新密码（下次登录须修改）/ new password (change at next login): " << pw << "\n";
  return 0;
}

}  // namespace meihao::cli

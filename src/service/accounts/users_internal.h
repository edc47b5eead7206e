// The users table's column list and row mapping, shared by users.cc and
// sessions.cc. Internal to src/service.
#pragma once

#include <string_view>

#include "service/accounts/users.h"

namespace meihao::service::accounts {

// Columns in ReadUser's order; `u` is the users table's alias.
inline constexpr std::string_view kUserColumns =
    "u.id, u.username, u.display_name, u.role, u.scope_code, u.must_change_password, u.disabled, u.last_login_at";

// Reads the columns of kUserColumns starting at column `first`.
User ReadUser(const storage::Row& r, int first = 0);

}  // namespace meihao::service::accounts

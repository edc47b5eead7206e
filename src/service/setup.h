// Creating a database: schema, divisions, the first administrator, and the
// deterministic demo campaign.
#pragma once

#include <string>

#include "common/result.h"
#include "service/context.h"

namespace meihao::service {

// The Jiangmen division tree compiled into the binary.
const domain::DivisionTree& BuiltinDivisions();

// Applies migrations and loads the divisions (both idempotent).
void PrepareDatabase(storage::Database& db, const domain::DivisionTree& tree);

// Creates the city administrator `admin` with `password` (generated when
// empty), who must change it at first login. Returns the password. 409 when
// an admin already exists.
Result<std::string> CreateFirstAdmin(const Context& ctx, std::string password);

struct DemoUser {
  const char* username;
  const char* role;
  const char* scope;
  const char* password;
  const char* display_name;
};
// The demo users (README marks their passwords as demo-only).
const std::vector<DemoUser>& DemoUsers();

// Loads `count` deterministic demo estates and the demo users; idempotent.
// Returns the number of estates written.
Result<size_t> LoadDemo(const Context& ctx, size_t count);

}  // namespace meihao::service

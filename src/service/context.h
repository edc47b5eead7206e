// What every service call needs: the database, the division tree (fixed for
// the life of the process), and who is acting from where.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/registry/divisions.h"
#include "policy/policy.h"
#include "storage/database.h"

namespace meihao::service {

struct Context {
  storage::Database& db;
  const domain::registry::DivisionTree& tree;
  // The directory of the database file: uploaded files are kept under it
  // (files/…), never in the web root. Empty where nothing is uploaded (CLI).
  std::string data_dir = {};
};

// The caller of a use case. The command line acts as `system`, with the
// rights of the city administrator and no user id.
struct Actor {
  std::optional<int64_t> user_id;
  std::string username;
  policy::Principal principal;
  std::string client;  // client address, or "cli"

  static Actor System() {
    return Actor{std::nullopt, "system", policy::Principal{0, policy::Role::kCityAdmin, "440700"}, "cli"};
  }
};

}  // namespace meihao::service

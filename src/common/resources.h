// Files compiled into the binary (divisions list, SQL migrations), so that
// the one `meihao` binary needs nothing beside it to create a database.
#pragma once
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace meihao::resources {
// Every embedded file as (file name, contents), in the order CMake listed them.
const std::vector<std::pair<std::string_view, std::string_view>>& all();
inline std::optional<std::string_view> find(std::string_view name) {
  for (const auto& [n, body] : all()) if (n == name) return body;
  return std::nullopt;
}
}  // namespace meihao::resources

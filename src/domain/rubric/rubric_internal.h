// Internal to the rubric files: looking an item up in a rubric that may be
// changed (the refinement builds one) and the field name of an item's errors,
// which the refinement checks and its JSON reader share.
#pragma once

#include <string>
#include <string_view>

#include "domain/rubric/rubric.h"

namespace meihao::domain::rubric::internal {

// For Rubric and const Rubric alike.
template <typename R>
auto* FindItemIn(R& r, std::string_view id) {
  decltype(&r.sections[0].items[0]) none = nullptr;
  for (auto& s : r.sections)
    for (auto& i : s.items)
      if (i.id == id) return &i;
  return none;
}

inline std::string ItemField(const std::string& id) { return "items." + id; }

}  // namespace meihao::domain::rubric::internal

// What an uploaded file is, judged by its content rather than its name: the
// image types every upload (photos, evidence) accepts. Pure.
#pragma once

#include <optional>
#include <string_view>

namespace meihao::domain::forms {

// "image/jpeg" (FF D8 FF) or "image/png" (89 50 4E 47 0D 0A 1A 0A) by the
// leading bytes; nullopt for anything else, whatever its name says.
std::optional<std::string_view> SniffImageType(std::string_view bytes);

}  // namespace meihao::domain::forms

#include "domain/forms/file_types.h"

namespace meihao::domain::forms {

std::optional<std::string_view> SniffImageType(std::string_view b) {
  static constexpr std::string_view kJpeg("\xFF\xD8\xFF", 3);
  static constexpr std::string_view kPng("\x89PNG\r\n\x1A\n", 8);
  if (b.substr(0, kJpeg.size()) == kJpeg) return "image/jpeg";
  if (b.substr(0, kPng.size()) == kPng) return "image/png";
  return std::nullopt;
}

}  // namespace meihao::domain::forms

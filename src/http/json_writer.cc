#include "http/json_writer.h"

#include <array>

namespace meihao::http {

namespace {
// A table, not comparisons: this runs for every byte of every estate page.
constexpr auto kEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();
bool NeedsEscape(unsigned char c) { return kEscape[c]; }
}  // namespace

void JsonWriter::String(std::string_view s) {
  Sep();
  out_ += '"';
  size_t run = 0;  // start of the pending run of characters that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (!NeedsEscape(c)) continue;  // UTF-8 passes through; the register stores valid UTF-8 only
    out_.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default: {
        static const char* hex = "0123456789abcdef";
        out_ += "\\u00";
        out_ += hex[c >> 4];
        out_ += hex[c & 15];
      }
    }
  }
  out_.append(s, run, s.size() - run);
  out_ += '"';
}

}  // namespace meihao::http

#include "io/text_util.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

namespace meihao::io::internal {

std::optional<size_t> FirstInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned c = p[i];
    if (c < 0x80) { ++i; continue; }
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c == 0xED) { len = 3; hi = 0x9F; }  // no UTF-16 surrogates
    else if (c >= 0xE1 && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }  // nothing above U+10FFFF
    else return i;
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return i;
    i += len;
  }
  return std::nullopt;
}

std::optional<std::string> Gb18030ToUtf8(std::string_view s) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.resize(s.size() * 2 + 16);  // a GB18030 character never grows beyond 2x
  char* in = const_cast<char*>(s.data());
  size_t in_left = s.size();
  char* dst = out.data();
  size_t out_left = out.size();
  bool ok = true;
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &dst, &out_left) == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {  // defensive: grow and continue
        size_t used = dst - out.data();
        out.resize(out.size() * 2);
        dst = out.data() + used;
        out_left = out.size() - used;
        continue;
      }
      ok = false;  // EILSEQ or EINVAL (truncated sequence at the end)
      break;
    }
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(dst - out.data());
  return out;
}

namespace {

// Length of a trimmable character at the start of `s`, 0 if none.
size_t SpaceAtFront(std::string_view s) {
  if (s.empty()) return 0;
  switch (s[0]) {
    case ' ': case '\t': case '\r': case '\n': case '\v': case '\f': return 1;
  }
  if (s.substr(0, 2) == "\xC2\xA0") return 2;                     // NBSP
  std::string_view three = s.substr(0, 3);
  if (three == "\xE3\x80\x80" || three == "\xEF\xBB\xBF" || three == "\xE2\x80\x8B")
    return 3;                                                        // U+3000, U+FEFF, U+200B
  return 0;
}

size_t SpaceAtBack(std::string_view s) {
  if (s.empty()) return 0;
  switch (s.back()) {
    case ' ': case '\t': case '\r': case '\n': case '\v': case '\f': return 1;
  }
  if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") return 2;
  if (s.size() >= 3) {
    std::string_view three = s.substr(s.size() - 3);
    if (three == "\xE3\x80\x80" || three == "\xEF\xBB\xBF" || three == "\xE2\x80\x8B") return 3;
  }
  return 0;
}

}  // namespace

std::string_view TrimCell(std::string_view s) {
  while (size_t k = SpaceAtFront(s)) s.remove_prefix(k);
  while (size_t k = SpaceAtBack(s)) s.remove_suffix(k);
  return s;
}

namespace {

// Index one past the last non-empty cell (0 when the row is empty).
size_t UsedWidth(const std::vector<std::string>& cells) {
  size_t w = cells.size();
  while (w > 0 && cells[w - 1].empty()) --w;
  return w;
}

}  // namespace

std::optional<Table> BuildTable(std::vector<RawRow> rows) {
  auto first = std::find_if(rows.begin(), rows.end(),
                            [](const RawRow& r) { return UsedWidth(r.cells) > 0; });
  if (first == rows.end()) return std::nullopt;
  size_t width = 0;
  for (auto it = first; it != rows.end(); ++it) width = std::max(width, UsedWidth(it->cells));

  Table table;
  table.header = std::move(first->cells);
  table.header.resize(width);
  for (auto it = first + 1; it != rows.end(); ++it) {
    if (UsedWidth(it->cells) == 0) continue;
    it->cells.resize(width);  // only empty cells are cut: width covers every used one
    table.rows.push_back(std::move(it->cells));
    table.row_numbers.push_back(it->row_number);
  }
  return table;
}

}  // namespace meihao::io::internal

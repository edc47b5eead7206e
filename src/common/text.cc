#include "common/text.h"

#include <algorithm>
#include <tuple>

namespace meihao {
namespace {

// Decodes one code point at s[i]; returns its length in bytes, or 0 when the
// bytes at i do not start a well-formed sequence.
size_t DecodeOne(std::string_view s, size_t i, char32_t* out) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) { *out = c; return 1; }
  size_t len = 0;
  char32_t cp = 0, min = 0;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *out = cp;
  return len;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Length of the whitespace (as Trim defines it) that `s` starts with, or 0.
size_t LeadingSpaceLen(std::string_view s) {
  if (!s.empty() && IsAsciiSpace(s[0])) return 1;
  if (s.starts_with("\u3000")) return 3;
  if (s.starts_with("\u00A0")) return 2;
  return 0;
}

size_t TrailingSpaceLen(std::string_view s) {
  if (!s.empty() && IsAsciiSpace(s.back())) return 1;
  if (s.ends_with("\u3000")) return 3;
  if (s.ends_with("\u00A0")) return 2;
  return 0;
}

bool Contains(const std::u32string& hay, const std::u32string& needle) {
  return hay.find(needle) != std::u32string::npos;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t n = DecodeOne(s, i, &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t n = DecodeOne(s, i, &cp);
    if (n == 0) { out.push_back(U'\uFFFD'); ++i; continue; }
    out.push_back(cp);
    i += n;
  }
  return out;
}

size_t CodePointCount(std::string_view s) { return ToU32(s).size(); }

std::string Trim(std::string_view s) {
  for (size_t n; (n = LeadingSpaceLen(s)) > 0;) s.remove_prefix(n);
  for (size_t n; (n = TrailingSpaceLen(s)) > 0;) s.remove_suffix(n);
  return std::string(s);
}

size_t EditDistance(std::string_view a, std::string_view b) {
  const std::u32string x = ToU32(a), y = ToU32(b);
  // One rolling row: row[j] = distance between x[0..i) and y[0..j).
  std::vector<size_t> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[y.size()];
}

std::vector<std::string> Nearest(std::string_view wanted,
                                 const std::vector<std::string>& candidates, size_t max) {
  const std::u32string w = ToU32(wanted);
  if (w.empty() || max == 0) return {};
  // (distance, not-contained, index): lexicographic order is the ranking.
  std::vector<std::tuple<size_t, bool, size_t>> ranked;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const std::u32string c = ToU32(candidates[i]);
    const size_t d = EditDistance(wanted, candidates[i]);
    const bool contained = !c.empty() && (Contains(c, w) || Contains(w, c));
    const size_t longer = std::max(w.size(), c.size());
    if (!contained && d * 2 > longer) continue;  // unrelated: would only confuse
    ranked.emplace_back(d, !contained, i);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (size_t k = 0; k < ranked.size() && out.size() < max; ++k) {
    const std::string& c = candidates[std::get<2>(ranked[k])];
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

}  // namespace meihao

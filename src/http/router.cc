#include "http/router.h"

namespace meihao::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool MatchSegments(const Route& r, const std::vector<std::string>& parts, PathParams* params) {
  if (r.segments.size() != parts.size()) return false;
  PathParams p;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& s = r.segments[i];
    if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
      p[s.substr(1, s.size() - 2)] = parts[i];
    } else if (s != parts[i]) {
      return false;
    }
  }
  *params = std::move(p);
  return true;
}

}  // namespace

std::string Request::Cookie(const std::string& name) const {
  std::string all = Header("cookie");
  size_t i = 0;
  while (i < all.size()) {
    size_t end = all.find(';', i);
    if (end == std::string::npos) end = all.size();
    std::string part = all.substr(i, end - i);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    i = end + 1;
  }
  return {};
}

Response Response::File(std::string content_type, std::string body, const std::string& download_name) {
  Response r{200, std::move(content_type), std::move(body), {}};
  // RFC 6266/5987: an ASCII fallback and the UTF-8 name percent-encoded.
  std::string enc;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char ch : download_name) {
    if (isalnum(ch) || ch == '.' || ch == '-' || ch == '_') enc += char(ch);
    else { enc += '%'; enc += hex[ch >> 4]; enc += hex[ch & 15]; }
  }
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"download\"; filename*=UTF-8''" + enc);
  return r;
}

void Router::Add(std::string method, std::string pattern,
                 std::function<Response(const Request&, const PathParams&)> h) {
  Route r{std::move(method), pattern, Split(pattern), std::move(h)};
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match m;
  auto parts = Split(path);
  std::string allow;
  // Literal segments win over captures: try routes in order, but prefer one
  // whose literal segment equals the path's (e.g. /estates/template.xlsx).
  const Route* best = nullptr;
  int best_literals = -1;
  for (const auto& r : routes_) {
    PathParams p;
    if (!MatchSegments(r, parts, &p)) continue;
    if (r.method != method) {
      if (allow.find(r.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + r.method;
      continue;
    }
    int literals = 0;
    for (const auto& s : r.segments) literals += s.empty() || s.front() != '{';
    if (literals > best_literals) { best = &r; best_literals = literals; m.params = std::move(p); }
  }
  if (best) { m.route = best; return m; }
  m.status = allow.empty() ? 404 : 405;
  m.allow = allow;
  return m;
}

}  // namespace meihao::http

// The project's own request/response types. Handlers see only these; Beast
// stays inside server.cc, which is the one expensive translation unit.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace meihao::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query
  std::map<std::string, std::string> query;    // decoded; last value wins
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string client;  // remote address

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string Query(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
  std::string Cookie(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set when the answer comes later (a survey submission waits for its group
  // commit): the server calls it once, on its own thread, with the function
  // that delivers the real response; that may be called from any thread.
  std::function<void(std::function<void(Response)>)> deferred = {};

  static Response Json(int status, std::string body) { return {status, "application/json; charset=utf-8", std::move(body), {}}; }
  static Response NoContent() { return {204, "", "", {}}; }
  static Response File(std::string content_type, std::string body, const std::string& download_name);
};

// Body limits: forms are small; imports carry whole sheets.
inline constexpr size_t kMaxBodyBytes = 1u << 20;
inline constexpr size_t kMaxImportBodyBytes = 20u << 20;

}  // namespace meihao::http

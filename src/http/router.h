// Maps (method, path) to a handler. Patterns are literal segments and
// `{name}` captures: "/api/estates/{code}". A path that matches a pattern
// but not the method is a 405, not a 404.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/types.h"

namespace meihao::http {

using PathParams = std::map<std::string, std::string>;

struct Route {
  std::string method, pattern;
  std::vector<std::string> segments;
  std::function<Response(const Request&, const PathParams&)> handler;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, std::function<Response(const Request&, const PathParams&)> h);

  struct Match {
    const Route* route = nullptr;  // null: see status
    PathParams params;
    int status = 200;  // 404 no such path, 405 path exists with other methods
    std::string allow;  // for 405: the allowed methods
  };
  Match Find(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace meihao::http

#include "http/router.h"

#include <gtest/gtest.h>

namespace meihao::http {
namespace {

Response Named(const char* name) { return Response::Json(200, name); }

Router MakeRouter() {
  Router r;
  r.Add("GET", "/api/estates", [](const Request&, const PathParams&) { return Named("list"); });
  r.Add("POST", "/api/estates", [](const Request&, const PathParams&) { return Named("create"); });
  r.Add("GET", "/api/estates/{code}", [](const Request&, const PathParams&) { return Named("get"); });
  r.Add("GET", "/api/estates/template.xlsx", [](const Request&, const PathParams&) { return Named("template"); });
  r.Add("POST", "/api/users/{id}/reset-password", [](const Request&, const PathParams&) { return Named("reset"); });
  return r;
}

struct Case {
  const char* method;
  const char* path;
  int status;
  const char* handler;  // body of the matched handler, "" when none
  const char* param;    // the captured code/id, "" when none
};

TEST(RouterTest, MatchesMethodsPathsAndCaptures) {
  Router r = MakeRouter();
  const Case cases[] = {
      {"GET", "/api/estates", 200, "list", ""},
      {"GET", "/api/estates/", 200, "list", ""},
      {"POST", "/api/estates", 200, "create", ""},
      {"DELETE", "/api/estates", 405, "", ""},
      {"GET", "/api/estates/JM001", 200, "get", "JM001"},
      {"GET", "/api/estates/template.xlsx", 200, "template", ""},  // literal wins over capture
      {"PUT", "/api/estates/JM001", 405, "", ""},
      {"POST", "/api/users/7/reset-password", 200, "reset", "7"},
      {"GET", "/api/nothing", 404, "", ""},
      {"GET", "/api/estates/a/b", 404, "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.method) + " " + c.path);
    auto m = r.Find(c.method, c.path);
    EXPECT_EQ(m.status, c.status);
    if (c.status != 200) {
      EXPECT_EQ(m.route, nullptr);
      continue;
    }
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->handler(Request{}, m.params).body, c.handler);
    if (*c.param) {
      auto v = m.params.count("code") ? m.params["code"] : m.params["id"];
      EXPECT_EQ(v, c.param);
    }
  }
}

TEST(RouterTest, MethodNotAllowedListsAllowedMethods) {
  Router r = MakeRouter();
  auto m = r.Find("PATCH", "/api/estates");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.allow, "GET, POST");
}

TEST(RequestTest, CookieParsing) {
  Request req;
  req.headers["cookie"] = "a=1; meihao_session=tok-en_123; b=2";
  EXPECT_EQ(req.Cookie("meihao_session"), "tok-en_123");
  EXPECT_EQ(req.Cookie("a"), "1");
  EXPECT_EQ(req.Cookie("b"), "2");
  EXPECT_EQ(req.Cookie("missing"), "");
  EXPECT_EQ(req.Cookie("meihao"), "");  // a prefix of a name is not the name
}

}  // namespace
}  // namespace meihao::http

// /api/health: that the server answers, and its version (no login; for load balancers and monitoring).
#include "http/handlers/common.h"
#include "http/json.h"

namespace meihao::http {
namespace {

Response Health(App&, Call&) {
  return JsonResponse(200, boost::json::object{{"status", "ok"}, {"version", MEIHAO_VERSION}});
}

}  // namespace

void RegisterHealthRoutes(App& app) {
  app.Api("GET", "/api/health", Access::kPublic, [&app](Call& c) { return Health(app, c); });
}

}  // namespace meihao::http

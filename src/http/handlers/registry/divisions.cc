// /api/divisions (the division tree in the caller's scope, with estate counts) and
// /api/stats/estates (the registry's counts by county and by kind of management).
#include <map>

#include "http/handlers/common.h"
#include "http/json.h"

namespace meihao::http {
namespace {

boost::json::object NodeJson(const domain::registry::DivisionTree& tree, const domain::registry::Division& d,
                             const std::map<std::string, int64_t>& counts) {
  boost::json::array children;
  int64_t total = 0;
  for (const auto* c : tree.Children(d.code)) {
    auto child = NodeJson(tree, *c, counts);
    total += child["estate_count"].as_int64();
    children.push_back(std::move(child));
  }
  if (auto it = counts.find(d.code); it != counts.end()) total += it->second;
  return {{"code", d.code}, {"name", d.name}, {"level", std::string(domain::registry::LevelKey(d.level))},
          {"estate_count", total}, {"children", std::move(children)}};
}

Response Divisions(App& app, Call& call) {
  const auto& tree = app.ctx().tree;
  std::string scope = call.actor.principal.scope;
  const domain::registry::Division* node = tree.Find(scope);
  std::map<std::string, int64_t> counts;
  if (auto r = service::registry::EstateCountsByTown(app.ctx(), call.actor); r)
    for (auto& [town, n] : *r) counts[town] = n;
  if (!node) {  // an applicant: the path to its estate's town
    auto e = service::registry::GetEstate(app.ctx(), call.actor, scope);
    node = e ? tree.Find(e->estate.town_code) : &tree.Root();
  }
  boost::json::array path;
  for (const auto* d : tree.Path(node->code)) path.push_back({{"code", d->code}, {"name", d->name}});
  return JsonResponse(200, boost::json::object{{"tree", NodeJson(tree, *node, counts)}, {"path", std::move(path)}});
}

Response Stats(App& app, Call& call) {
  MEIHAO_TRY(st, service::registry::EstateStatistics(app.ctx(), call.actor));
  boost::json::array counties, modes;
  for (const auto& c : st->by_county)
    counties.push_back({{"code", c.code}, {"name", c.name}, {"count", c.count}, {"managed", c.managed}});
  for (const auto& m : st->by_mode) {
    auto mode = domain::registry::ParseManagementMode(m.mode);
    modes.push_back({{"mode", m.mode}, {"label", std::string(domain::registry::ManagementModeLabel(*mode))}, {"count", m.count}});
  }
  return JsonResponse(200, boost::json::object{{"by_county", std::move(counties)}, {"by_mode", std::move(modes)},
                                               {"total", st->total}});
}

}  // namespace

void RegisterDivisionRoutes(App& app) {
  app.Api("GET", "/api/divisions", Access::kUser, [&app](Call& c) { return Divisions(app, c); });
  app.Api("GET", "/api/stats/estates", Access::kUser, [&app](Call& c) { return Stats(app, c); });
}

}  // namespace meihao::http

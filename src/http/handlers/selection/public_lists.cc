// The public pages of the lists (no login): every published list, one list's
// estates, and the objection form. The two GETs are read by anyone during
// publicity, so their JSON is kept in memory per (year, level, unit) and
// rebuilt only when a list, an entry or an objection changed
// (service::selection::PublicListsGeneration) or the day turned (in_publicity). Objections
// are limited per client address (service::selection::ObjectionRateLimiter).
#include <memory>
#include <shared_mutex>
#include <unordered_map>

#include "common/date.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/selection/objections.h"
#include "service/selection/public_lists.h"

namespace meihao::http {
namespace {

using boost::json::array;
using boost::json::object;

// days_left counts today: the last day of publicity answers 1 (as the staff page does).
object HeadJson(const service::selection::PublicListHead& h, Date today) {
  return {{"level", h.level},
          {"days_left", h.in_publicity ? boost::json::value(h.window.last.DayNumber() - today.DayNumber() + 1)
                                       : boost::json::value(nullptr)},
          {"unit_code", h.unit_code},
          {"unit_name", h.unit_name},
          {"status", h.status},
          {"publicity", object{{"first", h.window.first.ToString()}, {"last", h.window.last.ToString()}}},
          {"in_publicity", h.in_publicity},
          {"count", h.count}};
}

// Serialized answers, valid for one generation and one day. Only successful
// answers are kept, so the keys are bounded by the lists that exist.
class PageCache {
 public:
  std::optional<std::string> Find(const std::string& key, uint64_t generation, const std::string& today) const {
    std::shared_lock lock(mu_);
    auto it = pages_.find(key);
    if (it == pages_.end() || it->second.generation != generation || it->second.today != today) return std::nullopt;
    return it->second.body;
  }
  void Put(const std::string& key, uint64_t generation, const std::string& today, const std::string& body) {
    std::unique_lock lock(mu_);
    if (pages_.size() > 4096) pages_.clear();  // a safety bound; real keys are a few dozen
    pages_[key] = {generation, today, body};
  }

 private:
  struct Page {
    uint64_t generation = 0;
    std::string today, body;
  };
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Page> pages_;
};

struct PublicState {
  PageCache cache;
  service::selection::ObjectionRateLimiter limiter;
};

template <typename Build>
Response Cached(PublicState& st, const std::string& key, Build build) {
  const uint64_t generation = service::selection::PublicListsGeneration();  // read before building: a write during it invalidates
  const std::string today = TodayInChina().ToString();
  if (auto body = st.cache.Find(key, generation, today)) return Response::Json(200, std::move(*body));
  Result<std::string> body = build();
  if (!body) return ErrorResponse(body.error());
  st.cache.Put(key, generation, today, *body);
  return Response::Json(200, std::move(*body));
}

// Not cached: a new campaign does not change the lists' generation, and this is one small query.
Response Campaigns(App& app) {
  array items;
  for (const auto& c : service::selection::ListPublicCampaigns(app.ctx())) items.push_back(object{{"year", c.year}, {"lists", c.lists}});
  return JsonResponse(200, object{{"today", TodayInChina().ToString()}, {"campaigns", std::move(items)}});
}

Response Lists(App& app, PublicState& st, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  return Cached(st, std::to_string(*year), [&]() -> Result<std::string> {
    auto lists = service::selection::ListPublicLists(app.ctx(), *year, TodayInChina());
    if (!lists) return lists.error();
    array items;
    for (const auto& h : *lists) items.push_back(HeadJson(h, TodayInChina()));
    return boost::json::serialize(
        object{{"year", *year}, {"today", TodayInChina().ToString()}, {"lists", std::move(items)}});
  });
}

Response List(App& app, PublicState& st, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  const std::string level = call.Param("level"), unit = call.Param("unit");
  return Cached(st, std::to_string(*year) + "/" + level + "/" + unit, [&]() -> Result<std::string> {
    auto list = service::selection::GetPublicList(app.ctx(), *year, level, unit, TodayInChina());
    if (!list) return list.error();
    array entries;
    for (const auto& e : list->entries)
      entries.push_back(object{{"position", e.position},
                               {"estate_code", e.estate_code},
                               {"estate_name", e.estate_name},
                               {"town_name", e.town_name},
                               {"county_name", e.county_name},
                               {"applicant_name", e.applicant_name},
                               {"score", e.score}});
    object o = HeadJson(list->head, TodayInChina());
    o["year"] = list->year;
    o["today"] = TodayInChina().ToString();
    o["entries"] = std::move(entries);
    return boost::json::serialize(o);
  });
}

Response FileObjection(App& app, PublicState& st, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  if (auto wait = st.limiter.TryAcquire(call.req.client)) {
    auto res = ErrorResponse(Error{ErrorKind::kRateLimited, "objection.rate_limited",
                                   "提交异议过于频繁，请 " + std::to_string((*wait + 59) / 60) + " 分钟后再试",
                                   "Too many objections from this address; try again in " + std::to_string(*wait) +
                                       " seconds",
                                   {}});
    res.headers.emplace_back("Retry-After", std::to_string(*wait));
    return res;
  }
  service::selection::ObjectionInput in;
  auto parsed = [&]() -> Status {
    MEIHAO_TRY_RESULT(body, ParseObject(call.req.body));
    for (auto [field, out] : {std::pair{"estate_code", &in.estate_code}, std::pair{"reason", &in.reason},
                              std::pair{"name", &in.name}, std::pair{"phone", &in.phone}}) {
      MEIHAO_TRY_RESULT(v, OptString(*body, field));
      *out = v->value_or("");
    }
    return OkStatus();
  }();
  if (!parsed) {
    st.limiter.Release(call.req.client);
    return ErrorResponse(parsed.error());
  }
  auto filed = service::selection::FileObjection(app.ctx(), call.req.client, *year, call.Param("level"), call.Param("unit"), in,
                                      TodayInChina());
  if (!filed) {
    st.limiter.Release(call.req.client);
    return ErrorResponse(filed.error());
  }
  return JsonResponse(201, object{{"id", filed->id},
                                  {"estate_code", filed->estate_code},
                                  {"estate_name", filed->estate_name},
                                  {"phone", filed->masked_phone},
                                  {"filed_at", filed->filed_at},
                                  {"status", "open"}});
}

}  // namespace

void RegisterPublicListRoutes(App& app) {
  auto st = std::make_shared<PublicState>();
  app.Api("GET", "/api/public/campaigns", Access::kPublic, [&app](Call&) { return Campaigns(app); });
  app.Api("GET", "/api/public/campaigns/{year}/lists", Access::kPublic,
          [&app, st](Call& c) { return Lists(app, *st, c); });
  app.Api("GET", "/api/public/campaigns/{year}/lists/{level}/{unit}", Access::kPublic,
          [&app, st](Call& c) { return List(app, *st, c); });
  app.Api("POST", "/api/public/campaigns/{year}/lists/{level}/{unit}/objections", Access::kPublic,
          [&app, st](Call& c) { return FileObjection(app, *st, c); });
}

}  // namespace meihao::http

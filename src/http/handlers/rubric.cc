// A unit's rubric over HTTP: GET shows the effective rubric, the refinement,
// the maxima and the freeze; PUT replaces the refinement (version-locked).
#include "common/date.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/rubric/rubrics.h"

namespace meihao::http {

// An error answer with every problem behind it: the first as "error" (as
// always) and all of them, each naming its field, as "errors".
Response ErrorsResponse(const Error& first, const std::vector<Error>& all) {
  Response r = ErrorResponse(first);
  if (all.empty()) return r;
  auto v = boost::json::parse(r.body).as_object();
  boost::json::array errors;
  for (const auto& e : all)
    errors.push_back(boost::json::object{{"code", e.code}, {"field", e.field}, {"message_zh", e.message_zh},
                                         {"message_en", e.message_en}});
  v["errors"] = std::move(errors);
  return JsonResponse(r.status, v);
}

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string_view GateKey(domain::rubric::GateLink g) {
  switch (g) {
    case domain::rubric::GateLink::kP1: return "p1";
    case domain::rubric::GateLink::kP8Fee: return "p8_fee";
    case domain::rubric::GateLink::kNone: break;
  }
  return "none";
}

array SubItemsJson(const std::vector<domain::rubric::SubItem>& subs) {
  array out;
  for (const auto& s : subs) out.push_back(object{{"name", s.name}, {"max", domain::rubric::FormatTenths(s.max_tenths)}});
  return out;
}

}  // namespace

// The city's maximum for the item (what a refinement changes from).
static int ReferenceMaxTenths(const std::string& item_id) {
  const domain::rubric::RubricItem* ref = domain::rubric::FindItem(domain::rubric::ReferenceRubric(), item_id);
  return ref ? ref->max_tenths : 0;
}

// Shared with the applications handler: an item as the forms show it.
object RubricItemJson(const domain::rubric::RubricItem& item, int section) {
  return object{{"id", item.id},
                {"section", section},
                {"text_zh", item.text_zh},
                {"gate", GateKey(item.gate)},
                {"max", domain::rubric::FormatTenths(item.max_tenths)},
                {"reference_max", domain::rubric::FormatTenths(ReferenceMaxTenths(item.id))},
                {"sub_items", SubItemsJson(item.sub_items)}};
}

array RubricSectionsJson(const domain::rubric::Rubric& r) {
  array sections;
  for (const auto& s : r.sections) {
    array items;
    for (const auto& item : s.items) items.push_back(RubricItemJson(item, s.number));
    sections.push_back(object{{"number", s.number},
                              {"name_zh", s.name_zh},
                              {"weight", s.weight},
                              {"max", domain::rubric::FormatTenths(domain::rubric::SectionMaxTenths(s))},
                              {"items", std::move(items)}});
  }
  return sections;
}

namespace {

object UnitRubricJson(const service::rubric::UnitRubric& r) {
  array refinement;
  for (const auto& i : r.refinement.items) {
    object o{{"id", i.item_id}};
    if (i.max_tenths) o["max"] = domain::rubric::FormatTenths(*i.max_tenths);
    if (!i.sub_items.empty()) o["sub_items"] = SubItemsJson(i.sub_items);
    refinement.push_back(std::move(o));
  }
  array maxima;
  for (const auto& m : r.maxima) {
    array items;
    for (const auto& [id, max] : m.items) items.push_back(object{{"id", id}, {"max", domain::rubric::FormatTenths(max)}});
    maxima.push_back(object{{"number", m.number},
                            {"weight", m.weight},
                            {"max", domain::rubric::FormatTenths(m.max_tenths)},
                            {"items", std::move(items)}});
  }
  return object{{"year", r.year},
                {"unit_code", r.unit_code},
                {"unit_name", r.unit_name},
                {"level", policy::LevelKey(r.level)},
                {"version", r.version},
                {"updated_at", r.updated_at ? value(*r.updated_at) : value(nullptr)},
                {"updated_by", r.updated_by ? value(*r.updated_by) : value(nullptr)},
                {"refined", !r.refinement.empty()},
                {"refinement", object{{"items", std::move(refinement)}}},
                {"sections", RubricSectionsJson(r.rubric)},
                {"maxima", std::move(maxima)},
                {"frozen", r.frozen},
                {"frozen_phase", domain::campaigns::PhaseKeyString(r.frozen_by)},
                {"frozen_from", r.frozen_from.ToString()}};
}

Response Get(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(r, service::rubric::GetUnitRubric(app.ctx(), call.actor, *year, call.req.Query("unit"), TodayInChina()));
  return JsonResponse(200, UnitRubricJson(*r));
}

// {"items": [...], "version": n, "reopen": false}
Response Put(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(version, OptInt(*body, "version"));
  MEIHAO_TRY(reopen, OptBool(*body, "reopen"));
  if (!*version)
    return ErrorResponse(Error::Invalid("version.required", "缺少版本号 version（请先读取评价标准）",
                                        "version is required (read the rubric first)", "version"));
  if (!body->contains("items"))
    return ErrorResponse(Error::Invalid("items.required", "缺少细化项目列表 items（恢复参考标准请传空列表 []）",
                                        "items is required (an empty list returns to the reference)", "items"));
  body->erase("version");
  body->erase("reopen");
  std::vector<Error> problems;
  auto r = service::rubric::PutUnitRubric(app.ctx(), call.actor, *year, call.req.Query("unit"), boost::json::serialize(*body),
                                  **version, reopen->value_or(false), TodayInChina(), &problems);
  if (!r) return ErrorsResponse(r.error(), problems);
  return JsonResponse(200, UnitRubricJson(*r));
}

}  // namespace

void RegisterRubricRoutes(App& app) {
  app.Api("GET", "/api/campaigns/{year}/rubric", Access::kUser, [&app](Call& c) { return Get(app, c); });
  app.Api("PUT", "/api/campaigns/{year}/rubric", Access::kUser, [&app](Call& c) { return Put(app, c); });
}

}  // namespace meihao::http

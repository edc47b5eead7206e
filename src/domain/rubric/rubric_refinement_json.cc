// A county's refinement as stored (the campaign setting "rubric"): written in
// reference order, read back with every malformed part refused.
#include "domain/rubric/rubric.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "common/text.h"
#include "domain/rubric/rubric_internal.h"

namespace meihao::domain::rubric {

// ---- Refinement as JSON -------------------------------------------------------------

std::string RefinementToJson(const Refinement& r) {
  if (r.empty()) return "";
  // Reference order, so the same refinement is always the same text.
  std::vector<const ItemRefinement*> ordered;
  for (const auto& s : ReferenceRubric().sections)
    for (const auto& i : s.items)
      for (const auto& ir : r.items)
        if (ir.item_id == i.id) ordered.push_back(&ir);
  for (const auto& ir : r.items)  // unknown ids (invalid anyway) keep their place at the end
    if (!FindItem(ReferenceRubric(), ir.item_id)) ordered.push_back(&ir);
  boost::json::array items;
  for (const ItemRefinement* ir : ordered) {
    boost::json::object o;
    o["id"] = ir->item_id;
    if (ir->max_tenths) o["max"] = FormatTenths(*ir->max_tenths);
    if (!ir->sub_items.empty()) {
      boost::json::array subs;
      for (const auto& s : ir->sub_items)
        subs.push_back(boost::json::object{{"name", s.name}, {"max", FormatTenths(s.max_tenths)}});
      o["sub_items"] = std::move(subs);
    }
    items.push_back(std::move(o));
  }
  return boost::json::serialize(boost::json::object{{"items", std::move(items)}});
}

namespace {

using namespace internal;

Error Malformed(const std::string& why_zh, const std::string& why_en, const std::string& field) {
  return Error::Invalid("rubric.json", "参考标准细化的格式不正确：" + why_zh,
                        "Malformed rubric refinement: " + why_en, field);
}

// A maximum as "2.5" or as a JSON number 2.5 / 3. A double is read through its
// shortest round-trip text, so 2.55 is seen as "2.55" and refused, not rounded.
Result<int> MaxFromJson(const boost::json::value& v, const std::string& field) {
  std::string text;
  if (v.is_string()) {
    text = std::string(v.get_string());
  } else if (v.is_int64() || v.is_uint64()) {
    text = v.is_int64() ? std::to_string(v.get_int64()) : std::to_string(v.get_uint64());
  } else if (v.is_double()) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.get_double());
    text.assign(buf, ec == std::errc{} ? end : buf);
  } else {
    return Malformed("满分应为数字", "a maximum must be a number", field);
  }
  return ParsePoints(text, field);
}

Status RefuseUnknownKeys(const boost::json::object& o, std::initializer_list<std::string_view> known,
                         const std::string& field) {
  for (const auto& kv : o) {
    const std::string_view key = kv.key();
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    if (key == "sections" || key == "weights" || key == "weight")
      return Error::Invalid("rubric.weights.fixed",
                            "四个选树项目的权重（20%、20%、40%、20%）由市里统一确定，各地不能调整",
                            "The section weights (20, 20, 40, 20) are the city's and cannot change",
                            field.empty() ? std::string(key) : field + "." + std::string(key));
    return Malformed("不认识的字段“" + std::string(key) + "”", "unknown key \"" + std::string(key) + "\"",
                     field.empty() ? std::string(key) : field + "." + std::string(key));
  }
  return OkStatus();
}

Result<ItemRefinement> ItemFromJson(const boost::json::value& v, size_t index) {
  const std::string at = "items[" + std::to_string(index + 1) + "]";
  if (!v.is_object()) return Malformed("项目应为对象", "an item must be an object", at);
  const auto& o = v.get_object();
  const auto* id = o.if_contains("id");
  if (!id || !id->is_string()) return Malformed("项目缺少编号（id）", "an item needs an \"id\"", at);
  ItemRefinement ir{std::string(id->get_string()), std::nullopt, {}};
  const std::string field = ItemField(ir.item_id);
  if (auto st = RefuseUnknownKeys(o, {"id", "max", "sub_items"}, field); !st) return st.error();
  if (const auto* m = o.if_contains("max")) {
    auto t = MaxFromJson(*m, field + ".max");
    if (!t) return t.error();
    ir.max_tenths = *t;
  }
  if (const auto* subs = o.if_contains("sub_items")) {
    if (!subs->is_array()) return Malformed("子项应为数组", "sub_items must be an array", field + ".sub_items");
    size_t n = 0;
    for (const auto& sv : subs->get_array()) {
      const std::string sf = field + ".sub_items." + std::to_string(++n);
      if (!sv.is_object()) return Malformed("子项应为对象", "a sub-item must be an object", sf);
      const auto& so = sv.get_object();
      if (auto st = RefuseUnknownKeys(so, {"name", "max"}, sf); !st) return st.error();
      const auto* name = so.if_contains("name");
      const auto* max = so.if_contains("max");
      if (!name || !name->is_string()) return Malformed("子项缺少名称", "a sub-item needs a name", sf + ".name");
      if (!max) return Malformed("子项缺少满分", "a sub-item needs a max", sf + ".max");
      auto t = MaxFromJson(*max, sf + ".max");
      if (!t) return t.error();
      ir.sub_items.push_back({std::string(name->get_string()), *t});
    }
  }
  return ir;
}

}  // namespace

Result<Refinement> RefinementFromJson(std::string_view text) {
  if (Trim(text).empty()) return Refinement{};
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return Malformed("不是有效的 JSON 对象", "not a JSON object", "rubric");
  const auto& o = v.get_object();
  if (auto st = RefuseUnknownKeys(o, {"items"}, ""); !st) return st.error();
  Refinement r;
  const auto* items = o.if_contains("items");
  if (!items) return r;
  if (!items->is_array()) return Malformed("items 应为数组", "\"items\" must be an array", "items");
  for (size_t i = 0; i < items->get_array().size(); ++i) {
    auto ir = ItemFromJson(items->get_array()[i], i);
    if (!ir) return ir.error();
    r.items.push_back(std::move(*ir));
  }
  return r;
}

}  // namespace meihao::domain::rubric

#include "domain/rubric/rubric.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstdlib>
#include <initializer_list>
#include <numeric>
#include <set>
#include <utility>

#include <boost/json.hpp>

#include "common/text.h"

namespace meihao::domain::rubric {

// ---- Principles ----------------------------------------------------------------

const std::array<Principle, 9>& Principles() {
  // Annex 1, verbatim. Automatic/evaluator parts: rules.md §5's table.
  static const std::array<Principle, 9> kAll = {{
      {"P1", "小区业主对物业管理满意度高，满意度位于全县（市、区）前 5%(或者小区物业管理投诉率位于全市后 5%)。",
       true, false},
      {"P2", "小区党组织健全，所在街道社区充分发挥党建引领物业管理的作用，所在小区建立社区居民委员会、业主委员会（物业管理委员会等）、物业服务企业等多方参与的协调运行机制。",
       true, true},
      {"P3", "小区组织开展精神文明活动，宣传党的二十大精神和社会主义核心价值观，丰富群众文化生活。开展“物业服务+生活服务”模式，满足居民美好生活需要。",
       false, true},
      {"P4", "小区选举产生业主委员会或组建物业管理委员会等自治组织，业主委员会或物业管理委员会等运行规范。",
       true, true},
      {"P5", "小区显著位置公示相关部门投诉、咨询电话。相关部门执法进小区，形成良好的部门协作机制。",
       false, true},
      {"P6", "小区实施专业化物业管理，物业服务规范，重大公共事件应急机制健全，物业服务企业 1 年内无行政处罚记录。",
       true, true},
      {"P7", "小区环境整洁，共有设施设备维护到位，无违章搭建、占用堵塞消防车通道等现象，实现垃圾分类投放和收集。",
       false, true},
      {"P8", "小区物业服务标准和收费等信息公示规范，物业费收费率不低于 95%。", true, true},
      {"P9", "结合群众需求，从建设电动汽车充电设施、设置电动自行车充电设施、增设休闲设施、举办小区文娱活动、提供便民服务等群众身边事做起，至少为群众办一件实事。",
       false, true},
  }};
  return kAll;
}

// ---- Reference rubric ------------------------------------------------------------

namespace {

RubricSection Section(int number, std::string name, int weight,
                      std::vector<std::string> texts) {
  RubricSection s{number, std::move(name), weight, {}};
  for (size_t i = 0; i < texts.size(); ++i)
    s.items.push_back({std::to_string(number) + "." + std::to_string(i + 1), std::move(texts[i]),
                       GateLink::kNone, kDefaultItemMaxTenths, {}});
  return s;
}

Rubric MakeReference() {
  // Annex 2, verbatim except two artefacts of the seed's conversion (docs/decisions.md):
  // 1.5's " and " is "和" (Annex 1 P3 has the same sentence), 3.2's "$\geq 95\%$" is "≥95%".
  Rubric r;
  r.sections.push_back(Section(1, "党建引领机制完善", 20, {
      "所在街道健全街道党（工）委统一协调，相关部门联动执法，协同解决物业管理问题的工作机制",
      "多方联动机制或联席会议制度有效落实，对涉及物业管理的重大事项、重要问题、重点工作能共同协商解决",
      "小区有党建活动场所，通过社区物业党建联建或选派党建指导员等方式，实现党的工作覆盖",
      "小区建立社区党组织领导下的社区居民委员会、业主委员会、物业服务企业协调运行机制",
      "小区组织开展精神文明活动，宣传党的二十大精神和社会主义核心价值观，丰富群众文化生活",
      "结合群众需求，从建设电动汽车充电设施、设置电动自行车充电设施、增设休闲设施、举办小区文娱活动、提供便民服务等群众身边事做起，至少为群众办一件实事",
  }));
  r.sections.push_back(Section(2, "业主委员会和物业管理委员会等运行规范", 20, {
      "街道社区党组织做好业委会人选推荐把关工作，组织业主成立业主大会，选举产生业主委员会，或指导组建物业管理委员会，临时代行业主委员会部分职责",
      "业主委员会或物业管理委员会成员中的党员占比较高",
      "业主委员会或物业管理委员会至少每年向业主公布业主共有部分经营与收益、维修资金使用、经费开支等信息",
      "定期召开业主委员会或物业管理委员会会议，及时组织召集业主共同决策小区重要公共事务，并报告社区党组织和居民委员会",
  }));
  r.sections.push_back(Section(3, "物业管理服务规范高效", 40, {
      "小区业主满意度位于全县（市、区）前5%或小区物业管理投诉位于全县（市、区）后5%",
      "小区物业费收费率≥95%",
      "小区物业服务标准和收费等信息公开规范",
      "小区环境卫生良好",
      "小区绿化养护良好",
      "小区共有设施设备维护良好",
      "开展“物业服务+生活服务”情况",
      "对于小区内违法违规行爲，履行巡查、劝阻、报告职责的情况",
  }));
  r.sections.push_back(Section(4, "部门执法和专项服务进小区", 20, {
      "小区显著位置公示相关部门投诉、咨询电话",
      "小区显著位置公示供水、排水、供电、供气、供热等专业运营单位联系电话",
      "相关部门执法进小区，专业运营单位服务进小区",
      "小区无占用堵塞公共和消防通道况",
      "小区电动自行车停放、充电规范",
      "小区实施生活垃圾分类情况",
      "小区违规饲养动物情况",
  }));
  r.sections[2].items[0].gate = GateLink::kP1;
  r.sections[2].items[1].gate = GateLink::kP8Fee;
  return r;
}

// For Rubric and const Rubric alike.
template <typename R>
auto* FindItemIn(R& r, std::string_view id) {
  decltype(&r.sections[0].items[0]) none = nullptr;
  for (auto& s : r.sections)
    for (auto& i : s.items)
      if (i.id == id) return &i;
  return none;
}

}  // namespace

const Rubric& ReferenceRubric() {
  static const Rubric kReference = MakeReference();
  return kReference;
}

const RubricItem* FindItem(const Rubric& r, std::string_view item_id) {
  return FindItemIn(r, item_id);
}

int SectionMaxTenths(const RubricSection& s) {
  int sum = 0;
  for (const auto& i : s.items) sum += i.max_tenths;
  return sum;
}

int64_t TotalDenominator(const Rubric& r) {
  int64_t d = 1;
  for (const auto& s : r.sections) {
    const int64_t max = SectionMaxTenths(s);
    d = std::lcm(d, max / std::gcd(max, int64_t{s.weight}));  // ≤ 6000·4000·8000·7000, fits
  }
  return d;
}

std::vector<SectionMaxima> Maxima(const Rubric& r) {
  std::vector<SectionMaxima> out;
  for (const auto& s : r.sections) {
    SectionMaxima m{s.number, s.weight, SectionMaxTenths(s), {}};
    for (const auto& i : s.items) m.items.emplace_back(i.id, i.max_tenths);
    out.push_back(std::move(m));
  }
  return out;
}

// ---- Points as text ----------------------------------------------------------------

std::string FormatTenths(int tenths) {
  std::string sign = tenths < 0 ? "-" : "";
  const int a = std::abs(tenths);
  std::string out = sign + std::to_string(a / 10);
  if (a % 10) out += "." + std::to_string(a % 10);
  return out;
}

Result<int> ParsePoints(std::string_view text, const std::string& field) {
  const std::string t = Trim(text);
  auto bad = [&] {
    return Error::Invalid("rubric.points.format",
                          "分值“" + std::string(text) + "”格式不正确，应为不小于0、最多一位小数的数字（如 8 或 8.5）",
                          "\"" + std::string(text) + "\" is not a number ≥ 0 with at most one decimal",
                          field);
  };
  const size_t dot = t.find('.');
  const std::string whole = t.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1);
  auto digits = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  // "8." and ".5" are refused: a clerk's slip, not a number to guess at.
  if (whole.empty() || whole.size() > 6 || !digits(whole) || !digits(frac) ||
      (dot != std::string::npos && frac.empty()))
    return bad();
  while (frac.size() > 1 && frac.back() == '0') frac.pop_back();  // "8.50" is 8.5
  if (frac.size() > 1)
    return Error::Invalid("rubric.points.decimals",
                          "分值“" + std::string(text) + "”最多保留一位小数",
                          "\"" + std::string(text) + "\" has more than one decimal", field);
  return std::stoi(whole) * kTenthsPerPoint + (frac.empty() ? 0 : frac[0] - '0');
}

// ---- Refinement ----------------------------------------------------------------------

namespace {

std::string ItemField(const std::string& id) { return "items." + id; }

void CheckMax(int tenths, const std::string& field, const std::string& what_zh,
              std::vector<Error>& out) {
  if (tenths == 0)
    out.push_back(Error::Invalid("rubric.max.zero",
                                 what_zh + "的满分不能为0：参考标准的项目不能删除，只能调整分值或细化",
                                 "A maximum of 0 would remove a reference item; items stay, only "
                                 "their maxima and sub-items change",
                                 field));
  else if (tenths < 0 || tenths > kMaxItemMaxTenths)
    out.push_back(Error::Invalid("rubric.max.range",
                                 what_zh + "的满分须大于0且不超过100分（现为" + FormatTenths(tenths) + "分）",
                                 "A maximum must be above 0 and at most 100 points (is " +
                                     FormatTenths(tenths) + ")",
                                 field));
}

void CheckSubItems(const ItemRefinement& ir, const RubricItem& item, std::vector<Error>& out) {
  const std::string base = ItemField(ir.item_id) + ".sub_items";
  if (item.gate != GateLink::kNone) {
    out.push_back(Error::Invalid("rubric.sub_items.gate_linked",
                                 "第" + ir.item_id + "项由原则要求自动计分（达到得满分，否则0分），不能细化为子项",
                                 "Item " + ir.item_id + " is scored by its principle (all or nothing) "
                                 "and cannot have sub-items",
                                 base));
    return;
  }
  if (ir.sub_items.size() > static_cast<size_t>(kMaxSubItems))
    out.push_back(Error::Invalid("rubric.sub_items.too_many",
                                 "第" + ir.item_id + "项最多细化为" + std::to_string(kMaxSubItems) + "个子项",
                                 "Item " + ir.item_id + " has more than " +
                                     std::to_string(kMaxSubItems) + " sub-items",
                                 base));
  std::set<std::string> seen;
  int sum = 0;
  for (size_t n = 0; n < ir.sub_items.size(); ++n) {
    const SubItem& s = ir.sub_items[n];
    const std::string field = base + "." + std::to_string(n + 1);
    const std::string label = "第" + ir.item_id + "项的第" + std::to_string(n + 1) + "个子项";
    const std::string name = Trim(s.name);
    if (name.empty())
      out.push_back(Error::Invalid("rubric.sub_item.name.empty", label + "缺少名称",
                                   "A sub-item needs a name", field + ".name"));
    else if (!IsValidUtf8(name) || CodePointCount(name) > static_cast<size_t>(kMaxSubItemNameChars))
      out.push_back(Error::Invalid("rubric.sub_item.name.length",
                                   label + "的名称不能超过" + std::to_string(kMaxSubItemNameChars) + "个字",
                                   "A sub-item name has at most " +
                                       std::to_string(kMaxSubItemNameChars) + " characters",
                                   field + ".name"));
    else if (!seen.insert(name).second)
      out.push_back(Error::Invalid("rubric.sub_item.name.duplicate",
                                   label + "的名称“" + name + "”与同项的其他子项重复",
                                   "Sub-item name \"" + name + "\" is repeated within item " + ir.item_id,
                                   field + ".name"));
    if (s.max_tenths <= 0 || s.max_tenths > kMaxItemMaxTenths)
      out.push_back(Error::Invalid("rubric.sub_item.max.range",
                                   label + "的满分须大于0且不超过100分（现为" + FormatTenths(s.max_tenths) + "分）",
                                   "A sub-item's maximum must be above 0 and at most 100 points",
                                   field + ".max"));
    else
      sum += s.max_tenths;
  }
  if (sum > kMaxItemMaxTenths)
    out.push_back(Error::Invalid("rubric.max.range",
                                 "第" + ir.item_id + "项各子项满分之和不能超过100分（现为" + FormatTenths(sum) + "分）",
                                 "The sub-items of item " + ir.item_id + " add up to more than 100 points",
                                 base));
}

// The reference with `r` applied. Precondition: every rule but the denominator's holds.
Rubric Apply(const Refinement& r) {
  Rubric out = ReferenceRubric();
  for (const auto& ir : r.items) {
    RubricItem* item = FindItemIn(out, ir.item_id);
    if (ir.max_tenths) item->max_tenths = *ir.max_tenths;
    if (ir.sub_items.empty()) continue;
    item->max_tenths = 0;
    for (const auto& s : ir.sub_items) {
      item->sub_items.push_back({Trim(s.name), s.max_tenths});
      item->max_tenths += s.max_tenths;
    }
  }
  return out;
}

}  // namespace

std::vector<Error> ValidateRefinement(const Refinement& r) {
  std::vector<Error> out;
  std::set<std::string> seen;
  for (const auto& ir : r.items) {
    const std::string field = ItemField(ir.item_id);
    const RubricItem* item = FindItem(ReferenceRubric(), ir.item_id);
    if (!item) {
      out.push_back(Error::Invalid("rubric.item.unknown",
                                   "参考标准中没有第“" + ir.item_id + "”项；各地只能细化已有项目，不能增加项目",
                                   "The reference rubric has no item \"" + ir.item_id +
                                       "\"; counties refine items, they do not add them",
                                   field));
      continue;
    }
    if (!seen.insert(ir.item_id).second) {
      out.push_back(Error::Invalid("rubric.item.duplicate", "第" + ir.item_id + "项重复出现",
                                   "Item " + ir.item_id + " appears twice", field));
      continue;
    }
    if (ir.max_tenths && !ir.sub_items.empty()) {
      out.push_back(Error::Invalid("rubric.item.max_with_sub_items",
                                   "第" + ir.item_id + "项已细化为子项，其满分为各子项满分之和，不能另行设定",
                                   "Item " + ir.item_id + " has sub-items; its maximum is their sum",
                                   field + ".max"));
      continue;
    }
    if (!ir.max_tenths && ir.sub_items.empty()) {
      out.push_back(Error::Invalid("rubric.item.no_change",
                                   "第" + ir.item_id + "项既未调整满分也未细化子项",
                                   "Item " + ir.item_id + " changes neither its maximum nor sub-items",
                                   field));
      continue;
    }
    if (ir.max_tenths) CheckMax(*ir.max_tenths, field + ".max", "第" + ir.item_id + "项", out);
    if (!ir.sub_items.empty()) CheckSubItems(ir, *item, out);
  }
  if (out.empty() && TotalDenominator(Apply(r)) > kMaxTotalDenominator)
    out.push_back(Error::Invalid("rubric.max.denominator",
                                 "各项满分设置过于零碎，总分无法精确计算，请将满分调整为整数或半分（如 10、7.5）",
                                 "The maxima are too uneven for exact totals; use whole or half points",
                                 "items"));
  return out;
}

Result<Rubric> ApplyRefinement(const Refinement& r) {
  if (auto errors = ValidateRefinement(r); !errors.empty()) return errors.front();
  return Apply(r);
}


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

// ---- Scores ---------------------------------------------------------------------------

namespace {

// unit → (maximum, item) for every unit an evaluator scores.
std::map<std::string, int> UnitMaxima(const Rubric& r) {
  std::map<std::string, int> out;
  for (const auto& s : r.sections)
    for (const auto& i : s.items) {
      if (i.gate != GateLink::kNone) continue;
      if (i.sub_items.empty()) out[i.id] = i.max_tenths;
      for (size_t n = 0; n < i.sub_items.size(); ++n)
        out[i.id + "." + std::to_string(n + 1)] = i.sub_items[n].max_tenths;
    }
  return out;
}

}  // namespace

std::vector<std::string> ScoreUnits(const Rubric& r) {
  // Rubric order ("1.10" would sort before "1.2" in a map).
  std::vector<std::string> out;
  for (const auto& s : r.sections)
    for (const auto& i : s.items) {
      if (i.gate != GateLink::kNone) continue;
      if (i.sub_items.empty()) out.push_back(i.id);
      for (size_t n = 0; n < i.sub_items.size(); ++n) out.push_back(i.id + "." + std::to_string(n + 1));
    }
  return out;
}

std::vector<Error> ValidateScoreSheet(const Rubric& r, const ScoreSheet& sheet) {
  std::vector<Error> out;
  const auto maxima = UnitMaxima(r);
  for (const auto& unit : ScoreUnits(r)) {
    const int max = maxima.at(unit);
    const auto it = sheet.find(unit);
    if (it == sheet.end())
      out.push_back(Error::Invalid("rubric.score.missing", "第" + unit + "项尚未打分",
                                   "Item " + unit + " has no score", "scores." + unit));
    else if (it->second < 0 || it->second > max)
      out.push_back(Error::Invalid("rubric.score.range",
                                   "第" + unit + "项的得分须在0至" + FormatTenths(max) + "分之间（现为" +
                                       FormatTenths(it->second) + "分）",
                                   "Item " + unit + " is scored 0 … " + FormatTenths(max) + " (is " +
                                       FormatTenths(it->second) + ")",
                                   "scores." + unit));
  }
  for (const auto& [unit, score] : sheet) {
    if (maxima.contains(unit)) continue;
    const RubricItem* item = FindItem(r, unit);
    std::string zh = "评分表中没有第“" + unit + "”项";
    std::string en = "The rubric has no score unit \"" + unit + "\"";
    if (item && item->gate != GateLink::kNone) {
      zh = "第" + unit + "项根据原则要求自动计分（达到得满分，否则0分），评审专家无需打分";
      en = "Item " + unit + " is scored from its principle, not by evaluators";
    } else if (item) {
      zh = "第" + unit + "项已细化为子项，请按子项打分";
      en = "Item " + unit + " has sub-items; score those";
    }
    out.push_back(Error::Invalid("rubric.score.unknown", zh, en, "scores." + unit));
  }
  return out;
}

ParsedSheet ParseScoreSheet(const Rubric& r, const std::map<std::string, std::string>& typed) {
  ParsedSheet out;
  for (const auto& [unit, text] : typed) {
    auto t = ParsePoints(text, "scores." + unit);
    if (t)
      out.sheet[unit] = *t;
    else
      out.errors.push_back(t.error());
  }
  // Range, missing and unknown units; a unit whose text was refused is not "missing" too.
  for (auto& e : ValidateScoreSheet(r, out.sheet)) {
    const std::string unit = e.field.substr(std::string("scores.").size());
    if (e.code == "rubric.score.missing" && typed.contains(unit)) continue;
    out.errors.push_back(std::move(e));
  }
  return out;
}

int ItemScoreTenths(const RubricItem& item, const ScoreSheet& sheet, GateLinkedPasses gates) {
  switch (item.gate) {
    case GateLink::kP1: return gates.p1 ? item.max_tenths : 0;
    case GateLink::kP8Fee: return gates.p8_fee ? item.max_tenths : 0;
    case GateLink::kNone: break;
  }
  if (item.sub_items.empty()) return sheet.at(item.id);
  int sum = 0;
  for (size_t n = 0; n < item.sub_items.size(); ++n) sum += sheet.at(item.id + "." + std::to_string(n + 1));
  return sum;
}

Result<Fraction> EvaluatorTotal(const Rubric& r, const ScoreSheet& sheet, GateLinkedPasses gates) {
  if (auto errors = ValidateScoreSheet(r, sheet); !errors.empty()) return errors.front();
  // Σ weight × got / max as one fraction, reduced at each step. Bounds: a
  // section's maximum ≤ 8 items × 1000 tenths, so the common denominator is at
  // most 8000⁴ < 2^52 and the numerator at most 100 times that.
  __int128 num = 0, den = 1;
  for (const auto& s : r.sections) {
    int got = 0;
    for (const auto& i : s.items) got += ItemScoreTenths(i, sheet, gates);
    const int max = SectionMaxTenths(s);
    assert(max > 0);
    num = num * max + static_cast<__int128>(s.weight) * got * den;
    den *= max;
    const int64_t g = std::gcd(static_cast<int64_t>(num), static_cast<int64_t>(den));
    num /= g, den /= g;
  }
  return Fraction(static_cast<int64_t>(num), static_cast<int64_t>(den));
}

SheetScorer::SheetScorer(const Rubric& r) {
  for (const auto& s : r.sections) {
    Section out;
    out.weight = s.weight;
    out.max_tenths = SectionMaxTenths(s);
    for (const auto& i : s.items) {
      if (i.gate == GateLink::kP1) out.p1_tenths += i.max_tenths;
      if (i.gate == GateLink::kP8Fee) out.p8_tenths += i.max_tenths;
      if (i.gate != GateLink::kNone) continue;
      auto add = [&](std::string unit, int max) {
        out.units.push_back(static_cast<int>(units_.size()));
        units_.push_back(std::move(unit));
        maxima_.push_back(max);
      };
      if (i.sub_items.empty()) add(i.id, i.max_tenths);
      for (size_t n = 0; n < i.sub_items.size(); ++n) add(i.id + "." + std::to_string(n + 1), i.sub_items[n].max_tenths);
    }
    sections_.push_back(std::move(out));
  }
}

int SheetScorer::UnitIndex(std::string_view unit) const {
  for (size_t i = 0; i < units_.size(); ++i)
    if (units_[i] == unit) return static_cast<int>(i);
  return -1;
}

std::optional<Fraction> SheetScorer::Total(const std::vector<int>& tenths, GateLinkedPasses gates) const {
  if (tenths.size() != units_.size()) return std::nullopt;
  // The same arithmetic as EvaluatorTotal, section by section.
  __int128 num = 0, den = 1;
  for (const Section& s : sections_) {
    int got = (gates.p1 ? s.p1_tenths : 0) + (gates.p8_fee ? s.p8_tenths : 0);
    for (int u : s.units) {
      const int t = tenths[static_cast<size_t>(u)];
      if (t < 0 || t > maxima_[static_cast<size_t>(u)]) return std::nullopt;
      got += t;
    }
    num = num * s.max_tenths + static_cast<__int128>(s.weight) * got * den;
    den *= s.max_tenths;
    const int64_t g = std::gcd(static_cast<int64_t>(num), static_cast<int64_t>(den));
    num /= g, den /= g;
  }
  return Fraction(static_cast<int64_t>(num), static_cast<int64_t>(den));
}

}  // namespace meihao::domain::rubric

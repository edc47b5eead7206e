// A county's refinement of the reference rubric: the rules it must keep
// (ValidateRefinement) and the rubric it makes (ApplyRefinement).
#include "domain/rubric/rubric.h"

#include <set>
#include <string>
#include <vector>

#include "common/text.h"
#include "domain/rubric/rubric_internal.h"

namespace meihao::domain::rubric {

// ---- Refinement ----------------------------------------------------------------------

namespace {

using namespace internal;

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

}  // namespace meihao::domain::rubric

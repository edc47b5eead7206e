#include "domain/registry/divisions.h"

#include <algorithm>

#include "common/text.h"

namespace meihao::domain::registry {
namespace {

constexpr std::string_view kHeader =
    "city_code,city_name,county_code,county_name,town_name,town_kind";

// Splits one CSV line; quotes are honoured so a future name with a comma works.
std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  for (auto& f : out) f = Trim(f);
  return out;
}

bool IsDigits(std::string_view s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Error LineError(int line, const std::string& zh, const std::string& en) {
  return Error::Invalid("divisions.csv.format",
                        "行政区划文件第" + std::to_string(line) + "行：" + zh,
                        "divisions file line " + std::to_string(line) + ": " + en);
}

std::string ThreeDigits(size_t n) {
  std::string s = std::to_string(n);
  return std::string(3 - std::min<size_t>(3, s.size()), '0') + s;
}

}  // namespace

std::string_view LevelKey(Division::Level level) {
  switch (level) {
    case Division::Level::kCity: return "city";
    case Division::Level::kCounty: return "county";
    case Division::Level::kTown: return "town";
  }
  return "town";
}

size_t DivisionTree::Add(Division d) {
  const size_t idx = nodes_.size();
  by_code_.emplace(d.code, idx);
  if (!d.parent_code.empty()) children_[by_code_.find(d.parent_code)->second].push_back(idx);
  nodes_.push_back(std::move(d));
  children_.emplace_back();
  return idx;
}

Result<DivisionTree> DivisionTree::FromCsv(std::string_view csv) {
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);
  if (!IsValidUtf8(csv)) return LineError(1, "不是有效的 UTF-8 编码", "not valid UTF-8");
  DivisionTree tree;
  int line_no = 0;
  size_t pos = 0;
  while (pos < csv.size()) {
    size_t end = csv.find('\n', pos);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view line = csv.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1) {
      if (Trim(line) != kHeader) return LineError(1, "表头应为 " + std::string(kHeader),
                                                  "header must be " + std::string(kHeader));
      continue;
    }
    if (Trim(line).empty()) continue;
    const std::vector<std::string> f = SplitCsvLine(line);
    if (f.size() != 6) return LineError(line_no, "应有6列", "expected 6 columns");
    const std::string &city_code = f[0], &city_name = f[1], &county_code = f[2],
                      &county_name = f[3], &town_name = f[4], &kind = f[5];
    if (!IsDigits(city_code, 6) || !IsDigits(county_code, 6))
      return LineError(line_no, "区划代码应为6位数字", "division codes must be 6 digits");
    if (city_name.empty() || county_name.empty() || town_name.empty())
      return LineError(line_no, "名称不能为空", "names must not be empty");
    if (kind != "street" && kind != "town")
      return LineError(line_no, "town_kind 应为 street 或 town", "town_kind must be street or town");
    if (tree.nodes_.empty()) {
      tree.Add({city_code, city_name, Division::Level::kCity, ""});
    } else if (tree.Root().code != city_code || tree.Root().name != city_name) {
      return LineError(line_no, "只能有一个市", "the file must hold exactly one city");
    }
    const Division* county = tree.Find(county_code);
    if (county == nullptr) {
      if (county_code == city_code) return LineError(line_no, "县区代码与市代码相同", "county code equals city code");
      tree.Add({county_code, county_name, Division::Level::kCounty, city_code});
      county = tree.Find(county_code);
    } else if (county->name != county_name) {
      return LineError(line_no, "同一县区代码对应了不同名称", "one county code has two names");
    }
    const size_t seq = tree.Children(county_code).size() + 1;
    if (seq > 999) return LineError(line_no, "镇街过多", "too many towns in one county");
    if (tree.FindTown(county_code, town_name) != nullptr)
      return LineError(line_no, "镇街重复：" + town_name, "town listed twice: " + town_name);
    tree.Add({county_code + ThreeDigits(seq), town_name, Division::Level::kTown, county_code});
  }
  if (tree.nodes_.empty()) return LineError(line_no + 1, "没有数据行", "no data rows");
  return tree;
}

const Division* DivisionTree::Find(std::string_view code) const {
  const auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &nodes_[it->second];
}

const Division* DivisionTree::FindCountyByNameOrCode(std::string_view name_or_code) const {
  if (nodes_.empty()) return nullptr;
  for (size_t idx : children_[0]) {
    const Division& d = nodes_[idx];
    if (d.code == name_or_code || d.name == name_or_code) return &d;
  }
  return nullptr;
}

const Division* DivisionTree::FindTown(std::string_view county_code,
                                       std::string_view town_name_or_code) const {
  const auto it = by_code_.find(county_code);
  if (it == by_code_.end() || nodes_[it->second].level != Division::Level::kCounty) return nullptr;
  for (size_t idx : children_[it->second]) {
    const Division& d = nodes_[idx];
    if (d.code == town_name_or_code || d.name == town_name_or_code) return &d;
  }
  return nullptr;
}

std::vector<const Division*> DivisionTree::Children(std::string_view code) const {
  std::vector<const Division*> out;
  const auto it = by_code_.find(code);
  if (it == by_code_.end()) return out;
  for (size_t idx : children_[it->second]) out.push_back(&nodes_[idx]);
  return out;
}

bool DivisionTree::IsWithin(std::string_view node, std::string_view ancestor) const {
  if (Find(ancestor) == nullptr) return false;
  for (const Division* d = Find(node); d != nullptr; d = Find(d->parent_code)) {
    if (d->code == ancestor) return true;
    if (d->parent_code.empty()) break;
  }
  return false;
}

std::vector<std::string> DivisionTree::TownNames(std::string_view county_code) const {
  std::vector<std::string> out;
  const Division* county = Find(county_code);
  if (county == nullptr || county->level != Division::Level::kCounty) return out;
  for (const Division* t : Children(county_code)) out.push_back(t->name);
  return out;
}

std::vector<const Division*> DivisionTree::Path(std::string_view code) const {
  std::vector<const Division*> out;
  for (const Division* d = Find(code); d != nullptr; d = d->parent_code.empty() ? nullptr : Find(d->parent_code))
    out.push_back(d);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace meihao::domain::registry

// The administrative division tree (行政区划): 江门市 → 县（市、区）→ 镇/街道.
// A user's data scope is one node of it; "within" decides what they may see.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace meihao::domain::registry {

struct Division {
  enum class Level { kCity, kCounty, kTown };
  std::string code;         // city/county: 6 digits; town: county code + 3-digit sequence
  std::string name;
  Level level = Level::kTown;
  std::string parent_code;  // empty for the city
  bool operator==(const Division&) const = default;
};

// "city" / "county" / "town", as the API writes levels.
std::string_view LevelKey(Division::Level level);

class DivisionTree {
 public:
  // Builds the tree from the divisions CSV (header city_code,city_name,
  // county_code,county_name,town_name,town_kind; UTF-8, optional BOM). Town codes
  // are the county code + a 3-digit sequence in file order within the county,
  // so the same file always yields the same codes. Fails (kInvalid, naming the
  // line) on a wrong header, a second city, a malformed code, a county with two
  // names, or a town listed twice in one county.
  static Result<DivisionTree> FromCsv(std::string_view csv);

  const Division& Root() const { return nodes_.front(); }
  // nullptr when no node has this code. Pointers stay valid while the tree lives.
  const Division* Find(std::string_view code) const;
  // A county by its exact name (蓬江区) or 6-digit code; nullptr otherwise.
  const Division* FindCountyByNameOrCode(std::string_view name_or_code) const;
  // A town of that county by exact name or 9-digit code; nullptr otherwise
  // (also when the town belongs to another county).
  const Division* FindTown(std::string_view county_code, std::string_view town_name_or_code) const;
  // Direct children in file order; empty for a town or an unknown code.
  std::vector<const Division*> Children(std::string_view code) const;
  std::vector<const Division*> Counties() const { return Children(Root().code); }
  // True when `node` is `ancestor` or lies below it; false if either is unknown.
  bool IsWithin(std::string_view node, std::string_view ancestor) const;
  // Names of the county's towns in file order (for suggestions and drop-downs).
  std::vector<std::string> TownNames(std::string_view county_code) const;
  // Root → node inclusive; empty for an unknown code.
  std::vector<const Division*> Path(std::string_view code) const;
  size_t size() const { return nodes_.size(); }

 private:
  DivisionTree() = default;
  size_t Add(Division d);

  std::vector<Division> nodes_;                       // nodes_[0] is the city
  std::map<std::string, size_t, std::less<>> by_code_;  // indices, so copies stay correct
  std::vector<std::vector<size_t>> children_;
};

}  // namespace meihao::domain::registry

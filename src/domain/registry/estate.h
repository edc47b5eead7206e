// The estate (小区) record and its rules, as data-formats.md states them.
// Shared by the form (HTTP), the import check and the demo data generator, so a
// rule is written once.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/registry/divisions.h"

namespace meihao::domain::registry {

enum class ManagementMode { kProfessional, kSelf, kNone };
enum class OwnersOrg { kOwnersCommittee, kManagementCommittee, kNone };

// professional / self / none  ↔  专业化物业管理 / 业主自行管理 / 无物业管理
std::string_view ManagementModeKey(ManagementMode m);
std::string_view ManagementModeLabel(ManagementMode m);
// owners_committee / management_committee / none  ↔  业主委员会 / 物业管理委员会 / 无
std::string_view OwnersOrgKey(OwnersOrg o);
std::string_view OwnersOrgLabel(OwnersOrg o);
// Accept the English key (any case) or the Chinese label, surrounding spaces
// ignored; nullopt for anything else.
std::optional<ManagementMode> ParseManagementMode(std::string_view key_or_label);
std::optional<OwnersOrg> ParseOwnersOrg(std::string_view key_or_label);
// 物业管理小区: the ranking population of rules.md §4.
inline bool IsManaged(ManagementMode m) { return m != ManagementMode::kNone; }

struct Estate {
  std::string code, name, county_code, town_code, community, address;
  int households = 0;
  ManagementMode mode = ManagementMode::kNone;
  std::string company_name, company_uscc;  // set only for professional management
  OwnersOrg owners_org = OwnersOrg::kNone;
  bool party_org = false, demonstration = false;
  bool operator==(const Estate&) const = default;
};

inline constexpr size_t kMaxEstateCode = 32;
inline constexpr size_t kMaxEstateName = 100;
inline constexpr size_t kMaxCommunity = 100;
inline constexpr size_t kMaxAddress = 200;
inline constexpr size_t kMaxCompanyName = 200;
inline constexpr int kMaxHouseholds = 100000;

// Every rule broken by `e`, empty when it may be stored. Each Error is kInvalid
// with a stable code "estate.<field>.<rule>" and field = the Estate/API key
// (code, name, county_code, town_code, community, address, households,
// company_name, company_uscc). Lengths are in characters (code points).
// Company name and credit code are required for professional management and
// must be empty for self-management and none (a company there contradicts
// the mode and would wrongly match penalties to the estate).
std::vector<Error> ValidateEstate(const Estate& e, const DivisionTree& tree);

// Yes/no cells: 是/否, yes/no, y/n, true/false, 1/0 in any case, spaces ignored.
// Returns false (and leaves *out alone) for anything else, including "".
bool ParseYesNo(std::string_view s, bool* out);

// YYYY-MM-DD or YYYY/M/D (one or two digits for month and day, either
// separator used consistently), years 1900–2100, real calendar dates only
// (2023-02-29 is refused). Returns the canonical YYYY-MM-DD.
std::optional<std::string> ParseDate(std::string_view s);

}  // namespace meihao::domain::registry

// The estate register (小区台账): list, read, create, update, soft delete,
// statistics. Every call checks the policy and the caller's scope first; an
// estate outside the scope is "not found".
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/registry/estate.h"
#include "service/context.h"

namespace meihao::service::registry {

struct EstateRecord {
  domain::registry::Estate estate;
  // Names from the process-wide division tree (it outlives every record).
  std::string_view county_name, town_name;
  int64_t version = 0;
  std::string updated_at;
};

struct EstateFilter {
  std::string county, town;         // division codes
  std::string management_mode;      // key: professional / self / none
  std::string owners_org;           // key
  std::optional<bool> party_org, demonstration;
  std::string q;                    // substring of name or address
  std::string sort = "code";        // code / name / households / town / updated_at
  bool descending = false;
  int page = 1, page_size = 20;
};

inline constexpr int kMaxPageSize = 200;

// One estate row as stored, without copies: valid only during the visitor
// call. The list page is the hot path (clerks page all day), so it streams
// rows straight from the database into the answer.
struct EstateRowView {
  std::string_view code, name, county_code, county_name, town_code, town_name, community, address;
  int64_t households = 0;
  std::string_view management_mode, company_name, company_uscc, owners_org;  // keys as stored
  bool party_org = false, demonstration = false;
  int64_t version = 0;
  std::string_view updated_at;
};

struct PageInfo {
  int64_t total = 0;
  int page = 1, page_size = 20;
};

// Calls visit for each estate of the requested page, in order. 400 for an
// unknown sort key, filter value or page size out of range.
Result<PageInfo> VisitEstatePage(const Context& ctx, const Actor& actor, const EstateFilter& f,
                                 const std::function<void(const EstateRowView&)>& visit);
// Every estate the filter matches, in code order, without paging (exports).
Result<std::vector<EstateRecord>> AllEstates(const Context& ctx, const Actor& actor, EstateFilter f);
Result<EstateRecord> GetEstate(const Context& ctx, const Actor& actor, const std::string& code);
// 400 with the field for a rule broken, 409 when the code exists.
Result<EstateRecord> CreateEstate(const Context& ctx, const Actor& actor, const domain::registry::Estate& e);
// 409 when `version` is not the stored one (someone else saved first).
Result<EstateRecord> UpdateEstate(const Context& ctx, const Actor& actor, const std::string& code,
                                  domain::registry::Estate e, int64_t version);
Status DeleteEstate(const Context& ctx, const Actor& actor, const std::string& code);

struct CountyCount {
  std::string code, name;
  int64_t count = 0, managed = 0;
};
struct ModeCount {
  std::string mode;
  int64_t count = 0;
};
struct EstateStats {
  std::vector<CountyCount> by_county;
  std::vector<ModeCount> by_mode;
  int64_t total = 0;
};
Result<EstateStats> EstateStatistics(const Context& ctx, const Actor& actor);
// Estate counts per division node within the caller's scope (code → count).
Result<std::vector<std::pair<std::string, int64_t>>> EstateCountsByTown(const Context& ctx, const Actor& actor);

// The name of a live estate, for labelling an applicant's scope.
std::optional<std::string> EstateNameOf(const Context& ctx, const std::string& code);

// JSON of an estate for audit records.
std::string EstateAuditJson(const domain::registry::Estate& e);

}  // namespace meihao::service::registry

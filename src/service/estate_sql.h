// SQL shared by the estate use cases (register, import, export): the column
// list, row mapping, scope and filter clauses. Internal to src/service.
#pragma once

#include <optional>
#include <string>

#include "service/estates.h"

namespace meihao::service {

inline constexpr std::string_view kEstateSelect =
    "SELECT e.code, e.name, e.county_code, e.town_code, e.community, e.address, e.households, "
    "e.management_mode, co.name, co.uscc, e.owners_org, e.party_org, e.demonstration, e.version, "
    "e.updated_at FROM estates e LEFT JOIN companies co ON co.id = e.company_id";

EstateRecord ReadEstate(const storage::Row& r, const domain::DivisionTree& tree);
// The live (not deleted) estate with this code, whatever the caller's scope.
std::optional<EstateRecord> LoadEstate(storage::Connection& c, const domain::DivisionTree& tree,
                                       const std::string& code);
policy::EstateRef RefOf(const domain::Estate& e);

struct SqlClause {
  std::string sql;  // a boolean expression over alias e
  storage::Params params;
};
// The caller's scope AND the filter, excluding deleted estates. 400 for an
// unknown enum value.
Result<SqlClause> BuildEstateWhere(const domain::DivisionTree& tree, const policy::Principal& p,
                                   const EstateFilter& f);
// " ORDER BY …" for the filter's sort key, always ending in e.code so pages
// are stable; 400 for an unknown key.
Result<std::string> OrderClause(const EstateFilter& f);

}  // namespace meihao::service

// SQL shared by the estate use cases (register, import, export): the column
// list, row mapping, scope and filter clauses. Internal to src/service.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "service/registry/estates.h"

namespace meihao::service::registry {

inline constexpr std::string_view kEstateSelect =
    "SELECT e.code, e.name, e.county_code, e.town_code, e.community, e.address, e.households, "
    "e.management_mode, co.name, co.uscc, e.owners_org, e.party_org, e.demonstration, e.version, "
    "e.updated_at FROM estates e LEFT JOIN companies co ON co.id = e.company_id";

domain::registry::Estate ReadEstateFields(const storage::Row& r);
// The row of kEstateSelect as views into the row (valid until the next row).
EstateRowView ViewEstate(const storage::Row& r, const domain::registry::DivisionTree& tree);
EstateRecord ReadEstate(const storage::Row& r, const domain::registry::DivisionTree& tree);
// The live (not deleted) estate with this code, whatever the caller's scope.
std::optional<EstateRecord> LoadEstate(storage::Connection& c, const domain::registry::DivisionTree& tree,
                                       const std::string& code);
policy::EstateRef RefOf(const domain::registry::Estate& e);
// The live estate if the caller may read it; otherwise 404, the same for an
// estate outside the scope as for one that does not exist.
Result<EstateRecord> LoadVisible(storage::Connection& c, const Context& ctx, const Actor& actor,
                                 const std::string& code);

struct SqlClause {
  std::string sql;  // a boolean expression over alias e
  storage::Params params;
};
// The caller's scope AND the filter, excluding deleted estates. 400 for an
// unknown enum value.
Result<SqlClause> BuildEstateWhere(const domain::registry::DivisionTree& tree, const policy::Principal& p,
                                   const EstateFilter& f);
// " ORDER BY …" for the filter's sort key, always ending in e.code so pages
// are stable; 400 for an unknown key.
Result<std::string> OrderClause(const EstateFilter& f);

// The register's change counter: bumped in the transaction of every change,
// read to validate cached figures (list totals).
void BumpEstateGeneration(storage::Connection& c);
int64_t EstateGeneration(storage::Connection& c);

// Writes estates (and their companies) inside an open write transaction.
// For a bulk import, Preload() reads the register once so that each row
// costs one statement at most; without it each Upsert looks its row up.
// One writer sees each code once (the import check refuses duplicates).
class EstateWriter {
 public:
  EstateWriter(storage::Connection& c, std::string now);
  void Preload();
  // "created", "updated" (also for restoring a deleted estate) or "unchanged".
  // New rows are inserted in batches: call Flush() before relying on them.
  std::string_view Upsert(const domain::registry::Estate& e);
  // Writes the rows still waiting in the current batch.
  void Flush();

 private:
  struct Stored {
    domain::registry::Estate estate;
    bool deleted = false;
  };
  std::optional<Stored> Find(const std::string& code);
  storage::Value CompanyId(const domain::registry::Estate& e);

  storage::Connection& c_;
  std::string now_;
  bool preloaded_ = false;
  bool bumped_ = false;
  static constexpr size_t kInsertBatch = 400;  // 5,600 parameters per statement (limit 32,766)
  storage::Params pending_;
  size_t pending_rows_ = 0;
  std::unordered_map<std::string, Stored> estates_;
  std::unordered_map<std::string, std::pair<int64_t, std::string>> companies_;  // uscc → (id, name)
};

}  // namespace meihao::service::registry

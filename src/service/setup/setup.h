// Creating a database: schema, divisions, the first administrator, and the
// deterministic demo campaign.
#pragma once

#include <string>

#include "common/result.h"
#include "service/context.h"

namespace meihao::service::setup {

// The Jiangmen division tree compiled into the binary.
const domain::registry::DivisionTree& BuiltinDivisions();

// Applies migrations and loads the divisions (both idempotent).
void PrepareDatabase(storage::Database& db, const domain::registry::DivisionTree& tree);

// Creates the city administrator `admin` with `password` (generated when
// empty), who must change it at first login. Returns the password. 409 when
// an admin already exists.
Result<std::string> CreateFirstAdmin(const Context& ctx, std::string password);

struct DemoUser {
  const char* username;
  const char* role;
  const char* scope;
  const char* password;
  const char* display_name;
};
// The demo users (README marks their passwords as demo-only).
const std::vector<DemoUser>& DemoUsers();

// The year of the demo campaign (its phases can be walked through with
// MEIHAO_TODAY, see common/date.h).
inline constexpr int kDemoCampaignYear = 2023;

struct DemoSummary {
  size_t estates = 0, users = 0;
  int campaign_year = 0;
  // Rows of each demo sheet, as the imports counted them.
  size_t complaints = 0, satisfaction = 0, fees = 0, penalties = 0;
};

// Loads `count` deterministic demo estates, the demo users, the demo campaign
// (rules.md defaults) and its records — complaints, satisfaction results, fees
// and penalties, imported through ImportRecords exactly as uploaded files
// are. Idempotent: a second run changes nothing.
Result<DemoSummary> LoadDemo(const Context& ctx, size_t count);

}  // namespace meihao::service::setup

// Serialisers shared by the handler files.
#pragma once

#include <boost/json.hpp>

#include "http/app.h"
#include "service/registry/estate_import.h"
#include "service/applications/applications.h"
#include "service/registry/estates.h"
#include "service/accounts/users.h"

namespace meihao::http {

// The answer to an import: counts, or 422 with the problem list.
Response ImportResponse(const service::registry::ImportReport& report);
// ?filename= (bounded) and ?dry_run=1|true of an upload.
std::string UploadName(const Request& req);
bool IsDryRun(const Request& req);

// An error answer with every problem behind it: the first as "error" and all
// of them, each naming its field, as "errors" (rubric.cc).
Response ErrorsResponse(const Error& first, const std::vector<Error>& all);

// The {year} of a /api/campaigns/{year}/… route; 404 unless four digits.
Result<int> CampaignYearOf(const Call& call);

boost::json::object UserJson(const service::Context& ctx, const service::accounts::User& u);

// An optional as JSON: the value, or null.
template <typename T>
boost::json::value Opt(const std::optional<T>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// An application's automatic principle checks and the nine principles with their automatic
// results and sentences, as both the application page and the evaluator's scoring view show
// them (handlers/applications.cc).
boost::json::value AutomaticChecksJson(const std::optional<service::evaluation::AutomaticChecks>& c);
boost::json::array PrincipleChecksJson(const std::vector<service::applications::PrincipleCheck>& checks);

}  // namespace meihao::http

// Internal to the application service files (applications*.cc): loading an
// application with its estate, the access and phase gates every write goes
// through, the history and snapshots.
#pragma once

#include <optional>
#include <string>

#include "policy/policy.h"
#include "service/applications/applications.h"

namespace meihao::service::applications::internal {

Error ApplicationNotFound();

// The application (year, id) with its estate's live name and divisions.
std::optional<ApplicationRecord> LoadApplication(storage::Connection& c, const domain::registry::DivisionTree& tree, int year,
                                                 int64_t id);
policy::EstateRef RefOf(const ApplicationRecord& a);

// For every applicant's write: policy::CanApply on the stored application
// (403 other roles, 404 unknown or another estate), then the apply phase.
Result<ApplicationRecord> LoadForWrite(storage::Connection& c, const Context& ctx, const Actor& actor, int year,
                                       int64_t id, Date today);
// For reads: policy::CanReadApplication (an evaluator is "assigned" with an
// assignments row for it at any level). 404 application.not_found otherwise.
Result<ApplicationRecord> LoadForRead(storage::Connection& c, const Context& ctx, const Actor& actor, int year,
                                      int64_t id);

// The application as JSON after an event: the body, status, items and files.
std::string SnapshotJson(storage::Connection& c, const ApplicationRecord& a);
// Appends a history row (with the snapshot) — inside the caller's write transaction.
void AppendHistory(storage::Connection& c, const Actor& actor, const ApplicationRecord& a, const std::string& event,
                   const std::string& snapshot);
// A withdrawn application edited goes back to draft (inside the transaction);
// bumps updated_at. Returns true when the status changed.
bool TouchForEdit(storage::Connection& c, ApplicationRecord& a, const std::string& now);

std::string EvidenceDir(const Context& ctx);

}  // namespace meihao::service::applications::internal

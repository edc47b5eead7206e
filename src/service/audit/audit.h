// The tamper-evident audit trail. Every state change, login attempt, import
// and export appends one record inside the same transaction as the change,
// so a change and its record commit together or not at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace meihao::service::audit {

struct AuditEntry {
  std::optional<int64_t> user_id;
  std::string username;  // "" for an anonymous attempt
  std::string action;    // e.g. "estate.update", "session.login"
  std::string object;    // e.g. "estate:JM440703001"
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::string client;  // client address
  std::string result;  // "ok" or an error code
};

// Appends entry to the chain. Must run inside a write transaction, which
// serialises appenders so the chain never forks.
void AppendAudit(storage::Connection& c, const AuditEntry& entry);

struct AuditRecord {
  int64_t id = 0;
  std::string at, username, action, object;
  std::optional<std::string> before_json, after_json;
  std::string client, result, prev_hash, hash;
};

struct AuditQuery {
  int page = 1, page_size = 50;
  std::string action;    // exact match when non-empty
  std::string username;  // exact match when non-empty
};
struct AuditPage {
  std::vector<AuditRecord> items;
  int64_t total = 0;
};
AuditPage ListAudit(storage::Connection& c, const AuditQuery& q);

struct AuditVerification {
  bool ok = true;
  int64_t checked = 0;
  std::optional<int64_t> first_broken;  // id of the first record that fails
  std::string reason;                   // why it fails (English, for operators)
};
// Recomputes every hash from the first record; stops at the first mismatch.
AuditVerification VerifyAudit(storage::Connection& c);

}  // namespace meihao::service::audit

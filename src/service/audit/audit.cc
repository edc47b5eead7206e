#include "service/audit/audit.h"

#include "common/clock.h"
#include "common/crypto.h"

namespace meihao::service::audit {
namespace {

constexpr std::string_view kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

// The bytes that are hashed: every field but the id (ids are assigned by the
// database, never reused, and checked for gaps by VerifyAudit), length-prefixed so that moving a
// character from one field to the next changes the hash.
std::string Canonical(const AuditRecord& r, const std::optional<int64_t>& user_id) {
  std::string s;
  auto add = [&](std::string_view f) { s += std::to_string(f.size()); s += ':'; s += f; };
  add(r.prev_hash);
  add(r.at);
  add(user_id ? std::to_string(*user_id) : "-");
  add(r.username);
  add(r.action);
  add(r.object);
  add(r.before_json ? *r.before_json : "\x01null");
  add(r.after_json ? *r.after_json : "\x01null");
  add(r.client);
  add(r.result);
  return s;
}

}  // namespace

void AppendAudit(storage::Connection& c, const AuditEntry& e) {
  AuditRecord r;
  r.prev_hash = c.QueryText("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").value_or(std::string(kGenesis));
  r.at = NowIso();
  r.username = e.username;
  r.action = e.action;
  r.object = e.object;
  r.before_json = e.before_json;
  r.after_json = e.after_json;
  r.client = e.client;
  r.result = e.result;
  r.hash = crypto::Sha256Hex(Canonical(r, e.user_id));
  c.Exec(
      "INSERT INTO audit_log(at, user_id, username, action, object, before_json, after_json, "
      "client, result, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
      {r.at, e.user_id ? storage::Value(*e.user_id) : storage::Null(), r.username, r.action,
       r.object, storage::OptText(r.before_json), storage::OptText(r.after_json), r.client, r.result,
       r.prev_hash, r.hash});
}

namespace {
constexpr std::string_view kSelect =
    "SELECT id, at, user_id, username, action, object, before_json, after_json, client, result, "
    "prev_hash, hash FROM audit_log";

AuditRecord ReadRecord(const storage::Row& row, std::optional<int64_t>* user_id) {
  AuditRecord r;
  r.id = row.Int(0);
  r.at = row.Text(1);
  if (user_id) *user_id = row.IsNull(2) ? std::nullopt : std::optional<int64_t>(row.Int(2));
  r.username = row.Text(3);
  r.action = row.Text(4);
  r.object = row.Text(5);
  r.before_json = row.OptText(6);
  r.after_json = row.OptText(7);
  r.client = row.Text(8);
  r.result = row.Text(9);
  r.prev_hash = row.Text(10);
  r.hash = row.Text(11);
  return r;
}
}  // namespace

AuditPage ListAudit(storage::Connection& c, const AuditQuery& q) {
  std::string where = " WHERE 1=1";
  storage::Params params;
  if (!q.action.empty()) { where += " AND action = ?"; params.push_back(q.action); }
  if (!q.username.empty()) { where += " AND username = ?"; params.push_back(q.username); }
  AuditPage page;
  page.total = c.QueryInt("SELECT COUNT(*) FROM audit_log" + where, params).value_or(0);
  params.push_back(int64_t(q.page_size));
  params.push_back(int64_t(q.page - 1) * q.page_size);
  c.Query(std::string(kSelect) + where + " ORDER BY id DESC LIMIT ? OFFSET ?", params,
          [&](const storage::Row& row) { page.items.push_back(ReadRecord(row, nullptr)); });
  return page;
}

AuditVerification VerifyAudit(storage::Connection& c) {
  AuditVerification v;
  std::string prev(kGenesis);
  int64_t expected_id = 1;
  c.Query(std::string(kSelect) + " ORDER BY id", {}, [&](const storage::Row& row) {
    if (!v.ok) return;
    std::optional<int64_t> uid;
    AuditRecord r = ReadRecord(row, &uid);
    ++v.checked;
    auto broken = [&](std::string why) { v.ok = false; v.first_broken = r.id; v.reason = std::move(why); };
    if (r.id != expected_id) return broken("record(s) before id " + std::to_string(r.id) + " are missing");
    if (r.prev_hash != prev) return broken("prev_hash does not match the previous record's hash");
    AuditRecord check = r;
    if (crypto::Sha256Hex(Canonical(check, uid)) != r.hash) return broken("content does not match its hash");
    prev = r.hash;
    ++expected_id;
  });
  // A deleted tail leaves no successor to notice; the id sequence's
  // high-water mark does.
  if (v.ok) {
    std::optional<int64_t> high = c.SequenceHighWater("audit_log");
    if (high && *high >= expected_id) {
      v.ok = false;
      v.first_broken = expected_id;
      v.reason = "records from id " + std::to_string(expected_id) + " to " + std::to_string(*high) + " were deleted";
    }
  }
  return v;
}

}  // namespace meihao::service::audit

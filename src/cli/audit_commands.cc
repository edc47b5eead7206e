// meihao audit verify: the audit trail's hash chain checked.
#include "cli/commands.h"

#include <iostream>

#include "cli/command_support.h"
#include "service/audit/audit.h"

namespace meihao::cli {

int AuditVerify(const Options& o) {
  auto db = storage::OpenSqlite(o.db);
  auto c = db->Acquire();
  auto v = service::audit::VerifyAudit(*c);
  if (v.ok) {
    std::cout << "审计链完整 / audit chain intact: " << v.checked << " 条记录 records\n";
    return 0;
  }
  std::cout << "审计链已被篡改 / audit chain BROKEN at record " << *v.first_broken << ": " << v.reason << "\n";
  return 1;
}

}  // namespace meihao::cli

// Imports of the records that feed the indicators (issue #3): complaints,
// third-party satisfaction results, fee collection, penalties. The same
// all-or-nothing contract as the estate import (service/registry/estate_import.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "service/registry/estate_import.h"

namespace meihao::service::indicators {

enum class RecordKind { kComplaints, kSatisfaction, kFees, kPenalties };

// "complaints" / "satisfaction" / "fees" / "penalties".
std::optional<RecordKind> ParseRecordKind(std::string_view key);
std::string_view RecordKindKey(RecordKind kind);

// Checks the whole file, then writes every row (keyed as data-formats.md
// says, so a re-import changes nothing) or none; audited with the file's
// SHA-256. Estate codes outside the caller's scope are problems of their row.
registry::ImportReport ImportRecords(const Context& ctx, const Actor& actor, RecordKind kind, std::string_view bytes,
                           const std::string& filename, bool dry_run, const registry::ProgressFn& progress = {});

// The .xlsx template of a kind: its headers in Chinese, one filled example
// row, and drop-downs for the yes/no columns.
Result<std::string> RecordTemplate(RecordKind kind);

}  // namespace meihao::service::indicators

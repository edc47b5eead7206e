// The rankings, gates and quotas tables of a campaign (data-formats.md,
// rules.md §3–§5), computed from the stored records and exported within the
// caller's scope. Rankings are computed over whole counties (or the whole
// city for complaint_scope = city) and only then cut to the scope, so a
// county sees the same ranks the city does.
#pragma once

#include <string>

#include "common/result.h"
#include "service/context.h"
#include "service/estate_import.h"  // ExportFormat

namespace meihao::service {

enum class RankingTable { kRankings, kGates, kQuotas };
std::optional<RankingTable> ParseRankingTable(std::string_view key);  // rankings / gates / quotas

// 404 without a campaign for `year`; 403 for a role that may not export.
Result<std::string> ExportRankingTable(const Context& ctx, const Actor& actor, int year, RankingTable table,
                                       ExportFormat format);

}  // namespace meihao::service

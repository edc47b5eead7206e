// `meihao indicators rebuild`: the kept figures (service/figures) recomputed
// from the raw rows, with a report of what differed.
#pragma once

#include "common/result.h"
#include "service/context.h"
#include "service/figures/figures.h"

namespace meihao::service::indicators {

// City administrator only (403); 404 without the campaign. Replaces the kept
// figures by the recomputed ones and audits the report.
Result<figures::RebuildReport> RebuildFigures(const Context& ctx, const Actor& actor, int year);

}  // namespace meihao::service::indicators

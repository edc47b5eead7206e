// The demo campaign walked through the year (`meihao demo --story`, what
// `make run` loads): every phase's work done through the same services the
// pages call, each on its own day of 2023 (ScopedToday), so that at
// DEMO_TODAY=2023-12-20 every page — cultivation, applications, score sheets,
// county and city lists with their publicity and objections, and the summary
// phase — shows real content. The plain `meihao demo` (what the tests start
// from) stops before the campaign's first step.
#pragma once

#include <cstddef>

#include "common/result.h"
#include "service/context.h"

namespace meihao::service::setup {

struct StorySummary {
  size_t cultivation_lists = 0, tasks = 0, codes = 0, applications = 0, sheets = 0;
  size_t county_lists = 0, objections = 0, city_listed = 0;
};

// Needs LoadDemo first. Idempotent: a stage already walked (its records
// exist) is skipped, so a second run changes nothing.
Result<StorySummary> WalkDemoCampaign(const Context& ctx);

}  // namespace meihao::service::setup

// Plausible fake records for the demo campaign: the four sheets a county
// bureau hands in (data-formats.md) — 12345 hotline complaints, third-party
// satisfaction results, fee collection and administrative penalties — for a
// list of demo estates. Pure and deterministic (domain/setup/demo_random.h): the
// demo loads them through the same import service as real files, so every
// row must pass the import checks.
#pragma once
#include <cstdint>
#include <vector>

#include "common/date.h"
#include "common/table.h"
#include "domain/registry/estate.h"

namespace meihao::domain::setup {

struct DemoRecords {
  // Each with the Chinese headers of the import templates, cells formatted as
  // a user would type them (YYYY-MM-DD, 是/否, yuan and scores with 2 decimals).
  Table complaints, satisfaction, fees, penalties;
};

// Records for `estates` around the assessment window [reference_date − 1 year,
// reference_date) and `fee_year`:
// - complaints: per managed estate mostly 0–3 valid property-related ones in
//   the window, about 3% with 10–40; unmanaged estates fewer; besides, some
//   not property-related, some invalid (是否有效 否, or left empty = valid),
//   some before or after the window, and one each on the window's first and
//   last day and the days just outside;
// - satisfaction: ~60% of estates, sample 20–150, score 60.00–98.00, dated in
//   the window; some older results outside it; one result on each edge;
// - fees: ~90% of managed estates for the fee year (rates mostly 80–100%,
//   one exactly 95%, one a fen below), some also for the year before;
// - penalties: seven against the demo estates' companies — four inside the
//   window, one on its first day, one on the reference date (outside), one
//   before the window.
// Empty tables (header only) when `estates` is empty.
DemoRecords GenerateDemoRecords(const std::vector<registry::Estate>& estates, Date reference_date, int fee_year,
                                uint64_t seed);

}  // namespace meihao::domain::setup

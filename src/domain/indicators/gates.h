// The automatic parts of the hard principles (rules.md §5: P1, P2, P4, P6, P8)
// and the `gates` machine export (data-formats.md). An evaluator part still
// has to pass for P2, P4, P6 and P8; these are only what data can decide.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/fraction.h"
#include "domain/registry/estate.h"
#include "domain/indicators/indicators.h"
#include "domain/indicators/ranking.h"

namespace meihao::domain::indicators {

// P8's threshold: a fee collection rate of at least 95%, compared exactly.
inline const Fraction kMinFeeRate{95, 100};

struct Gates {
  bool p1 = false;               // county top 5% satisfaction or bottom 5% complaints
  bool p2_party_org = false;     // estate party organisation exists
  bool p4_owners_org = false;    // owners' or management committee exists
  bool p6_professional = false;  // professional property management
  bool p6_no_penalty = false;    // professional, and no penalty of its company in the window
  std::optional<Fraction> fee_rate;  // none: no fee row (or nothing due) for the fee year
  bool p8_fee = false;           // fee_rate ≥ 95/100; no rate fails
  bool auto_ok = false;          // every flag above passes
  bool operator==(const Gates&) const = default;
};

Gates ComputeGates(const registry::Estate& estate, const Indicators& indicators, const Standing& standing);

// `gates`: estate_code, p1, p2_party_org, p4_owners_org, p6_professional,
// p6_no_penalty, fee_rate, p8_fee, auto_ok — flags 1/0, fee_rate with 4
// decimals (empty without a rate). Rows sorted by estate code; the spans are
// parallel.
std::vector<std::string> GatesHeader(HeaderStyle style);
std::vector<std::vector<std::string>> GatesRows(std::span<const registry::Estate> estates,
                                                std::span<const Gates> gates);

}  // namespace meihao::domain::indicators

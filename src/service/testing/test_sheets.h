// For service tests of issue 4: stored score sheets and frozen automatic
// checks written by hand, in the forms service/evaluation writes them.
//
// With the reference rubric a sheet that gives every scored unit x points
// (gates 3.1 and 3.2 passed) totals 9x + 10: S1 6x/60·20 = 2x, S2 4x/40·20 =
// 2x, S3 (6x + 20)/80·40 = 3x + 10, S4 7x/70·20 = 2x — 10 → 100, 9 → 91,
// 8 → 82, 5 → 55.
#pragma once

#include <string>

#include "common/fraction.h"
#include "domain/rubric/rubric.h"
#include "service/evaluation/automatic_checks.h"

namespace meihao::service::testing {

// {"1.1":x·10,…} over every scored unit of the reference rubric.
inline std::string UniformScores(int points) {
  std::string s = "{";
  for (const std::string& unit : domain::rubric::ScoreUnits(domain::rubric::ReferenceRubric())) {
    if (s.size() > 1) s += ",";
    s += "\"" + unit + "\":" + std::to_string(points * 10);
  }
  return s + "}";
}

// P2…P9 passed, but `failed` (with a reason).
inline std::string Principles(const std::string& failed = "") {
  std::string s = "{";
  for (int i = 2; i <= 9; ++i) {
    const std::string key = "P" + std::to_string(i);
    if (i > 2) s += ",";
    s += "\"" + key + "\":{\"pass\":" + (key == failed ? "false,\"reason\":\"未公示\"" : "true,\"reason\":\"\"") + "}";
  }
  return s + "}";
}

// A 蓬江区 estate passing every automatic part (the fee part only when fee_ok:
// 97% against 90%), with the given satisfaction index and complaint rate 1/2.
inline evaluation::AutomaticChecks Checks(const std::string& estate, Fraction satisfaction, bool fee_ok = true) {
  evaluation::AutomaticChecks a;
  a.estate_code = estate;
  a.county_code = "440703";
  a.gates = {true, true, true, true, true, Fraction(fee_ok ? 97 : 90, 100), fee_ok, fee_ok};
  a.satisfaction_sample = 100;
  a.satisfaction_index = satisfaction;
  a.complaint_rate = Fraction(1, 2);
  return a;
}

}  // namespace meihao::service::testing

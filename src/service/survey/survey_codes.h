// Survey household codes (rules.md §10): issued per estate (by default one
// per household), stored only as hashes, voided when lost. The plain codes
// are returned once, for their slips, and never again.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "service/context.h"

namespace meihao::service::survey {

struct IssuedCodes {
  std::string estate_code, estate_name, county_town;
  std::vector<std::string> codes;  // printed form; shown only now
};

// Issues `count` new codes (0: one per household) for an estate in the
// caller's scope. 404 for an unknown estate or campaign; 400 for a count over
// 100,000 or more than twice the households in one go.
Result<IssuedCodes> IssueHouseholdCodes(const Context& ctx, const Actor& actor, int year,
                                        const std::string& estate_code, int64_t count);

// Voids an unused code (as typed on the slip). 404 unknown code or outside
// the scope; 409 when it was already used or voided.
Status VoidHouseholdCode(const Context& ctx, const Actor& actor, int year, const std::string& typed_code);

struct CodeCounts {
  int64_t issued = 0, used = 0, voided = 0;
  int64_t responses = 0, paper = 0;  // responses received, of which typed in from paper
};
Result<CodeCounts> HouseholdCodeCounts(const Context& ctx, const Actor& actor, int year, const std::string& estate_code);

}  // namespace meihao::service::survey

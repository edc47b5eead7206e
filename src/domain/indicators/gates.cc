#include "domain/indicators/gates.h"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace meihao::domain::indicators {

Gates ComputeGates(const registry::Estate& estate, const Indicators& indicators, const Standing& standing) {
  Gates g;
  // An unmanaged estate is in no ranking, so it fails P1 (its standing has no flags).
  g.p1 = standing.top_satisfaction || standing.bottom_complaints;
  g.p2_party_org = estate.party_org;
  g.p4_owners_org = estate.owners_org != registry::OwnersOrg::kNone;
  g.p6_professional = estate.mode == registry::ManagementMode::kProfessional;
  // Self-managed estates have no company to check, and P6 wants professional
  // management anyway: "no penalty" is only affirmed where it means something.
  g.p6_no_penalty = g.p6_professional && !indicators.penalty_in_window;
  g.fee_rate = indicators.fee_rate;
  g.p8_fee = g.fee_rate.has_value() && *g.fee_rate >= kMinFeeRate;
  g.auto_ok = g.p1 && g.p2_party_org && g.p4_owners_org && g.p6_professional &&
              g.p6_no_penalty && g.p8_fee;
  return g;
}

std::vector<std::string> GatesHeader(HeaderStyle style) {
  if (style == HeaderStyle::kChinese)
    return {"小区编码", "P1 满意度前5%或投诉后5%", "P2 建立小区党组织", "P4 成立业委会或物管会",
            "P6 专业化物业管理", "P6 一年内无行政处罚", "物业费收缴率", "P8 收缴率达95%",
            "自动核验通过"};
  return {"estate_code", "p1",      "p2_party_org", "p4_owners_org", "p6_professional",
          "p6_no_penalty", "fee_rate", "p8_fee",      "auto_ok"};
}

std::vector<std::vector<std::string>> GatesRows(std::span<const registry::Estate> estates,
                                                std::span<const Gates> gates) {
  assert(estates.size() == gates.size());
  std::vector<uint32_t> order(estates.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return estates[a].code < estates[b].code; });
  const auto flag = [](bool b) { return std::string(b ? "1" : "0"); };
  std::vector<std::vector<std::string>> rows;
  rows.reserve(order.size());
  for (uint32_t i : order) {
    const Gates& g = gates[i];
    rows.push_back({estates[i].code, flag(g.p1), flag(g.p2_party_org), flag(g.p4_owners_org),
                    flag(g.p6_professional), flag(g.p6_no_penalty),
                    g.fee_rate ? g.fee_rate->Format(4) : "", flag(g.p8_fee), flag(g.auto_ok)});
  }
  return rows;
}

}  // namespace meihao::domain::indicators

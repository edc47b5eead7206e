#include "service/evaluation/automatic_checks.h"

#include <boost/json.hpp>

#include "domain/indicators/ranking.h"

namespace meihao::service::evaluation {
namespace {

std::string FractionText(const Fraction& f) { return std::to_string(f.num()) + "/" + std::to_string(f.den()); }

std::optional<Fraction> ParseFraction(const boost::json::value* v) {
  if (!v || !v->is_string()) return std::nullopt;
  std::string_view s = v->as_string();
  auto slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  try {
    const int64_t n = std::stoll(std::string(s.substr(0, slash)));
    const int64_t d = std::stoll(std::string(s.substr(slash + 1)));
    if (d <= 0) return std::nullopt;
    return Fraction(n, d);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

boost::json::value OptFraction(const std::optional<Fraction>& f) {
  return f ? boost::json::value(FractionText(*f)) : boost::json::value(nullptr);
}
boost::json::value OptInt(const std::optional<int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

}  // namespace

std::optional<AutomaticChecks> AutomaticChecksOf(const service::indicators::RankedCampaign& ranked, std::string_view estate_code) {
  const auto& all = ranked;
  size_t at = all.estates.size();
  for (size_t i = 0; i < all.estates.size(); ++i)
    if (all.estates[i].code == estate_code) at = i;
  if (at == all.estates.size()) return std::nullopt;
  const domain::registry::Estate& e = all.estates[at];
  const domain::indicators::Indicators& ind = all.indicators[at];
  const domain::indicators::Standing& st = all.standings[at];

  AutomaticChecks a;
  a.estate_code = e.code;
  a.county_code = e.county_code;
  a.reference_date = all.settings.reference_date.ToString();
  a.fee_year = all.settings.fee_year;
  a.gates = domain::indicators::ComputeGates(e, ind, st);
  a.satisfaction_sample = ind.satisfaction_sample;
  a.satisfaction_index = ind.satisfaction_index;
  a.satisfaction_rank = st.satisfaction_rank;
  a.complaint_count = ind.complaint_count;
  a.complaint_rate = ind.complaint_rate;
  a.complaint_rank = st.complaint_rank;
  a.penalty_in_window = ind.penalty_in_window;
  // The populations the ranks are out of (same counting as RankingForActor).
  int64_t county_managed = 0, city_managed = 0;
  for (size_t i = 0; i < all.estates.size(); ++i) {
    if (!all.standings[i].managed) continue;
    ++city_managed;
    if (all.estates[i].county_code != e.county_code) continue;
    ++county_managed;
    a.satisfaction_n += all.indicators[i].ranked_for_satisfaction;
  }
  a.satisfaction_k = domain::indicators::CeilPercent(all.settings.top_percent, a.satisfaction_n);
  a.complaint_n = all.settings.complaint_scope == domain::campaigns::ComplaintScope::kCity ? city_managed : county_managed;
  a.complaint_k = domain::indicators::CeilPercent(all.settings.bottom_percent, a.complaint_n);
  return a;
}

std::string AutomaticChecksToJson(const AutomaticChecks& a) {
  const auto& g = a.gates;
  boost::json::object o{
      {"estate_code", a.estate_code},
      {"county_code", a.county_code},
      {"reference_date", a.reference_date},
      {"fee_year", a.fee_year},
      {"p1", g.p1},
      {"p2_party_org", g.p2_party_org},
      {"p4_owners_org", g.p4_owners_org},
      {"p6_professional", g.p6_professional},
      {"p6_no_penalty", g.p6_no_penalty},
      {"fee_rate", OptFraction(g.fee_rate)},
      {"p8_fee", g.p8_fee},
      {"auto_ok", g.auto_ok},
      {"satisfaction_sample", a.satisfaction_sample},
      {"satisfaction_index", OptFraction(a.satisfaction_index)},
      {"satisfaction_rank", OptInt(a.satisfaction_rank)},
      {"satisfaction_n", a.satisfaction_n},
      {"satisfaction_k", a.satisfaction_k},
      {"complaint_count", a.complaint_count},
      {"complaint_rate", FractionText(a.complaint_rate)},
      {"complaint_rank", OptInt(a.complaint_rank)},
      {"complaint_n", a.complaint_n},
      {"complaint_k", a.complaint_k},
      {"penalty_in_window", a.penalty_in_window},
  };
  return boost::json::serialize(o);
}

Result<AutomaticChecks> AutomaticChecksFromJson(std::string_view text) {
  // A level's recompute reads thousands of these: parse into a stack arena.
  unsigned char arena[4096];
  boost::json::monotonic_resource mr(arena, sizeof arena);
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec, &mr);
  if (ec || !v.is_object()) return Error::Internal("automatic checks: not a JSON object");
  const auto& o = v.as_object();
  auto str = [&](const char* k) -> std::string {
    const auto* x = o.if_contains(k);
    return x && x->is_string() ? std::string(x->as_string()) : std::string();
  };
  auto flag = [&](const char* k) {
    const auto* x = o.if_contains(k);
    return x && x->is_bool() && x->as_bool();
  };
  auto num = [&](const char* k) -> std::optional<int64_t> {
    const auto* x = o.if_contains(k);
    return x && x->is_int64() ? std::optional<int64_t>(x->as_int64()) : std::nullopt;
  };
  AutomaticChecks a;
  a.estate_code = str("estate_code");
  a.county_code = str("county_code");
  a.reference_date = str("reference_date");
  a.fee_year = static_cast<int>(num("fee_year").value_or(0));
  a.gates.p1 = flag("p1");
  a.gates.p2_party_org = flag("p2_party_org");
  a.gates.p4_owners_org = flag("p4_owners_org");
  a.gates.p6_professional = flag("p6_professional");
  a.gates.p6_no_penalty = flag("p6_no_penalty");
  a.gates.fee_rate = ParseFraction(o.if_contains("fee_rate"));
  a.gates.p8_fee = flag("p8_fee");
  a.gates.auto_ok = flag("auto_ok");
  a.satisfaction_sample = num("satisfaction_sample").value_or(0);
  a.satisfaction_index = ParseFraction(o.if_contains("satisfaction_index"));
  a.satisfaction_rank = num("satisfaction_rank");
  a.satisfaction_n = num("satisfaction_n").value_or(0);
  a.satisfaction_k = num("satisfaction_k").value_or(0);
  a.complaint_count = num("complaint_count").value_or(0);
  auto rate = ParseFraction(o.if_contains("complaint_rate"));
  if (!rate || a.estate_code.empty()) return Error::Internal("automatic checks: incomplete");
  a.complaint_rate = *rate;
  a.complaint_rank = num("complaint_rank");
  a.complaint_n = num("complaint_n").value_or(0);
  a.complaint_k = num("complaint_k").value_or(0);
  a.penalty_in_window = flag("penalty_in_window");
  return a;
}

}  // namespace meihao::service::evaluation

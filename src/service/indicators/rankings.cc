#include "service/indicators/rankings.h"

#include <boost/json.hpp>
#include <unordered_map>

#include "domain/indicators/gates.h"
#include "domain/indicators/indicators.h"
#include "domain/indicators/ranking.h"
#include "io/table_writer.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/registry/estate_sql.h"
#include "service/figures/figures.h"

namespace meihao::service::indicators {
namespace {

std::string Write(const std::vector<std::string>& header_keys, const std::vector<std::string>& header_zh,
                  std::vector<std::vector<std::string>> rows, registry::ExportFormat format, const std::string& sheet) {
  if (format == registry::ExportFormat::kCsv) return io::WriteCsv(header_keys, rows, true);
  io::XlsxSheet x{sheet, {}, std::move(rows)};
  for (const auto& h : header_zh) x.columns.push_back({h, 14, {}, false});
  x.validation_rows = 0;
  auto bytes = io::WriteXlsx(x);
  return bytes ? std::move(*bytes) : std::string();
}

}  // namespace

std::optional<RankingTable> ParseRankingTable(std::string_view key) {
  if (key == "rankings") return RankingTable::kRankings;
  if (key == "gates") return RankingTable::kGates;
  if (key == "quotas") return RankingTable::kQuotas;
  return std::nullopt;
}

Result<RankedCampaign> RankCampaign(const Context& ctx, int year) {
  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);  // one consistent view of estates and figures
  auto settings = campaigns::LoadCampaign(*c, year);
  if (!settings) return campaigns::GetCampaign(ctx, year).error();
  RankedCampaign out{*settings, {}, {}, {}, {}};
  c->Query(std::string(registry::kEstateSelect) + " WHERE e.deleted_at IS NULL ORDER BY e.code", {},
           [&](const storage::Row& r) { out.estates.push_back(registry::ReadEstateFields(r)); });
  const auto window = domain::indicators::Window::Before(settings->reference_date);
  std::vector<domain::indicators::PenaltyRecord> penalties;
  c->Query("SELECT decided_on, company_uscc FROM penalties WHERE decided_on >= ? AND decided_on < ?",
           {window.from.ToString(), window.to.ToString()}, [&](const storage::Row& r) {
             penalties.push_back({Date::Parse(r.TextView(0)).value_or(Date{}), r.Text(1)});
           });
  out.figures = service::figures::LoadKeptFigures(*c, year);
  snapshot.Commit();

  out.indicators.reserve(out.estates.size());
  static const service::figures::KeptFigures kNone{};
  for (const auto& e : out.estates) {
    auto it = out.figures.find(e.code);
    const auto& f = it == out.figures.end() ? kNone : it->second;
    out.indicators.push_back(domain::indicators::IndicatorsFromSums(e, f.sums, penalties, window, settings->min_sample_cap));
  }
  out.standings = domain::indicators::RankEstates(out.estates, out.indicators, settings->complaint_scope, settings->top_percent,
                                      settings->bottom_percent);
  return out;
}

Result<VisibleRanking> RankingForActor(const Context& ctx, const Actor& actor, int year) {
  if (policy::CanExportEstates(actor.principal) != policy::Decision::kAllow)
    return policy::DecisionError(policy::Decision::kForbidden);
  auto ranked = RankCampaign(ctx, year);
  if (!ranked) return ranked.error();
  VisibleRanking out{std::move(*ranked), {}, {}};
  const auto& all = out.all;
  // Cut to the caller's scope only now: ranks are the county's (or city's), whoever looks.
  for (size_t i = 0; i < all.estates.size(); ++i) {
    const auto& e = all.estates[i];
    if (policy::InScope(actor.principal, {e.code, e.county_code, e.town_code}, ctx.tree)) out.visible.push_back(i);
  }
  int64_t city_managed = 0;
  for (const auto& st : all.standings) city_managed += st.managed;
  for (const auto* d : ctx.tree.Counties()) {
    if (!ctx.tree.IsWithin(d->code, actor.principal.scope) && !ctx.tree.IsWithin(actor.principal.scope, d->code))
      continue;
    CountyCut cut{d->code, d->name, 0, 0, 0, 0};
    int64_t managed = 0;
    for (size_t i = 0; i < all.estates.size(); ++i) {
      if (all.estates[i].county_code != d->code || !all.standings[i].managed) continue;
      ++managed;
      cut.satisfaction_n += all.indicators[i].ranked_for_satisfaction;
    }
    cut.satisfaction_k = domain::indicators::CeilPercent(all.settings.top_percent, cut.satisfaction_n);
    cut.complaint_n = all.settings.complaint_scope == domain::campaigns::ComplaintScope::kCity ? city_managed : managed;
    cut.complaint_k = domain::indicators::CeilPercent(all.settings.bottom_percent, cut.complaint_n);
    out.cuts.push_back(std::move(cut));
  }
  return out;
}

Result<std::string> ExportRankingTable(const Context& ctx, const Actor& actor, int year, RankingTable table,
                                       registry::ExportFormat format) {
  auto ranking = RankingForActor(ctx, actor, year);
  if (!ranking) return ranking.error();
  const auto& settings = ranking->all.settings;
  const auto& estates = ranking->all.estates;
  std::vector<domain::registry::Estate> e2;
  std::vector<domain::indicators::Indicators> i2;
  std::vector<domain::indicators::Standing> s2;
  for (size_t i : ranking->visible) {
    e2.push_back(estates[i]);
    i2.push_back(ranking->all.indicators[i]);
    s2.push_back(ranking->all.standings[i]);
  }
  using domain::indicators::HeaderStyle;
  std::string out, name;
  if (table == RankingTable::kRankings) {
    name = "rankings";
    out = Write(domain::indicators::RankingsHeader(HeaderStyle::kKeys), domain::indicators::RankingsHeader(HeaderStyle::kChinese),
                domain::indicators::RankingsRows(e2, i2, s2), format, "排名表");
  } else if (table == RankingTable::kGates) {
    name = "gates";
    std::vector<domain::indicators::Gates> gates;
    for (size_t i = 0; i < e2.size(); ++i) gates.push_back(domain::indicators::ComputeGates(e2[i], i2[i], s2[i]));
    out = Write(domain::indicators::GatesHeader(HeaderStyle::kKeys), domain::indicators::GatesHeader(HeaderStyle::kChinese),
                domain::indicators::GatesRows(e2, gates), format, "自动核验");
  } else {
    name = "quotas";
    std::vector<const domain::registry::Division*> counties;
    for (const auto* d : ctx.tree.Counties())
      if (ctx.tree.IsWithin(d->code, actor.principal.scope) || ctx.tree.IsWithin(actor.principal.scope, d->code))
        counties.push_back(d);
    out = Write(domain::indicators::QuotasHeader(HeaderStyle::kKeys), domain::indicators::QuotasHeader(HeaderStyle::kChinese),
                domain::indicators::QuotasRows(counties, estates, settings.quota_percent), format, "名额");
  }
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  audit::AppendAudit(*c, {actor.user_id, actor.username, "campaign.export", "campaign:" + std::to_string(year) + ":" + name,
                   std::nullopt,
                   boost::json::serialize(boost::json::object{{"table", name}, {"rows", e2.size()},
                                                              {"format", format == registry::ExportFormat::kCsv ? "csv" : "xlsx"}}),
                   actor.client, "ok"});
  tx.Commit();
  return out;
}

}  // namespace meihao::service::indicators

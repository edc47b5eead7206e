#include "service/rankings.h"

#include <boost/json.hpp>
#include <unordered_map>

#include "domain/gates.h"
#include "domain/indicators.h"
#include "domain/ranking.h"
#include "io/table_writer.h"
#include "service/audit.h"
#include "service/campaigns.h"
#include "service/estate_sql.h"

namespace meihao::service {
namespace {

// Every record of the campaign's window, grouped by estate (penalties by company).
struct Records {
  std::unordered_map<std::string, std::vector<domain::ThirdPartyResult>> third_party;
  std::unordered_map<std::string, std::vector<domain::ComplaintRecord>> complaints;
  std::unordered_map<std::string, std::vector<domain::FeeRow>> fees;
  std::vector<domain::PenaltyRecord> penalties;
};

Date DateOf(std::string_view iso) { return Date::Parse(iso).value_or(Date{}); }

Records LoadRecords(storage::Connection& c, const domain::Window& w, int fee_year) {
  Records r;
  storage::Params window{w.from.ToString(), w.to.ToString()};
  c.Query("SELECT estate_code, surveyed_on, sample_size, score_hundredths FROM satisfaction_results "
          "WHERE surveyed_on >= ? AND surveyed_on < ?", window, [&](const storage::Row& row) {
            r.third_party[row.Text(0)].push_back({DateOf(row.TextView(1)), row.Int(2), row.Int(3)});
          });
  c.Query("SELECT estate_code, received_on, property_related, valid FROM complaints "
          "WHERE received_on >= ? AND received_on < ?", window, [&](const storage::Row& row) {
            r.complaints[row.Text(0)].push_back({DateOf(row.TextView(1)), row.Bool(2), row.Bool(3)});
          });
  c.Query("SELECT estate_code, year, due_fen, collected_fen FROM fee_records WHERE year = ?", {int64_t(fee_year)},
          [&](const storage::Row& row) {
            r.fees[row.Text(0)].push_back({int(row.Int(1)), row.Int(2), row.Int(3)});
          });
  c.Query("SELECT decided_on, company_uscc FROM penalties WHERE decided_on >= ? AND decided_on < ?", window,
          [&](const storage::Row& row) { r.penalties.push_back({DateOf(row.TextView(0)), row.Text(1)}); });
  return r;
}

template <typename T>
std::span<const T> Of(const std::unordered_map<std::string, std::vector<T>>& m, const std::string& code) {
  auto it = m.find(code);
  return it == m.end() ? std::span<const T>() : std::span<const T>(it->second);
}

std::string Write(const std::vector<std::string>& header_keys, const std::vector<std::string>& header_zh,
                  std::vector<std::vector<std::string>> rows, ExportFormat format, const std::string& sheet) {
  if (format == ExportFormat::kCsv) return io::WriteCsv(header_keys, rows, true);
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

Result<std::string> ExportRankingTable(const Context& ctx, const Actor& actor, int year, RankingTable table,
                                       ExportFormat format) {
  if (policy::CanExportEstates(actor.principal) != policy::Decision::kAllow)
    return policy::DecisionError(policy::Decision::kForbidden);
  auto settings = GetCampaign(ctx, year);
  if (!settings) return settings.error();
  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);  // one consistent view of estates and records
  std::vector<domain::Estate> estates;
  c->Query(std::string(kEstateSelect) + " WHERE e.deleted_at IS NULL ORDER BY e.code", {},
           [&](const storage::Row& r) { estates.push_back(ReadEstateFields(r)); });
  auto window = domain::Window::Before(settings->reference_date);
  Records rec = LoadRecords(*c, window, settings->fee_year);
  snapshot.Commit();

  std::vector<domain::Indicators> indicators;
  indicators.reserve(estates.size());
  for (const auto& e : estates) {
    domain::IndicatorInputs in{{}, Of(rec.third_party, e.code), Of(rec.complaints, e.code), Of(rec.fees, e.code),
                               rec.penalties};
    indicators.push_back(domain::ComputeIndicators(e, in, window, settings->fee_year, settings->min_sample_cap));
  }
  auto standings = domain::RankEstates(estates, indicators, settings->complaint_scope, settings->top_percent,
                                       settings->bottom_percent);
  // Cut to the caller's scope only now: ranks are the county's (or city's), whoever looks.
  std::vector<domain::Estate> e2;
  std::vector<domain::Indicators> i2;
  std::vector<domain::Standing> s2;
  for (size_t i = 0; i < estates.size(); ++i) {
    if (!policy::InScope(actor.principal, {estates[i].code, estates[i].county_code, estates[i].town_code}, ctx.tree))
      continue;
    e2.push_back(estates[i]);
    i2.push_back(indicators[i]);
    s2.push_back(standings[i]);
  }
  using domain::HeaderStyle;
  std::string out, name;
  if (table == RankingTable::kRankings) {
    name = "rankings";
    out = Write(domain::RankingsHeader(HeaderStyle::kKeys), domain::RankingsHeader(HeaderStyle::kChinese),
                domain::RankingsRows(e2, i2, s2), format, "排名表");
  } else if (table == RankingTable::kGates) {
    name = "gates";
    std::vector<domain::Gates> gates;
    for (size_t i = 0; i < e2.size(); ++i) gates.push_back(domain::ComputeGates(e2[i], i2[i], s2[i]));
    out = Write(domain::GatesHeader(HeaderStyle::kKeys), domain::GatesHeader(HeaderStyle::kChinese),
                domain::GatesRows(e2, gates), format, "自动核验");
  } else {
    name = "quotas";
    std::vector<const domain::Division*> counties;
    for (const auto* d : ctx.tree.Counties())
      if (ctx.tree.IsWithin(d->code, actor.principal.scope) || ctx.tree.IsWithin(actor.principal.scope, d->code))
        counties.push_back(d);
    out = Write(domain::QuotasHeader(HeaderStyle::kKeys), domain::QuotasHeader(HeaderStyle::kChinese),
                domain::QuotasRows(counties, estates, settings->quota_percent), format, "名额");
  }
  storage::Transaction tx(*c, true);
  AppendAudit(*c, {actor.user_id, actor.username, "campaign.export", "campaign:" + std::to_string(year) + ":" + name,
                   std::nullopt,
                   boost::json::serialize(boost::json::object{{"table", name}, {"rows", e2.size()},
                                                              {"format", format == ExportFormat::kCsv ? "csv" : "xlsx"}}),
                   actor.client, "ok"});
  tx.Commit();
  return out;
}

}  // namespace meihao::service

// /api/campaigns/{year}/{rankings|gates|quotas} (the tables, also as .xlsx) and
// /api/campaigns/{year}/estates/{code}/figures (one estate's figures and their sources).
#include "common/date.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/indicators/estate_sheet.h"
#include "service/indicators/rankings.h"

namespace meihao::http {
namespace {

boost::json::value OptNumber(const std::optional<int64_t>& v) { return v ? boost::json::value(*v) : nullptr; }
boost::json::value OptDecimal(const std::optional<Fraction>& f, int decimals) {
  return f ? boost::json::value(f->Format(decimals)) : nullptr;
}
std::string DivisionName(const App& app, const std::string& code) {
  const auto* d = app.ctx().tree.Find(code);
  return d ? d->name : std::string();
}

std::string Yuan(int64_t fen) { return Fraction(fen, 100).Format(2); }

// The rankings for the web page: every visible estate with its figures and
// flags, and each county's ranking sizes and k for the cut lines.
Response RankingsJson(App& app, const service::indicators::VisibleRanking& r) {
  boost::json::array rows;
  rows.reserve(r.visible.size());
  for (size_t i : r.visible) {
    const auto& e = r.all.estates[i];
    const auto& in = r.all.indicators[i];
    const auto& st = r.all.standings[i];
    rows.push_back(boost::json::object{{"estate_code", e.code},
                                       {"estate_name", e.name},
                                       {"county_code", e.county_code},
                                       {"county_name", DivisionName(app, e.county_code)},
                                       {"town_name", DivisionName(app, e.town_code)},
                                       {"households", e.households},
                                       {"managed", st.managed},
                                       {"satisfaction_sample", in.satisfaction_sample},
                                       {"satisfaction_index", OptDecimal(in.satisfaction_index, 2)},
                                       {"satisfaction_rank", OptNumber(st.satisfaction_rank)},
                                       {"complaint_count", in.complaint_count},
                                       {"complaint_rate", in.complaint_rate.Format(2)},
                                       {"complaint_rank", OptNumber(st.complaint_rank)},
                                       {"top_satisfaction", st.top_satisfaction},
                                       {"bottom_complaints", st.bottom_complaints},
                                       {"demonstration", e.demonstration},
                                       {"cultivation", st.cultivation}});
  }
  boost::json::array cuts;
  for (const auto& c : r.cuts)
    cuts.push_back(boost::json::object{{"county_code", c.county_code},
                                       {"county_name", c.county_name},
                                       {"satisfaction_n", c.satisfaction_n},
                                       {"satisfaction_k", c.satisfaction_k},
                                       {"complaint_n", c.complaint_n},
                                       {"complaint_k", c.complaint_k}});
  return JsonResponse(200, boost::json::object{{"rows", std::move(rows)}, {"cuts", std::move(cuts)}});
}

Response Table(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  auto table = service::indicators::ParseRankingTable(call.Param("table"));
  if (!table)
    return ErrorResponse(Error::NotFound("campaign.table", "没有该表（可用 rankings、gates、quotas）",
                                         "No such table (rankings, gates, quotas)"));
  std::string format = call.req.Query("format");
  if (format.empty()) format = "csv";
  if (format == "json" && *table == service::indicators::RankingTable::kRankings) {
    MEIHAO_TRY(ranking, service::indicators::RankingForActor(app.ctx(), call.actor, *year));
    return RankingsJson(app, *ranking);
  }
  if (format != "csv" && format != "xlsx")
    return ErrorResponse(Error::Invalid("format.value", "导出格式须为 csv 或 xlsx（排名表另可用 json）",
                                        "format must be csv or xlsx (json for rankings)", "format"));
  bool xlsx = format == "xlsx";
  MEIHAO_TRY(bytes, service::indicators::ExportRankingTable(app.ctx(), call.actor, *year, *table,
                                                xlsx ? service::registry::ExportFormat::kXlsx : service::registry::ExportFormat::kCsv));
  std::string name = std::to_string(*year) + "-" + call.Param("table") + (xlsx ? ".xlsx" : ".csv");
  return Response::File(xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                        std::move(*bytes), name);
}

// One estate's figures and their sources (the ranking page's drawer).
Response Figures(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(sheet, service::indicators::EstateSheetOf(app.ctx(), call.actor, *year, call.Param("code")));
  const auto& f = sheet->figures;
  const auto& in = sheet->indicators;
  const auto& st = sheet->standing;
  const auto window = domain::indicators::Window::Before(sheet->settings.reference_date);
  boost::json::array dims, third_party, penalties;
  for (size_t i = 0; i < domain::survey::kDimensions.size(); ++i) {
    auto mean = f.sums.survey_responses ? std::optional(Fraction(f.dimension_sums[i], f.sums.survey_responses))
                                        : std::nullopt;
    dims.push_back(boost::json::object{
        {"key", domain::survey::kDimensions[i].key}, {"zh", domain::survey::kDimensions[i].zh}, {"mean", OptDecimal(mean, 2)}});
  }
  for (const auto& t : sheet->third_party)
    third_party.push_back(boost::json::object{{"surveyed_on", t.surveyed_on},
                                              {"surveyor", t.surveyor},
                                              {"sample", t.sample},
                                              {"score", Fraction(t.score_hundredths, 100).Format(2)}});
  for (const auto& p : sheet->penalties)
    penalties.push_back(
        boost::json::object{{"decision_no", p.decision_no}, {"decided_on", p.decided_on}, {"company_name", p.company_name}});
  boost::json::value fees = nullptr;
  if (f.sums.fee_rows > 0)
    fees = boost::json::object{{"rows", f.sums.fee_rows},
                               {"due_yuan", Yuan(f.sums.fee_due_fen)},
                               {"collected_yuan", Yuan(f.sums.fee_collected_fen)},
                               {"rate", OptDecimal(in.fee_rate, 4)}};
  const auto& e = sheet->estate;
  return JsonResponse(
      200, boost::json::object{
               {"estate_code", e.code},
               {"estate_name", e.name},
               {"households", e.households},
               {"managed", st.managed},
               {"window", boost::json::object{{"from", window.from.ToString()}, {"to", window.to.ToString()}}},
               {"fee_year", sheet->settings.fee_year},
               {"survey", boost::json::object{{"responses", f.sums.survey_responses},
                                              {"points", f.sums.survey_points},
                                              {"codes", boost::json::object{{"issued", sheet->codes.issued},
                                                                            {"used", sheet->codes.used},
                                                                            {"void", sheet->codes.voided}}},
                                              {"dimensions", std::move(dims)}}},
               {"third_party", std::move(third_party)},
               {"satisfaction",
                boost::json::object{{"sample", in.satisfaction_sample},
                                    {"index", OptDecimal(in.satisfaction_index, 2)},
                                    {"ranked", in.ranked_for_satisfaction},
                                    {"min_sample", domain::indicators::MinSatisfactionSample(e.households,
                                                                                 sheet->settings.min_sample_cap)},
                                    {"rank", OptNumber(st.satisfaction_rank)}}},
               {"complaints", boost::json::object{{"count", in.complaint_count},
                                                  {"rate", in.complaint_rate.Format(2)},
                                                  {"rank", OptNumber(st.complaint_rank)}}},
               {"fees", std::move(fees)},
               {"penalties", std::move(penalties)},
               {"flags", boost::json::object{{"top_satisfaction", st.top_satisfaction},
                                             {"bottom_complaints", st.bottom_complaints},
                                             {"demonstration", e.demonstration},
                                             {"cultivation", st.cultivation}}}});
}

}  // namespace

void RegisterRankingRoutes(App& app) {
  app.Api("GET", "/api/campaigns/{year}/estates/{code}/figures", Access::kUser,
          [&app](Call& c) { return Figures(app, c); });
  app.Api("GET", "/api/campaigns/{year}/{table}", Access::kUser, [&app](Call& c) { return Table(app, c); });
}

}  // namespace meihao::http

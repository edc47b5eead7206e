// /api/campaigns/{year}: a campaign's settings and its rankings, gates and quotas tables.
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/campaigns/campaigns.h"
#include "service/indicators/estate_sheet.h"
#include "service/indicators/rankings.h"
#include "common/date.h"

namespace meihao::http {

Result<int> CampaignYearOf(const Call& call) {
  const std::string y = call.Param("year");
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound("campaign.not_found", "活动年度不存在", "No such campaign year");
  return std::stoi(y);
}

namespace {

Response Settings(App& app, Call& call);

boost::json::object SettingsJson(int year, const domain::campaigns::CampaignSettings& s) {
  boost::json::array items;
  for (const auto& [key, value] : domain::campaigns::SettingsAsText(s)) {
    const auto* info = domain::campaigns::FindSetting(key);
    items.push_back({{"key", key}, {"value", value}, {"name_zh", info ? info->name_zh : ""}});
  }
  return {{"year", year}, {"settings", std::move(items)}};
}

Response Create(App& app, Call& call) {
  MEIHAO_TRY(body, ParseObject(call.req.body));
  MEIHAO_TRY(year, OptInt(*body, "year"));
  if (!*year) return ErrorResponse(Error::Invalid("year.required", "缺少活动年度 year", "Field year is required", "year"));
  if (**year < domain::campaigns::kMinCampaignYear || **year > domain::campaigns::kMaxCampaignYear)
    return ErrorResponse(Error::Invalid("settings.year.range", "活动年度须在2000至2100之间", "year must be 2000–2100", "year"));
  MEIHAO_TRY(s, service::campaigns::CreateCampaign(app.ctx(), call.actor, int(**year)));
  return JsonResponse(201, SettingsJson(int(**year), *s));
}

// {"changes": {"publicity_days": "10", …}, "reopen": false}
Response Change(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  MEIHAO_TRY(body, ParseObject(call.req.body));
  auto it = body->find("changes");
  if (it == body->end() || !it->value().is_object() || it->value().as_object().empty())
    return ErrorResponse(Error::Invalid("changes.required", "请提供要修改的设置 changes（设置名: 值）",
                                        "Give the settings to change as changes: {key: value}", "changes"));
  std::vector<std::pair<std::string, std::string>> changes;
  for (const auto& [key, value] : it->value().as_object()) {
    if (!value.is_string())
      return ErrorResponse(Error::Invalid("changes.type", "设置值须为字符串（日期写作 YYYY-MM-DD，空字符串表示不设）",
                                          "Setting values must be strings (dates YYYY-MM-DD, \"\" for none)", std::string(key)));
    changes.emplace_back(std::string(key), std::string(value.as_string()));
  }
  MEIHAO_TRY(reopen, OptBool(*body, "reopen"));
  MEIHAO_TRY(s, service::campaigns::ChangeCampaignSettings(app.ctx(), call.actor, *year, changes, reopen->value_or(false),
                                                TodayInChina()));
  return JsonResponse(200, SettingsJson(*year, *s));
}

boost::json::value OptNumber(const std::optional<int64_t>& v) { return v ? boost::json::value(*v) : nullptr; }
boost::json::value OptDecimal(const std::optional<Fraction>& f, int decimals) {
  return f ? boost::json::value(f->Format(decimals)) : nullptr;
}
std::string DivisionName(const App& app, const std::string& code) {
  const auto* d = app.ctx().tree.Find(code);
  return d ? d->name : std::string();
}

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

std::string Yuan(int64_t fen) { return Fraction(fen, 100).Format(2); }

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

// Every campaign with the phases open today.
Response List(App& app, Call& call) {
  if (policy::CanReadDivisions(call.actor.principal) != policy::Decision::kAllow)
    return ErrorResponse(policy::DecisionError(policy::Decision::kForbidden));
  const Date today = TodayInChina();
  boost::json::array campaigns;
  for (const auto& s : service::campaigns::ListCampaigns(app.ctx())) {
    boost::json::array open;
    for (auto k : domain::campaigns::OpenPhases(s, today)) open.push_back(boost::json::string(domain::campaigns::PhaseKeyString(k)));
    campaigns.push_back(boost::json::object{{"year", s.year}, {"open_phases", std::move(open)}});
  }
  return JsonResponse(200, boost::json::object{{"today", today.ToString()}, {"campaigns", std::move(campaigns)}});
}

Response Settings(App& app, Call& call) {
  MEIHAO_TRY(year, CampaignYearOf(call));
  if (policy::CanListEstates(call.actor.principal) != policy::Decision::kAllow)
    return ErrorResponse(policy::DecisionError(policy::Decision::kForbidden));
  MEIHAO_TRY(s, service::campaigns::GetCampaign(app.ctx(), *year));
  return JsonResponse(200, SettingsJson(*year, *s));
}

}  // namespace

void RegisterCampaignRoutes(App& app) {
  app.Api("GET", "/api/campaigns", Access::kUser, [&app](Call& c) { return List(app, c); });
  app.Api("POST", "/api/campaigns", Access::kUser, [&app](Call& c) { return Create(app, c); });
  app.Api("GET", "/api/campaigns/{year}/estates/{code}/figures", Access::kUser,
          [&app](Call& c) { return Figures(app, c); });
  app.Api("PATCH", "/api/campaigns/{year}", Access::kUser, [&app](Call& c) { return Change(app, c); });
  app.Api("GET", "/api/campaigns/{year}", Access::kUser, [&app](Call& c) { return Settings(app, c); });
  app.Api("GET", "/api/campaigns/{year}/{table}", Access::kUser, [&app](Call& c) { return Table(app, c); });
}

}  // namespace meihao::http

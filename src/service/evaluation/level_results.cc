#include "service/evaluation/level_results.h"

#include <boost/json.hpp>

#include <algorithm>
#include <unordered_map>

#include "domain/indicators/ranking.h"
#include "service/campaigns/campaigns.h"
#include "service/rubric/rubric_store.h"

namespace meihao::service::evaluation {
namespace {

// Columns shared by both levels' candidate queries.
constexpr std::string_view kApplicationColumns =
    "a.id, a.estate_code, COALESCE(e.name, a.estate_code), a.county_code, COALESCE(e.town_code, ''), "
    "a.applicant_type, a.applicant_name, COALESCE(a.submitted_at, ''), COALESCE(a.submitted_ms, 0), "
    "COALESCE(a.rubric, ''), COALESCE(a.automatic, '')";

// The candidates into out.applications (by id) and each one's frozen
// rubric JSON into rubric_json (parallel).
Status LoadCandidates(storage::Connection& c, int year, policy::Level level, const std::string& unit_code,
                      std::vector<ApplicationResult>& out, std::vector<std::string>& rubric_json) {
  std::string filter;  // what follows "FROM applications a"
  storage::Params params;
  if (level == policy::Level::kCounty) {
    filter = "WHERE a.campaign_year = ? AND a.county_code = ? AND a.status = 'submitted'";
    params = {int64_t{year}, unit_code};
  } else {
    // The counties' winners: listed (not removed by an objection) on a final county list.
    filter =
        "JOIN selection_entries se ON se.application_id = a.id AND se.campaign_year = a.campaign_year "
        "AND se.level = 'county' AND se.status = 'listed' "
        "JOIN selection_lists sl ON sl.campaign_year = se.campaign_year AND sl.level = 'county' "
        "AND sl.unit_code = se.unit_code AND sl.status = 'final' "
        "WHERE a.campaign_year = ? AND a.status = 'submitted'";
    params = {int64_t{year}};
  }
  // Reserved first: the results are large, and growing the vector would move them all.
  const auto count = c.QueryInt("SELECT COUNT(*) FROM applications a " + filter, params).value_or(0);
  out.reserve(static_cast<size_t>(count));
  rubric_json.reserve(static_cast<size_t>(count));
  std::optional<Error> bad;
  const std::string select = "SELECT " + std::string(kApplicationColumns) +
                             " FROM applications a LEFT JOIN estates e ON e.code = a.estate_code " + filter +
                             " ORDER BY a.id";
  c.Query(select, params, [&](const storage::Row& r) {
    if (bad) return;
    auto automatic = AutomaticChecksFromJson(r.TextView(10));
    if (!automatic) {
      bad = Error::Internal("application " + std::to_string(r.Int(0)) + ": " + automatic.error().message_en);
      return;
    }
    ApplicationResult& a = out.emplace_back();
    a.application_id = r.Int(0);
    a.estate_code = r.Text(1);
    a.estate_name = r.Text(2);
    a.county_code = r.Text(3);
    a.town_code = r.Text(4);
    a.applicant_type = r.Text(5);
    a.applicant_name = r.Text(6);
    a.submitted_at = r.Text(7);
    a.submitted_ms = r.Int(8);
    rubric_json.push_back(r.Text(9));
    a.automatic = std::move(*automatic);
  });
  if (bad) return *bad;
  return OkStatus();
}

// "P2" … "P9" → index 1 … 8.
std::optional<int> PrincipleIndex(std::string_view key) {
  if (key.size() != 2 || key[0] != 'P' || key[1] < '1' || key[1] > '9') return std::nullopt;
  return key[1] - '1';
}

Status ReadPrinciples(std::string_view json, SheetResult& sheet) {
  unsigned char arena[4096];
  boost::json::monotonic_resource mr(arena, sizeof arena);
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec, &mr);
  if (ec || !v.is_object()) return Error::Internal("score sheet principles: not a JSON object");
  for (const auto& [key, entry] : v.as_object()) {
    auto i = PrincipleIndex(key);
    if (!i || !entry.is_object()) return Error::Internal("score sheet principles: bad entry");
    const auto* pass = entry.as_object().if_contains("pass");
    const bool passed = pass && pass->is_bool() && pass->as_bool();
    sheet.passed[static_cast<size_t>(*i)] = passed;
    if (!passed) {
      const auto* reason = entry.as_object().if_contains("reason");
      sheet.fail_reasons[std::string(key)] =
          reason && reason->is_string() ? std::string(reason->as_string()) : std::string();
    }
  }
  return OkStatus();
}

// The form score sheets are stored in, {"1.1":85,"1.2":100,…} (unit → whole
// tenths, no spaces, as service/evaluation writes it), read without building a
// JSON tree; false for anything else, which then goes through the full parser.
bool ReadFlatScores(std::string_view s, const domain::rubric::SheetScorer& scorer, std::vector<int>& tenths) {
  size_t i = 0;
  auto at = [&](char ch) { return i < s.size() && s[i] == ch; };
  if (!at('{')) return false;
  ++i;
  if (at('}')) return i + 1 == s.size();
  while (true) {
    if (!at('"')) return false;
    const size_t end = s.find('"', ++i);
    if (end == std::string_view::npos) return false;
    const int unit = scorer.UnitIndex(s.substr(i, end - i));
    i = end + 1;
    if (unit < 0 || !at(':')) return false;
    ++i;
    int value = 0, digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 6) value = value * 10 + (s[i++] - '0'), ++digits;
    if (digits == 0) return false;
    tenths[static_cast<size_t>(unit)] = value;
    if (at('}')) return i + 1 == s.size();
    if (!at(',')) return false;
    ++i;
  }
}

// The stored scores ({"unit": tenths, …}) in the scorer's unit order. A
// small arena keeps the parse free of heap traffic: a level reads thousands.
Result<Fraction> ScoredTotal(const domain::rubric::SheetScorer& scorer, std::string_view scores_json,
                             const AutomaticChecks& automatic) {
  std::vector<int> tenths(scorer.units().size(), -1);
  if (!ReadFlatScores(scores_json, scorer, tenths)) {
    std::fill(tenths.begin(), tenths.end(), -1);
    unsigned char arena[8192];
    boost::json::monotonic_resource mr(arena, sizeof arena);
    boost::system::error_code ec;
    auto v = boost::json::parse(scores_json, ec, &mr);
    if (ec || !v.is_object()) return Error::Internal("score sheet scores: not a JSON object");
    for (const auto& [unit, value] : v.as_object()) {
      const int i = scorer.UnitIndex(unit);
      if (i < 0 || !value.is_int64()) return Error::Internal("score sheet scores: unknown unit or not an integer");
      tenths[static_cast<size_t>(i)] = static_cast<int>(value.as_int64());
    }
  }
  auto total = scorer.Total(tenths, {automatic.gates.p1, automatic.gates.p8_fee});
  if (!total) return Error::Internal("score sheet scores: incomplete or out of range");
  return *total;
}

}  // namespace

Result<Fraction> SheetTotal(const domain::rubric::Rubric& rubric, const std::string& scores_json,
                            const AutomaticChecks& automatic) {
  return ScoredTotal(domain::rubric::SheetScorer(rubric), scores_json, automatic);
}

Result<LevelResults> ComputeLevelResults(storage::Connection& c, int year, policy::Level level,
                                         const std::string& unit_code) {
  auto settings = campaigns::LoadCampaign(c, year);
  if (!settings)
    return Error::NotFound("campaign.not_found", "该年度活动不存在", "No campaign for that year");
  LevelResults out;
  out.year = year;
  out.level = level;
  out.unit_code = unit_code;
  out.settings = *settings;

  std::vector<std::string> rubric_json;
  if (auto st = LoadCandidates(c, year, level, unit_code, out.applications, rubric_json); !st) return st.error();

  // The rubric: the city's at city level; at county level the one each
  // application froze when submitted (all the same once apply has opened).
  std::unordered_map<std::string, domain::rubric::SheetScorer> scorers;  // by the rubric's JSON
  // out.rubric is the unit's current rubric either way (what a page shows).
  {
    auto r = service::rubric::LoadRubric(c, year, unit_code);
    if (!r) return r.error();
    out.rubric = std::move(*r);
  }
  const domain::rubric::SheetScorer unit_scorer(out.rubric);
  auto scorer_of = [&](const std::string& json) -> Result<const domain::rubric::SheetScorer*> {
    if (level == policy::Level::kCity) return &unit_scorer;
    auto it = scorers.find(json);
    if (it == scorers.end()) {
      auto r = service::rubric::RubricFromJson(json);
      if (!r) return r.error();
      it = scorers.emplace(json, domain::rubric::SheetScorer(*r)).first;
    }
    return &it->second;
  };

  std::unordered_map<int64_t, size_t> at;  // application id → index
  for (size_t i = 0; i < out.applications.size(); ++i) at.emplace(out.applications[i].application_id, i);
  const std::string level_key(policy::LevelKey(level));

  // Assigned counts and reviews, then the submitted sheets; each query reads
  // the level's rows once and keeps those of the candidates.
  c.Query("SELECT application_id, COUNT(*) FROM assignments WHERE level = ? GROUP BY application_id", {level_key},
          [&](const storage::Row& r) {
            if (auto it = at.find(r.Int(0)); it != at.end()) out.applications[it->second].assigned = r.Int(1);
          });
  c.Query("SELECT application_id FROM disagreement_reviews WHERE level = ?", {level_key}, [&](const storage::Row& r) {
    if (auto it = at.find(r.Int(0)); it != at.end()) out.applications[it->second].disagreement_reviewed = true;
  });
  std::optional<Error> bad;
  // Only this campaign's sheets (and at county level only the county's).
  std::string sheets_sql =
      "SELECT s.application_id, s.evaluator_id, COALESCE(u.display_name, ''), s.scores, s.principles, "
      "COALESCE(s.submitted_at, '') FROM score_sheets s JOIN applications a ON a.id = s.application_id "
      "LEFT JOIN users u ON u.id = s.evaluator_id "
      "WHERE s.level = ? AND s.status = 'submitted' AND a.campaign_year = ? ";
  storage::Params sheets_params{level_key, int64_t{year}};
  if (level == policy::Level::kCounty) {
    sheets_sql += "AND a.county_code = ? ";
    sheets_params.push_back(unit_code);
  }
  // Sorted here rather than by the database: a sort of the sheet rows would
  // cost more than the whole recompute.
  c.Query(sheets_sql, sheets_params, [&](const storage::Row& r) {
        auto it = at.find(r.Int(0));
        if (it == at.end() || bad) return;
        ApplicationResult& a = out.applications[it->second];
        auto scorer = scorer_of(rubric_json[it->second]);
        if (!scorer) {
          bad = scorer.error();
          return;
        }
        SheetResult s;
        s.evaluator_id = r.Int(1);
        s.evaluator_name = r.Text(2);
        s.submitted_at = r.Text(5);
        auto total = ScoredTotal(**scorer, r.TextView(3), a.automatic);
        if (!total) {
          bad = total.error();
          return;
        }
        s.total = *total;
        if (auto st = ReadPrinciples(r.TextView(4), s); !st) {
          bad = st.error();
          return;
        }
        a.sheets.push_back(std::move(s));
      });
  if (bad) return *bad;
  for (ApplicationResult& a : out.applications)
    std::sort(a.sheets.begin(), a.sheets.end(),
              [](const SheetResult& x, const SheetResult& y) { return x.evaluator_id < y.evaluator_id; });

  std::vector<domain::selection::Candidate> candidates;
  candidates.reserve(out.applications.size());
  std::vector<domain::evaluation::EvaluatorSheet> sheets;
  for (ApplicationResult& a : out.applications) {
    sheets.clear();
    for (const SheetResult& s : a.sheets) sheets.push_back({s.total, s.passed});
    a.evaluation = domain::evaluation::Evaluate(sheets, domain::evaluation::AutomaticResults(a.automatic.gates), out.settings.min_evaluators,
                                    out.settings.disagreement_stddev);
    a.candidate = {a.evaluation.eligible, a.evaluation.evaluated, a.evaluation.score.value_or(Fraction()),
                   a.automatic.satisfaction_index, a.automatic.complaint_rate, a.submitted_ms};
    candidates.push_back(a.candidate);
  }

  if (level == policy::Level::kCounty) {
    out.managed_estates =
        c.QueryInt(
             "SELECT COUNT(*) FROM estates WHERE county_code = ? AND deleted_at IS NULL "
             "AND management_mode IN ('professional','self')",
             {unit_code})
            .value_or(0);
    out.quota = domain::indicators::CountyQuota(out.managed_estates, out.settings.quota_percent);
  } else {
    out.quota = domain::selection::CityQuota(out.settings.city_target, out.applications.size());
  }
  for (const domain::selection::Placed& p : domain::selection::RankCandidates(candidates, out.quota, out.settings.min_score)) {
    out.applications[p.index].placed = p;
    out.ranking.push_back(p.index);
  }
  return out;
}

}  // namespace meihao::service::evaluation

#include "service/level_results.h"

#include <boost/json.hpp>

#include <algorithm>
#include <unordered_map>

#include "domain/ranking.h"
#include "service/campaigns.h"
#include "service/rubric_store.h"

namespace meihao::service {
namespace {

// Columns shared by both levels' candidate queries.
constexpr std::string_view kApplicationColumns =
    "a.id, a.estate_code, COALESCE(e.name, a.estate_code), a.county_code, COALESCE(e.town_code, ''), "
    "a.applicant_type, a.applicant_name, COALESCE(a.submitted_at, ''), COALESCE(a.submitted_ms, 0), "
    "COALESCE(a.rubric, ''), COALESCE(a.automatic, '')";

struct Loaded {
  ApplicationResult result;
  std::string rubric_json;
};

Result<std::vector<Loaded>> LoadCandidates(storage::Connection& c, int year, policy::Level level,
                                           const std::string& unit_code) {
  std::string sql = "SELECT " + std::string(kApplicationColumns) +
                    " FROM applications a LEFT JOIN estates e ON e.code = a.estate_code ";
  storage::Params params;
  if (level == policy::Level::kCounty) {
    sql += "WHERE a.campaign_year = ? AND a.county_code = ? AND a.status = 'submitted' ORDER BY a.id";
    params = {int64_t{year}, unit_code};
  } else {
    // The counties' winners: listed (not removed by an objection) on a final county list.
    sql +=
        "JOIN selection_entries se ON se.application_id = a.id AND se.campaign_year = a.campaign_year "
        "AND se.level = 'county' AND se.status = 'listed' "
        "JOIN selection_lists sl ON sl.campaign_year = se.campaign_year AND sl.level = 'county' "
        "AND sl.unit_code = se.unit_code AND sl.status = 'final' "
        "WHERE a.campaign_year = ? AND a.status = 'submitted' ORDER BY a.id";
    params = {int64_t{year}};
  }
  std::vector<Loaded> out;
  std::optional<Error> bad;
  c.Query(sql, params, [&](const storage::Row& r) {
    Loaded l;
    auto& a = l.result;
    a.application_id = r.Int(0);
    a.estate_code = r.Text(1);
    a.estate_name = r.Text(2);
    a.county_code = r.Text(3);
    a.town_code = r.Text(4);
    a.applicant_type = r.Text(5);
    a.applicant_name = r.Text(6);
    a.submitted_at = r.Text(7);
    a.submitted_ms = r.Int(8);
    l.rubric_json = r.Text(9);
    auto automatic = AutomaticChecksFromJson(r.TextView(10));
    if (!automatic) {
      if (!bad) bad = Error::Internal("application " + std::to_string(a.application_id) + ": " +
                                      automatic.error().message_en);
      return;
    }
    a.automatic = std::move(*automatic);
    out.push_back(std::move(l));
  });
  if (bad) return *bad;
  return out;
}

// "P2" … "P9" → index 1 … 8.
std::optional<int> PrincipleIndex(std::string_view key) {
  if (key.size() != 2 || key[0] != 'P' || key[1] < '1' || key[1] > '9') return std::nullopt;
  return key[1] - '1';
}

Status ReadPrinciples(std::string_view json, SheetResult& sheet) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
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

}  // namespace

Result<Fraction> SheetTotal(const domain::Rubric& rubric, const std::string& scores_json,
                            const AutomaticChecks& automatic) {
  boost::system::error_code ec;
  auto v = boost::json::parse(scores_json, ec);
  if (ec || !v.is_object()) return Error::Internal("score sheet scores: not a JSON object");
  domain::ScoreSheet sheet;
  for (const auto& [unit, tenths] : v.as_object()) {
    if (!tenths.is_int64()) return Error::Internal("score sheet scores: not an integer");
    sheet.emplace(std::string(unit), static_cast<int>(tenths.as_int64()));
  }
  return domain::EvaluatorTotal(rubric, sheet, {automatic.gates.p1, automatic.gates.p8_fee});
}

Result<LevelResults> ComputeLevelResults(storage::Connection& c, int year, policy::Level level,
                                         const std::string& unit_code) {
  auto settings = LoadCampaign(c, year);
  if (!settings)
    return Error::NotFound("campaign.not_found", "该年度活动不存在", "No campaign for that year");
  LevelResults out;
  out.year = year;
  out.level = level;
  out.unit_code = unit_code;
  out.settings = *settings;

  auto loaded = LoadCandidates(c, year, level, unit_code);
  if (!loaded) return loaded.error();

  // The rubric: the city's at city level; at county level the one each
  // application froze when submitted (all the same once apply has opened).
  std::unordered_map<std::string, domain::Rubric> rubrics;
  // out.rubric is the unit's current rubric either way (what a page shows).
  {
    auto r = LoadRubric(c, year, unit_code);
    if (!r) return r.error();
    out.rubric = std::move(*r);
  }
  auto rubric_of = [&](const std::string& json) -> Result<const domain::Rubric*> {
    if (level == policy::Level::kCity) return &out.rubric;
    auto it = rubrics.find(json);
    if (it == rubrics.end()) {
      auto r = RubricFromJson(json);
      if (!r) return r.error();
      it = rubrics.emplace(json, std::move(*r)).first;
    }
    return &it->second;
  };

  std::unordered_map<int64_t, size_t> at;  // application id → index
  out.applications.reserve(loaded->size());
  std::vector<std::string> rubric_json;
  for (auto& l : *loaded) {
    at.emplace(l.result.application_id, out.applications.size());
    out.applications.push_back(std::move(l.result));
    rubric_json.push_back(std::move(l.rubric_json));
  }
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
  c.Query(
      "SELECT s.application_id, s.evaluator_id, COALESCE(u.display_name, ''), s.scores, s.principles, "
      "COALESCE(s.submitted_at, '') FROM score_sheets s LEFT JOIN users u ON u.id = s.evaluator_id "
      "WHERE s.level = ? AND s.status = 'submitted' ORDER BY s.application_id, s.evaluator_id",
      {level_key}, [&](const storage::Row& r) {
        auto it = at.find(r.Int(0));
        if (it == at.end() || bad) return;
        ApplicationResult& a = out.applications[it->second];
        auto rubric = rubric_of(rubric_json[it->second]);
        if (!rubric) {
          bad = rubric.error();
          return;
        }
        SheetResult s;
        s.evaluator_id = r.Int(1);
        s.evaluator_name = r.Text(2);
        s.submitted_at = r.Text(5);
        auto total = SheetTotal(**rubric, r.Text(3), a.automatic);
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

  std::vector<domain::Candidate> candidates;
  candidates.reserve(out.applications.size());
  std::vector<domain::EvaluatorSheet> sheets;
  for (ApplicationResult& a : out.applications) {
    sheets.clear();
    for (const SheetResult& s : a.sheets) sheets.push_back({s.total, s.passed});
    a.evaluation = domain::Evaluate(sheets, domain::AutomaticResults(a.automatic.gates), out.settings.min_evaluators,
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
    out.quota = domain::CountyQuota(out.managed_estates, out.settings.quota_percent);
  } else {
    out.quota = domain::CityQuota(out.settings.city_target, out.applications.size());
  }
  for (const domain::Placed& p : domain::RankCandidates(candidates, out.quota, out.settings.min_score)) {
    out.applications[p.index].placed = p;
    out.ranking.push_back(p.index);
  }
  return out;
}

}  // namespace meihao::service

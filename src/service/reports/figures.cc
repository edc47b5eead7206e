#include "service/reports/figures.h"

#include "common/clock.h"
#include "domain/reports/figures.h"

namespace meihao::service::reports {
namespace {

namespace dr = domain::reports;

boost::json::value OptJson(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object ComputeCountyFigures(storage::Connection& c, int year, const std::string& county, Date today) {
  const int64_t y = year;
  // The register: estates not deleted, and those under professional management.
  int64_t registered = 0, professional = 0, households = 0;
  c.Query("SELECT COUNT(*), COALESCE(SUM(management_mode = 'professional'), 0), COALESCE(SUM(households), 0) "
          "FROM estates WHERE county_code = ? AND deleted_at IS NULL",
          {county}, [&](const storage::Row& r) {
            registered = r.Int(0);
            professional = r.Int(1);
            households = r.Int(2);
          });
  // The indicators' additive sums (estate_figures) over the county's estates.
  int64_t responses = 0, points = 0, tp_sample = 0, tp_points = 0, complaints = 0, due = 0, collected = 0;
  c.Query("SELECT COALESCE(SUM(f.survey_responses), 0), COALESCE(SUM(f.survey_points), 0), "
          "COALESCE(SUM(f.third_party_sample), 0), COALESCE(SUM(f.third_party_points), 0), "
          "COALESCE(SUM(f.complaint_count), 0), COALESCE(SUM(f.fee_due_fen), 0), COALESCE(SUM(f.fee_collected_fen), 0) "
          "FROM estates e JOIN estate_figures f ON f.estate_code = e.code AND f.campaign_year = ? "
          "WHERE e.county_code = ? AND e.deleted_at IS NULL",
          {y, county}, [&](const storage::Row& r) {
            responses = r.Int(0);
            points = r.Int(1);
            tp_sample = r.Int(2);
            tp_points = r.Int(3);
            complaints = r.Int(4);
            due = r.Int(5);
            collected = r.Int(6);
          });
  // Survey codes: issued (used or still open; void ones are not counted) and used.
  int64_t codes = 0;
  // Driven from the county's estates (CROSS JOIN keeps that order), so the
  // cost follows the county, not the whole campaign's codes.
  c.Query("SELECT COUNT(*) FROM estates e CROSS JOIN household_codes h "
          "ON h.campaign_year = ? AND h.estate_code = e.code "
          "WHERE e.county_code = ? AND e.deleted_at IS NULL AND h.status <> 'void'",
          {y, county}, [&](const storage::Row& r) { codes = r.Int(0); });
  // The cultivation list by source.
  boost::json::object cultivation;
  c.Query("SELECT COUNT(*), COALESCE(SUM(source = 'rules' AND top_satisfaction = 1), 0), "
          "COALESCE(SUM(source = 'rules' AND bottom_complaints = 1), 0), "
          "COALESCE(SUM(source = 'rules' AND demonstration = 1), 0), COALESCE(SUM(source = 'added'), 0) "
          "FROM cultivation_entries WHERE campaign_year = ? AND county_code = ?",
          {y, county}, [&](const storage::Row& r) {
            cultivation = {{"size", r.Int(0)},     {"top_satisfaction", r.Int(1)}, {"bottom_complaints", r.Int(2)},
                           {"demonstration", r.Int(3)}, {"added", r.Int(4)}};
          });
  // Its tasks by kind of unit: assigned, done, overdue (not done, due before today).
  boost::json::array by_unit;
  int64_t assigned = 0, done = 0, overdue = 0;
  c.Query("SELECT t.unit_type, COUNT(*), COALESCE(SUM(t.status = 'done'), 0), "
          "COALESCE(SUM(t.status <> 'done' AND t.due_on < ?), 0) "
          "FROM cultivation_tasks t JOIN cultivation_entries e "
          "ON e.campaign_year = t.campaign_year AND e.estate_code = t.estate_code "
          "WHERE e.campaign_year = ? AND e.county_code = ? GROUP BY t.unit_type ORDER BY t.unit_type",
          {today.ToString(), y, county}, [&](const storage::Row& r) {
            assigned += r.Int(1);
            done += r.Int(2);
            overdue += r.Int(3);
            by_unit.push_back(
                boost::json::object{{"unit_type", r.Text(0)}, {"assigned", r.Int(1)}, {"done", r.Int(2)},
                                    {"overdue", r.Int(3)}});
          });
  cultivation["tasks"] = boost::json::object{
      {"assigned", assigned}, {"done", done}, {"overdue", overdue}, {"by_unit", std::move(by_unit)}};
  // Applications received: submitted ones (drafts and withdrawn ones are not).
  int64_t received = 0;
  c.Query("SELECT COUNT(*) FROM applications WHERE campaign_year = ? AND county_code = ? AND status = 'submitted'",
          {y, county}, [&](const storage::Row& r) { received = r.Int(0); });

  return boost::json::object{
      {"computed_at", BusinessNowIso()},
      {"as_of", today.ToString()},
      {"estates", {{"registered", registered}, {"professional", professional}, {"households", households}}},
      {"cultivation", std::move(cultivation)},
      {"survey",
       {{"codes_issued", codes},
        {"responses", responses},
        {"response_rate_pct", OptJson(dr::PercentText(responses, codes))},
        {"satisfaction_index", OptJson(dr::PooledSatisfactionText(points, responses, tp_points, tp_sample))}}},
      {"complaints", {{"count", complaints}, {"per_1000_households", OptJson(dr::PerThousandText(complaints, households))}}},
      {"fees", {{"due_fen", due}, {"collected_fen", collected}, {"rate_pct", OptJson(dr::PercentText(collected, due))}}},
      {"applications", {{"received", received}}},
  };
}

}  // namespace meihao::service::reports

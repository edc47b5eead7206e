// Selection (评选名单, rules.md §8, issue #4 part 4): a level's list — the
// county's (unit = county code) or the city's (unit = 440700) — built from
// the ranking of service::evaluation::ComputeLevelResults with the unit's additions and
// removals, published once as a snapshot (selection_entries) for publicity,
// shortened only by upheld objections (service/selection/objections.h), then final.
//
// Every action: authorised by policy::CanManageLevel (writes) or CanReadLevel
// (reads), allowed only in its phase (domain::campaigns::RequirePhase), each write in one
// transaction and audited. Phases:
//   county: changes and publishing in county_review; finalising (and answering
//           objections) in county_review or city_review — publicity started
//           on the last days of September necessarily runs into October;
//   city:   changes and publishing in city_review; finalising and answers in
//           city_review or summary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/selection/publicity.h"
#include "policy/policy.h"
#include "service/context.h"

namespace meihao::service::selection {

// One candidate application of the level, as the unit sees it while deciding.
struct SelectionRow {
  int64_t application_id = 0;
  std::string estate_code, estate_name, county_code, county_name, town_code, town_name, applicant_name;
  std::optional<int64_t> rank;  // competition rank when eligible and evaluated
  std::string score;            // 2 decimals; "" without any sheet
  std::optional<std::string> satisfaction_index;  // 2 decimals; none without satisfaction data
  std::string complaint_rate;                     // 2 decimals
  std::string submitted_at;
  int64_t assigned = 0, submitted = 0;  // evaluators assigned / sheets submitted at this level
  bool evaluated = false, eligible = false, disagreement = false, disagreement_reviewed = false;
  bool proposed = false, below_min_score = false;
  bool listed = false;  // on the list as it would be (or was) published
};

// An entry of the list: as it would be published (draft) or as published.
struct SelectionEntry {
  int64_t application_id = 0;
  std::string estate_code, estate_name, county_code, county_name, town_code, town_name, applicant_name;
  int64_t position = 0;         // 1-based
  std::optional<int64_t> rank;
  std::string score;            // 2 decimals
  std::string source = "rules"; // rules | added
  std::string reason;           // the addition's reason
  std::string status = "listed";  // listed | removed (an objection was upheld)
};

struct SelectionChange {
  int64_t application_id = 0;
  std::string estate_code, estate_name;
  std::string change;  // add | remove
  std::string reason, changed_at, changed_by;
};

// Why the list cannot be published yet: an application not yet decided.
struct SelectionBlocker {
  int64_t application_id = 0;
  std::string estate_code, estate_name;
  std::string code;  // not_evaluated | disagreement_unreviewed
  int64_t submitted = 0, required = 0;
};

struct ObjectionView {
  int64_t id = 0;
  int year = 0;
  std::string level, unit_code;
  int64_t application_id = 0;
  std::string estate_code, estate_name;
  std::string reason, name, phone;  // phone masked unless shown to the handler
  bool phone_masked = true;
  std::string filed_at, status, answer;  // status: open | upheld | dismissed
  std::optional<std::string> handled_at, handled_by;
};

struct Selection {
  int year = 0;
  policy::Level level = policy::Level::kCounty;
  std::string unit_code, unit_name;
  // The quota and how it was computed. County: ⌈quota_percent% × managed⌉.
  // City: city_target when set; without it every county winner is proposed
  // and there is no target (target = nullopt, no shortfall).
  int64_t managed_estates = 0;
  int quota_percent = 0;
  int64_t quota = 0;
  std::optional<int64_t> target;  // what a short list is measured against
  std::optional<int> min_score, city_target;
  int min_evaluators = 0;
  std::vector<SelectionRow> ranking;  // ranked ones best first, then the others by application id
  std::vector<SelectionEntry> list;   // published: the snapshot (removed entries included)
  std::vector<SelectionChange> changes;
  std::vector<SelectionBlocker> blockers;  // empty once published
  std::string status = "draft";            // draft | published | final
  bool short_list = false;
  std::string explanation;
  std::optional<domain::selection::PublicityWindow> window;
  std::optional<int64_t> days_left;  // during publicity: days including today
  std::optional<std::string> published_at, finalised_at;
  std::vector<ObjectionView> objections;  // phones masked
  bool can_manage = false;                // the caller may change, publish, answer, finalise
};

// level "county" | "city" (400 selection.level); unit: the county code (or,
// empty, the county of a county administrator's scope) or the city code.
// 404 campaign.not_found, unit.not_found, not_found (outside the scope).
Result<Selection> GetSelection(const Context& ctx, const Actor& actor, int year, const std::string& level,
                               const std::string& unit, Date today);

// change: add | remove (400 selection.change.value), with a reason
// (domain::selection::CheckAddition / CheckRemoval). 404 application.not_found when the
// application is not a candidate of the level; 409 selection.published once
// published, selection.change.exists when the application has a change
// already (withdraw it first).
Result<Selection> AddSelectionChange(const Context& ctx, const Actor& actor, int year, const std::string& level,
                                     const std::string& unit, int64_t application_id, const std::string& change,
                                     const std::string& reason, Date today);
// Withdraws a change. unit may be empty: the application's county (county
// level) or the city. 404 selection.change.not_found.
Result<Selection> DeleteSelectionChange(const Context& ctx, const Actor& actor, int year, const std::string& level,
                                        const std::string& unit, int64_t application_id, Date today);

// 409 selection.published (again), selection.undecided (naming the
// applications not yet evaluated or with an unreviewed disagreement); 400
// selection.explanation.* for a short list without an explanation.
Result<Selection> PublishSelection(const Context& ctx, const Actor& actor, int year, const std::string& level,
                                   const std::string& unit, const std::string& explanation, Date today);

// 409 selection.not_published, selection.final, publicity.running,
// publicity.objections_unresolved.
Result<Selection> FinaliseSelection(const Context& ctx, const Actor& actor, int year, const std::string& level,
                                    const std::string& unit, Date today);

// The city's view of every county's list.
struct CountySelectionSummary {
  std::string county_code, county_name;
  int64_t managed_estates = 0, quota = 0;
  int64_t applications = 0, evaluated = 0, eligible = 0, listed = 0;
  std::string status = "draft";
  bool short_list = false;
  std::string explanation;
  std::optional<std::string> published_on;
  bool late = false;  // published after deadlines.county_list, or not yet and the deadline has passed
};
struct SelectionOverview {
  int year = 0;
  std::string deadline;  // deadlines.county_list
  std::vector<CountySelectionSummary> counties;
};
// city_admin and auditor; a county administrator sees its own county's row
// (policy::CanReadLevel at city level: rows cut by the service); others 403.
Result<SelectionOverview> GetSelectionOverview(const Context& ctx, const Actor& actor, int year, Date today);

// The export of `meihao export selection`: one row per candidate application
// of the level's units (every county when unit is empty at county level).
// format "csv" | "xlsx". Audited as selection.export.
Result<std::string> ExportSelection(const Context& ctx, const Actor& actor, int year, const std::string& level,
                                    const std::string& unit, const std::string& format);

}  // namespace meihao::service::selection

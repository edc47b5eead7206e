// Authorization as named pure checks: who may do what to which estate. The
// service layer calls one check per operation and turns a refusal into the
// Error below; nothing else in the code decides access.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/registry/divisions.h"

namespace meihao::policy {

enum class Role { kCityAdmin, kCountyAdmin, kStreetStaff, kApplicant, kEvaluator, kAuditor, kAssessor };

// city_admin, county_admin, street_staff, applicant, evaluator, auditor, assessor
std::string_view RoleKey(Role r);
// 市级管理员, 县（市、区）管理员, 街道（镇）工作人员, 申报单位（红色管家）, 评审专家, 审计员, 第三方评估机构
std::string_view RoleLabel(Role r);
std::optional<Role> ParseRole(std::string_view key);  // exact key only
inline std::optional<Role> RoleFromKey(std::string_view key) { return ParseRole(key); }  // same; name used by service/

struct Principal {
  int64_t user_id = 0;
  Role role = Role::kApplicant;
  std::string scope;  // a division code; for an applicant, its estate's code
};

// Just what the checks need to know about an estate.
struct EstateRef {
  std::string code, county_code, town_code;
};

enum class Decision {
  kAllow,
  kForbidden,  // 403: the role may never do this
  kNotFound,   // 404: the object lies outside the caller's scope (never 403, so
               // a refusal does not reveal that the estate exists)
};

// True when `e` lies in p's scope: the applicant's own estate; for the other
// roles the estate's town (or its county, when the town is not a town of that
// county) is within the scope node. A city-scoped principal sees every estate,
// even one whose divisions no longer exist, so it can repair it. An unknown
// scope sees nothing.
bool InScope(const Principal& p, const EstateRef& e, const domain::registry::DivisionTree& tree);

// Estates. A role that may never do the action gets kForbidden before any
// scope check; otherwise an estate outside the scope gets kNotFound.
Decision CanListEstates(const Principal& p);  // the list itself is filtered by InScope
Decision CanReadEstate(const Principal& p, const EstateRef& e, const domain::registry::DivisionTree& tree);
Decision CanCreateEstate(const Principal& p, const EstateRef& e, const domain::registry::DivisionTree& tree);
// Both the stored estate and its new version must be in scope (no moving an
// estate out of one's own county, nor into it from elsewhere).
Decision CanUpdateEstate(const Principal& p, const EstateRef& before, const EstateRef& after,
                         const domain::registry::DivisionTree& tree);
Decision CanDeleteEstate(const Principal& p, const EstateRef& e, const domain::registry::DivisionTree& tree);
Decision CanImportEstates(const Principal& p);  // rows outside the scope are import problems
// Complaints, satisfaction results, fees, penalties: the same people who keep
// the register keep its measurements (rows for estates outside the scope are problems).
inline Decision CanImportRecords(const Principal& p) { return CanImportEstates(p); }
Decision CanExportEstates(const Principal& p);  // the export is filtered by InScope
// Typing in paper questionnaires (rules.md §10): city_admin, county_admin,
// street_staff; the code's estate must be InScope (else it is "no such code").
Decision CanEnterPaperSurvey(const Principal& p);

// Cultivation (重点培育, rules.md §4). Reading: city_admin, county_admin,
// street_staff, auditor (applicant, evaluator: 403); a county's list is
// visible when the county and the caller's scope overlap, and is cut to
// InScope. Managing (confirm the list, add estates, assign tasks, change due
// dates): city_admin, county_admin of the county. Progress (task status,
// notes, photos): those and street_staff, on estates in their scope.
Decision CanReadCultivation(const Principal& p);  // role only (the overview is cut by InScope)
Decision CanReadCultivationList(const Principal& p, std::string_view county_code, const domain::registry::DivisionTree& tree);
Decision CanReadCultivationEstate(const Principal& p, const EstateRef& e, const domain::registry::DivisionTree& tree);
Decision CanManageCultivation(const Principal& p, std::string_view county_code, const domain::registry::DivisionTree& tree);
Decision CanRecordCultivationProgress(const Principal& p, const EstateRef& e, const domain::registry::DivisionTree& tree);

// ---- Applications, evaluation, selection (issue #4, rules.md §5–§8) ----------
//
// A level's unit is a county (county level) or the city (city level; the
// tree's root). Who may do what:
//   apply (create, edit, upload evidence, submit, withdraw): the applicant of
//     the estate only (its scope is the estate); others 403, another estate 404.
//   read an application: its applicant; city_admin, county_admin, street_staff
//     and auditor when the estate is InScope; an evaluator only when assigned
//     (unassigned → 404, so it cannot learn what exists).
//   manage a level (refine the rubric, assign evaluators, review flags, change,
//     publish and finalise the list, answer objections): county level — the
//     county_admin whose scope contains the county, and city_admin; city level
//     — city_admin only. Out of scope 404, any other role 403.
//   read a level's results (score matrix, flags, ranking, objections with the
//     phone masked): the managers above, plus auditor (read-only); county_admin
//     may read the city level's results for its own county's applications only
//     after publication (the service cuts the rows).
//   score: an evaluator on its own assignment (unassigned → 404); others 403.
//   declare affiliations and conflicts: evaluator, for itself only.
enum class Level { kCounty, kCity };
std::string_view LevelKey(Level l);                        // county / city
std::optional<Level> ParseLevel(std::string_view key);     // exact key only

Decision CanApply(const Principal& p, const EstateRef& e, const domain::registry::DivisionTree& tree);
Decision CanReadApplication(const Principal& p, const EstateRef& e, bool assigned,
                            const domain::registry::DivisionTree& tree);
// Listing applications: every role but evaluator (whose list is its queue).
Decision CanListApplications(const Principal& p);
Decision CanManageLevel(const Principal& p, Level level, std::string_view unit_code,
                        const domain::registry::DivisionTree& tree);
Decision CanReadLevel(const Principal& p, Level level, std::string_view unit_code,
                      const domain::registry::DivisionTree& tree);
Decision CanScore(const Principal& p, bool assigned);
Decision CanDeclareAffiliations(const Principal& p);

// ---- The summary phase (总结推广, issue #11) ----------------------------------
//
// A county's work report: written by the county_admin whose scope contains the
// county (city_admin and the other roles 403: the city reviews, it does not
// write a county's report; another county 404); read by those, city_admin,
// auditor and street_staff whose scope overlaps the county (applicant,
// evaluator 403); returned or accepted by city_admin only.
Decision CanWriteCountyReport(const Principal& p, std::string_view county_code,
                              const domain::registry::DivisionTree& tree);
Decision CanReadCountyReport(const Principal& p, std::string_view county_code,
                             const domain::registry::DivisionTree& tree);
Decision CanReviewCountyReports(const Principal& p);
// The counties' reports side by side (issue #11 part 2): city_admin, and an
// auditor whose scope holds every county; everyone else 403.
Decision CanCompareCountyReports(const Principal& p, const domain::registry::DivisionTree& tree);

// Third-party periodic assessment (定期评估, seed 四(三), issue #11 part 6).
// The assessor (第三方评估机构) reads what the cultivation work left behind —
// the register and indicator figures, the cultivation lists, tasks, notes and
// photos of its scope — and nothing else (no applications, sheets, lists,
// reports, users or audit). It files rounds: ratings and findings on estates
// InScope, conclusions on counties its scope overlaps. The county_admin of
// the county answers the findings; city_admin, county_admin, street_staff and
// auditor read them where their scope overlaps the county.
Decision CanFileAssessment(const Principal& p);
Decision CanAssessCounty(const Principal& p, std::string_view county_code, const domain::registry::DivisionTree& tree);
Decision CanReadAssessment(const Principal& p, std::string_view county_code,
                           const domain::registry::DivisionTree& tree);
Decision CanAnswerAssessment(const Principal& p, std::string_view county_code,
                             const domain::registry::DivisionTree& tree);

// The city's summary of experience and its commendations of counties
// (总结表彰): written by city_admin only; read by city_admin and auditor (the
// others 403). The documents it issues (公文: the commendation letter, the
// list announcement): issued by city_admin; read and downloaded by city_admin,
// auditor and county_admin (the addressees); the other roles 403.
Decision CanWriteCitySummary(const Principal& p);
Decision CanReadCitySummary(const Principal& p);
Decision CanIssueDocuments(const Principal& p);
Decision CanReadDocuments(const Principal& p);

// Typical cases (典型案例, issue #11 part 4): written and submitted by the
// county_admin whose scope contains the county (others 403, another county
// 404); read by those, city_admin, auditor and street_staff whose scope
// overlaps the county (applicant, evaluator 403); returned, accepted and
// published by city_admin only. Published cases are public (no policy).
Decision CanWriteCases(const Principal& p, std::string_view county_code, const domain::registry::DivisionTree& tree);
Decision CanReadCases(const Principal& p, std::string_view county_code, const domain::registry::DivisionTree& tree);
Decision CanReviewCases(const Principal& p);

// Administration.
Decision CanManageUsers(const Principal& p);    // city_admin only
Decision CanReadAudit(const Principal& p);      // city_admin and auditor
Decision CanReadDivisions(const Principal& p);  // every role; the answer shows its scope node

// The Error for a refusal: 403 "forbidden" or 404 "not_found", in words a
// clerk understands. Precondition: d != kAllow (which yields an Internal error).
Error DecisionError(Decision d);
// OkStatus() for kAllow, else DecisionError(d).
Status ToStatus(Decision d);

}  // namespace meihao::policy

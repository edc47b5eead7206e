// Evaluation (评审, rules.md §5–§7, issue #4 part 3): evaluators' declared
// affiliations, assignments by hand and in bulk with conflicts refused, the
// conflicts evaluators declare, each evaluator's queue, score sheets (draft,
// submit), the secrecy of the others' scores, and the managers' results matrix.
//
// Authorisation: one policy check per action — CanDeclareAffiliations,
// CanManageLevel (assign, unassign, list evaluators, review a flag), CanScore
// (queue, scoring view, sheet, conflict), CanReadLevel (matrix). Out of scope
// or not one's own is 404, a role that may never act 403.
// Phases: assignment, conflict and sheet writes only in the level's phase
// (county level: county_review, city level: city_review), through
// domain::campaigns::RequirePhase; reads any time. Affiliations are not phase-bound: an
// evaluator states them once, before any campaign needs them, and they only
// ever narrow what can be assigned (docs/decisions.md). Every write is audited
// in its own transaction.
//
// Stored sheets (read by service/level_results): scores = {"unit": tenths},
// principles = {"P2": {"pass": bool, "reason": "…"}, …} (decided ones only).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/rubric/rubric.h"
#include "policy/policy.h"
#include "service/context.h"

namespace meihao::service::evaluation {

// ---- Affiliations -------------------------------------------------------------

struct EvaluatorAffiliation {
  int64_t id = 0;
  std::string kind;   // estate | company | town
  std::string value;  // estate code, credit code, town code
  std::string label;  // the estate's or town's name, the company's name when known; else ""
  std::string note, declared_at;
};

// The caller's own (evaluator only; others 403), by id.
Result<std::vector<EvaluatorAffiliation>> ListAffiliations(const Context& ctx, const Actor& actor);
struct AffiliationInput {
  std::string kind, value, note;
};
// 400 affiliation.kind / affiliation.estate (no such estate) / affiliation.company
// (not a valid credit code) / affiliation.town (no such town) / affiliation.note
// (over 200 characters); 409 affiliation.exists.
Result<EvaluatorAffiliation> DeclareAffiliation(const Context& ctx, const Actor& actor, const AffiliationInput& in);
// 404 affiliation.not_found (also another evaluator's).
Status RemoveAffiliation(const Context& ctx, const Actor& actor, int64_t id);

// ---- Assignable evaluators ------------------------------------------------------

struct AssignableEvaluator {
  int64_t id = 0;
  std::string username, display_name, scope_code;
  std::vector<EvaluatorAffiliation> affiliations;
  int64_t assigned_county = 0, assigned_city = 0;  // this campaign's assignments per level
  int64_t open = 0;                                // of those, sheets not submitted yet
};
// The unit is a county code (county level) or the city code; "" = the
// caller's scope when it is a county or the city. 400 unit.required /
// unit.invalid; 404 campaign.not_found.
Result<std::vector<AssignableEvaluator>> ListAssignableEvaluators(const Context& ctx, const Actor& actor, int year,
                                                                  std::string unit);

// ---- Assignments ---------------------------------------------------------------

struct AssignmentInfo {
  int64_t id = 0, application_id = 0, evaluator_id = 0;
  std::string level, evaluator_name, estate_code, estate_name, county_code, assigned_at;
};

struct PairRefusal {
  int64_t application_id = 0, evaluator_id = 0;
  std::string code, reason_zh, reason_en;
};

struct AssignRequest {
  std::string level;
  std::vector<int64_t> application_ids, evaluator_ids;
};
struct AssignOutcome {
  std::vector<AssignmentInfo> created;
  std::vector<PairRefusal> skipped;  // already assigned (reported, not an error)
  std::vector<PairRefusal> refused;  // non-empty: nothing was written (the caller answers 409)
};
// The cross product of applications × evaluators, all or nothing. 400
// level.invalid / assignment.applications / assignment.evaluators (empty,
// repeated or over 200 ids); 404 application.not_found (absent, another
// campaign, or outside the caller's management); 403 role; 403 phase.closed.
Result<AssignOutcome> Assign(const Context& ctx, const Actor& actor, int year, const AssignRequest& req, Date today);
// Managers, while the evaluator's sheet is not submitted (409 sheet.submitted);
// removes a draft sheet with it. 404 assignment.not_found.
Status Unassign(const Context& ctx, const Actor& actor, int year, int64_t assignment_id, Date today);
// The evaluator on its own assignment: removes it (and its draft), records the
// conflict so the pair is never assigned again. 400 conflict.reason (2–500
// characters); 409 sheet.submitted.
Status DeclareConflict(const Context& ctx, const Actor& actor, int year, int64_t assignment_id,
                       const std::string& reason, Date today);

// ---- The evaluator's queue and scoring view -----------------------------------------

struct QueueEntry {
  int64_t assignment_id = 0, application_id = 0;
  std::string level, estate_code, estate_name, county_code, county_name;
  std::string status;  // to_do | draft | done
  Date due_on;         // the level's phase last day
  bool overdue = false;
  std::optional<std::string> submitted_at;
};
// Evaluators only (others 403). Both levels, by level (county first) and application id.
Result<std::vector<QueueEntry>> GetQueue(const Context& ctx, const Actor& actor, int year, Date today);

struct PrincipleMark {
  std::optional<bool> pass;  // none: not decided yet (drafts only)
  std::string reason;
};
struct SheetView {
  int64_t evaluator_id = 0;
  std::string evaluator_name;
  std::string status;  // draft | submitted
  std::map<std::string, int> scores;  // unit → tenths
  std::map<std::string, PrincipleMark> principles;  // "P2" … "P9"
  std::string saved_at;
  std::optional<std::string> submitted_at;
  std::optional<std::string> total;  // submitted sheets: 2 decimals
};

struct ScoringEvidence {
  int64_t id = 0;
  std::string item_id, original_name, mime, url;
  int64_t size = 0;
};
struct ScoringView {
  AssignmentInfo assignment;
  int year = 0;
  std::string town_code, applicant_type, applicant_name, submitted_at;
  std::map<std::string, std::string> self_assessment;  // item id → text
  std::vector<ScoringEvidence> files;
  std::string automatic_json;  // the frozen automatic checks, as stored
  domain::rubric::Rubric rubric;
  Date due_on;
  bool phase_open = false;
  std::optional<SheetView> own;
  // Only after the caller's own sheet is submitted: the others' submitted
  // sheets for this application at this level (else empty and hidden).
  bool others_visible = false;
  std::vector<SheetView> others;
};
Result<ScoringView> GetScoringView(const Context& ctx, const Actor& actor, int year, int64_t assignment_id,
                                   Date today);

// What a form sends: scores typed ("8.5") per unit (absent units stay
// unscored), principle decisions P2…P9.
struct SheetInput {
  std::map<std::string, std::string> scores;
  std::map<std::string, PrincipleMark> principles;
};
// The draft replaces the stored one (the form's whole state). Every given
// score must parse, be known and lie within 0…max; every given principle must
// be P2…P9, a fail needs a reason (2–500 characters). All problems are
// returned together: either the saved/submitted sheet or the 400 problems.
struct SheetOutcome {
  std::optional<SheetView> sheet;
  std::vector<Error> problems;
};
Result<SheetOutcome> SaveDraft(const Context& ctx, const Actor& actor, int year, int64_t assignment_id,
                               const SheetInput& in, Date today);
// Submits the stored draft (or `in` when given): complete and decided, or
// the problems. 409 sheet.submitted.
Result<SheetOutcome> SubmitSheet(const Context& ctx, const Actor& actor, int year, int64_t assignment_id,
                                 const std::optional<SheetInput>& in, Date today);

// Pure glue, tested on its own: the problems of a sheet input against a
// rubric. `complete`: a submission (every unit scored, every principle decided).
std::vector<Error> CheckSheetInput(const domain::rubric::Rubric& rubric, const SheetInput& in, bool complete,
                                   domain::rubric::ScoreSheet* parsed);
// The stored JSON forms.
std::string ScoresToJson(const domain::rubric::ScoreSheet& s);
std::string PrinciplesToJson(const std::map<std::string, PrincipleMark>& p);
domain::rubric::ScoreSheet ScoresFromJson(const std::string& json);
std::map<std::string, PrincipleMark> PrinciplesFromJson(const std::string& json);

// ---- The managers' matrix ------------------------------------------------------------

struct MatrixEvaluator {
  int64_t evaluator_id = 0;
  int64_t assignment_id = 0;          // for withdrawing it (DELETE …/assignments/{id})
  std::string name, status;           // to_do | draft | submitted
  std::optional<std::string> total;   // submitted: 2 decimals
};
struct MatrixPrinciple {
  std::string id;  // P1…P9
  std::optional<bool> automatic, evaluator;
  int evaluator_passes = 0;
  bool passed = false;
};
struct MatrixRow {
  int64_t application_id = 0;
  std::string estate_code, estate_name, county_code, county_name, town_code, applicant_name, submitted_at;
  int64_t assigned = 0, submitted = 0;
  std::vector<MatrixEvaluator> evaluators;
  std::string score, stddev;  // 2 decimals, "" without sheets
  bool trimmed = false, disagreement = false, reviewed = false, evaluated = false, eligible = false;
  std::string review_note;
  std::vector<MatrixPrinciple> principles;
  std::optional<int64_t> rank;
  bool proposed = false;
};
struct Matrix {
  int year = 0;
  std::string level, unit_code, unit_name;
  int min_evaluators = 0, disagreement_stddev = 0;
  int64_t managed_estates = 0, quota = 0;
  bool cut_to_county = false;  // a county_admin reading the city level
  std::vector<MatrixRow> rows;
};
// 400 level.invalid / unit.required; 404 campaign.not_found, unit.not_found.
Result<Matrix> GetMatrix(const Context& ctx, const Actor& actor, int year, const std::string& level,
                         std::string unit);

// 409 evaluation.not_flagged; 400 review.note (2–500 characters). Upserts.
Status ReviewDisagreement(const Context& ctx, const Actor& actor, int year, int64_t application_id,
                          const std::string& level, const std::string& note, Date today);

}  // namespace meihao::service::evaluation

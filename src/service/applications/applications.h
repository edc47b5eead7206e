// Applications (申报, rules.md §5–§6, issue #4 part 2): an estate's Red
// Housekeeper applies once per campaign — the applicant body, a
// self-assessment per rubric item of its county's rubric, evidence files —
// and submits within the apply phase. Submitting freezes the application with
// the county's rubric and the automatic principle checks as they stood; a
// submitted application may be withdrawn (back to editing) until a county
// evaluator has submitted a score sheet for it. Every event is kept in the
// application's history with a snapshot.
//
// Every write: policy::CanApply (the estate's applicant only; other roles 403,
// another estate 404), the apply phase (domain::campaigns::RequirePhase), one
// transaction, audited. Reads: policy::CanReadApplication (evaluators only
// when assigned); out of scope is 404 as for an unknown id.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/applications/evidence.h"
#include "domain/rubric/rubric.h"
#include "service/evaluation/automatic_checks.h"
#include "service/context.h"

namespace meihao::service::applications {

// The applicant body; absent fields are unchanged on edit (all required on create).
struct ApplicantFields {
  std::optional<std::string> applicant_type, applicant_name, contact_name, contact_phone;
};

struct ApplicationRecord {
  int64_t id = 0, version = 0;
  int year = 0;
  std::string estate_code, estate_name, county_code, county_name, town_code, town_name;
  std::string applicant_type, applicant_name, contact_name, contact_phone;
  domain::applications::ApplicationStatus status = domain::applications::ApplicationStatus::kDraft;
  std::optional<std::string> submitted_at;
  std::optional<int64_t> submitted_ms;
  std::string created_at, updated_at;
};

struct EvidenceFile {
  int64_t id = 0, application_id = 0, size = 0;
  std::string item_id, original_name, mime, sha256, uploaded_at, uploaded_by;
};

struct ApplicationItem {
  int section = 0;
  domain::rubric::RubricItem item;
  std::string self_assessment;
  std::vector<EvidenceFile> files;
};

// One principle as the applicant sees it before submitting: the automatic
// part's result with a sentence giving the figures behind it.
struct PrincipleCheck {
  std::string id, text_zh;
  bool automatic = false, evaluator = false;
  std::optional<bool> automatic_passed;  // principles with an automatic part
  std::string automatic_zh;              // "" without an automatic part
};

struct HistoryEntry {
  int64_t id = 0;
  std::string event, at, username;
  std::string snapshot;  // JSON; filled by GetApplicationHistory only
};

struct ApplicationDetail {
  ApplicationRecord app;
  domain::rubric::Rubric rubric;  // the county's (live) or the frozen one (submitted)
  bool rubric_frozen = false;
  std::vector<ApplicationItem> items;  // per rubric item, rubric order
  std::optional<evaluation::AutomaticChecks> automatic;  // none: the estate is not ranked (should not happen)
  bool automatic_frozen = false;
  std::vector<PrincipleCheck> principles;
  std::vector<HistoryEntry> history;  // oldest first, without snapshots
};

// 404 estate.not_found (unknown or not the applicant's), 403 for other roles,
// 403 phase.closed, 400 per field, 409 application.exists.
Result<ApplicationDetail> CreateApplication(const Context& ctx, const Actor& actor, int year,
                                            const std::string& estate_code, const ApplicantFields& fields,
                                            Date today);

struct ApplicationFilter {
  std::string county, status;
};
// Every role but the evaluator (403): the applications InScope, by id.
// 404 county.not_found, 400 application.status.value.
Result<std::vector<ApplicationRecord>> ListApplications(const Context& ctx, const Actor& actor, int year,
                                                        const ApplicationFilter& filter);

// 404 application.not_found (also out of scope / unassigned).
Result<ApplicationDetail> GetApplication(const Context& ctx, const Actor& actor, int year, int64_t id, Date today);

struct ApplicationEdit {
  ApplicantFields fields;
  std::map<std::string, std::string> items;  // item id → self-assessment ("" clears)
  std::optional<int64_t> version;            // required: 400 version.required
};
// Draft or withdrawn only (409 application.frozen); a withdrawn one becomes a
// draft. Every field problem in `problems` (the Error returned is the first).
// 409 application.version.stale.
Result<ApplicationDetail> UpdateApplication(const Context& ctx, const Actor& actor, int year, int64_t id,
                                            const ApplicationEdit& edit, Date today, std::vector<Error>* problems);

// Evidence for one rubric item (not 3.1/3.2): domain::applications::CheckEvidence, at most
// domain::applications::kMaxEvidenceFiles per application, stored under
// ctx.data_dir/files/evidence/<random>. Draft or withdrawn, apply phase.
Result<EvidenceFile> AddEvidence(const Context& ctx, const Actor& actor, int year, int64_t id,
                                 const std::string& item_id, const std::string& bytes,
                                 const std::string& uploaded_name, Date today);
// 404 evidence.not_found. The file is removed with its row.
Status DeleteEvidence(const Context& ctx, const Actor& actor, int year, int64_t id, int64_t file_id, Date today);

struct EvidenceDownload {
  std::string mime, name, bytes;
};
// Whoever may read the application (any phase).
Result<EvidenceDownload> GetEvidence(const Context& ctx, const Actor& actor, int year, int64_t id,
                                     int64_t file_id);

// Every non-gate item needs a self-assessment (400, one problem per missing
// item, field items.<id>). Freezes the county's rubric and the automatic
// checks; submitted_at / submitted_ms. `version` when given must match (409).
Result<ApplicationDetail> SubmitApplication(const Context& ctx, const Actor& actor, int year, int64_t id,
                                            std::optional<int64_t> version, Date today,
                                            std::vector<Error>* problems);
// Submitted only (409 application.status), before any county-level score
// sheet is submitted (409 application.under_review).
Result<ApplicationDetail> WithdrawApplication(const Context& ctx, const Actor& actor, int year, int64_t id,
                                              std::optional<int64_t> version, Date today);

// The history with each event's snapshot (JSON), oldest first.
Result<std::vector<HistoryEntry>> GetApplicationHistory(const Context& ctx, const Actor& actor, int year,
                                                        int64_t id);

// The principles with the automatic parts' results and figures (what the
// applicant sees before submitting); `a` none: no automatic result.
std::vector<PrincipleCheck> PrincipleChecks(const evaluation::AutomaticChecks* a);

}  // namespace meihao::service::applications

// An application's evidence files and its form (rules.md §5–§6, issue #4
// part 2): what an applicant may upload (JPEG/PNG/PDF judged by content, size
// and count limits, the kept name), the applicant body's fields, the
// self-assessment per rubric item and the application's status rules. Pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/rubric/rubric.h"

namespace meihao::domain::applications {

// ---- Evidence files ----------------------------------------------------------

inline constexpr size_t kMaxEvidenceBytes = 10u << 20;  // 10 MiB per file
inline constexpr int64_t kMaxEvidenceFiles = 20;        // per application

// "image/jpeg" / "image/png" (forms::SniffImageType) or "application/pdf" (starts with
// "%PDF-") by the leading bytes; nullopt for anything else, whatever its name says.
std::optional<std::string_view> SniffEvidenceType(std::string_view bytes);

// The file's type, or: 400 evidence.empty, 413 evidence.too_large (over
// kMaxEvidenceBytes), 400 evidence.type (not JPEG/PNG/PDF by content). Field "file".
Result<std::string_view> CheckEvidence(std::string_view bytes);

// 400 evidence.count when the application holds kMaxEvidenceFiles already.
Status CheckEvidenceCount(int64_t files_already);

// The uploader's name made safe to keep and offer back (as SafePhotoName):
// the last path component, control characters and quotes removed, trimmed, at
// most 100 characters, ending in the content type's extension (.jpg/.jpeg,
// .png, .pdf; compared case-insensitively, else appended). Empty →
// "evidence.jpg" / "evidence.png" / "evidence.pdf".
std::string SafeEvidenceName(std::string_view uploaded, std::string_view mime);

// ---- The applicant body --------------------------------------------------------

// 小区党组织、业主委员会、物业管理委员会、物业服务企业 (the four Red Housekeepers).
enum class ApplicantType { kPartyOrganisation, kOwnersCommittee, kManagementCommittee, kPropertyCompany };
// party_organisation / owners_committee / management_committee / property_company
std::string_view ApplicantTypeKey(ApplicantType t);
std::string_view ApplicantTypeNameZh(ApplicantType t);
// Exact key only: 400 application.applicant_type.value (field applicant_type),
// .required when empty.
Result<ApplicantType> ParseApplicantType(std::string_view key);

inline constexpr size_t kMaxApplicantNameChars = 100;
inline constexpr size_t kMaxSelfAssessmentChars = 2000;

// A name field (applicant_name, contact_name): trimmed, 1–100 characters.
// Codes application.<field>.required|.encoding|.length, field as given.
Result<std::string> CheckApplicantText(std::string_view text, std::string_view field);

// The contact phone, normalised as domain::selection::CheckPhone does (mobile or
// landline), with code application.contact_phone.required|.format and field
// contact_phone.
Result<std::string> CheckContactPhone(std::string_view text);

// ---- Self-assessment per rubric item --------------------------------------------

// One item's self-assessment: trimmed; empty clears it. Refused (field
// "items.<id>"): an item the rubric does not have (application.item.unknown),
// a gate-linked item — 3.1/3.2 score by the data, so there is nothing to
// assess (application.item.gate), more than 2000 characters or broken UTF-8
// (application.item.length / .encoding).
Result<std::string> CheckSelfAssessment(const rubric::Rubric& r, std::string_view item_id, std::string_view text);

// The non-gate items of the rubric without a (non-empty) self-assessment, in
// rubric order — what submitting refuses, one field error each
// (application.item.missing, field "items.<id>").
std::vector<Error> MissingSelfAssessments(const rubric::Rubric& r, const std::map<std::string, std::string>& texts);

// ---- Status ------------------------------------------------------------------------

enum class ApplicationStatus { kDraft, kSubmitted, kWithdrawn };
std::string_view ApplicationStatusKey(ApplicationStatus s);     // draft / submitted / withdrawn
std::string_view ApplicationStatusNameZh(ApplicationStatus s);  // 草稿 / 已提交 / 已撤回
std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view key);

// Editing the form, its items or its files, and submitting: only a draft or a
// withdrawn application (409 application.frozen for a submitted one).
Status CheckEditable(ApplicationStatus s);
// Withdrawing: only a submitted application (409 application.status), and only
// before any county-level score sheet of it has been submitted (409
// application.under_review).
Status CheckWithdrawable(ApplicationStatus s, bool county_sheet_submitted);

}  // namespace meihao::domain::applications

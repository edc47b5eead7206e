// A county's work report (工作报告) of the summary phase (issue #11 part 1,
// rules.md §9): the county administrator opens a draft, writes its four parts,
// submits it (on time, or late by N days after the campaign's
// deadlines.county_report); the city administrator returns it with comments or
// accepts it. Every state is kept as a version; every change is audited.
// Writes need the summary phase (403 phase.closed otherwise); reading does not.
// Section 1's figures are computed on opening and on demand, frozen at submission.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/reports/report.h"
#include "service/context.h"

namespace meihao::service::reports {

struct CountyReport {
  int year = 0;
  std::string county_code, county_name;
  domain::reports::ReportStatus status = domain::reports::ReportStatus::kDraft;
  int64_t version = 0;
  std::map<std::string, std::string> parts;  // by written part key; a missing key is an empty part
  Date due;                                  // the campaign's deadlines.county_report
  std::optional<std::string> submitted_at;   // the latest submission
  std::optional<int> days_late;              // of the latest submission (0: on time)
  std::optional<std::string> comments;       // the city's, when it last returned the report
  std::string figures;                       // section 1 as JSON ("" before migration 012's reports)
  std::string created_at, updated_at;
};

struct ReportVersion {
  int64_t version = 0;
  domain::reports::ReportStatus status = domain::reports::ReportStatus::kDraft;
  std::map<std::string, std::string> parts;
  std::optional<int> days_late;
  std::optional<std::string> comments;
  std::string figures;  // section 1 as this version had it (JSON; "" when none)
  std::string at, by;
};

// The county's report, created as an empty draft when it has none yet (only
// then is the summary phase needed). 404 for an unknown campaign or county;
// CanWriteCountyReport decides who (403/404).
Result<CountyReport> OpenReport(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                Date today);
// The report as it stands; 404 when the county has none yet (or the caller
// may not see the county), 403 per CanReadCountyReport.
Result<CountyReport> GetReport(const Context& ctx, const Actor& actor, int year, const std::string& county);

// Replaces the parts given (others unchanged): each per CheckDraftPart (400
// naming the first bad part), only while editable (409), only at
// `expected_version` (409 report.version: someone saved in between).
Result<CountyReport> SaveReportParts(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                     const std::map<std::string, std::string>& parts, int64_t expected_version,
                                     Date today);
// Submits the saved parts: 400 report.part.required for the first missing
// part (all of them in `missing` when given), records the days late.
Result<CountyReport> SubmitReport(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                  int64_t expected_version, Date today, std::vector<Error>* missing = nullptr);
// The city administrator: return a submitted report with comments, or accept it.
Result<CountyReport> ReturnReport(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                  const std::string& comments, int64_t expected_version, Date today);
Result<CountyReport> AcceptReport(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                  int64_t expected_version, Date today);

// Recomputes section 1's figures of an editable report (the county, in the
// summary phase; 409 once submitted or accepted — the figures are frozen at
// submission). Not a new version: only the figures change. Audited.
Result<CountyReport> RefreshFigures(const Context& ctx, const Actor& actor, int year, const std::string& county,
                                    Date today);

// Every version, oldest first (readers as GetReport).
Result<std::vector<ReportVersion>> ReportHistory(const Context& ctx, const Actor& actor, int year,
                                                 const std::string& county);

// One row per county the caller may read, in division order: its report's
// status (nullopt: none yet), days late and submission time.
struct ReportListRow {
  std::string county_code, county_name;
  std::optional<domain::reports::ReportStatus> status;
  std::optional<int> days_late;
  std::optional<std::string> submitted_at;
};
Result<std::vector<ReportListRow>> ListReports(const Context& ctx, const Actor& actor, int year);

// The seven counties side by side (issue #11 part 2): status, days late and
// section 1's figures — frozen ones for a submitted or accepted report, live
// ones (computed now) for a draft, a returned report or none. 403 per
// CanCompareCountyReports; 404 for an unknown campaign.
struct ComparisonRow {
  std::string county_code, county_name;
  std::optional<domain::reports::ReportStatus> status;
  std::optional<int> days_late;
  bool frozen = false;
  std::string figures;  // JSON
};
Result<std::vector<ComparisonRow>> CompareCounties(const Context& ctx, const Actor& actor, int year, Date today);
// The same as an .xlsx workbook (one row per county, Chinese headers); audited
// as report.comparison.export.
Result<std::string> ComparisonXlsx(const Context& ctx, const Actor& actor, int year, Date today);

}  // namespace meihao::service::reports

// The city's summary and commendations (总结表彰, issue #11 part 2): its
// summary of experience (经验总结) with a version check, the counties it
// commends in writing (书面表扬) each with a reason and the figures it stands
// on, and the commendation letter (表扬通报) issued through service/documents.
//
// Writes: city_admin (policy::CanWriteCitySummary), in the summary phase (403
// phase.closed otherwise), each in one transaction and audited (objects
// summary:<year>, commendation:<year>:<county>). Reads: city_admin, auditor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "service/context.h"
#include "service/documents/documents.h"

namespace meihao::service::summary {

struct CitySummary {
  int year = 0;
  std::string text;  // "" until first saved
  int64_t version = 0;  // 0 until first saved
  std::optional<std::string> updated_at, updated_by;
};

// 404 campaign.not_found; 403 per CanReadCitySummary.
Result<CitySummary> GetCitySummary(const Context& ctx, const Actor& actor, int year);
// 400 summary.text.*; 409 summary.version when `expected_version` is not the
// stored one (0 for the first save).
Result<CitySummary> SaveCitySummary(const Context& ctx, const Actor& actor, int year, const std::string& text,
                                    int64_t expected_version, Date today);

// What a commendation stands on, from service/selection's overview and the
// city list (nullopt where the campaign has no such figure yet).
struct CountyFigures {
  int64_t managed_estates = 0, quota = 0, applications = 0, evaluated = 0, eligible = 0, listed = 0;
  std::string list_status;  // draft | published | final
  bool list_late = false;
  int64_t city_winners = 0;  // listed on the city list
};

struct CountyCommendation {
  std::string county_code, county_name;
  CountyFigures figures;
  bool commended = false;
  std::string reason;
  std::optional<std::string> commended_at, commended_by;
  std::optional<std::string> document_number;  // of the letter, once issued
};

struct Commendations {
  int year = 0;
  std::vector<CountyCommendation> counties;  // every county, in division order
  std::optional<documents::DocumentInfo> letter;  // once issued
};

Result<Commendations> ListCommendations(const Context& ctx, const Actor& actor, int year, Date today);
// 404 commendation.county.not_found; 400 commendation.reason.*; 409
// commendation.exists (commended already), commendation.issued (the letter
// is out: no more changes).
Result<Commendations> Commend(const Context& ctx, const Actor& actor, int year, const std::string& county,
                              const std::string& reason, Date today);
// 404 commendation.not_found; 409 commendation.issued.
Result<Commendations> WithdrawCommendation(const Context& ctx, const Actor& actor, int year,
                                           const std::string& county, Date today);

// The letter (表扬通报) naming the commended counties and their reasons, dated
// today, with `number` (400/409 as documents::RegisterDocument; 409
// commendation.none without any commended county, document.issued when issued).
Result<documents::DocumentInfo> IssueCommendationLetter(const Context& ctx, const Actor& actor, int year,
                                                        const std::string& number, Date today);

// The demo (meihao demo --story): a summary text and two commended counties
// (蓬江区, 新会区) with the letter issued, on 2023-12-01. Idempotent.
Status SeedDemoSummary(const Context& ctx, int year);

}  // namespace meihao::service::summary

// The typical-case compilation (典型案例汇编) of a year for the city: every
// accepted or published case, by county, as a PDF (io/documents/
// case_compilation) with the photos' 640 px thumbnails. Audited as an export.
#pragma once

#include <string>

#include "common/date.h"
#include "common/result.h"
#include "service/context.h"

namespace meihao::service::cases {

// CanReviewCases (the city; 403 otherwise); 404 campaign.not_found.
// Dated `today`.
Result<std::string> CaseCompilationPdf(const Context& ctx, const Actor& actor, int year, Date today);

}  // namespace meihao::service::cases

// Typical cases (典型案例) of the summary phase (issue #11 part 4): a county
// administrator writes a case (title, category, estates of its county, body,
// up to 9 photos), submits it; the city administrator returns it with
// comments, accepts it and publishes it on the public site. Writes need the
// summary phase (403 phase.closed); an accepted case is final (403
// case.locked). Every write is audited under "case:<id>". Photos are kept
// with a 640 px JPEG thumbnail made once at upload, which the public site shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/cases/cases.h"
#include "service/context.h"

namespace meihao::service::cases {

struct CasePhoto {
  int64_t id = 0;
  std::string mime, name;
  int64_t size_bytes = 0;
  int thumb_width = 0, thumb_height = 0;
  std::string uploaded_at;
};

struct CaseEstate {
  std::string code, name;
};

struct TypicalCase {
  int64_t id = 0;
  int year = 0;
  std::string county_code, county_name;
  std::string title, category, body;
  std::vector<CaseEstate> estates;
  domain::cases::CaseStatus status = domain::cases::CaseStatus::kDraft;
  int64_t version = 0;
  std::optional<std::string> comments, submitted_at, published_at;
  std::string created_by, created_at, updated_at;
  std::vector<CasePhoto> photos;
};

struct CaseInput {
  std::string title, category, body;
  std::vector<std::string> estates;  // codes, each of the case's county
};

// A new draft for `county` (CanWriteCases). 400 for a bad field, 404 an
// estate not of the county.
Result<TypicalCase> CreateCase(const Context& ctx, const Actor& actor, int year, const std::string& county,
                               const CaseInput& in, Date today);
// Replaces the fields of a draft or returned case at `expected_version`
// (409 case.version otherwise).
Result<TypicalCase> UpdateCase(const Context& ctx, const Actor& actor, int year, int64_t id, const CaseInput& in,
                               int64_t expected_version, Date today);
Result<TypicalCase> SubmitCase(const Context& ctx, const Actor& actor, int year, int64_t id, int64_t expected_version,
                               Date today);
Result<TypicalCase> ReturnCase(const Context& ctx, const Actor& actor, int year, int64_t id,
                               const std::string& comments, int64_t expected_version, Date today);
Result<TypicalCase> AcceptCase(const Context& ctx, const Actor& actor, int year, int64_t id, int64_t expected_version,
                               Date today);
Result<TypicalCase> PublishCase(const Context& ctx, const Actor& actor, int year, int64_t id, int64_t expected_version,
                                Date today);
// Adds a photo (JPEG/PNG by content, ≤ 5 MiB, ≤ 9 per case) and its thumbnail.
Result<TypicalCase> AddCasePhoto(const Context& ctx, const Actor& actor, int year, int64_t id,
                                 const std::string& bytes, const std::string& uploaded_name, Date today);

// The cases the caller may read, newest first; `county` filters when not empty.
Result<std::vector<TypicalCase>> ListCases(const Context& ctx, const Actor& actor, int year,
                                           const std::string& county);
Result<TypicalCase> GetCase(const Context& ctx, const Actor& actor, int year, int64_t id);

// The public site: published cases only (404 otherwise), newest first.
std::vector<TypicalCase> PublishedCases(const Context& ctx, int year);
Result<TypicalCase> PublishedCase(const Context& ctx, int year, int64_t id);

struct PhotoFile {
  std::string mime, name, bytes;
};
// The original, for those who may read the case.
Result<PhotoFile> GetCasePhoto(const Context& ctx, const Actor& actor, int64_t photo_id);
// The thumbnail of a published case's photo, for anyone.
Result<PhotoFile> PublishedThumbnail(const Context& ctx, int64_t photo_id);

}  // namespace meihao::service::cases

namespace meihao::service::cases {

// Demo (issue 11 part 8): typical cases in every status for the demo campaign
// (蓬江区 and 新会区), with drawn photos when there is a data directory, written
// through the use cases on 2023-11-10. Idempotent: nothing when the year has cases.
Status SeedDemoCases(const Context& ctx, int year);

}  // namespace meihao::service::cases

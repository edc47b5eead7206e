// The register of the documents the city issues (公文, issue #11 part 3):
// each with its unique number (发文字号, e.g. 江建房函〔2023〕12号; the next
// free one is proposed, any other free one may be given), its issuing
// authority and date, and the PDF bytes as issued, so that a document reads
// the same forever. One document of each kind per campaign: the commendation
// letter (表扬通报, issued by service/summary, which knows the commended
// counties) and the announcement of the city list (公布名单的通知, here).
// Also the plain PDFs of a county's list and the city's list.
//
// Issuing: city_admin (policy::CanIssueDocuments), in the summary phase;
// reading and downloading: city_admin, auditor, county_admin. Audited:
// document.issue (object document:<year>:<number>), document.download.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "service/context.h"
#include "storage/database.h"

namespace meihao::service::documents {

inline constexpr const char* kCommendation = "commendation";
inline constexpr const char* kListAnnouncement = "list_announcement";
// 表扬通报 | 名单公布通知
std::string KindNameZh(const std::string& kind);

struct DocumentInfo {
  int64_t id = 0;
  int year = 0;
  std::string kind, number, title, issuer, issued_on, issued_at, issued_by, pdf_sha256;
  int64_t pdf_size = 0;
};

struct NewDocument {
  int year = 0;
  std::string kind;
  std::string number;  // as typed: parsed and written back in the official form
  std::string title, issuer;
  Date issued_on;
  std::string pdf;
};

// Within the caller's transaction (the caller has authorised and checked the
// phase): 400 document.number.*; 409 document.number.used (any year, any
// kind) and document.issued (that kind issued already for the year). Stores
// and audits; the caller commits.
Result<DocumentInfo> RegisterDocument(storage::Connection& c, const Actor& actor, const NewDocument& d);
// The number written back in the official form, or 400 / 409 as above
// without writing anything.
Result<std::string> CheckNewNumber(storage::Connection& c, const std::string& number);
// The next free number of the city's prefix for `year`.
std::string ProposedNumber(storage::Connection& c, int year);

// What the issue form shows: the proposed number and what is issued already.
struct Register {
  int year = 0;
  std::string proposed_number;
  std::vector<DocumentInfo> documents;  // issued first first
};
// 404 campaign.not_found; 403 per CanReadDocuments.
Result<Register> ListDocuments(const Context& ctx, const Actor& actor, int year);

struct DocumentPdf {
  std::string file_name, bytes;
};
// The stored bytes (404 document.not_found, also for another year's id).
Result<DocumentPdf> DocumentFile(const Context& ctx, const Actor& actor, int year, int64_t id);

// The announcement of the city list (ListAnnouncementDocument): the city list
// must be final (409 document.list.not_final); dated `today`.
Result<DocumentInfo> IssueListAnnouncement(const Context& ctx, const Actor& actor, int year,
                                           const std::string& number, Date today);

// A plain PDF of a level's list as GetSelection shows it to the caller (its
// checks: 403/404), the removed entries left out. level "county" | "city".
Result<DocumentPdf> ListPdf(const Context& ctx, const Actor& actor, int year, const std::string& level,
                            const std::string& unit, Date today);

}  // namespace meihao::service::documents

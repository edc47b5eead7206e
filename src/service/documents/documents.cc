#include "service/documents/documents.h"

#include <boost/json.hpp>

#include "common/clock.h"
#include "common/crypto.h"
#include "domain/campaigns/phases.h"
#include "domain/summary/summary.h"
#include "io/documents/estate_list.h"
#include "io/documents/list_announcement.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/selection/selection.h"

namespace meihao::service::documents {
namespace {

namespace ds = domain::summary;
using policy::Decision;

const char* kCity = "440700";

Error NoCampaign(int year) {
  return Error::NotFound("campaign.not_found", std::to_string(year) + " 年度活动尚未设立",
                         "There is no campaign for " + std::to_string(year));
}

const char* kSelect =
    "SELECT id, campaign_year, kind, number, title, issuer, issued_on, issued_at, issued_by, pdf_sha256, pdf_size "
    "FROM documents ";

DocumentInfo InfoOf(const storage::Row& r) {
  DocumentInfo d;
  d.id = r.Int(0);
  d.year = int(r.Int(1));
  d.kind = r.Text(2);
  d.number = r.Text(3);
  d.title = r.Text(4);
  d.issuer = r.Text(5);
  d.issued_on = r.Text(6);
  d.issued_at = r.Text(7);
  d.issued_by = r.Text(8);
  d.pdf_sha256 = r.Text(9);
  d.pdf_size = r.Int(10);
  return d;
}

std::string DateZh(Date d) { return io::documents::ChineseDate(d.year, d.month, d.day); }

}  // namespace

std::string KindNameZh(const std::string& kind) {
  if (kind == kCommendation) return "表扬通报";
  if (kind == kListAnnouncement) return "名单公布通知";
  return kind;
}

Result<std::string> CheckNewNumber(storage::Connection& c, const std::string& number) {
  auto n = ds::ParseDocumentNumber(number);
  if (!n) return n.error();
  const std::string official = ds::FormatDocumentNumber(*n);
  bool used = false;
  c.Query("SELECT 1 FROM documents WHERE number = ?", {official}, [&](const storage::Row&) { used = true; });
  if (used)
    return Error::Conflict("document.number.used", "发文字号“" + official + "”已经使用，请换一个文号",
                           "The document number " + official + " is already used", "number");
  return official;
}

std::string ProposedNumber(storage::Connection& c, int year) {
  std::vector<std::string> used;
  c.Query("SELECT number FROM documents", {}, [&](const storage::Row& r) { used.push_back(r.Text(0)); });
  return ds::FormatDocumentNumber(ds::NextDocumentNumber(ds::kNumberPrefix, year, used));
}

Result<DocumentInfo> RegisterDocument(storage::Connection& c, const Actor& actor, const NewDocument& d) {
  auto number = CheckNewNumber(c, d.number);
  if (!number) return number.error();
  bool issued = false;
  c.Query("SELECT 1 FROM documents WHERE campaign_year = ? AND kind = ?", {int64_t(d.year), d.kind},
          [&](const storage::Row&) { issued = true; });
  if (issued)
    return Error::Conflict("document.issued",
                           std::to_string(d.year) + " 年度的" + KindNameZh(d.kind) + "已经印发，不能重复发文",
                           "This campaign's " + d.kind + " has been issued already");
  const std::string now = BusinessNowIso();
  const std::string sha = crypto::Sha256Hex(d.pdf);
  c.Exec("INSERT INTO documents(campaign_year, kind, number, title, issuer, issued_on, issued_at, issued_by, pdf, "
         "pdf_size, pdf_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
         {int64_t(d.year), d.kind, *number, d.title, d.issuer, d.issued_on.ToString(), now, actor.username, d.pdf,
          int64_t(d.pdf.size()), sha});
  std::optional<DocumentInfo> out;
  c.Query(std::string(kSelect) + "WHERE number = ?", {*number}, [&](const storage::Row& r) { out = InfoOf(r); });
  if (!out) return Error::Internal("the issued document was not found");
  audit::AppendAudit(c, {actor.user_id, actor.username, "document.issue",
                         "document:" + std::to_string(d.year) + ":" + *number, std::nullopt,
                         boost::json::serialize(boost::json::object{{"kind", d.kind},
                                                                    {"number", *number},
                                                                    {"title", d.title},
                                                                    {"issued_on", d.issued_on.ToString()},
                                                                    {"sha256", sha}}),
                         actor.client, "ok"});
  return *out;
}

Result<Register> ListDocuments(const Context& ctx, const Actor& actor, int year) {
  if (auto d = policy::CanReadDocuments(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, false);
  if (!campaigns::LoadCampaign(*c, year)) return NoCampaign(year);
  Register reg;
  reg.year = year;
  reg.proposed_number = ProposedNumber(*c, year);
  c->Query(std::string(kSelect) + "WHERE campaign_year = ? ORDER BY id", {int64_t(year)},
           [&](const storage::Row& r) { reg.documents.push_back(InfoOf(r)); });
  return reg;
}

Result<DocumentPdf> DocumentFile(const Context& ctx, const Actor& actor, int year, int64_t id) {
  if (auto d = policy::CanReadDocuments(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  std::optional<DocumentPdf> out;
  std::string number;
  c->Query("SELECT number, pdf FROM documents WHERE id = ? AND campaign_year = ?", {id, int64_t(year)},
           [&](const storage::Row& r) {
             number = r.Text(0);
             out = DocumentPdf{r.Text(0) + ".pdf", r.Text(1)};
           });
  if (!out) return Error::NotFound("document.not_found", "没有这份文件", "No such document");
  audit::AppendAudit(*c, {actor.user_id, actor.username, "document.download",
                          "document:" + std::to_string(year) + ":" + number, std::nullopt, std::nullopt,
                          actor.client, "ok"});
  tx.Commit();
  return *out;
}

Result<DocumentInfo> IssueListAnnouncement(const Context& ctx, const Actor& actor, int year,
                                           const std::string& number, Date today) {
  if (auto d = policy::CanIssueDocuments(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  {
    auto c = ctx.db.Acquire();
    auto settings = campaigns::LoadCampaign(*c, year);
    if (!settings) return NoCampaign(year);
    if (auto s = domain::campaigns::RequirePhase(*settings, domain::campaigns::PhaseKey::kSummary, today); !s)
      return s.error();
  }
  auto sel = selection::GetSelection(ctx, actor, year, "city", kCity, today);
  if (!sel) return sel.error();
  if (sel->status != "final")
    return Error::Conflict("document.list.not_final", "市级名单尚未确定，确定后才能印发名单公布通知",
                           "The city list is not final yet");
  io::documents::ListAnnouncement a;
  a.year = year;
  a.date = DateZh(today);
  for (const auto& e : sel->list)
    if (e.status == "listed") a.estates.push_back({e.county_name, e.estate_name, e.applicant_name, e.score});
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto official = CheckNewNumber(*c, number);
  if (!official) return official.error();
  a.number = *official;
  const auto doc = io::documents::ListAnnouncementDocument(a);
  auto pdf = io::documents::RenderOfficialPdf(doc);
  if (!pdf) return pdf.error();
  std::string title = doc.title;
  std::erase(title, '\n');
  auto info = RegisterDocument(*c, actor, {year, kListAnnouncement, *official, title, doc.signatory, today, *pdf});
  if (!info) return info.error();
  tx.Commit();
  return info;
}

Result<DocumentPdf> ListPdf(const Context& ctx, const Actor& actor, int year, const std::string& level,
                            const std::string& unit, Date today) {
  auto sel = selection::GetSelection(ctx, actor, year, level, unit, today);
  if (!sel) return sel.error();
  const bool city = sel->level == policy::Level::kCity;
  io::documents::EstateList l;
  l.title = sel->unit_name + std::to_string(year) + "年度“美好家园”小区" + (city ? "名单" : "推荐名单");
  const std::string status = sel->status == "final"       ? "已确定"
                             : sel->status == "published" ? "公示中"
                                                          : "草稿（尚未公示）";
  l.note = "名单状态：" + status + "。名额" + std::to_string(sel->quota) + "个。制表日期：" + DateZh(today) + "。";
  l.division_header = city ? "县（市、区）" : "镇（街道）";
  for (const auto& e : sel->list)
    if (e.status == "listed")
      l.rows.push_back({city ? e.county_name : e.town_name, e.estate_name, e.applicant_name, e.score});
  auto pdf = io::documents::RenderOfficialPdf(io::documents::EstateListDocument(l));
  if (!pdf) return pdf.error();
  return DocumentPdf{l.title + ".pdf", std::move(*pdf)};
}

}  // namespace meihao::service::documents

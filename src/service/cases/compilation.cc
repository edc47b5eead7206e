#include "service/cases/compilation.h"

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/cases/cases.h"
#include "io/documents/case_compilation.h"
#include "io/documents/official_document.h"
#include "policy/policy.h"
#include "service/audit/audit.h"
#include "service/cases/cases.h"

namespace meihao::service::cases {
namespace {

namespace dc = domain::cases;
namespace fs = std::filesystem;

std::optional<std::string> Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

Result<std::string> CaseCompilationPdf(const Context& ctx, const Actor& actor, int year, Date today) {
  if (policy::CanReviewCases(actor.principal) != policy::Decision::kAllow)
    return Error::Forbidden("forbidden", "只有市级管理员可以下载典型案例汇编",
                            "Only the city administrator downloads the compilation of typical cases");
  {
    auto c = ctx.db.Acquire();
    bool exists = false;
    c->Query("SELECT 1 FROM campaigns WHERE year = ?", {int64_t(year)}, [&](const storage::Row&) { exists = true; });
    if (!exists)
      return Error::NotFound("campaign.not_found", std::to_string(year) + " 年度活动尚未设立",
                             "There is no campaign for " + std::to_string(year));
  }
  auto all = ListCases(ctx, actor, year, "");
  if (!all) return all.error();
  std::vector<TypicalCase> chosen;
  for (auto& t : *all)
    if (t.status == dc::CaseStatus::kAccepted || t.status == dc::CaseStatus::kPublished) chosen.push_back(t);
  // By county code, then in the order they were written.
  std::stable_sort(chosen.begin(), chosen.end(), [](const TypicalCase& a, const TypicalCase& b) {
    return a.county_code != b.county_code ? a.county_code < b.county_code : a.id < b.id;
  });

  io::documents::CaseCompilation doc;
  doc.issuer = "江门市住房和城乡建设局";
  doc.title = std::to_string(year) + "年度“美好家园”小区\n典型案例汇编";
  doc.date = io::documents::ChineseDate(today.year, today.month, today.day);
  {
    auto c = ctx.db.Acquire();
    for (const auto& t : chosen) {
      io::documents::CompiledCase cc;
      cc.title = t.title;
      cc.county = t.county_name;
      if (auto cat = dc::FindCategory(t.category)) cc.category = std::string(cat->name_zh);
      for (const auto& e : t.estates) cc.estates += (cc.estates.empty() ? "" : "、") + (e.name.empty() ? e.code : e.name);
      cc.body = t.body;
      c->Query("SELECT thumb_name, thumb_width, thumb_height FROM typical_case_photos WHERE case_id = ? ORDER BY id",
               {t.id}, [&](const storage::Row& r) {
                 auto bytes = Slurp(fs::path(ctx.data_dir) / "files" / "cases" / r.Text(0));
                 if (bytes && !bytes->empty()) cc.photos.push_back({*bytes, int(r.Int(1)), int(r.Int(2))});
               });
      doc.cases.push_back(std::move(cc));
    }
  }
  auto pdf = io::documents::RenderCaseCompilationPdf(doc);
  if (!pdf) return pdf.error();
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  audit::AppendAudit(*c, {actor.user_id, actor.username, "case.compilation", "cases:" + std::to_string(year),
                          std::nullopt,
                          boost::json::serialize(boost::json::object{{"cases", int64_t(doc.cases.size())}}),
                          actor.client, "ok"});
  tx.Commit();
  return std::move(*pdf);
}

}  // namespace meihao::service::cases

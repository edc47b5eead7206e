#include "service/summary/summary.h"

#include <map>

#include <boost/json.hpp>

#include "common/clock.h"
#include "domain/campaigns/phases.h"
#include "domain/summary/summary.h"
#include "io/documents/official_document.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/selection/selection.h"

namespace meihao::service::summary {
namespace {

namespace ds = domain::summary;
using policy::Decision;

Error NoCampaign(int year) {
  return Error::NotFound("campaign.not_found", std::to_string(year) + " 年度活动尚未设立",
                         "There is no campaign for " + std::to_string(year));
}

// The campaign and the summary phase; the caller has authorised.
Status RequireSummaryPhase(storage::Connection& c, int year, Date today) {
  auto settings = campaigns::LoadCampaign(c, year);
  if (!settings) return NoCampaign(year);
  return domain::campaigns::RequirePhase(*settings, domain::campaigns::PhaseKey::kSummary, today);
}

std::optional<CitySummary> LoadSummary(storage::Connection& c, int year) {
  std::optional<CitySummary> out;
  c.Query("SELECT text, version, updated_at, updated_by FROM city_summaries WHERE campaign_year = ?",
          {int64_t(year)}, [&](const storage::Row& r) {
            out = CitySummary{year, r.Text(0), r.Int(1), r.Text(2), r.Text(3)};
          });
  return out;
}

struct StoredCommendation {
  std::string reason, at, by;
  std::optional<std::string> number;
};

std::map<std::string, StoredCommendation> LoadCommendations(storage::Connection& c, int year) {
  std::map<std::string, StoredCommendation> out;
  c.Query("SELECT m.county_code, m.reason, m.created_at, m.created_by, d.number FROM commendations m "
          "LEFT JOIN documents d ON d.id = m.document_id WHERE m.campaign_year = ?",
          {int64_t(year)}, [&](const storage::Row& r) {
            out[r.Text(0)] = StoredCommendation{r.Text(1), r.Text(2), r.Text(3), r.OptText(4)};
          });
  return out;
}

std::optional<documents::DocumentInfo> Letter(const Context& ctx, const Actor& actor, int year) {
  auto reg = documents::ListDocuments(ctx, actor, year);
  if (!reg) return std::nullopt;
  for (const auto& d : reg->documents)
    if (d.kind == documents::kCommendation) return d;
  return std::nullopt;
}

bool LetterIssued(storage::Connection& c, int year) {
  bool issued = false;
  c.Query("SELECT 1 FROM commendations WHERE campaign_year = ? AND document_id IS NOT NULL LIMIT 1",
          {int64_t(year)}, [&](const storage::Row&) { issued = true; });
  return issued;
}

Error Issued() {
  return Error::Conflict("commendation.issued", "表扬通报已经印发，不能再增减表扬的县（市、区）",
                         "The commendation letter has been issued; the commendations can no longer change");
}

Result<const domain::registry::Division*> CountyOf(const Context& ctx, const std::string& code) {
  const auto* d = ctx.tree.Find(code);
  if (!d || d->level != domain::registry::Division::Level::kCounty)
    return Error::NotFound("commendation.county.not_found", "县（市、区）不存在", "No such county");
  return d;
}

std::string ObjectOf(int year, const std::string& county) {
  return "commendation:" + std::to_string(year) + ":" + county;
}

constexpr const char* kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

}  // namespace

Result<CitySummary> GetCitySummary(const Context& ctx, const Actor& actor, int year) {
  if (auto d = policy::CanReadCitySummary(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, false);
  if (!campaigns::LoadCampaign(*c, year)) return NoCampaign(year);
  return LoadSummary(*c, year).value_or(CitySummary{year, "", 0, std::nullopt, std::nullopt});
}

Result<CitySummary> SaveCitySummary(const Context& ctx, const Actor& actor, int year, const std::string& text,
                                    int64_t expected_version, Date today) {
  if (auto d = policy::CanWriteCitySummary(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  if (auto s = RequireSummaryPhase(*c, year, today); !s) return s.error();
  auto checked = ds::CheckSummaryText(text);
  if (!checked) return checked.error();
  auto before = LoadSummary(*c, year);
  const int64_t stored = before ? before->version : 0;
  if (stored != expected_version)
    return Error::Conflict("summary.version", "经验总结已被他人修改，请刷新后再保存",
                           "The summary changed since it was loaded; reload it", "version");
  const std::string now = BusinessNowIso();
  if (before)
    c->Exec("UPDATE city_summaries SET text = ?, version = version + 1, updated_at = ?, updated_by = ? "
            "WHERE campaign_year = ?",
            {*checked, now, actor.username, int64_t(year)});
  else
    c->Exec("INSERT INTO city_summaries(campaign_year, text, version, updated_at, updated_by) VALUES (?,?,1,?,?)",
            {int64_t(year), *checked, now, actor.username});
  auto state = [](int64_t v, size_t chars) {
    return boost::json::serialize(boost::json::object{{"version", v}, {"bytes", chars}});
  };
  audit::AppendAudit(*c, {actor.user_id, actor.username, "summary.save", "summary:" + std::to_string(year),
                          before ? std::optional<std::string>(state(stored, before->text.size())) : std::nullopt,
                          state(stored + 1, checked->size()), actor.client, "ok"});
  auto out = LoadSummary(*c, year);
  tx.Commit();
  if (!out) return Error::Internal("the saved summary vanished");
  return *out;
}

Result<Commendations> ListCommendations(const Context& ctx, const Actor& actor, int year, Date today) {
  if (auto d = policy::CanReadCitySummary(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  Commendations out;
  out.year = year;
  std::map<std::string, StoredCommendation> stored;
  {
    auto c = ctx.db.Acquire();
    storage::Transaction tx(*c, false);
    if (!campaigns::LoadCampaign(*c, year)) return NoCampaign(year);
    stored = LoadCommendations(*c, year);
  }
  // The figures: what selection gives per county (its overview) and the city list.
  std::map<std::string, CountyFigures> figures;
  if (auto ov = selection::GetSelectionOverview(ctx, actor, year, today)) {
    for (const auto& s : ov->counties)
      figures[s.county_code] = CountyFigures{s.managed_estates, s.quota,  s.applications, s.evaluated,
                                             s.eligible,        s.listed, s.status,       s.late, 0};
  }
  if (auto city = selection::GetSelection(ctx, actor, year, "city", "440700", today)) {
    for (const auto& e : city->list)
      if (e.status == "listed") ++figures[e.county_code].city_winners;
  }
  for (const auto* county : ctx.tree.Counties()) {
    CountyCommendation row;
    row.county_code = county->code;
    row.county_name = county->name;
    if (auto it = figures.find(county->code); it != figures.end()) row.figures = it->second;
    if (auto it = stored.find(county->code); it != stored.end()) {
      row.commended = true;
      row.reason = it->second.reason;
      row.commended_at = it->second.at;
      row.commended_by = it->second.by;
      row.document_number = it->second.number;
    }
    out.counties.push_back(std::move(row));
  }
  out.letter = Letter(ctx, actor, year);
  return out;
}

Result<Commendations> Commend(const Context& ctx, const Actor& actor, int year, const std::string& county,
                              const std::string& reason, Date today) {
  if (auto d = policy::CanWriteCitySummary(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  auto division = CountyOf(ctx, county);
  if (!division) return division.error();
  {
    auto c = ctx.db.Acquire();
    storage::Transaction tx(*c, true);
    if (auto s = RequireSummaryPhase(*c, year, today); !s) return s.error();
    auto text = ds::CheckCommendationReason(reason);
    if (!text) return text.error();
    if (LetterIssued(*c, year)) return Issued();
    auto stored = LoadCommendations(*c, year);
    if (stored.count(county))
      return Error::Conflict("commendation.exists",
                             (*division)->name + "已在书面表扬名单中，不能重复表扬；如需修改理由，请先撤回",
                             (*division)->name + " is commended already; withdraw it first to change the reason",
                             "county");
    const std::string now = BusinessNowIso();
    c->Exec("INSERT INTO commendations(campaign_year, county_code, reason, created_at, created_by) VALUES (?,?,?,?,?)",
            {int64_t(year), county, *text, now, actor.username});
    audit::AppendAudit(*c, {actor.user_id, actor.username, "commendation.add", ObjectOf(year, county), std::nullopt,
                            boost::json::serialize(boost::json::object{{"reason", *text}}), actor.client, "ok"});
    tx.Commit();
  }
  return ListCommendations(ctx, actor, year, today);
}

Result<Commendations> WithdrawCommendation(const Context& ctx, const Actor& actor, int year,
                                           const std::string& county, Date today) {
  if (auto d = policy::CanWriteCitySummary(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  auto division = CountyOf(ctx, county);
  if (!division) return division.error();
  {
    auto c = ctx.db.Acquire();
    storage::Transaction tx(*c, true);
    if (auto s = RequireSummaryPhase(*c, year, today); !s) return s.error();
    auto stored = LoadCommendations(*c, year);
    auto it = stored.find(county);
    if (it == stored.end())
      return Error::NotFound("commendation.not_found", (*division)->name + "不在书面表扬名单中",
                             (*division)->name + " is not commended");
    if (LetterIssued(*c, year)) return Issued();
    c->Exec("DELETE FROM commendations WHERE campaign_year = ? AND county_code = ?", {int64_t(year), county});
    audit::AppendAudit(*c, {actor.user_id, actor.username, "commendation.withdraw", ObjectOf(year, county),
                            boost::json::serialize(boost::json::object{{"reason", it->second.reason}}),
                            std::nullopt, actor.client, "ok"});
    tx.Commit();
  }
  return ListCommendations(ctx, actor, year, today);
}

Result<documents::DocumentInfo> IssueCommendationLetter(const Context& ctx, const Actor& actor, int year,
                                                        const std::string& number, Date today) {
  if (auto d = policy::CanIssueDocuments(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  if (auto s = RequireSummaryPhase(*c, year, today); !s) return s.error();
  auto official = documents::CheckNewNumber(*c, number);
  if (!official) return official.error();
  if (LetterIssued(*c, year))
    return Error::Conflict("document.issued", std::to_string(year) + " 年度的表扬通报已经印发，不能重复发文",
                           "This campaign's commendation letter has been issued already");
  // The commended counties in division order.
  auto stored = LoadCommendations(*c, year);
  std::vector<std::pair<std::string, std::string>> named;  // name, reason
  for (const auto* county : ctx.tree.Counties())
    if (auto it = stored.find(county->code); it != stored.end()) named.emplace_back(county->name, it->second.reason);
  if (named.empty())
    return Error::Conflict("commendation.none", "尚未选定受表扬的县（市、区），请先选定并填写表扬理由",
                           "Choose the counties to commend first");
  const std::string y = std::to_string(year);
  std::string names;
  for (size_t i = 0; i < named.size(); ++i) names += (i ? "、" : "") + named[i].first;
  io::documents::OfficialDocument doc;
  doc.issuer = "江门市住房和城乡建设局";
  doc.number = *official;
  doc.title = "关于对" + y + "年度“美好家园”小区选树工作\n表现突出的县（市、区）给予书面表扬的通报";
  doc.addressees = "各县（市、区）住房和城乡建设局：";
  doc.body.push_back(io::documents::Paragraph{
      y + "年，各县（市、区）按照《江门市“擦亮‘红色管家’品牌 选树‘美好家园’小区”活动方案》的部署，"
          "认真组织动员、重点培育、申报评审和公示，活动取得明显成效。其中，" +
      names + "组织有力、措施扎实、成效突出。为表扬先进，经研究，决定对" + names + "给予书面表扬。"});
  for (size_t i = 0; i < named.size(); ++i) {
    doc.body.push_back(io::documents::Heading{std::string(kNumerals[i % 10]) + "、" + named[i].first});
    doc.body.push_back(io::documents::Paragraph{named[i].second});
  }
  doc.body.push_back(io::documents::Paragraph{
      "希望受到表扬的县（市、区）珍惜荣誉、再接再厉，继续发挥示范带动作用。各地要以先进为榜样，"
      "持续擦亮“红色管家”品牌，推动物业服务提质增效，不断提升群众的获得感、幸福感、安全感。"});
  doc.signatory = "江门市住房和城乡建设局";
  doc.date = io::documents::ChineseDate(today.year, today.month, today.day);
  auto pdf = io::documents::RenderOfficialPdf(doc);
  if (!pdf) return pdf.error();
  std::string title = doc.title;
  std::erase(title, '\n');
  auto info = documents::RegisterDocument(*c, actor,
                                          {year, documents::kCommendation, *official, title, doc.signatory, today, *pdf});
  if (!info) return info.error();
  c->Exec("UPDATE commendations SET document_id = ? WHERE campaign_year = ?", {info->id, int64_t(year)});
  tx.Commit();
  return info;
}

Status SeedDemoSummary(const Context& ctx, int year) {
  ScopedToday day(Date{2023, 12, 1});
  const Actor city{std::nullopt, "city_admin", policy::Principal{0, policy::Role::kCityAdmin, "440700"}, "demo"};
  const Date today{2023, 12, 1};
  auto current = GetCitySummary(ctx, city, year);
  if (!current) return current.error();
  if (current->version == 0) {
    auto saved = SaveCitySummary(
        ctx, city, year,
        "2023年，全市七个县（市、区）按照活动方案，以党建引领为主线，把“红色管家”示范项目建设与小区治理结合起来。"
        "6月各地确认重点培育名单，向街道（镇）、执法部门和供水供电燃气等单位分派培育任务；9月组织申报和县级评审，"
        "各县（市、区）按期公示名单、处理异议；10月至11月完成市级评价和公示，确定“美好家园”小区名单。\n"
        "主要经验：一是党建引领，小区党组织、业主委员会和物业服务企业协同议事；二是数据说话，满意度测评、"
        "12345热线投诉和物业费收缴率作为评价的硬指标；三是公开透明，名单逐级公示，异议逐条答复。\n"
        "下一步，将把“美好家园”小区的做法总结推广，推动更多小区达到标准。",
        0, today);
    if (!saved) return saved.error();
  }
  auto list = ListCommendations(ctx, city, year, today);
  if (!list) return list.error();
  if (list->letter) return OkStatus();
  const std::pair<const char*, const char*> chosen[] = {
      {"440703", "按期确认培育名单并全部完成培育任务，县级名单按时公示，对两条异议逐条调查答复，"
                 "入选市级名单的小区数量居全市前列。"},
      {"440705", "申报组织有序，评审专家按时完成评分，名单公示期间无异议，"
                 "物业服务企业参与“红色管家”示范项目建设积极性高。"},
  };
  for (const auto& [code, reason] : chosen) {
    bool already = false;
    for (const auto& row : list->counties)
      if (row.county_code == code && row.commended) already = true;
    if (already) continue;
    if (auto r = Commend(ctx, city, year, code, reason, today); !r) return r.error();
  }
  auto c = ctx.db.Acquire();
  const std::string number = documents::ProposedNumber(*c, year);
  c.reset();
  if (auto r = IssueCommendationLetter(ctx, city, year, number, today); !r) return r.error();
  return OkStatus();
}

}  // namespace meihao::service::summary

// Loading applications (access, phase), their snapshots and history, and the
// detail an applicant or a reader sees: items of the rubric with the
// self-assessments and files, the automatic checks and the principles.
#include <boost/json.hpp>
#include <filesystem>

#include "common/clock.h"
#include "domain/evaluation/evaluation.h"
#include "domain/campaigns/phases.h"
#include "service/applications/applications.h"
#include "service/applications/applications_internal.h"
#include "service/campaigns/campaigns.h"
#include "service/indicators/rankings.h"
#include "service/rubric/rubric_store.h"

namespace meihao::service::applications {

namespace internal {

using policy::Decision;

Error ApplicationNotFound() {
  return Error::NotFound("application.not_found", "申报材料不存在，或不在您的查看范围内",
                         "No such application, or it lies outside your scope");
}

std::optional<ApplicationRecord> LoadApplication(storage::Connection& c, const domain::registry::DivisionTree& tree, int year,
                                                 int64_t id) {
  std::optional<ApplicationRecord> out;
  c.Query("SELECT a.id, a.version, a.campaign_year, a.estate_code, e.name, a.county_code, e.town_code, "
          "a.applicant_type, a.applicant_name, a.contact_name, a.contact_phone, a.status, a.submitted_at, "
          "a.submitted_ms, a.created_at, a.updated_at FROM applications a JOIN estates e ON e.code = a.estate_code "
          "WHERE a.id = ? AND a.campaign_year = ?",
          {id, int64_t(year)}, [&](const storage::Row& r) {
            ApplicationRecord a;
            a.id = r.Int(0);
            a.version = r.Int(1);
            a.year = int(r.Int(2));
            a.estate_code = r.Text(3);
            a.estate_name = r.Text(4);
            a.county_code = r.Text(5);
            a.town_code = r.Text(6);
            a.applicant_type = r.Text(7);
            a.applicant_name = r.Text(8);
            a.contact_name = r.Text(9);
            a.contact_phone = r.Text(10);
            a.status = domain::applications::ParseApplicationStatus(r.TextView(11)).value_or(domain::applications::ApplicationStatus::kDraft);
            a.submitted_at = r.OptText(12);
            if (!r.IsNull(13)) a.submitted_ms = r.Int(13);
            a.created_at = r.Text(14);
            a.updated_at = r.Text(15);
            if (const auto* d = tree.Find(a.county_code)) a.county_name = d->name;
            if (const auto* d = tree.Find(a.town_code)) a.town_name = d->name;
            out = std::move(a);
          });
  return out;
}

policy::EstateRef RefOf(const ApplicationRecord& a) { return {a.estate_code, a.county_code, a.town_code}; }

Result<ApplicationRecord> LoadForWrite(storage::Connection& c, const Context& ctx, const Actor& actor, int year,
                                       int64_t id, Date today) {
  auto a = LoadApplication(c, ctx.tree, year, id);
  const Decision d = policy::CanApply(actor.principal, a ? RefOf(*a) : policy::EstateRef{}, ctx.tree);
  if (d == Decision::kForbidden) return policy::DecisionError(d);
  if (!a || d != Decision::kAllow) return ApplicationNotFound();
  auto settings = campaigns::GetCampaign(ctx, year);
  if (!settings) return settings.error();
  if (auto s = domain::campaigns::RequirePhase(*settings, domain::campaigns::PhaseKey::kApply, today); !s) return s.error();
  return *a;
}

Result<ApplicationRecord> LoadForRead(storage::Connection& c, const Context& ctx, const Actor& actor, int year,
                                      int64_t id) {
  auto a = LoadApplication(c, ctx.tree, year, id);
  if (!a) {
    if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();
    return ApplicationNotFound();
  }
  bool assigned = false;
  if (actor.principal.role == policy::Role::kEvaluator && actor.user_id)
    assigned = c.QueryInt("SELECT 1 FROM assignments WHERE application_id = ? AND evaluator_id = ? LIMIT 1",
                          {id, *actor.user_id})
                   .has_value();
  const Decision d = policy::CanReadApplication(actor.principal, RefOf(*a), assigned, ctx.tree);
  if (d == Decision::kForbidden) return policy::DecisionError(d);
  if (d != Decision::kAllow) return ApplicationNotFound();
  return *a;
}

std::string SnapshotJson(storage::Connection& c, const ApplicationRecord& a) {
  boost::json::object items;
  c.Query("SELECT item_id, text FROM application_items WHERE application_id = ? ORDER BY item_id", {a.id},
          [&](const storage::Row& r) { items[r.Text(0)] = r.Text(1); });
  boost::json::array files;
  c.Query("SELECT id, item_id, original_name, mime, size, sha256 FROM application_files WHERE application_id = ? "
          "ORDER BY id",
          {a.id}, [&](const storage::Row& r) {
            files.push_back(boost::json::object{{"id", r.Int(0)}, {"item", r.Text(1)}, {"name", r.Text(2)},
                                                {"mime", r.Text(3)}, {"size", r.Int(4)}, {"sha256", r.Text(5)}});
          });
  return boost::json::serialize(boost::json::object{
      {"id", a.id},
      {"campaign", a.year},
      {"estate_code", a.estate_code},
      {"status", domain::applications::ApplicationStatusKey(a.status)},
      {"applicant_type", a.applicant_type},
      {"applicant_name", a.applicant_name},
      {"contact_name", a.contact_name},
      {"contact_phone", a.contact_phone},
      {"submitted_at", a.submitted_at ? boost::json::value(*a.submitted_at) : boost::json::value(nullptr)},
      {"version", a.version},
      {"items", std::move(items)},
      {"files", std::move(files)}});
}

void AppendHistory(storage::Connection& c, const Actor& actor, const ApplicationRecord& a, const std::string& event,
                   const std::string& snapshot) {
  c.Exec("INSERT INTO application_history(application_id, at, user_id, username, event, snapshot) "
         "VALUES (?,?,?,?,?,?)",
         {a.id, BusinessNowIso(), actor.user_id ? storage::Value(*actor.user_id) : storage::Null(), actor.username, event,
          snapshot});
}

bool TouchForEdit(storage::Connection& c, ApplicationRecord& a, const std::string& now) {
  const bool was_withdrawn = a.status == domain::applications::ApplicationStatus::kWithdrawn;
  c.Exec("UPDATE applications SET status = 'draft', updated_at = ? WHERE id = ?", {now, a.id});
  a.status = domain::applications::ApplicationStatus::kDraft;
  a.updated_at = now;
  return was_withdrawn;
}

std::string EvidenceDir(const Context& ctx) {
  return (std::filesystem::path(ctx.data_dir) / "files" / "evidence").string();
}

}  // namespace internal

namespace {

std::string Num(int64_t n) { return std::to_string(n); }

std::string P1Sentence(const evaluation::AutomaticChecks& a) {
  std::string s;
  if (!a.satisfaction_index) {
    s = "本小区没有满意度测评数据";
  } else {
    s = "满意度指数" + a.satisfaction_index->Format(2) + "（有效问卷" + Num(a.satisfaction_sample) + "份）";
    if (a.satisfaction_rank)
      s += "，在本县（市、区）" + Num(a.satisfaction_n) + "个参与排名的小区中排第" + Num(*a.satisfaction_rank) +
           "名（前" + Num(a.satisfaction_k) + "名符合）";
    else
      s += "，样本不足，未参与满意度排名";
  }
  s += "；投诉率" + a.complaint_rate.Format(2) + "件/千户（" + Num(a.complaint_count) + "件）";
  if (a.complaint_rank)
    s += "，在" + Num(a.complaint_n) + "个小区中由低到高排第" + Num(*a.complaint_rank) + "名（前" +
         Num(a.complaint_k) + "名符合）";
  s += a.gates.p1 ? "。满意度或投诉率排名符合要求。" : "。满意度未进入前列，投诉率也未进入最低之列，不符合要求。";
  return s;
}

std::string FeePercent(const Fraction& rate) {
  const __int128 num = static_cast<__int128>(rate.num()) * 100;
  if (num > INT64_MAX) return Fraction(rate.num() / rate.den() * 100).Format(2);
  return Fraction(static_cast<int64_t>(num), rate.den()).Format(2);
}

std::string AutomaticSentence(int index, const evaluation::AutomaticChecks& a) {
  const auto& g = a.gates;
  switch (index) {
    case 0: return P1Sentence(a);
    case 1: return g.p2_party_org ? "小区名录登记已建立小区党组织。" : "小区名录中未登记小区党组织，不符合要求。";
    case 3:
      return g.p4_owners_org ? "小区已成立业主委员会或物业管理委员会。"
                             : "小区未成立业主委员会或物业管理委员会，不符合要求。";
    case 5:
      if (!g.p6_professional) return "小区未实行专业化物业管理，不符合要求。";
      return g.p6_no_penalty ? "小区实行专业化物业管理，物业服务企业近一年内未受行政处罚。"
                             : "小区实行专业化物业管理，但物业服务企业近一年内受到行政处罚，不符合要求。";
    case 7:
      if (!g.fee_rate) return Num(a.fee_year) + "年度没有物业费收缴数据，按收缴率未达到95%处理，不符合要求。";
      return Num(a.fee_year) + "年度物业费收缴率" + FeePercent(*g.fee_rate) + "%" +
             (g.p8_fee ? "，达到95%。" : "，低于95%，不符合要求。");
    default: return "";
  }
}

}  // namespace

std::vector<PrincipleCheck> PrincipleChecks(const evaluation::AutomaticChecks* a) {
  std::vector<PrincipleCheck> out;
  const domain::evaluation::PrincipleFlags flags = a ? domain::evaluation::AutomaticResults(a->gates) : domain::evaluation::PrincipleFlags{};
  int i = 0;
  for (const auto& p : domain::rubric::Principles()) {
    PrincipleCheck c{std::string(p.id), std::string(p.text_zh), p.automatic, p.evaluator, std::nullopt, ""};
    if (p.automatic && a) {
      c.automatic_passed = flags[size_t(i)];
      c.automatic_zh = AutomaticSentence(i, *a);
    }
    out.push_back(std::move(c));
    ++i;
  }
  return out;
}

Result<ApplicationDetail> LoadDetail(const Context& ctx, storage::Connection& c, const ApplicationRecord& a,
                                     const indicators::RankedCampaign* ranked) {
  using namespace internal;
  ApplicationDetail d;
  d.app = a;
  std::optional<std::string> frozen_rubric, frozen_automatic;
  c.Query("SELECT rubric, automatic FROM applications WHERE id = ?", {a.id}, [&](const storage::Row& r) {
    frozen_rubric = r.OptText(0);
    frozen_automatic = r.OptText(1);
  });
  const bool submitted = a.status == domain::applications::ApplicationStatus::kSubmitted;
  auto rubric = submitted && frozen_rubric ? service::rubric::RubricFromJson(*frozen_rubric) : service::rubric::LoadRubric(c, a.year, a.county_code);
  if (!rubric) return rubric.error();
  d.rubric = std::move(*rubric);
  d.rubric_frozen = submitted;
  if (submitted && frozen_automatic) {
    auto checks = evaluation::AutomaticChecksFromJson(*frozen_automatic);
    if (!checks) return checks.error();
    d.automatic = std::move(*checks);
    d.automatic_frozen = true;
  } else if (ranked) {
    d.automatic = evaluation::AutomaticChecksOf(*ranked, a.estate_code);
  }
  d.principles = PrincipleChecks(d.automatic ? &*d.automatic : nullptr);

  std::map<std::string, std::string> texts;
  c.Query("SELECT item_id, text FROM application_items WHERE application_id = ?", {a.id},
          [&](const storage::Row& r) { texts[r.Text(0)] = r.Text(1); });
  std::map<std::string, std::vector<EvidenceFile>> files;
  c.Query("SELECT f.id, f.item_id, f.original_name, f.mime, f.size, f.sha256, f.uploaded_at, COALESCE(u.username, '') "
          "FROM application_files f LEFT JOIN users u ON u.id = f.uploaded_by WHERE f.application_id = ? ORDER BY f.id",
          {a.id}, [&](const storage::Row& r) {
            EvidenceFile f{r.Int(0), a.id, r.Int(4), r.Text(1), r.Text(2), r.Text(3), r.Text(5), r.Text(6), r.Text(7)};
            files[f.item_id].push_back(std::move(f));
          });
  for (const auto& s : d.rubric.sections)
    for (const auto& item : s.items) {
      ApplicationItem it{s.number, item, "", {}};
      if (auto t = texts.find(item.id); t != texts.end()) it.self_assessment = t->second;
      if (auto f = files.find(item.id); f != files.end()) it.files = std::move(f->second);
      d.items.push_back(std::move(it));
    }
  c.Query("SELECT id, event, at, username FROM application_history WHERE application_id = ? ORDER BY id", {a.id},
          [&](const storage::Row& r) { d.history.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), ""}); });
  (void)ctx;
  return d;
}

}  // namespace meihao::service::applications

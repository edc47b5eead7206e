#include "service/assessment/assessment.h"

#include <algorithm>

#include <boost/json.hpp>

#include "common/clock.h"
#include "domain/campaigns/phases.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"

namespace meihao::service::assessment {
namespace {

namespace da = domain::assessment;
using domain::campaigns::PhaseKey;
using policy::Decision;

Error NoRound() {
  return Error::NotFound("assessment.not_found", "评估记录不存在，或不在您的管辖范围内",
                         "No such assessment round, or it is outside your scope");
}

// A rating as stored (the table's CHECK keeps it one of the four).
da::Rating StoredRating(std::string_view key) {
  auto r = da::ParseRating(key);
  return r ? *r : da::Rating::kAverage;
}

std::string ObjectOf(int64_t id) { return "assessment:" + std::to_string(id); }

Result<domain::campaigns::CampaignSettings> CampaignOf(storage::Connection& c, int year) {
  auto s = campaigns::LoadCampaign(c, year);
  if (!s)
    return Error::NotFound("campaign.not_found", std::to_string(year) + " 年度活动尚未设立",
                           "There is no campaign for " + std::to_string(year));
  return *s;
}

// From the cultivate phase's first day to the summary phase's last: the
// cultivation work is assessed while it runs and once it has been judged.
Status RequireAssessmentPhase(const domain::campaigns::CampaignSettings& s, Date today) {
  for (PhaseKey k : {PhaseKey::kCultivate, PhaseKey::kApply, PhaseKey::kCountyReview, PhaseKey::kCityReview,
                     PhaseKey::kSummary})
    if (domain::campaigns::RequirePhase(s, k, today)) return OkStatus();
  return domain::campaigns::RequirePhase(s, PhaseKey::kCultivate, today);
}

std::string CountyName(const Context& ctx, const std::string& code) {
  const auto* d = ctx.tree.Find(code);
  return d ? d->name : code;
}

// Whether a reader (not the round's assessor) sees the county's part.
bool Sees(const Context& ctx, const Actor& actor, const std::string& county) {
  return policy::CanReadAssessment(actor.principal, county, ctx.tree) == Decision::kAllow;
}

struct Header {
  Round round;
  int64_t assessor_id = 0;
};

std::optional<Header> LoadHeader(storage::Connection& c, int year, int64_t id) {
  std::optional<Header> out;
  c.Query("SELECT r.title, r.period_from, r.period_to, r.scope_code, r.assessor_id, u.username, r.status, "
          "r.created_at, r.submitted_at FROM assessment_rounds r JOIN users u ON u.id = r.assessor_id "
          "WHERE r.id = ? AND r.campaign_year = ?",
          {id, int64_t(year)}, [&](const storage::Row& r) {
            Header h;
            h.round.id = id;
            h.round.year = year;
            h.round.title = r.Text(0);
            h.round.period_from = r.Text(1);
            h.round.period_to = r.Text(2);
            h.round.scope_code = r.Text(3);
            h.assessor_id = r.Int(4);
            h.round.assessor = r.Text(5);
            h.round.status = r.Text(6);
            h.round.created_at = r.Text(7);
            h.round.submitted_at = r.OptText(8);
            out = std::move(h);
          });
  return out;
}

bool IsOwnAssessor(const Actor& actor, const Header& h) {
  return actor.principal.role == policy::Role::kAssessor && actor.user_id && *actor.user_id == h.assessor_id;
}

// The round as `actor` may see it: its own assessor everything (drafts too),
// other readers a submitted round cut to their counties; nullopt: not at all.
std::optional<Round> Visible(storage::Connection& c, const Context& ctx, const Actor& actor, Header h) {
  const bool own = IsOwnAssessor(actor, h);
  if (!own && (h.round.status != "submitted" || actor.principal.role == policy::Role::kAssessor)) return std::nullopt;
  Round& out = h.round;
  out.can_edit = own && out.status == "draft";
  c.Query("SELECT f.estate_code, e.name, f.county_code, COALESCE(t.name, ''), f.rating, f.findings, f.saved_at, "
          "f.answer, f.answered_at, f.answered_by, e.town_code FROM assessment_findings f "
          "JOIN estates e ON e.code = f.estate_code LEFT JOIN divisions t ON t.code = e.town_code "
          "WHERE f.round_id = ? ORDER BY f.county_code, f.estate_code",
          {out.id}, [&](const storage::Row& r) {
            Finding f;
            f.estate_code = r.Text(0);
            f.estate_name = r.Text(1);
            f.county_code = r.Text(2);
            f.county_name = CountyName(ctx, f.county_code);
            f.town_name = r.Text(3);
            f.rating = StoredRating(r.TextView(4));
            f.findings = r.Text(5);
            f.saved_at = r.Text(6);
            f.answer = r.OptText(7);
            f.answered_at = r.OptText(8);
            f.answered_by = r.OptText(9);
            const policy::EstateRef ref{f.estate_code, f.county_code, r.Text(10)};
            if (own || (Sees(ctx, actor, f.county_code) && policy::InScope(actor.principal, ref, ctx.tree)))
              out.findings.push_back(std::move(f));
          });
  c.Query("SELECT county_code, conclusion, saved_at FROM assessment_conclusions WHERE round_id = ? ORDER BY county_code",
          {out.id}, [&](const storage::Row& r) {
            Conclusion k{r.Text(0), CountyName(ctx, r.Text(0)), r.Text(1), r.Text(2)};
            if (own || Sees(ctx, actor, k.county_code)) out.conclusions.push_back(std::move(k));
          });
  if (!own && out.findings.empty() && out.conclusions.empty()) return std::nullopt;
  return out;
}

// The assessor's own draft round, in a write transaction, the phase open.
Result<Header> BeginEdit(storage::Connection& c, const Context& ctx, const Actor& actor, int year, int64_t id,
                         Date today) {
  if (auto d = policy::CanFileAssessment(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  auto settings = CampaignOf(c, year);
  if (!settings) return settings.error();
  auto h = LoadHeader(c, year, id);
  if (!h || !IsOwnAssessor(actor, *h)) return NoRound();
  if (auto s = RequireAssessmentPhase(*settings, today); !s) return s.error();
  if (h->round.status != "draft")
    return Error::Conflict("assessment.submitted", "该期评估已提交，不能再修改", "The round is submitted and can no longer change");
  (void)ctx;
  return *h;
}

Result<Round> Reload(storage::Connection& c, const Context& ctx, const Actor& actor, int year, int64_t id) {
  auto h = LoadHeader(c, year, id);
  if (!h) return Error::Internal("an assessment round vanished inside its transaction");
  auto v = Visible(c, ctx, actor, std::move(*h));
  if (!v) return Error::Internal("an assessor cannot see its own round");
  return *v;
}

std::string Json(std::initializer_list<std::pair<std::string_view, boost::json::value>> kv) {
  boost::json::object o;
  for (const auto& [k, v] : kv) o[k] = v;
  return boost::json::serialize(o);
}

}  // namespace

Result<Round> CreateRound(const Context& ctx, const Actor& actor, int year, const std::string& title,
                          const std::string& from, const std::string& to, Date today) {
  if (auto d = policy::CanFileAssessment(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  if (!actor.user_id) return Error::Internal("an assessment round needs a signed-in assessor");
  auto period = da::CheckPeriod(title, from, to, year);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  if (auto s = RequireAssessmentPhase(*settings, today); !s) return s.error();
  if (!period) return period.error();
  c->Exec("INSERT INTO assessment_rounds(campaign_year, title, period_from, period_to, scope_code, assessor_id, status, "
          "created_at) VALUES (?,?,?,?,?,?,'draft',?)",
          {int64_t(year), period->title, period->from.ToString(), period->to.ToString(), actor.principal.scope,
           *actor.user_id, BusinessNowIso()});
  const int64_t id = *c->QueryInt("SELECT last_insert_rowid()");
  audit::AppendAudit(*c, {actor.user_id, actor.username, "assessment.create", ObjectOf(id), std::nullopt,
                          Json({{"title", period->title.c_str()}, {"from", period->from.ToString().c_str()},
                                {"to", period->to.ToString().c_str()}}),
                          actor.client, "ok"});
  auto out = Reload(*c, ctx, actor, year, id);
  tx.Commit();
  return out;
}

Result<std::vector<RoundSummary>> ListRounds(const Context& ctx, const Actor& actor, int year) {
  if (actor.principal.role == policy::Role::kApplicant || actor.principal.role == policy::Role::kEvaluator)
    return policy::DecisionError(Decision::kForbidden);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, false);
  if (auto s = CampaignOf(*c, year); !s) return s.error();
  std::vector<int64_t> ids;
  c->Query("SELECT id FROM assessment_rounds WHERE campaign_year = ? ORDER BY period_from, id", {int64_t(year)},
           [&](const storage::Row& r) { ids.push_back(r.Int(0)); });
  std::vector<RoundSummary> out;
  for (int64_t id : ids) {
    auto h = LoadHeader(*c, year, id);
    if (!h) continue;
    auto v = Visible(*c, ctx, actor, std::move(*h));
    if (!v) continue;
    RoundSummary s{v->id, v->title, v->period_from, v->period_to, v->status, v->assessor,
                   int64_t(v->findings.size()), 0};
    for (const auto& f : v->findings) s.answered += f.answer ? 1 : 0;
    out.push_back(std::move(s));
  }
  return out;
}

Result<Round> GetRound(const Context& ctx, const Actor& actor, int year, int64_t id) {
  if (actor.principal.role == policy::Role::kApplicant || actor.principal.role == policy::Role::kEvaluator)
    return policy::DecisionError(Decision::kForbidden);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, false);
  if (auto s = CampaignOf(*c, year); !s) return s.error();
  auto h = LoadHeader(*c, year, id);
  if (!h) return NoRound();
  auto v = Visible(*c, ctx, actor, std::move(*h));
  if (!v) return NoRound();
  return *v;
}

Result<Round> SaveFinding(const Context& ctx, const Actor& actor, int year, int64_t id,
                          const std::string& estate_code, const std::string& rating, const std::string& findings,
                          Date today) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto h = BeginEdit(*c, ctx, actor, year, id, today);
  if (!h) return h.error();
  std::optional<policy::EstateRef> ref;
  c->Query("SELECT code, county_code, town_code FROM estates WHERE code = ?", {estate_code},
           [&](const storage::Row& r) { ref = policy::EstateRef{r.Text(0), r.Text(1), r.Text(2)}; });
  if (!ref || !policy::InScope(actor.principal, *ref, ctx.tree))
    return Error::NotFound("estate.not_found", "小区不存在，或不在您的评估范围内", "No such estate in your scope");
  auto listed = c->QueryText("SELECT county_code FROM cultivation_entries WHERE campaign_year = ? AND estate_code = ?",
                             {int64_t(year), estate_code});
  if (!listed)
    return Error::Conflict("assessment.estate.not_listed", "该小区不在本年度已确认的培育名单中，无需评估",
                           "The estate is on no confirmed cultivation list of the campaign", "estate_code");
  auto r = da::ParseRating(rating);
  if (!r) return r.error();
  auto text = da::CheckText(findings, da::kMaxFindingsChars, "assessment.findings", "findings");
  if (!text) return text.error();
  auto before = c->QueryText("SELECT rating || ':' || findings FROM assessment_findings WHERE round_id = ? AND estate_code = ?",
                             {id, estate_code});
  c->Exec("INSERT INTO assessment_findings(round_id, estate_code, county_code, rating, findings, saved_at) "
          "VALUES (?,?,?,?,?,?) ON CONFLICT(round_id, estate_code) DO UPDATE SET rating = excluded.rating, "
          "findings = excluded.findings, saved_at = excluded.saved_at",
          {id, estate_code, *listed, std::string(da::RatingKey(*r)), *text, BusinessNowIso()});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "assessment.finding", ObjectOf(id),
                          before ? std::optional<std::string>(Json({{"estate", estate_code.c_str()}, {"was", before->c_str()}}))
                                 : std::nullopt,
                          Json({{"estate", estate_code.c_str()}, {"rating", std::string(da::RatingKey(*r)).c_str()}}),
                          actor.client, "ok"});
  auto out = Reload(*c, ctx, actor, year, id);
  tx.Commit();
  return out;
}

Result<Round> SaveConclusion(const Context& ctx, const Actor& actor, int year, int64_t id,
                             const std::string& county_code, const std::string& conclusion, Date today) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto h = BeginEdit(*c, ctx, actor, year, id, today);
  if (!h) return h.error();
  const auto* county = ctx.tree.Find(county_code);
  if (!county || county->level != domain::registry::Division::Level::kCounty ||
      policy::CanAssessCounty(actor.principal, county_code, ctx.tree) != Decision::kAllow)
    return Error::NotFound("county.not_found", "县（市、区）不存在，或不在您的评估范围内", "No such county in your scope");
  auto text = da::CheckText(conclusion, da::kMaxConclusionChars, "assessment.conclusion", "conclusion");
  if (!text) return text.error();
  c->Exec("INSERT INTO assessment_conclusions(round_id, county_code, conclusion, saved_at) VALUES (?,?,?,?) "
          "ON CONFLICT(round_id, county_code) DO UPDATE SET conclusion = excluded.conclusion, saved_at = excluded.saved_at",
          {id, county_code, *text, BusinessNowIso()});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "assessment.conclusion", ObjectOf(id), std::nullopt,
                          Json({{"county", county_code.c_str()}}), actor.client, "ok"});
  auto out = Reload(*c, ctx, actor, year, id);
  tx.Commit();
  return out;
}

Result<Round> SubmitRound(const Context& ctx, const Actor& actor, int year, int64_t id, Date today) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto h = BeginEdit(*c, ctx, actor, year, id, today);
  if (!h) return h.error();
  if (c->QueryInt("SELECT COUNT(*) FROM assessment_findings WHERE round_id = ?", {id}).value_or(0) == 0)
    return Error::Invalid("assessment.findings.required", "请至少对一个培育小区给出评估等次和意见后再提交",
                          "Rate at least one estate before submitting", "findings");
  c->Exec("UPDATE assessment_rounds SET status = 'submitted', submitted_at = ? WHERE id = ?", {BusinessNowIso(), id});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "assessment.submit", ObjectOf(id), R"({"status":"draft"})",
                          R"({"status":"submitted"})", actor.client, "ok"});
  auto out = Reload(*c, ctx, actor, year, id);
  tx.Commit();
  return out;
}

Result<Finding> AnswerFinding(const Context& ctx, const Actor& actor, int year, int64_t id,
                              const std::string& estate_code, const std::string& answer, Date today) {
  // The role first (only a county administrator answers), then the finding.
  if (policy::CanAnswerAssessment(actor.principal, actor.principal.scope, ctx.tree) == Decision::kForbidden)
    return policy::DecisionError(Decision::kForbidden);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto settings = CampaignOf(*c, year);
  if (!settings) return settings.error();
  auto h = LoadHeader(*c, year, id);
  auto county = c->QueryText("SELECT county_code FROM assessment_findings WHERE round_id = ? AND estate_code = ?",
                             {id, estate_code});
  const Error not_found = Error::NotFound("assessment.finding.not_found", "评估意见不存在，或不在您的管辖范围内",
                                          "No such finding, or it is outside your scope");
  if (!h || !county) return not_found;
  if (auto d = policy::CanAnswerAssessment(actor.principal, *county, ctx.tree); d != Decision::kAllow)
    return d == Decision::kForbidden ? policy::DecisionError(d) : not_found;
  if (h->round.status != "submitted")
    return Error::Conflict("assessment.not_submitted", "该期评估尚未提交，暂不能回复", "The round is not submitted yet");
  if (auto s = RequireAssessmentPhase(*settings, today); !s) return s.error();
  auto text = da::CheckText(answer, da::kMaxAnswerChars, "assessment.answer", "answer");
  if (!text) return text.error();
  auto before = c->QueryText("SELECT answer FROM assessment_findings WHERE round_id = ? AND estate_code = ?",
                             {id, estate_code});
  c->Exec("UPDATE assessment_findings SET answer = ?, answered_at = ?, answered_by = ? WHERE round_id = ? AND estate_code = ?",
          {*text, BusinessNowIso(), actor.username, id, estate_code});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "assessment.answer", ObjectOf(id),
                          before ? std::optional<std::string>(Json({{"estate", estate_code.c_str()}, {"answer", before->c_str()}}))
                                 : std::nullopt,
                          Json({{"estate", estate_code.c_str()}, {"answer", text->c_str()}}), actor.client, "ok"});
  auto round = Visible(*c, ctx, actor, std::move(*h));
  tx.Commit();
  if (round)
    for (auto& f : round->findings)
      if (f.estate_code == estate_code) return f;
  return Error::Internal("an answered finding is not visible to its county");
}

Result<std::vector<EstateRatings>> CountyRatings(const Context& ctx, const Actor& actor, int year,
                                                 const std::string& county_code) {
  const auto* county = ctx.tree.Find(county_code);
  if (!county || county->level != domain::registry::Division::Level::kCounty)
    return Error::NotFound("county.not_found", "县（市、区）不存在", "No such county");
  if (auto d = policy::CanReadAssessment(actor.principal, county_code, ctx.tree); d != Decision::kAllow)
    return policy::DecisionError(d);
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, false);
  if (auto s = CampaignOf(*c, year); !s) return s.error();
  std::vector<EstateRatings> out;
  std::map<std::string, size_t> index;
  c->Query("SELECT f.estate_code, e.county_code, e.town_code, f.rating, r.title FROM assessment_findings f "
           "JOIN assessment_rounds r ON r.id = f.round_id JOIN estates e ON e.code = f.estate_code "
           "WHERE r.campaign_year = ? AND r.status = 'submitted' AND f.county_code = ? "
           "ORDER BY f.estate_code, r.period_from, r.id",
           {int64_t(year), county_code}, [&](const storage::Row& r) {
             const policy::EstateRef ref{r.Text(0), r.Text(1), r.Text(2)};
             if (!policy::InScope(actor.principal, ref, ctx.tree)) return;
             auto [it, fresh] = index.emplace(ref.code, out.size());
             if (fresh) out.push_back({ref.code, {}, {}, da::Trend::kNone});
             auto& e = out[it->second];
             e.ratings.push_back(StoredRating(r.TextView(3)));
             e.rounds.push_back(r.Text(4));
           });
  for (auto& e : out) e.trend = da::TrendOf(e.ratings);
  return out;
}

}  // namespace meihao::service::assessment

namespace meihao::service::assessment {
namespace {

// The demo's findings, one per rating.
constexpr const char* kDemoFindings[] = {
    "培育任务已全部完成，小区党组织和物业服务企业协同到位，居民反映环境明显改善。",
    "大部分培育任务已完成，楼道堆放物清理到位，个别设施维修仍在推进。",
    "培育工作已启动，但任务进度滞后，业主委员会运行尚不规范，需加快推进。",
    "培育任务推进缓慢，投诉问题未见整改，建议街道加强督导。",
};
constexpr const char* kDemoAnswers[] = {
    "已收悉评估意见，将督促街道和物业服务企业按期完成剩余任务。",
    "已组织街道、社区和物业服务企业召开专题会议，逐项整改。",
};

struct DemoRound {
  const char *title, *from, *to;
  Date filed, answered;
};

}  // namespace

Status SeedDemoAssessments(const Context& ctx, const Actor& assessor, const Actor& county_clerk) {
  const int year = 2023;
  {
    auto c = ctx.db.Acquire();
    if (!campaigns::LoadCampaign(*c, year)) return OkStatus();
    if (c->QueryInt("SELECT COUNT(*) FROM assessment_rounds WHERE campaign_year = ?", {int64_t(year)}).value_or(0) > 0)
      return OkStatus();
  }
  std::vector<std::pair<std::string, std::string>> entries;  // estate, county
  {
    auto c = ctx.db.Acquire();
    c->Query("SELECT estate_code, county_code FROM cultivation_entries WHERE campaign_year = ? ORDER BY county_code, estate_code",
             {int64_t(year)}, [&](const storage::Row& r) { entries.emplace_back(r.Text(0), r.Text(1)); });
  }
  if (entries.empty()) return OkStatus();
  const DemoRound rounds[] = {
      {"2023年7月", "2023-06-10", "2023-07-15", Date{2023, 7, 15}, Date{2023, 7, 20}},
      {"2023年第三季度", "2023-07-16", "2023-09-30", Date{2023, 10, 10}, Date{2023, 10, 16}},
  };
  for (size_t k = 0; k < std::size(rounds); ++k) {
    const DemoRound& dr = rounds[k];
    int64_t id = 0;
    {
      ScopedToday day(dr.filed);
      auto r = CreateRound(ctx, assessor, year, dr.title, dr.from, dr.to, dr.filed);
      if (!r) return r.error();
      id = r->id;
      std::map<std::string, std::vector<int>> by_county;
      for (size_t i = 0; i < entries.size(); ++i) {
        // Round 1: 较好, 一般, 差, 较好, …; round 2 one step better for two in
        // three estates, one worse for the rest (never past 好 or 差).
        int g = 1 + int(i % 3);  // 1 较好, 2 一般, 3 差
        if (k == 1) g = (i % 3 == 2) ? g : std::max(0, g - 1);
        if (k == 1 && i % 5 == 4) g = std::min(3, g + 1);
        const auto rating = static_cast<da::Rating>(g);
        auto f = SaveFinding(ctx, assessor, year, id, entries[i].first, std::string(da::RatingKey(rating)),
                             kDemoFindings[g], dr.filed);
        if (!f) return f.error();
        by_county[entries[i].second].push_back(g);
      }
      for (const auto& [county, grades] : by_county) {
        int good = 0;
        for (int g : grades) good += g <= 1 ? 1 : 0;
        const std::string text = CountyName(ctx, county) + "本期评估培育小区" + std::to_string(grades.size()) + "个，其中“好”或“较好”" +
                                 std::to_string(good) + "个。培育工作总体有序推进，建议对进度滞后的小区加强督导，按期完成培育任务。";
        if (auto s = SaveConclusion(ctx, assessor, year, id, county, text, dr.filed); !s) return s.error();
      }
      if (auto s = SubmitRound(ctx, assessor, year, id, dr.filed); !s) return s.error();
    }
    ScopedToday day(dr.answered);
    int answered = 0;
    for (const auto& [estate, county] : entries) {
      if (county != county_clerk.principal.scope || answered >= 3) continue;
      auto a = AnswerFinding(ctx, county_clerk, year, id, estate, kDemoAnswers[(answered + k) % 2], dr.answered);
      if (!a) return a.error();
      ++answered;
    }
  }
  return OkStatus();
}

}  // namespace meihao::service::assessment

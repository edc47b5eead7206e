#include "service/setup/demo_story.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "common/date.h"
#include "domain/rubric/rubric.h"
#include "domain/setup/demo_random.h"
#include "service/accounts/users.h"
#include "service/applications/applications.h"
#include "service/assessment/assessment.h"
#include "service/cultivation/cultivation.h"
#include "service/evaluation/automatic_checks.h"
#include "service/evaluation/evaluation.h"
#include "service/indicators/rankings.h"
#include "service/selection/objections.h"
#include "service/selection/selection.h"
#include "service/cases/cases.h"
#include "service/summary/summary.h"
#include "service/setup/setup.h"
#include "storage/database.h"
#include "service/survey/survey_codes.h"

namespace meihao::service::setup {
namespace {

constexpr int kYear = kDemoCampaignYear;
constexpr uint64_t kStorySeed = 20231220;
// Applications per county: every estate passing the automatic principles
// (there are few: P1 asks the county's top or bottom 5 %) and some that do not,
// so the lists show the ineligible ones too.
constexpr size_t kFailingApplicantsPerCounty = 3;

// The demo's named users act where they exist (蓬江区, 新会区, the city);
// elsewhere a county clerk stands in under the name demo-<county>.
Actor CountyClerk(const Context& ctx, const std::string& county) {
  for (const auto& d : DemoUsers())
    if (std::string(d.role) == "county_admin" && d.scope == county)
      if (auto u = accounts::FindUser(ctx, d.username))
        return Actor{u->id, u->username, policy::Principal{u->id, policy::Role::kCountyAdmin, county}, "demo"};
  return Actor{std::nullopt, "demo-" + county, policy::Principal{0, policy::Role::kCountyAdmin, county}, "demo"};
}

Actor NamedUser(const Context& ctx, const std::string& username, policy::Role role) {
  auto u = accounts::FindUser(ctx, username);
  if (!u) return Actor{std::nullopt, username, policy::Principal{0, role, "440700"}, "demo"};
  return Actor{u->id, u->username, policy::Principal{u->id, role, u->scope_code}, "demo"};
}

Actor Applicant(const std::string& estate) {
  return Actor{std::nullopt, "applicant-" + estate, policy::Principal{0, policy::Role::kApplicant, estate}, "demo"};
}

std::vector<Actor> Evaluators(const Context& ctx) {
  std::vector<Actor> out;
  for (const auto& d : DemoUsers())
    if (std::string(d.role) == "evaluator") out.push_back(NamedUser(ctx, d.username, policy::Role::kEvaluator));
  return out;
}

int64_t Count(const Context& ctx, const std::string& sql) {
  auto c = ctx.db.Acquire();
  return c->QueryInt(sql, {int64_t{kYear}}).value_or(0);
}

std::vector<std::string> Texts(const Context& ctx, const std::string& sql, const storage::Params& params) {
  std::vector<std::string> out;
  ctx.db.Acquire()->Query(sql, params, [&](const storage::Row& r) { out.push_back(r.Text(0)); });
  return out;
}

Status Fail(const Error& e, const std::string& step) {
  Error out = e;
  out.message_en = "demo story, " + step + ": " + e.message_en;
  out.message_zh = "演示流程（" + step + "）：" + e.message_zh;
  return out;
}

// 培育打造, 2023-06-15: every county confirms its list; 蓬江区 and 新会区
// assign tasks to the responsible units and record progress.
Status WalkCultivation(const Context& ctx, StorySummary& out) {
  if (Count(ctx, "SELECT COUNT(*) FROM cultivation_lists WHERE campaign_year = ?") > 0) return OkStatus();
  static const char* kUnits[][3] = {
      {"street_office", "环市街道办事处", "指导成立小区党支部并开展“红色管家”议事"},
      {"enforcement", "区城市管理和综合执法局", "清理小区内违法搭建和占道经营"},
      {"water", "江门市供水有限公司", "更换老旧二次供水设施"},
      {"power", "供电局营业所", "增设电动车集中充电设施"},
      {"gas", "燃气公司服务站", "开展入户燃气安全检查"},
  };
  for (const auto* county : ctx.tree.Counties()) {
    const Actor clerk = CountyClerk(ctx, county->code);
    ScopedToday day(Date{kYear, 6, 10});
    auto list = cultivation::ConfirmCultivationList(ctx, clerk, kYear, county->code, TodayInChina());
    if (!list) return Fail(list.error(), "cultivation list " + county->code);
    ++out.cultivation_lists;
    if (county->code != "440703" && county->code != "440705") continue;
    size_t n = 0;
    for (const auto& e : list->estates) {
      if (n >= 6) break;
      const auto& u = kUnits[n % 5];
      ScopedToday task_day(Date{kYear, 6, 15});
      const std::string due = n % 3 == 2 ? "2023-07-10" : "2023-08-20";
      auto t = cultivation::CreateCultivationTask(ctx, clerk, kYear, e.estate_code, {u[0], u[1], u[2], due},
                                                  TodayInChina());
      if (!t) return Fail(t.error(), "task " + e.estate_code);
      ++out.tasks;
      if (n % 3 == 0) {
        ScopedToday done_day(Date{kYear, 7, 20});
        auto d = cultivation::UpdateCultivationTask(ctx, clerk, kYear, t->id, {std::string("done"), std::nullopt},
                                                    TodayInChina());
        if (!d) return Fail(d.error(), "task done " + e.estate_code);
        auto note = cultivation::AddTaskNote(ctx, clerk, kYear, t->id,
                                             "已完成：" + std::string(u[2]) + "，居民反映良好。", TodayInChina());
        if (!note) return Fail(note.error(), "note " + e.estate_code);
      }
      ++n;
    }
  }
  return OkStatus();
}

// Survey slips for some estates of every county (issued in June).
Status WalkSurveyCodes(const Context& ctx, StorySummary& out) {
  if (Count(ctx, "SELECT COUNT(*) FROM household_codes WHERE campaign_year = ?") > 0) return OkStatus();
  for (const auto* county : ctx.tree.Counties()) {
    const Actor clerk = CountyClerk(ctx, county->code);
    auto codes = Texts(ctx,
        "SELECT code FROM estates WHERE county_code = ? AND management_mode = 'professional' ORDER BY code LIMIT 4",
        {county->code});
    for (const auto& estate : codes) {
      auto issued = survey::IssueHouseholdCodes(ctx, clerk, kYear, estate, 40);
      if (!issued) return Fail(issued.error(), "survey codes " + estate);
      out.codes += issued->codes.size();
    }
  }
  return OkStatus();
}

// Scores in tenths for every unit of the rubric: about `level` tenths of each
// maximum, an evaluator a little above or below the others.
evaluation::SheetInput Sheet(const domain::rubric::Rubric& rubric, int level, int evaluator, domain::setup::DemoRandom& rng) {
  evaluation::SheetInput in;
  for (const auto& s : rubric.sections)
    for (const auto& item : s.items) {
      if (item.gate != domain::rubric::GateLink::kNone) continue;
      auto put = [&](const std::string& unit, int max) {
        int tenths = max * level / 10 + (evaluator % 3 - 1) * 5 + static_cast<int>(rng.Below(3)) * 5 - 5;
        tenths = std::clamp(tenths / 5 * 5, 0, max);
        in.scores[unit] = domain::rubric::FormatTenths(tenths);
      };
      if (item.sub_items.empty()) put(item.id, item.max_tenths);
      for (size_t n = 0; n < item.sub_items.size(); ++n)
        put(item.id + "." + std::to_string(n + 1), item.sub_items[n].max_tenths);
    }
  for (int p = 2; p <= 9; ++p) in.principles["P" + std::to_string(p)] = {true, ""};
  return in;
}

// Every assigned evaluator of `level` scores its applications.
Status ScoreAll(const Context& ctx, const std::vector<Actor>& evaluators, const std::string& level,
                const std::map<int64_t, int>& quality, StorySummary& out) {
  domain::setup::DemoRandom rng(kStorySeed + (level == "city" ? 1 : 0));
  int e = 0;
  for (const auto& ev : evaluators) {
    auto queue = evaluation::GetQueue(ctx, ev, kYear, TodayInChina());
    if (!queue) return Fail(queue.error(), "queue " + ev.username);
    for (const auto& q : *queue) {
      if (q.level != level || q.status == "done") continue;
      auto view = evaluation::GetScoringView(ctx, ev, kYear, q.assignment_id, TodayInChina());
      if (!view) return Fail(view.error(), "scoring view");
      const auto it = quality.find(q.application_id);
      auto s = evaluation::SubmitSheet(ctx, ev, kYear, q.assignment_id,
                                       Sheet(view->rubric, it == quality.end() ? 7 : it->second, e, rng),
                                       TodayInChina());
      if (!s) return Fail(s.error(), "sheet");
      if (!s->problems.empty()) return Fail(s->problems.front(), "sheet " + q.estate_code);
      ++out.sheets;
    }
    ++e;
  }
  return OkStatus();
}

Status AssignAll(const Context& ctx, const Actor& manager, const std::vector<Actor>& evaluators,
                 const std::string& level, const std::vector<int64_t>& applications) {
  evaluation::AssignRequest req{level, applications, {}};
  for (const auto& ev : evaluators)
    if (ev.user_id) req.evaluator_ids.push_back(*ev.user_id);
  for (size_t i = 0; i < applications.size(); i += 40) {  // at most 200 ids per request
    req.application_ids.assign(applications.begin() + i, applications.begin() + std::min(applications.size(), i + 40));
    auto r = evaluation::Assign(ctx, manager, kYear, req, TodayInChina());
    if (!r) return Fail(r.error(), "assign " + level);
    if (!r->refused.empty()) return Fail(Error::Conflict("demo.assign", r->refused.front().reason_zh, r->refused.front().reason_en), "assign");
  }
  return OkStatus();
}

// 申报 (09-05 … 09-12): the applicants; 县级评价 (09-18 … 09-22): the county
// evaluators score; the quality of each estate decides its scores.
Status WalkApplications(const Context& ctx, StorySummary& out, std::map<int64_t, int>& quality) {
  if (Count(ctx, "SELECT COUNT(*) FROM applications WHERE campaign_year = ?") > 0) return OkStatus();
  auto ranked = indicators::RankCampaign(ctx, kYear);
  if (!ranked) return Fail(ranked.error(), "rankings");
  domain::setup::DemoRandom rng(kStorySeed);
  static const char* kTypes[] = {"property_company", "party_organisation", "owners_committee"};
  static const char* kContacts[] = {"陈丽华", "李建国", "黄志强", "梁淑芬", "吴伟明", "张海燕"};
  int day = 5;
  for (const auto* county : ctx.tree.Counties()) {
    std::vector<std::string> passing, failing;
    for (size_t i = 0; i < ranked->estates.size(); ++i) {
      const auto& e = ranked->estates[i];
      if (e.county_code != county->code || e.mode != domain::registry::ManagementMode::kProfessional) continue;
      auto checks = evaluation::AutomaticChecksOf(*ranked, e.code);
      if (!checks) continue;
      if (checks->gates.auto_ok) passing.push_back(e.code);
      else if (checks->gates.p2_party_org && checks->gates.p4_owners_org && failing.size() < kFailingApplicantsPerCounty &&
               rng.Below(4) == 0)
        failing.push_back(e.code);
    }
    std::vector<std::string> applicants = passing;
    applicants.insert(applicants.end(), failing.begin(), failing.end());
    ScopedToday apply_day(Date{kYear, 9, day});
    day = day % 12 + 5;
    for (const auto& code : applicants) {
      const Actor a = Applicant(code);
      const size_t n = out.applications;
      const std::string type = kTypes[n % 3];
      applications::ApplicantFields f{type, std::string(n % 3 == 0 ? "红色物业服务中心" : n % 3 == 1 ? "小区党支部" : "小区业主委员会"),
                                      std::string(kContacts[n % 6]), "1380750" + std::to_string(1000 + n % 9000)};
      auto created = applications::CreateApplication(ctx, a, kYear, code, f, TodayInChina());
      if (!created) return Fail(created.error(), "application " + code);
      applications::ApplicationEdit edit;
      edit.version = created->app.version;
      for (const auto& item : created->items)
        if (item.item.gate == domain::rubric::GateLink::kNone)
          edit.items[item.item.id] = "本小区对照第" + item.item.id + "项的要求，已建立工作台账并落实到人，相关会议记录、"
                                     "公示照片和居民意见附后。";
      std::vector<Error> problems;
      auto edited = applications::UpdateApplication(ctx, a, kYear, created->app.id, edit, TodayInChina(), &problems);
      if (!edited) return Fail(problems.empty() ? edited.error() : problems.front(), "self-assessment " + code);
      auto submitted = applications::SubmitApplication(ctx, a, kYear, created->app.id, edited->app.version,
                                                       TodayInChina(), &problems);
      if (!submitted) return Fail(problems.empty() ? submitted.error() : problems.front(), "submit " + code);
      quality[created->app.id] = 6 + static_cast<int>(rng.Below(5));  // 6 … 10 tenths of each maximum
      ++out.applications;
    }
  }
  return OkStatus();
}

std::vector<int64_t> ApplicationIds(const Context& ctx, const std::string& county) {
  std::vector<int64_t> ids;
  for (const auto& id : Texts(ctx,
           "SELECT CAST(id AS TEXT) FROM applications WHERE campaign_year = ? AND county_code = ? AND status = 'submitted' ORDER BY id",
           {int64_t{kYear}, county}))
    ids.push_back(std::stoll(id));
  return ids;
}

std::map<int64_t, int> StoredQuality(const Context& ctx) {
  // Rerun after a partial walk: every application at the middle quality.
  std::map<int64_t, int> q;
  for (const auto& id : Texts(ctx, "SELECT CAST(id AS TEXT) FROM applications WHERE campaign_year = ?", {int64_t{kYear}}))
    q[std::stoll(id)] = 8;
  return q;
}

// 县级评价: assignments (09-18), sheets (09-21), lists published (09-25 …
// 09-28), two objections against 蓬江区's list (one upheld, one dismissed),
// lists final after their publicity (10-06).
Status WalkCountyReview(const Context& ctx, const std::map<int64_t, int>& quality, StorySummary& out) {
  if (Count(ctx, "SELECT COUNT(*) FROM assignments a JOIN applications p ON p.id = a.application_id "
                 "WHERE p.campaign_year = ?") > 0)
    return OkStatus();
  const auto evaluators = Evaluators(ctx);
  for (const auto* county : ctx.tree.Counties()) {
    const Actor clerk = CountyClerk(ctx, county->code);
    ScopedToday day(Date{kYear, 9, 21});
    if (auto s = AssignAll(ctx, clerk, evaluators, "county", ApplicationIds(ctx, county->code)); !s) return s;
  }
  {
    ScopedToday day(Date{kYear, 9, 22});
    if (auto s = ScoreAll(ctx, evaluators, "county", quality, out); !s) return s;
  }
  int day = 25;
  for (const auto* county : ctx.tree.Counties()) {
    const Actor clerk = CountyClerk(ctx, county->code);
    ScopedToday publish_day(Date{kYear, 9, day});
    day = day == 28 ? 25 : day + 1;
    auto sel = selection::GetSelection(ctx, clerk, kYear, "county", county->code, TodayInChina());
    if (!sel) return Fail(sel.error(), "county list " + county->code);
    const size_t listed = std::count_if(sel->ranking.begin(), sel->ranking.end(), [](const auto& r) { return r.listed; });
    std::string explanation;
    if (listed == 0)
      explanation = "本县（市、区）本年度申报小区均未通过原则要求，暂无推荐小区，将加强培育后在下一年度推荐。";
    else if (listed < static_cast<size_t>(sel->quota))
      explanation = "本县（市、区）符合原则要求并经评价的申报小区不足推荐名额，按实际推荐" + std::to_string(listed) +
                    "个，其余名额不作调剂。";
    auto pub = selection::PublishSelection(ctx, clerk, kYear, "county", county->code, explanation, TodayInChina());
    if (!pub) return Fail(pub.error(), "publish " + county->code);
    ++out.county_lists;
  }
  // Objections against 蓬江区's list, filed by residents during its publicity.
  {
    const Actor clerk = CountyClerk(ctx, "440703");
    auto sel = selection::GetSelection(ctx, clerk, kYear, "county", "440703", Date{kYear, 9, 26});
    if (sel && sel->list.size() >= 2) {
      const std::string first = sel->list[0].estate_code, second = sel->list[1].estate_code;
      std::vector<int64_t> ids;
      {
        ScopedToday d(Date{kYear, 9, 27});
        const selection::ObjectionInput in[] = {
            {first, "小区地下车库长期积水，多次向物业服务企业反映未得到处理，与公示材料中的描述不符。", "刘先生", "13902221234"},
            {second, "该小区去年曾因电梯故障被业主投诉，申报材料中的维保记录不完整，请核实。", "周女士", "13826504321"}};
        for (const auto& o : in) {
          auto f = selection::FileObjection(ctx, "198.51.100.7", kYear, "county", "440703", o, TodayInChina());
          if (!f) return Fail(f.error(), "objection");
          ids.push_back(f->id);
          ++out.objections;
        }
      }
      ScopedToday d(Date{kYear, 9, 29});
      auto up = selection::AnswerObjection(ctx, clerk, kYear, ids[0], "upheld",
                                           "经现场核查，车库积水问题属实且整改未完成，该小区不列入本年度名单。",
                                           TodayInChina());
      if (!up) return Fail(up.error(), "objection upheld");
      auto dis = selection::AnswerObjection(ctx, clerk, kYear, ids[1], "dismissed",
                                            "经核查，电梯维保记录齐全，投诉已于当年办结，异议不成立。", TodayInChina());
      if (!dis) return Fail(dis.error(), "objection dismissed");
    }
  }
  for (const auto* county : ctx.tree.Counties()) {
    ScopedToday d(Date{kYear, 10, 6});
    auto fin = selection::FinaliseSelection(ctx, CountyClerk(ctx, county->code), kYear, "county", county->code,
                                            TodayInChina());
    if (!fin) return Fail(fin.error(), "finalise " + county->code);
  }
  return OkStatus();
}

// 市级评价: the city's evaluators score the county winners (10-12 … 10-20),
// the city list is published on 11-20 and final on 11-28.
Status WalkCityReview(const Context& ctx, const std::map<int64_t, int>& quality, StorySummary& out) {
  if (Count(ctx, "SELECT COUNT(*) FROM assignments a JOIN applications p ON p.id = a.application_id "
                 "WHERE p.campaign_year = ? AND a.level = 'city'") > 0)
    return OkStatus();
  const Actor city = NamedUser(ctx, "city_admin", policy::Role::kCityAdmin);
  const auto evaluators = Evaluators(ctx);
  const std::string unit = ctx.tree.Root().code;
  std::vector<int64_t> winners;
  {
    ScopedToday day(Date{kYear, 10, 12});
    auto sel = selection::GetSelection(ctx, city, kYear, "city", unit, TodayInChina());
    if (!sel) return Fail(sel.error(), "city candidates");
    for (const auto& r : sel->ranking) winners.push_back(r.application_id);
    if (auto s = AssignAll(ctx, city, evaluators, "city", winners); !s) return s;
  }
  {
    ScopedToday day(Date{kYear, 10, 20});
    if (auto s = ScoreAll(ctx, evaluators, "city", quality, out); !s) return s;
  }
  {
    ScopedToday day(Date{kYear, 11, 20});
    auto pub = selection::PublishSelection(ctx, city, kYear, "city", unit, "", TodayInChina());
    if (!pub) return Fail(pub.error(), "publish city list");
    out.city_listed = pub->list.size();
  }
  ScopedToday day(Date{kYear, 11, 28});
  auto fin = selection::FinaliseSelection(ctx, city, kYear, "city", unit, TodayInChina());
  if (!fin) return Fail(fin.error(), "finalise city list");
  return OkStatus();
}

}  // namespace

Result<StorySummary> WalkDemoCampaign(const Context& ctx) {
  StorySummary out;
  if (auto s = WalkCultivation(ctx, out); !s) return s.error();
  {
    ScopedToday day(Date{kYear, 6, 20});
    if (auto s = WalkSurveyCodes(ctx, out); !s) return s.error();
  }
  std::map<int64_t, int> quality;
  if (auto s = WalkApplications(ctx, out, quality); !s) return s.error();
  if (quality.empty()) quality = StoredQuality(ctx);
  if (auto s = WalkCountyReview(ctx, quality, out); !s) return s.error();
  if (auto s = WalkCityReview(ctx, quality, out); !s) return s.error();
  if (auto s = assessment::SeedDemoAssessments(ctx, NamedUser(ctx, "assessor", policy::Role::kAssessor), CountyClerk(ctx, "440703")); !s) return s.error();
  if (auto s = summary::SeedDemoSummary(ctx, kYear); !s) return s.error();
  // Typical cases in every status, on 2023-11-10 (issue 11 part 4).
  if (auto s = cases::SeedDemoCases(ctx, kYear); !s) return s.error();
  return out;
}

}  // namespace meihao::service::setup

// The demo story's two assessment rounds (called by setup's WalkDemoCampaign).
#include "service/assessment/assessment_demo.h"

#include <string>
#include <vector>

#include "service/accounts/users.h"
#include "service/assessment/assessment.h"
#include "storage/database.h"

namespace meihao::service::assessment {
namespace {

struct Seeded {
  const char* rating;
  const char* findings;
};
// Per round, cycled over the estates: the first round finds work just begun,
// the second most of it done (so the trend shows).
const Seeded kRound1[] = {
    {"average", "培育任务已分解到责任单位，但党支部议事记录不全，居民知晓率偏低。"},
    {"fair", "业委会换届已完成，物业服务企业按月公示收支，环境整治初见成效。"},
    {"poor", "培育任务尚未启动，小区内违建和占道经营问题仍较突出。"},
};
const Seeded kRound2[] = {
    {"fair", "议事制度已建立并按月开展，居民参与明显增加，二次供水改造已完工。"},
    {"good", "各项培育任务均已完成，居民满意度回访良好，可作为典型推广。"},
    {"average", "违建已拆除，占道经营仍有反复，建议城管部门建立长效巡查。"},
};

std::vector<std::pair<std::string, std::string>> ListedEstates(const Context& ctx, int year, size_t per_county) {
  std::vector<std::pair<std::string, std::string>> out;
  auto c = ctx.db.Acquire();
  c->Query("SELECT county_code, estate_code FROM (SELECT county_code, estate_code, ROW_NUMBER() OVER "
           "(PARTITION BY county_code ORDER BY estate_code) AS n FROM cultivation_entries WHERE campaign_year = ?) "
           "WHERE n <= ? ORDER BY county_code, estate_code",
           {int64_t(year), int64_t(per_county)},
           [&](const storage::Row& r) { out.emplace_back(r.Text(0), r.Text(1)); });
  return out;
}

}  // namespace

Status SeedDemoAssessments(const Context& ctx, int year) {
  {
    auto c = ctx.db.Acquire();
    if (c->QueryInt("SELECT COUNT(*) FROM assessment_rounds WHERE campaign_year = ?", {int64_t(year)}).value_or(0) > 0)
      return OkStatus();
  }
  auto user = accounts::FindUser(ctx, "assessor");
  if (!user) return OkStatus();  // a database whose demo predates the assessor
  const Actor assessor{user->id, user->username, policy::Principal{user->id, policy::Role::kAssessor, user->scope_code},
                       "demo"};
  const auto estates = ListedEstates(ctx, year, 4);
  struct RoundPlan {
    const char *title, *from, *to;
    Date filed;
    const Seeded* seeded;
  };
  const std::string y = std::to_string(year);
  const RoundPlan plans[] = {
      {"第二季度", "-04-01", "-06-30", Date{year, 7, 5}, kRound1},
      {"第三季度", "-07-01", "-09-30", Date{year, 10, 10}, kRound2},
  };
  std::vector<int64_t> ids;
  for (const auto& plan : plans) {
    ScopedToday day(plan.filed);
    auto round = CreateRound(ctx, assessor, year, y + "年" + plan.title, y + plan.from, y + plan.to, plan.filed);
    if (!round) return round.error();
    std::string county;
    size_t n = 0;
    for (const auto& [c, estate] : estates) {
      const Seeded& s = plan.seeded[n++ % 3];
      if (auto r = SaveFinding(ctx, assessor, year, round->id, estate, s.rating, s.findings, plan.filed); !r)
        return r.error();
      if (c == county) continue;
      county = c;
      if (auto r = SaveConclusion(ctx, assessor, year, round->id, c,
                                  "本期抽查培育小区" + std::to_string(4) + "个，培育任务总体按计划推进，"
                                  "个别小区进度滞后，建议县（市、区）住房城乡建设部门加强督导。",
                                  plan.filed);
          !r)
        return r.error();
    }
    if (auto r = SubmitRound(ctx, assessor, year, round->id, plan.filed); !r) return r.error();
    ids.push_back(round->id);
  }
  // 蓬江区 answers the first round's findings on its estates.
  if (auto clerk = accounts::FindUser(ctx, "county_admin")) {
    const Actor county{clerk->id, clerk->username,
                       policy::Principal{clerk->id, policy::Role::kCountyAdmin, clerk->scope_code}, "demo"};
    ScopedToday day(Date{year, 7, 12});
    for (const auto& [c, estate] : estates)
      if (c == clerk->scope_code)
        if (auto r = AnswerFinding(ctx, county, year, ids.front(), estate,
                                   "已转交属地街道和相关责任单位整改，下季度评估前完成并报送整改情况。", Date{year, 7, 12});
            !r)
          return r.error();
  }
  return OkStatus();
}

}  // namespace meihao::service::assessment

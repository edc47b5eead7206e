// Issue #4's recompute benchmark: 5,000 submitted applications × 5 evaluators ×
// 25 rubric items (23 scored units, 3.1/3.2 gate-linked) in one county, and
// service::evaluation::ComputeLevelResults recomputing every sheet total, every
// evaluation, eligibility and the ranking from the stored rows. Baseline, in
// the same run on the same connection: reading the same sheet rows with a
// plain SELECT and touching their text (the floor any recompute from storage
// pays). Target: the recompute under 200 ms.
//
//   build/bench_level_results [applications=5000] [evaluators=5] [rounds=7]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "common/crypto.h"
#include "domain/setup/demo_random.h"
#include "domain/rubric/rubric.h"
#include "service/evaluation/automatic_checks.h"
#include "service/campaigns/campaigns.h"
#include "service/evaluation/level_results.h"
#include "service/setup/setup.h"
#include "storage/database.h"

using namespace meihao;

namespace {

double Ms(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  const int apps = argc > 1 ? std::atoi(argv[1]) : 5000;
  const int evaluators = argc > 2 ? std::atoi(argv[2]) : 5;
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 7;
  crypto::InitCrypto();
  const std::string path =
      (std::filesystem::temp_directory_path() / ("meihao-bench-levels-" + std::to_string(getpid()) + ".db")).string();
  auto db = storage::OpenSqlite(path);
  service::setup::PrepareDatabase(*db, service::setup::BuiltinDivisions());
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  if (!service::campaigns::CreateCampaign(ctx, service::Actor::System(), 2023).ok()) return 1;

  auto c = db->Acquire();
  domain::setup::DemoRandom rnd(20231);
  const auto units = domain::rubric::ScoreUnits(domain::rubric::ReferenceRubric());
  auto t0 = std::chrono::steady_clock::now();
  {
    storage::Transaction tx(*c, true);
    for (int e = 1; e <= evaluators; ++e)
      c->Exec(
          "INSERT INTO users(id, username, display_name, role, scope_code, password_hash, created_at) "
          "VALUES (?, ?, ?, 'evaluator', '440703', 'x', 'x')",
          {int64_t{1000 + e}, "eval" + std::to_string(e), "专家" + std::to_string(e)});
    for (int i = 0; i < apps; ++i) {
      const std::string code = "B" + std::to_string(100000 + i);
      c->Exec(
          "INSERT INTO estates(code, name, county_code, town_code, households, management_mode, owners_org, "
          "party_org, demonstration, created_at, updated_at) VALUES (?, ?, '440703', '440703001', 300, "
          "'professional', 'owners_committee', 1, 0, 'x', 'x')",
          {code, "小区" + code});
      service::evaluation::AutomaticChecks a;
      a.estate_code = code;
      a.county_code = "440703";
      const bool fee = rnd.Percent(90);
      a.gates = {rnd.Percent(20), true, true, true, true, Fraction(fee ? 96 : 90, 100), fee, fee};
      a.satisfaction_sample = rnd.Between(0, 200);
      if (a.satisfaction_sample) a.satisfaction_index = Fraction(rnd.Between(0, 100 * a.satisfaction_sample), a.satisfaction_sample);
      a.complaint_rate = Fraction(rnd.Between(0, 3000), 300);
      c->Exec(
          "INSERT INTO applications(campaign_year, estate_code, county_code, applicant_type, applicant_name, "
          "contact_name, contact_phone, status, rubric, automatic, submitted_at, submitted_ms, created_at, "
          "updated_at) VALUES (2023, ?, '440703', 'property_company', 'x', 'x', '13812345678', 'submitted', '', ?, "
          "'x', ?, 'x', 'x')",
          {code, service::evaluation::AutomaticChecksToJson(a), int64_t{1'690'000'000'000} + i});
      const int64_t id = *c->QueryInt("SELECT last_insert_rowid()");
      for (int e = 1; e <= evaluators; ++e) {
        std::string scores = "{", principles = "{";
        for (size_t u = 0; u < units.size(); ++u)
          scores += (u ? ",\"" : "\"") + units[u] + "\":" + std::to_string(rnd.Between(40, 100));
        for (int p = 2; p <= 9; ++p)
          principles += std::string(p > 2 ? "," : "") + "\"P" + std::to_string(p) + "\":{\"pass\":" +
                        (rnd.Percent(97) ? "true,\"reason\":\"\"}" : "false,\"reason\":\"未达到要求\"}");
        c->Exec("INSERT INTO assignments(application_id, level, evaluator_id, assigned_at) VALUES (?, 'county', ?, 'x')",
                {id, int64_t{1000 + e}});
        c->Exec(
            "INSERT INTO score_sheets(application_id, level, evaluator_id, status, scores, principles, saved_at, "
            "submitted_at) VALUES (?, 'county', ?, 'submitted', ?, ?, 'x', 'x')",
            {id, int64_t{1000 + e}, scores + "}", principles + "}"});
      }
    }
    tx.Commit();
  }
  auto t1 = std::chrono::steady_clock::now();
  std::printf("data: %d applications x %d evaluators x %zu scored units (+2 gate-linked items) in %.1f s\n", apps,
              evaluators, units.size(), Ms(t0, t1) / 1000);

  std::vector<double> base, ours, ratios;
  size_t ranked = 0;
  for (int r = 0; r < rounds; ++r) {
    storage::Transaction tx(*c, false);
    auto a = std::chrono::steady_clock::now();
    size_t bytes = 0;
    c->Query(
        "SELECT s.application_id, s.scores, s.principles FROM score_sheets s JOIN applications a ON a.id = "
        "s.application_id WHERE s.level = 'county' AND s.status = 'submitted' AND a.campaign_year = 2023 AND "
        "a.county_code = '440703'",
        {}, [&](const storage::Row& row) { bytes += row.TextView(1).size() + row.TextView(2).size(); });
    auto b = std::chrono::steady_clock::now();
    auto res = service::evaluation::ComputeLevelResults(*c, 2023, policy::Level::kCounty, "440703");
    auto d = std::chrono::steady_clock::now();
    if (!res || bytes == 0) {
      std::fprintf(stderr, "recompute failed\n");
      return 1;
    }
    ranked = res->ranking.size();
    base.push_back(Ms(a, b));
    ours.push_back(Ms(b, d));
    ratios.push_back(Ms(b, d) / Ms(a, b));
  }
  std::printf("recompute (ComputeLevelResults): median %.1f ms (target < 200 ms); %zu eligible and ranked\n",
              Median(ours), ranked);
  std::printf("baseline (SELECT the same sheets): median %.1f ms; ratio median %.2f\n", Median(base), Median(ratios));
  c.reset();
  db.reset();
  for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return 0;
}

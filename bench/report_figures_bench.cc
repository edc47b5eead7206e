// Issue #11 part 1's figures benchmark: one county (蓬江区) of 30,000 estates
// with their estate_figures rows, 10 household codes each (300,000, one in ten
// void), a cultivation list of 3,000 estates with 2 tasks each, and 3,000
// submitted applications; service::reports::ComputeCountyFigures computing
// section 1 from them. Target: under 200 ms.
//
//   build/bench_report_figures [estates=30000] [rounds=7]
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "common/crypto.h"
#include "domain/setup/demo_random.h"
#include "service/campaigns/campaigns.h"
#include "service/reports/figures.h"
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
  const int estates = argc > 1 ? std::atoi(argv[1]) : 30000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 7;
  crypto::InitCrypto();
  const std::string path =
      (std::filesystem::temp_directory_path() / ("meihao-bench-report-" + std::to_string(getpid()) + ".db")).string();
  auto db = storage::OpenSqlite(path);
  service::setup::PrepareDatabase(*db, service::setup::BuiltinDivisions());
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  if (!service::campaigns::CreateCampaign(ctx, service::Actor::System(), 2023).ok()) return 1;

  auto c = db->Acquire();
  domain::setup::DemoRandom rnd(20232);
  auto t0 = std::chrono::steady_clock::now();
  {
    storage::Transaction tx(*c, true);
    c->Exec("INSERT INTO cultivation_lists(campaign_year, county_code, confirmed_at, confirmed_by_name) "
            "VALUES (2023, '440703', 'x', 'bench')",
            {});
    int64_t code_id = 0;
    for (int i = 0; i < estates; ++i) {
      const std::string code = "R" + std::to_string(100000 + i);
      const int64_t households = rnd.Between(50, 2000);
      c->Exec(
          "INSERT INTO estates(code, name, county_code, town_code, households, management_mode, owners_org, "
          "party_org, demonstration, created_at, updated_at) VALUES (?, ?, '440703', '440703001', ?, ?, "
          "'owners_committee', 1, 0, 'x', 'x')",
          {code, "小区" + code, households, std::string(rnd.Percent(70) ? "professional" : "self")});
      const int64_t responses = rnd.Between(0, 9);  // of the 9 codes not void
      c->Exec(
          "INSERT INTO estate_figures(campaign_year, estate_code, survey_responses, survey_points, "
          "third_party_sample, third_party_points, complaint_count, fee_rows, fee_due_fen, fee_collected_fen) "
          "VALUES (2023, ?, ?, ?, 0, 0, ?, 1, ?, ?)",
          {code, responses, responses * rnd.Between(0, 100), rnd.Between(0, 20), households * 120000,
           households * rnd.Between(90000, 120000)});
      for (int k = 0; k < 10; ++k)
        c->Exec("INSERT INTO household_codes(id, campaign_year, estate_code, code_key, code_hash, status, issued_at) "
                "VALUES (?, 2023, ?, ?, ?, ?, 'x')",
                {++code_id, code, code_id, "h" + std::to_string(code_id),
                 std::string(k == 0 ? "void" : k < 4 ? "used" : "issued")});
      if (i % 10 == 0) {
        c->Exec(
            "INSERT INTO cultivation_entries(campaign_year, county_code, estate_code, source, households, "
            "satisfaction_sample, complaint_count, complaint_rate, top_satisfaction, bottom_complaints, "
            "demonstration, listed_at) VALUES (2023, '440703', ?, ?, ?, 0, 0, '0', ?, ?, 0, 'x')",
            {code, std::string(i % 50 == 0 ? "added" : "rules"), households, int64_t(i % 20 == 0),
             int64_t(i % 20 != 0)});
        for (int t = 0; t < 2; ++t)
          c->Exec(
              "INSERT INTO cultivation_tasks(campaign_year, estate_code, unit_type, unit_name, title, due_on, status, "
              "created_at, created_by_name, updated_at) VALUES (2023, ?, ?, 'x', 'x', ?, ?, 'x', 'x', 'x')",
              {code, std::string(t ? "water" : "street_office"), std::string(t ? "2023-09-30" : "2023-12-31"),
               std::string(rnd.Percent(50) ? "done" : "todo")});
      }
      if (i % 10 == 5)
        c->Exec(
            "INSERT INTO applications(campaign_year, estate_code, county_code, applicant_type, applicant_name, "
            "contact_name, contact_phone, status, created_at, updated_at) VALUES (2023, ?, '440703', "
            "'property_company', 'x', 'x', '13812345678', 'submitted', 'x', 'x')",
            {code});
    }
    tx.Commit();
  }
  auto t1 = std::chrono::steady_clock::now();
  std::printf("data: %d estates in one county, %d household codes, in %.1f s\n", estates, estates * 10,
              Ms(t0, t1) / 1000);

  std::vector<double> ours, cpu;
  std::string sample;
  for (int r = 0; r < rounds; ++r) {
    storage::Transaction tx(*c, false);
    auto a = std::chrono::steady_clock::now();
    const std::clock_t ca = std::clock();
    auto figures = service::reports::ComputeCountyFigures(*c, 2023, "440703", Date{2023, 10, 18});
    auto b = std::chrono::steady_clock::now();
    ours.push_back(Ms(a, b));
    cpu.push_back(1000.0 * double(std::clock() - ca) / CLOCKS_PER_SEC);
    sample = boost::json::serialize(figures);
  }
  std::printf("section 1 figures (ComputeCountyFigures): median %.1f ms wall, %.1f ms CPU (target < 200 ms)\n%s\n",
              Median(ours), Median(cpu), sample.c_str());
  c.reset();
  db.reset();
  if (std::getenv("BENCH_KEEP_DB")) std::printf("kept %s\n", path.c_str());
  else
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return 0;
}

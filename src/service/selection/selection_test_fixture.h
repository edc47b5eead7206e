// For the selection service tests (service/selection/selection_*_test.cc): 30
// managed estates of 蓬江区, evaluators and administrators in a throw-away
// database (SelectionServiceTest), with applications and their submitted
// sheets written by hand. Only those tests include it.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

#include "common/date.h"
#include "common/fraction.h"
#include "policy/policy.h"
#include "service/campaigns/campaigns.h"
#include "service/context.h"
#include "service/evaluation/automatic_checks.h"
#include "service/testing/test_database.h"
#include "service/testing/test_sheets.h"

namespace meihao::service::selection {

// Reference rubric: a sheet giving every scored unit x points totals 9x + 10 (test_sheets.h).
using testing::Checks;
using testing::Principles;
using testing::UniformScores;

inline Actor As(int64_t id, policy::Role role, const std::string& scope) {
  return Actor{id, "u" + std::to_string(id), policy::Principal{id, role, scope}, "127.0.0.1"};
}

const Date kSep10{2023, 9, 10}, kSep20{2023, 9, 20}, kSep26{2023, 9, 26}, kSep27{2023, 9, 27};

class SelectionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(campaigns::CreateCampaign(t.ctx(), Actor::System(), 2023).ok());
    auto c = t.db().Acquire();
    // 30 managed estates in 蓬江区: quota ⌈4% × 30⌉ = 2.
    for (int i = 1; i <= 30; ++i) {
      const std::string code = "E" + std::to_string(100 + i);
      c->Exec(
          "INSERT INTO estates(code, name, county_code, town_code, households, management_mode, owners_org, "
          "party_org, demonstration, created_at, updated_at) VALUES (?, ?, '440703', '440703001', 100, "
          "'professional', 'owners_committee', 1, 0, '2023-01-01', '2023-01-01')",
          {code, "小区" + code});
    }
    const std::pair<int64_t, const char*> users[] = {{101, "evaluator"}, {102, "evaluator"}, {103, "evaluator"},
                                                     {201, "county_admin"}, {202, "city_admin"}, {203, "auditor"}};
    for (const auto& [id, role] : users)
      c->Exec(
          "INSERT INTO users(id, username, display_name, role, scope_code, password_hash, created_at) "
          "VALUES (?, ?, ?, ?, ?, 'x', '2023-01-01')",
          {id, "u" + std::to_string(id), "用户" + std::to_string(id), std::string(role),
           std::string(id == 201 ? "440703" : "440700")});
  }

  int64_t Apply(const std::string& estate, Fraction satisfaction, int64_t submitted_ms) {
    auto c = t.db().Acquire();
    c->Exec(
        "INSERT INTO applications(campaign_year, estate_code, county_code, applicant_type, applicant_name, "
        "contact_name, contact_phone, status, rubric, automatic, submitted_at, submitted_ms, created_at, "
        "updated_at) VALUES (2023, ?, '440703', 'property_company', ?, '张三', '13812345678', "
        "'submitted', '', ?, '2023-09-10T00:00:00Z', ?, '2023-09-01', '2023-09-01')",
        {estate, "物业" + estate, evaluation::AutomaticChecksToJson(Checks(estate, satisfaction)), submitted_ms});
    return *c->QueryInt("SELECT id FROM applications WHERE estate_code = ?", {estate});
  }

  // Sheets of evaluators 101… with the given points.
  void Sheets(int64_t application, std::initializer_list<int> points, const std::string& failed = "") {
    auto c = t.db().Acquire();
    int64_t evaluator = 101;
    for (int p : points) {
      c->Exec("INSERT INTO assignments(application_id, level, evaluator_id, assigned_at) VALUES (?, 'county', ?, 'x')",
              {application, evaluator});
      c->Exec(
          "INSERT INTO score_sheets(application_id, level, evaluator_id, status, scores, principles, saved_at) "
          "VALUES (?, 'county', ?, 'submitted', ?, ?, 'x')",
          {application, evaluator, UniformScores(p), Principles(failed)});
      ++evaluator;
    }
  }

  // A 100, B 91, C 82, all evaluated and eligible; D with two sheets only.
  void FourApplications() {
    a = Apply("E101", Fraction(90), 1000);
    Sheets(a, {10, 10, 10});
    b = Apply("E102", Fraction(90), 2000);
    Sheets(b, {9, 9, 9});
    cc = Apply("E103", Fraction(90), 3000);
    Sheets(cc, {8, 8, 8});
    d = Apply("E104", Fraction(90), 4000);
    Sheets(d, {10, 10});
  }

  TestDatabase t{"selection"};
  const Actor county = As(201, policy::Role::kCountyAdmin, "440703");
  const Actor city = As(202, policy::Role::kCityAdmin, "440700");
  const Actor auditor = As(203, policy::Role::kAuditor, "440700");
  int64_t a = 0, b = 0, cc = 0, d = 0;
};

}  // namespace meihao::service::selection

// For the evaluation service tests (service/evaluation/evaluation_*_test.cc):
// a campaign's estates, applications and evaluators in a throw-away database
// (EvaluationServiceTest), and sheets as evaluators type them. Only those tests
// include it.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "domain/rubric/rubric.h"
#include "service/campaigns/campaigns.h"
#include "service/evaluation/automatic_checks.h"
#include "service/evaluation/evaluation.h"
#include "service/testing/test_database.h"

namespace meihao::service::evaluation {

inline Date D(const char* iso) { return *Date::Parse(iso); }

// Every evaluator principle passed.
inline std::map<std::string, PrincipleMark> AllPass() {
  std::map<std::string, PrincipleMark> out;
  for (int i = 2; i <= 9; ++i) out["P" + std::to_string(i)] = {true, ""};
  return out;
}

// Every score unit of the reference rubric at `points`.
inline std::map<std::string, std::string> Uniform(const std::string& points) {
  std::map<std::string, std::string> out;
  for (const auto& unit : domain::rubric::ScoreUnits(domain::rubric::ReferenceRubric())) out[unit] = points;
  return out;
}

class EvaluationServiceTest : public ::testing::Test {
 protected:
  // Estates E1 (town 440703001, company C1), E2 (440703002, company C2), E3
  // (440703001, no company) in 蓬江区, and X1 in 新会区; applications of E1, E2
  // and X1 submitted, E3's a draft. Evaluators 101–105 (city scope), 106
  // scoped to 新会区, 107 disabled; user 108 is street staff.
  void SetUp() override {
    ASSERT_TRUE(campaigns::CreateCampaign(t.ctx(), Actor::System(), 2023).ok());
    auto c = t.db().Acquire();
    c->Exec("INSERT INTO companies(id, uscc, name, created_at, updated_at) VALUES "
            "(1, ?, '甲物业', 'x', 'x'), (2, ?, '乙物业', 'x', 'x')",
            {std::string(kC1), std::string(kC2)});
    auto estate = [&](const std::string& code, const std::string& county, const std::string& town,
                      std::optional<int64_t> company) {
      c->Exec("INSERT INTO estates(code, name, county_code, town_code, households, management_mode, company_id, "
              "owners_org, party_org, demonstration, created_at, updated_at) VALUES (?, ?, ?, ?, 100, "
              "'professional', ?, 'owners_committee', 1, 0, 'x', 'x')",
              {code, "小区" + code, county, town, company ? storage::Value(*company) : storage::Null()});
    };
    estate("E1", "440703", "440703001", 1);
    estate("E2", "440703", "440703002", 2);
    estate("E3", "440703", "440703001", std::nullopt);
    estate("X1", "440705", "440705001", 1);
    app_e1 = Apply("E1", "440703", "submitted");
    app_e2 = Apply("E2", "440703", "submitted");
    app_e3 = Apply("E3", "440703", "draft");
    app_x1 = Apply("X1", "440705", "submitted");
    auto user = [&](int64_t id, const std::string& role, const std::string& scope, int disabled) {
      c->Exec("INSERT INTO users(id, username, display_name, role, scope_code, password_hash, disabled, created_at) "
              "VALUES (?, ?, ?, ?, ?, 'x', ?, 'x')",
              {id, "u" + std::to_string(id), "专家" + std::to_string(id), role, scope, int64_t{disabled}});
    };
    for (int64_t id = 101; id <= 105; ++id) user(id, "evaluator", "440700", 0);
    user(106, "evaluator", "440705", 0);
    user(107, "evaluator", "440700", 1);
    user(108, "street_staff", "440703001", 0);
  }

  int64_t Apply(const std::string& estate, const std::string& county, const std::string& status) {
    AutomaticChecks a;
    a.estate_code = estate;
    a.county_code = county;
    a.gates = {true, true, true, true, true, Fraction(97, 100), true, true};
    a.satisfaction_index = Fraction(90);
    auto c = t.db().Acquire();
    c->Exec("INSERT INTO applications(campaign_year, estate_code, county_code, applicant_type, applicant_name, "
            "contact_name, contact_phone, status, rubric, automatic, submitted_at, submitted_ms, created_at, "
            "updated_at) VALUES (2023, ?, ?, 'property_company', '红色物业', '张三', '13812345678', ?, '', ?, "
            "'2023-09-10T00:00:00Z', 1, 'x', 'x')",
            {estate, county, status, AutomaticChecksToJson(a)});
    return *c->QueryInt("SELECT id FROM applications WHERE estate_code = ?", {estate});
  }

  static Actor Evaluator(int64_t id) {
    return Actor{id, "u" + std::to_string(id), {id, policy::Role::kEvaluator, "440700"}, "test"};
  }
  static Actor Admin(policy::Role role, const std::string& scope) {
    return Actor{std::nullopt, "admin", {0, role, scope}, "test"};
  }
  Actor county = Admin(policy::Role::kCountyAdmin, "440703");
  Actor city = Admin(policy::Role::kCityAdmin, "440700");

  int64_t Count(const std::string& sql) { return *t.db().Acquire()->QueryInt(sql); }
  int64_t AssignmentOf(int64_t app, int64_t evaluator) {
    return *t.db().Acquire()->QueryInt(
        "SELECT id FROM assignments WHERE application_id = ? AND evaluator_id = ? AND level = 'county'",
        {app, evaluator});
  }

  static constexpr const char* kC1 = "91440703MA4UTE5T1Q";
  static constexpr const char* kC2 = "91440703MA4UTE5T2U";
  const Date review = D("2023-09-10");
  TestDatabase t{"evaluation"};
  int64_t app_e1 = 0, app_e2 = 0, app_e3 = 0, app_x1 = 0;
};

}  // namespace meihao::service::evaluation

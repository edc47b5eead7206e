#include "service/rubric/rubrics.h"

#include <gtest/gtest.h>

#include "service/campaigns/campaigns.h"
#include "service/rubric/rubric_store.h"
#include "service/testing/test_database.h"

namespace meihao::service::rubric {
namespace {

using policy::Role;

Date D(const char* iso) { return *Date::Parse(iso); }

class RubricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(campaigns::CreateCampaign(t.ctx(), Actor::System(), 2023).ok());
    auto c = t.db().Acquire();
    c->Exec("INSERT INTO estates(code, name, county_code, town_code, households, management_mode, owners_org, "
            "party_org, demonstration, created_at, updated_at) VALUES ('E1', '幸福小区', '440703', '440703001', 100, "
            "'professional', 'owners_committee', 1, 0, '2023-01-01', '2023-01-01')");
    int64_t id = 10;
    for (auto [name, role, scope] : {std::tuple{"city", "city_admin", "440700"}, {"pj", "county_admin", "440703"},
                                     {"xh", "county_admin", "440705"}, {"street", "street_staff", "440703001"},
                                     {"eval", "evaluator", "440700"}, {"audit", "auditor", "440700"},
                                     {"app", "applicant", "E1"}}) {
      c->Exec("INSERT INTO users(id, username, display_name, role, scope_code, password_hash, created_at) "
              "VALUES (?, ?, ?, ?, ?, 'x', '2023-01-01')",
              {id, std::string(name), std::string(name), std::string(role), std::string(scope)});
      actors[name] = Actor{id, name, {id, *policy::RoleFromKey(role), scope}, "test"};
      ++id;
    }
  }
  const Actor& A(const std::string& name) { return actors.at(name); }
  int64_t Audits(const std::string& action) {
    return *t.db().Acquire()->QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
  }

  TestDatabase t{"rubrics"};
  std::map<std::string, Actor> actors;
  const Date before_apply = D("2023-08-15");
};

TEST_F(RubricsTest, ReferenceUntilRefined) {
  auto r = GetUnitRubric(t.ctx(), A("pj"), 2023, "440703", before_apply);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r->version, 0);
  EXPECT_EQ(r->level, policy::Level::kCounty);
  EXPECT_EQ(r->unit_name, "蓬江区");
  EXPECT_TRUE(r->refinement.empty());
  EXPECT_FALSE(r->frozen);
  EXPECT_EQ(r->frozen_by, domain::campaigns::PhaseKey::kApply);
  EXPECT_EQ(r->frozen_from, D("2023-09-01"));
  ASSERT_EQ(r->maxima.size(), 4u);
  // 6, 4, 8 and 7 items of 10 points.
  EXPECT_EQ(r->maxima[0].max_tenths, 600);
  EXPECT_EQ(r->maxima[1].max_tenths, 400);
  EXPECT_EQ(r->maxima[2].max_tenths, 800);
  EXPECT_EQ(r->maxima[3].max_tenths, 700);
  auto city = GetUnitRubric(t.ctx(), A("app"), 2023, "440700", D("2023-10-01"));
  ASSERT_TRUE(city.ok());
  EXPECT_EQ(city->level, policy::Level::kCity);
  EXPECT_TRUE(city->frozen);
  EXPECT_EQ(city->frozen_by, domain::campaigns::PhaseKey::kCityReview);
}

TEST_F(RubricsTest, WhoReadsWhichUnit) {
  struct Case {
    std::string actor, unit, code;  // "" = allowed
  };
  const Case cases[] = {
      {"city", "440703", ""},  {"city", "440705", ""},       {"pj", "440703", ""},
      {"pj", "440705", "not_found"},                           {"xh", "440703", "not_found"},
      {"street", "440703", ""}, {"street", "440705", "not_found"}, {"eval", "440705", ""},
      {"audit", "440703", ""}, {"app", "440703", ""},        {"app", "440705", "not_found"},
      {"app", "440700", ""},   {"xh", "440700", ""},
      {"city", "440703001", "rubric.unit.not_found"},          {"city", "999999", "rubric.unit.not_found"},
      {"city", "", "rubric.unit.required"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.actor + " " + c.unit);
    auto r = GetUnitRubric(t.ctx(), A(c.actor), 2023, c.unit, before_apply);
    EXPECT_EQ(r.ok() ? "" : r.error().code, c.code);
  }
  auto none = GetUnitRubric(t.ctx(), A("city"), 2031, "440703", before_apply);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "campaign.not_found");
}

TEST_F(RubricsTest, RefineStoresValidatesAndLocks) {
  const std::string json = R"({"items":[{"id":"1.1","sub_items":[{"name":"党组织","max":"4"},{"name":"协调机制","max":"2.5"}]},{"id":"3.4","max":"12"}]})";
  std::vector<Error> problems;
  auto r = PutUnitRubric(t.ctx(), A("pj"), 2023, "440703", json, 0, false, before_apply, &problems);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r->version, 1);
  EXPECT_EQ(r->updated_by, "pj");
  EXPECT_EQ(r->maxima[0].max_tenths, 565);  // 5 × 10 + 6.5
  EXPECT_EQ(r->maxima[2].max_tenths, 820);
  EXPECT_EQ(LoadRefinementJson(*t.db().Acquire(), 2023, "440703"), domain::rubric::RefinementToJson(r->refinement));
  EXPECT_EQ(Audits("rubric.refine"), 1);

  // A stale version, then every rule broken at once.
  auto stale = PutUnitRubric(t.ctx(), A("pj"), 2023, "440703", json, 0, false, before_apply, &problems);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "rubric.version.stale");
  const std::string bad = R"({"items":[{"id":"3.1","sub_items":[{"name":"a","max":"1"}]},{"id":"2.1","max":"0"},{"id":"9.9","max":"5"}]})";
  auto invalid = PutUnitRubric(t.ctx(), A("pj"), 2023, "440703", bad, 1, false, before_apply, &problems);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().kind, ErrorKind::kInvalid);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(invalid.error().code, problems.front().code);
  EXPECT_EQ(Audits("rubric.refine"), 1);

  // Back to the reference: the row stays with "" and the version moves on.
  auto reset = PutUnitRubric(t.ctx(), A("city"), 2023, "440703", R"({"items":[]})", 1, false, before_apply, nullptr);
  ASSERT_TRUE(reset.ok()) << reset.error().message_en;
  EXPECT_EQ(reset->version, 2);
  EXPECT_TRUE(reset->refinement.empty());
  EXPECT_EQ(reset->maxima[0].max_tenths, 600);
  EXPECT_EQ(LoadRefinementJson(*t.db().Acquire(), 2023, "440703"), "");

  // Frozen from the apply phase's first day; the city administrator may reopen.
  auto locked = PutUnitRubric(t.ctx(), A("pj"), 2023, "440703", json, 2, false, D("2023-09-01"), nullptr);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, "settings.locked");
  EXPECT_EQ(locked.error().field, "rubric");
  EXPECT_NE(locked.error().message_zh.find("申报"), std::string::npos);
  auto county_reopen = PutUnitRubric(t.ctx(), A("pj"), 2023, "440703", json, 2, true, D("2023-09-01"), nullptr);
  ASSERT_FALSE(county_reopen.ok());
  EXPECT_EQ(county_reopen.error().code, "forbidden");
  auto reopened = PutUnitRubric(t.ctx(), A("city"), 2023, "440703", json, 2, true, D("2023-09-01"), nullptr);
  ASSERT_TRUE(reopened.ok());
  EXPECT_TRUE(reopened->frozen);
  EXPECT_EQ(Audits("rubric.refine.reopen"), 1);
}

TEST_F(RubricsTest, WhoRefinesWhichUnit) {
  struct Case {
    std::string actor, unit, code;
  };
  const std::string json = R"({"items":[{"id":"4.7","max":"5"}]})";
  const Case cases[] = {
      {"street", "440703", "forbidden"}, {"audit", "440703", "forbidden"}, {"eval", "440703", "forbidden"},
      {"app", "440703", "forbidden"},    {"xh", "440703", "not_found"},     {"pj", "440700", "forbidden"},
      {"pj", "440703001", "rubric.unit.not_found"},                           {"xh", "440705", ""},
      {"city", "440700", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.actor + " " + c.unit);
    auto r = PutUnitRubric(t.ctx(), A(c.actor), 2023, c.unit, json, 0, false, before_apply, nullptr);
    EXPECT_EQ(r.ok() ? "" : r.error().code, c.code);
  }
  // The city's rubric freezes when city review opens (not when apply does).
  auto open = PutUnitRubric(t.ctx(), A("city"), 2023, "440700", R"({"items":[]})", 1, false, D("2023-09-30"), nullptr);
  EXPECT_TRUE(open.ok());
  auto locked = PutUnitRubric(t.ctx(), A("city"), 2023, "440700", json, 2, false, D("2023-10-01"), nullptr);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, "settings.locked");
  EXPECT_NE(locked.error().message_zh.find("市级评价"), std::string::npos);
  EXPECT_NE(locked.error().message_zh.find("2023-10-01"), std::string::npos);
}

}  // namespace
}  // namespace meihao::service::rubric

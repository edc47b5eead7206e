#include "domain/campaigns/phases.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "domain/campaigns/campaign.h"

namespace meihao::domain::campaigns {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

CampaignSettings Defaults2023() {
  auto s = DefaultSettings(2023);
  EXPECT_TRUE(s.ok());
  return s.ok() ? s.value() : CampaignSettings{};
}

TEST(PhasesTest, KeysAndNames) {
  struct C { PhaseKey k; std::string key, zh, en; };
  const std::vector<C> cases = {
      {PhaseKey::kMobilise, "mobilise", "动员部署", "mobilise"},
      {PhaseKey::kCultivate, "cultivate", "培育打造", "cultivate"},
      {PhaseKey::kApply, "apply", "申报", "apply"},
      {PhaseKey::kCountyReview, "county_review", "县级评价", "county review"},
      {PhaseKey::kCityReview, "city_review", "市级评价", "city review"},
      {PhaseKey::kSummary, "summary", "总结推广", "summary"},
  };
  for (const C& c : cases) {
    EXPECT_EQ(PhaseKeyString(c.k), c.key);
    EXPECT_EQ(PhaseNameZh(c.k), c.zh);
    EXPECT_EQ(PhaseNameEn(c.k), c.en);
    EXPECT_EQ(ParsePhaseKey(c.key), c.k);
  }
  EXPECT_EQ(ParsePhaseKey("Apply"), std::nullopt);
  EXPECT_EQ(ParsePhaseKey("county review"), std::nullopt);
  EXPECT_EQ(ParsePhaseKey(""), std::nullopt);
}

TEST(PhasesTest, RequirePhaseAtTheEdges) {
  struct C { PhaseKey k; Date today; bool ok; };
  const std::vector<C> cases = {
      {PhaseKey::kApply, D(2023, 8, 31), false},  // day before
      {PhaseKey::kApply, D(2023, 9, 1), true},    // first day
      {PhaseKey::kApply, D(2023, 9, 20), true},   // last day
      {PhaseKey::kApply, D(2023, 9, 21), false},  // day after
      {PhaseKey::kMobilise, D(2023, 4, 30), false},
      {PhaseKey::kMobilise, D(2023, 5, 1), true},
      {PhaseKey::kMobilise, D(2023, 5, 31), true},
      {PhaseKey::kMobilise, D(2023, 6, 1), false},
      {PhaseKey::kCountyReview, D(2023, 9, 30), true},
      {PhaseKey::kCountyReview, D(2023, 10, 1), false},
      {PhaseKey::kCityReview, D(2023, 9, 30), false},
      {PhaseKey::kCityReview, D(2023, 10, 1), true},
      {PhaseKey::kSummary, D(2023, 12, 31), true},
      {PhaseKey::kSummary, D(2024, 1, 1), false},
      {PhaseKey::kSummary, D(2022, 12, 31), false},  // another year's dates
  };
  const CampaignSettings s = Defaults2023();
  for (const C& c : cases) {
    Status st = RequirePhase(s, c.k, c.today);
    EXPECT_EQ(st.ok(), c.ok) << PhaseKeyString(c.k) << " " << c.today.ToString();
    if (!st.ok()) {
      EXPECT_EQ(st.error().kind, ErrorKind::kForbidden);
      EXPECT_EQ(st.error().code, "phase.closed");
      EXPECT_EQ(st.error().field, PhaseKeyString(c.k));
    }
  }
}

TEST(PhasesTest, RequirePhaseMessage) {
  Status st = RequirePhase(Defaults2023(), PhaseKey::kApply, D(2023, 9, 21));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message_zh,
            "该操作仅在“申报”阶段（2023-09-01至2023-09-20）进行，当前不在该阶段");
  EXPECT_EQ(st.error().message_en, "This is allowed only in the apply phase (2023-09-01 to 2023-09-20)");

  st = RequirePhase(Defaults2023(), PhaseKey::kCountyReview, D(2023, 8, 1));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message_en,
            "This is allowed only in the county review phase (2023-09-01 to 2023-09-30)");
}

TEST(PhasesTest, RequirePhaseReopened) {
  CampaignSettings s = Defaults2023();
  s.phase(PhaseKey::kApply).reopened_until = D(2023, 9, 25);
  struct C { Date today; bool ok; };
  const std::vector<C> cases = {
      {D(2023, 8, 31), false},  // reopening extends the end, not the start
      {D(2023, 9, 20), true},
      {D(2023, 9, 21), true},
      {D(2023, 9, 25), true},  // reopened_until is inclusive
      {D(2023, 9, 26), false},
  };
  for (const C& c : cases)
    EXPECT_EQ(RequirePhase(s, PhaseKey::kApply, c.today).ok(), c.ok) << c.today.ToString();
  Status st = RequirePhase(s, PhaseKey::kApply, D(2023, 9, 26));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message_zh,
            "该操作仅在“申报”阶段（2023-09-01至2023-09-20，重新开放至2023-09-25）进行，当前不在该阶段");
  EXPECT_EQ(st.error().message_en,
            "This is allowed only in the apply phase (2023-09-01 to 2023-09-20, reopened until "
            "2023-09-25)");
}

TEST(PhasesTest, OpenPhases) {
  using K = PhaseKey;
  struct C { Date today; std::vector<PhaseKey> open; };
  const std::vector<C> cases = {
      {D(2023, 4, 30), {}},
      {D(2023, 5, 1), {K::kMobilise, K::kCultivate}},
      {D(2023, 6, 1), {K::kCultivate}},
      {D(2023, 9, 1), {K::kApply, K::kCountyReview}},
      {D(2023, 9, 21), {K::kCountyReview}},
      {D(2023, 10, 1), {K::kCityReview, K::kSummary}},
      {D(2023, 12, 1), {K::kSummary}},
      {D(2024, 1, 1), {}},
  };
  const CampaignSettings s = Defaults2023();
  for (const C& c : cases) EXPECT_EQ(OpenPhases(s, c.today), c.open) << c.today.ToString();
}

TEST(PhasesTest, IsLate) {
  struct C { Date deadline, done; bool late; };
  const std::vector<C> cases = {
      {D(2023, 10, 15), D(2023, 10, 14), false},
      {D(2023, 10, 15), D(2023, 10, 15), false},  // on the day is on time
      {D(2023, 10, 15), D(2023, 10, 16), true},
      {D(2023, 12, 31), D(2024, 1, 1), true},
  };
  for (const C& c : cases) EXPECT_EQ(IsLate(c.deadline, c.done), c.late) << c.done.ToString();
}

// ---- Settings locks -------------------------------------------------------

TEST(SettingLocksTest, BeforeAndAfterThePhaseOpens) {
  using S = CampaignSettings&;
  struct C {
    const char* what;
    std::function<void(S)> change;
    Date today;
    bool ok;
    std::string field;  // the refused setting
  };
  const std::vector<C> cases = {
      {"min_evaluators before apply", [](S s) { s.min_evaluators = 5; }, D(2023, 8, 31), true, ""},
      {"min_evaluators on apply's first day", [](S s) { s.min_evaluators = 5; }, D(2023, 9, 1), false,
       "min_evaluators"},
      {"reference date before cultivate", [](S s) { s.reference_date = D(2023, 8, 1); },
       D(2023, 4, 30), true, ""},
      {"reference date in cultivate", [](S s) { s.reference_date = D(2023, 8, 1); }, D(2023, 5, 1),
       false, "reference_date"},
      {"complaint scope in cultivate", [](S s) { s.complaint_scope = ComplaintScope::kCity; },
       D(2023, 6, 1), false, "complaint_scope"},
      {"survey window in cultivate", [](S s) { s.survey_to = D(2023, 8, 15); }, D(2023, 5, 2), false,
       "survey_window.to"},
      {"quota before county review", [](S s) { s.quota_percent = 6; }, D(2023, 8, 31), true, ""},
      {"quota in county review", [](S s) { s.quota_percent = 6; }, D(2023, 9, 1), false,
       "quota_percent"},
      {"min score in county review", [](S s) { s.min_score = 80; }, D(2023, 9, 10), false,
       "min_score"},
      {"city target in county review", [](S s) { s.city_target = 20; }, D(2023, 9, 30), true, ""},
      {"city target in city review", [](S s) { s.city_target = 20; }, D(2023, 10, 1), false,
       "city_target"},
      {"report deadline in summary", [](S s) { s.deadlines.county_report = D(2023, 10, 20); },
       D(2023, 10, 1), false, "deadlines.county_report"},
      {"apply start before apply", [](S s) { s.phase(PhaseKey::kApply).from = D(2023, 9, 5); },
       D(2023, 8, 31), true, ""},
      {"apply start once open", [](S s) { s.phase(PhaseKey::kApply).from = D(2023, 9, 5); },
       D(2023, 9, 1), false, "phases.apply.from"},
      {"apply shortened once open", [](S s) { s.phase(PhaseKey::kApply).to = D(2023, 9, 15); },
       D(2023, 9, 10), false, "phases.apply.to"},
      {"apply extended while open", [](S s) { s.phase(PhaseKey::kApply).to = D(2023, 9, 25); },
       D(2023, 9, 20), true, ""},
      {"apply extended after its end", [](S s) { s.phase(PhaseKey::kApply).to = D(2023, 9, 25); },
       D(2023, 9, 21), false, "phases.apply.to"},
      {"apply reopened without the city admin",
       [](S s) { s.phase(PhaseKey::kApply).reopened_until = D(2023, 9, 25); }, D(2023, 9, 22),
       false, "phases.apply.reopened_until"},
      {"a later phase's window while an earlier runs",
       [](S s) { s.phase(PhaseKey::kSummary).to = D(2023, 12, 20); }, D(2023, 9, 10), true, ""},
      {"first locked field in audit order",
       [](S s) {
         s.publicity_days = 10;
         s.top_percent = 10;
       },
       D(2023, 9, 1), false, "top_percent"},
  };
  for (const C& c : cases) {
    const CampaignSettings before = Defaults2023();
    CampaignSettings after = before;
    c.change(after);
    Status st = CheckSettingChange(before, after, c.today, false);
    ASSERT_EQ(st.ok(), c.ok) << c.what;
    if (!st.ok()) {
      EXPECT_EQ(st.error().kind, ErrorKind::kForbidden) << c.what;
      EXPECT_EQ(st.error().code, "settings.locked") << c.what;
      EXPECT_EQ(st.error().field, c.field) << c.what;
    }
    // The city administrator's reopening overrides every lock.
    EXPECT_TRUE(CheckSettingChange(before, after, c.today, true).ok()) << c.what;
  }
}

TEST(SettingLocksTest, MessageNamesSettingAndPhase) {
  const CampaignSettings before = Defaults2023();
  CampaignSettings after = before;
  after.min_evaluators = 5;
  Status st = CheckSettingChange(before, after, D(2023, 9, 2), false);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message_zh,
            "“申报”阶段已于2023-09-01开始，设置“最少评审专家人数”（min_evaluators）已锁定，"
            "如需修改须由市级管理员重新开放");
  EXPECT_EQ(st.error().message_en,
            "The setting min_evaluators is locked: the apply phase opened on 2023-09-01; only a "
            "city administrator can reopen it");
}

TEST(SettingLocksTest, YearNeverChanges) {
  const CampaignSettings before = Defaults2023();
  CampaignSettings after = before;
  after.year = 2024;
  for (bool reopened : {false, true}) {
    Status st = CheckSettingChange(before, after, D(2023, 1, 1), reopened);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "settings.year.fixed");
    EXPECT_EQ(st.error().field, "year");
  }
}

TEST(SettingLocksTest, UnchangedIsAlwaysAllowed) {
  const CampaignSettings s = Defaults2023();
  EXPECT_TRUE(CheckSettingChange(s, s, D(2023, 11, 1), false).ok());
}

TEST(SettingLocksTest, RequireSettingUnlocked) {
  const CampaignSettings s = Defaults2023();
  EXPECT_TRUE(RequireSettingUnlocked(s, "rubric", D(2023, 8, 31), false).ok());
  Status st = RequireSettingUnlocked(s, "rubric", D(2023, 9, 1), false);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "settings.locked");
  EXPECT_EQ(st.error().field, "rubric");
  EXPECT_TRUE(RequireSettingUnlocked(s, "rubric", D(2023, 9, 1), true).ok());
  st = RequireSettingUnlocked(s, "no_such_setting", D(2023, 1, 1), true);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::kInternal);
}

}  // namespace
}  // namespace meihao::domain::campaigns

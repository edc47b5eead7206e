#include "domain/campaigns/campaign.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace meihao::domain::campaigns {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

CampaignSettings Defaults(int year) {
  auto s = DefaultSettings(year);
  EXPECT_TRUE(s.ok()) << year;
  return s.ok() ? s.value() : CampaignSettings{};
}

TEST(CampaignSettingsTest, Defaults2023) {
  const CampaignSettings s = Defaults(2023);
  struct W { PhaseKey k; Date from, to; };
  const std::vector<W> windows = {
      {PhaseKey::kMobilise, D(2023, 5, 1), D(2023, 5, 31)},
      {PhaseKey::kCultivate, D(2023, 5, 1), D(2023, 8, 31)},
      {PhaseKey::kApply, D(2023, 9, 1), D(2023, 9, 20)},
      {PhaseKey::kCountyReview, D(2023, 9, 1), D(2023, 9, 30)},
      {PhaseKey::kCityReview, D(2023, 10, 1), D(2023, 11, 30)},
      {PhaseKey::kSummary, D(2023, 10, 1), D(2023, 12, 31)},
  };
  for (const W& w : windows) {
    EXPECT_EQ(s.phase(w.k).from, w.from) << PhaseKeyString(w.k);
    EXPECT_EQ(s.phase(w.k).to, w.to) << PhaseKeyString(w.k);
    EXPECT_FALSE(s.phase(w.k).reopened_until.has_value());
  }
  EXPECT_EQ(s.year, 2023);
  EXPECT_EQ(s.reference_date, D(2023, 9, 1));
  EXPECT_EQ(s.fee_year, 2022);
  EXPECT_EQ(s.complaint_scope, ComplaintScope::kCounty);
  EXPECT_EQ(s.survey_from, D(2023, 5, 1));
  EXPECT_EQ(s.survey_to, D(2023, 8, 31));
  EXPECT_EQ(s.top_percent, 5);
  EXPECT_EQ(s.bottom_percent, 5);
  EXPECT_EQ(s.quota_percent, 4);
  EXPECT_EQ(s.min_sample_cap, 30);
  EXPECT_EQ(s.min_evaluators, 3);
  EXPECT_EQ(s.disagreement_stddev, 10);
  EXPECT_EQ(s.publicity_days, 7);
  EXPECT_FALSE(s.min_score.has_value());
  EXPECT_FALSE(s.city_target.has_value());
  EXPECT_EQ(s.deadlines.county_list, D(2023, 9, 30));
  EXPECT_EQ(s.deadlines.county_report, D(2023, 10, 15));
  EXPECT_EQ(s.deadlines.city_list, D(2023, 12, 31));
  EXPECT_TRUE(ValidateSettings(s).empty());
}

TEST(CampaignSettingsTest, DefaultsLeapYear2024) {
  const CampaignSettings s = Defaults(2024);
  EXPECT_EQ(s.phase(PhaseKey::kApply).from, D(2024, 9, 1));
  EXPECT_EQ(s.phase(PhaseKey::kSummary).to, D(2024, 12, 31));
  EXPECT_EQ(s.reference_date, D(2024, 9, 1));
  EXPECT_EQ(s.fee_year, 2023);
  EXPECT_EQ(s.deadlines.county_report, D(2024, 10, 15));
  EXPECT_TRUE(ValidateSettings(s).empty());

  // The leap day matters for a moved reference date: 2024-02-29 − 1 year is
  // 2023-02-28, so a survey from that day lies inside the assessment window
  // and one from the day before does not.
  CampaignSettings t = s;
  t.reference_date = D(2024, 2, 29);
  t.survey_from = D(2023, 2, 28);
  t.survey_to = D(2024, 2, 28);
  EXPECT_TRUE(ValidateSettings(t).empty());
  t.survey_from = D(2023, 2, 27);
  auto errors = ValidateSettings(t);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "survey_window.from");
  t.survey_from = D(2023, 2, 28);
  t.survey_to = D(2024, 2, 29);  // the reference day itself is outside [ref − 1y, ref)
  errors = ValidateSettings(t);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "survey_window.to");
}

TEST(CampaignSettingsTest, DefaultYearRange) {
  struct C { int year; bool ok; };
  for (const C& c : std::vector<C>{{1999, false}, {2000, true}, {2100, true}, {2101, false}}) {
    auto s = DefaultSettings(c.year);
    ASSERT_EQ(s.ok(), c.ok) << c.year;
    if (c.ok) {
      EXPECT_TRUE(ValidateSettings(s.value()).empty()) << c.year;
    } else {
      EXPECT_EQ(s.error().kind, ErrorKind::kInvalid);
      EXPECT_EQ(s.error().code, "settings.year.range");
      EXPECT_EQ(s.error().field, "year");
    }
  }
}

TEST(CampaignSettingsTest, ValidationRefusalsNameTheirField) {
  using S = CampaignSettings&;
  struct C { const char* what; std::function<void(S)> change; std::string field, code; };
  const std::vector<C> cases = {
      {"apply ends before it starts", [](S s) { s.phase(PhaseKey::kApply).to = D(2023, 8, 31); },
       "phases.apply.to", "settings.window.order"},
      {"summary runs into next year", [](S s) { s.phase(PhaseKey::kSummary).to = D(2024, 1, 15); },
       "phases.summary.to", "settings.date.year"},
      {"mobilise starts the year before",
       [](S s) { s.phase(PhaseKey::kMobilise).from = D(2022, 12, 1); }, "phases.mobilise.from",
       "settings.date.year"},
      {"reopened before the end",
       [](S s) { s.phase(PhaseKey::kApply).reopened_until = D(2023, 9, 20); },
       "phases.apply.reopened_until", "settings.reopen.range"},
      {"reopened two years on",
       [](S s) { s.phase(PhaseKey::kSummary).reopened_until = D(2025, 1, 5); },
       "phases.summary.reopened_until", "settings.reopen.range"},
      {"city review starts before county review",
       [](S s) { s.phase(PhaseKey::kCityReview).from = D(2023, 8, 31); }, "phases.city_review.from",
       "settings.phase.sequence"},
      {"reference date in another year",
       [](S s) {
         s.reference_date = D(2022, 9, 1);
         s.survey_from = D(2022, 5, 1);  // keep the survey inside the moved window
         s.survey_to = D(2022, 8, 31);
       },
       "reference_date", "settings.date.year"},
      {"reference date after apply opens", [](S s) { s.reference_date = D(2023, 9, 2); },
       "reference_date", "settings.reference.after_apply"},
      {"fee year in the future", [](S s) { s.fee_year = 2024; }, "fee_year", "settings.range"},
      {"fee year too old", [](S s) { s.fee_year = 2020; }, "fee_year", "settings.range"},
      {"survey ends before it starts", [](S s) { s.survey_to = D(2023, 4, 30); },
       "survey_window.to", "settings.window.order"},
      {"survey on the reference date", [](S s) { s.survey_to = D(2023, 9, 1); },
       "survey_window.to", "settings.survey.outside_assessment"},
      {"survey before the window", [](S s) { s.survey_from = D(2022, 8, 31); },
       "survey_window.from", "settings.survey.outside_assessment"},
      {"top percent 0", [](S s) { s.top_percent = 0; }, "top_percent", "settings.range"},
      {"bottom percent 101", [](S s) { s.bottom_percent = 101; }, "bottom_percent", "settings.range"},
      {"quota percent 0", [](S s) { s.quota_percent = 0; }, "quota_percent", "settings.range"},
      {"min sample 0", [](S s) { s.min_sample_cap = 0; }, "min_sample_cap", "settings.range"},
      {"no evaluators", [](S s) { s.min_evaluators = 0; }, "min_evaluators", "settings.range"},
      {"stddev 0", [](S s) { s.disagreement_stddev = 0; }, "disagreement_stddev", "settings.range"},
      {"publicity 0 days", [](S s) { s.publicity_days = 0; }, "publicity_days", "settings.range"},
      {"publicity 31 days", [](S s) { s.publicity_days = 31; }, "publicity_days", "settings.range"},
      {"min score 101", [](S s) { s.min_score = 101; }, "min_score", "settings.range"},
      {"city target 0", [](S s) { s.city_target = 0; }, "city_target", "settings.range"},
      {"county list deadline next year", [](S s) { s.deadlines.county_list = D(2024, 1, 1); },
       "deadlines.county_list", "settings.date.year"},
  };
  for (const C& c : cases) {
    CampaignSettings s = Defaults(2023);
    c.change(s);
    auto errors = ValidateSettings(s);
    ASSERT_EQ(errors.size(), 1u) << c.what;
    EXPECT_EQ(errors[0].kind, ErrorKind::kInvalid) << c.what;
    EXPECT_EQ(errors[0].field, c.field) << c.what;
    EXPECT_EQ(errors[0].code, c.code) << c.what;
    EXPECT_FALSE(errors[0].message_zh.empty()) << c.what;
    EXPECT_NE(errors[0].message_en.find(c.field), std::string::npos) << c.what;
  }
}

TEST(CampaignSettingsTest, ValidationAcceptsEdges) {
  CampaignSettings s = Defaults(2023);
  s.top_percent = 100;
  s.quota_percent = 1;
  s.publicity_days = 30;
  s.min_score = 0;
  s.city_target = 1;
  s.fee_year = 2021;
  s.survey_from = D(2022, 9, 1);  // reference − 1 year: the window's first day
  s.phase(PhaseKey::kApply).reopened_until = D(2023, 9, 21);
  s.phase(PhaseKey::kSummary).reopened_until = D(2024, 12, 31);
  EXPECT_TRUE(ValidateSettings(s).empty());
}

TEST(CampaignSettingsTest, ValidationMessageText) {
  CampaignSettings s = Defaults(2023);
  s.publicity_days = 0;
  auto errors = ValidateSettings(s);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message_zh, "公示天数须在1至30之间（当前为0）");
  EXPECT_EQ(errors[0].message_en, "publicity_days must be between 1 and 30 (it is 0)");
}

TEST(CampaignSettingsTest, SeveralErrorsAtOnce) {
  CampaignSettings s = Defaults(2023);
  s.top_percent = 0;
  s.min_evaluators = 0;
  auto errors = ValidateSettings(s);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "top_percent");
  EXPECT_EQ(errors[1].field, "min_evaluators");
}

TEST(CampaignSettingsTest, ChangedSettingsListsKeysInOrder) {
  using S = CampaignSettings&;
  struct C { const char* what; std::function<void(S)> change; std::vector<std::string> keys; };
  const std::vector<C> cases = {
      {"nothing", [](S) {}, {}},
      {"apply end", [](S s) { s.phase(PhaseKey::kApply).to = D(2023, 9, 25); }, {"phases.apply.to"}},
      {"reopen", [](S s) { s.phase(PhaseKey::kCountyReview).reopened_until = D(2023, 10, 8); },
       {"phases.county_review.reopened_until"}},
      {"scope and score",
       [](S s) {
         s.min_score = 80;
         s.complaint_scope = ComplaintScope::kCity;
       },
       {"complaint_scope", "min_score"}},
      {"survey and deadline",
       [](S s) {
         s.deadlines.city_list = D(2023, 12, 20);
         s.survey_to = D(2023, 8, 15);
       },
       {"survey_window.to", "deadlines.city_list"}},
  };
  for (const C& c : cases) {
    const CampaignSettings before = Defaults(2023);
    CampaignSettings after = before;
    c.change(after);
    EXPECT_EQ(ChangedSettings(before, after), c.keys) << c.what;
  }
}

TEST(CampaignSettingsTest, SettingInfo) {
  struct C { std::string key; std::optional<PhaseKey> lock; std::string zh; };
  const std::vector<C> cases = {
      {"year", std::nullopt, "活动年度"},
      {"phases.apply.to", PhaseKey::kApply, "“申报”阶段结束日期"},
      {"reference_date", PhaseKey::kCultivate, "参考日期"},
      {"min_evaluators", PhaseKey::kApply, "最少评审专家人数"},
      {"city_target", PhaseKey::kCityReview, "市级“美好家园”小区数量"},
      {"rubric", PhaseKey::kApply, "选树参考标准细化"},
  };
  for (const C& c : cases) {
    const SettingInfo* info = FindSetting(c.key);
    ASSERT_NE(info, nullptr) << c.key;
    EXPECT_EQ(info->locked_by, c.lock) << c.key;
    EXPECT_EQ(info->name_zh, c.zh) << c.key;
  }
  EXPECT_EQ(FindSetting("no_such_setting"), nullptr);
}

TEST(CampaignSettingsTest, ComplaintScopeKeys) {
  EXPECT_EQ(ComplaintScopeKey(ComplaintScope::kCounty), "county");
  EXPECT_EQ(ComplaintScopeKey(ComplaintScope::kCity), "city");
  EXPECT_EQ(ParseComplaintScope("city"), ComplaintScope::kCity);
  EXPECT_EQ(ParseComplaintScope("county"), ComplaintScope::kCounty);
  EXPECT_EQ(ParseComplaintScope("City"), std::nullopt);
}

}  // namespace
}  // namespace meihao::domain::campaigns

namespace meihao::domain::campaigns {
namespace {

TEST(CampaignTextTest, EverySettingRoundTripsThroughText) {
  auto s = DefaultSettings(2023).value();
  auto pairs = SettingsAsText(s);
  // Spot checks against rules.md's defaults for 2023.
  auto value = [&](const std::string& key) {
    for (auto& [k, v] : pairs) if (k == key) return v;
    return std::string("<missing>");
  };
  EXPECT_EQ(value("phases.apply.from"), "2023-09-01");
  EXPECT_EQ(value("phases.apply.to"), "2023-09-20");
  EXPECT_EQ(value("phases.apply.reopened_until"), "");
  EXPECT_EQ(value("reference_date"), "2023-09-01");
  EXPECT_EQ(value("fee_year"), "2022");
  EXPECT_EQ(value("complaint_scope"), "county");
  EXPECT_EQ(value("min_score"), "");
  EXPECT_EQ(value("publicity_days"), "7");
  EXPECT_EQ(value("rubric"), "<missing>");  // not a setting of this struct
  // Applying every pair to fresh defaults of the same year gives the same settings.
  auto t = DefaultSettings(2023).value();
  t.publicity_days = 99;
  for (auto& [k, v] : pairs) ASSERT_TRUE(SetSettingText(t, k, v).ok()) << k;
  EXPECT_EQ(t, s);
}

TEST(CampaignTextTest, SetSettingTextParsesAndRefuses) {
  auto s = DefaultSettings(2023).value();
  EXPECT_TRUE(SetSettingText(s, "min_score", "60").ok());
  EXPECT_EQ(s.min_score, 60);
  EXPECT_TRUE(SetSettingText(s, "min_score", "").ok());
  EXPECT_FALSE(s.min_score.has_value());
  EXPECT_TRUE(SetSettingText(s, "complaint_scope", "city").ok());
  EXPECT_EQ(s.complaint_scope, ComplaintScope::kCity);
  EXPECT_TRUE(SetSettingText(s, "phases.apply.reopened_until", "2023-09-25").ok());
  EXPECT_EQ(s.phase(PhaseKey::kApply).reopened_until, (Date{2023, 9, 25}));
  struct Case { const char* key; const char* value; const char* code; };
  const Case bad[] = {{"reference_date", "2023/09/01", "settings.value"},
                      {"publicity_days", "seven", "settings.value"},
                      {"publicity_days", "-1", "settings.value"},
                      {"complaint_scope", "province", "settings.value"},
                      {"no_such_setting", "1", "settings.unknown"},
                      {"rubric", "x", "settings.unknown"},
                      {"year", "2024", "settings.year.fixed"}};
  for (const auto& c : bad) {
    auto r = SetSettingText(s, c.key, c.value);
    ASSERT_FALSE(r.ok()) << c.key;
    EXPECT_EQ(r.error().code, c.code) << c.key;
    EXPECT_EQ(r.error().field, c.key);
  }
  EXPECT_TRUE(SetSettingText(s, "year", "2023").ok());  // unchanged year is fine
}

}  // namespace
}  // namespace meihao::domain::campaigns

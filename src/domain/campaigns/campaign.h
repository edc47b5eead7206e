// One campaign year's settings (rules.md §2–§10): phase windows, the
// reference date and fee year behind every indicator, the percentages and
// thresholds of ranking, evaluation and selection, and the deadlines. Every
// number has the rules.md default; the city administrator may change it before
// the phase that uses it opens (phases.h: CheckSettingChange).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/campaigns/phases.h"

namespace meihao::domain::campaigns {

// Which estates the complaint ranking runs over (rules.md §4: the seed's main
// text says county, its Annex 1 says city).
enum class ComplaintScope { kCounty, kCity };
std::string_view ComplaintScopeKey(ComplaintScope c);  // county / city
std::optional<ComplaintScope> ParseComplaintScope(std::string_view key);

struct Deadlines {
  Date county_list;    // county list published (default Y-09-30)
  Date county_report;  // county work report filed (default Y-10-15)
  Date city_list;      // city list published (default Y-12-31)
  bool operator==(const Deadlines&) const = default;
};

struct CampaignSettings {
  int year = 0;
  std::array<PhaseWindow, kPhaseCount> phases{};  // indexed by PhaseKey
  // Indicators count what is dated in [reference_date − 1 year, reference_date).
  Date reference_date;
  int fee_year = 0;  // fee collection rate uses this year's fee rows
  ComplaintScope complaint_scope = ComplaintScope::kCounty;
  Date survey_from, survey_to;  // inclusive; responses outside are refused
  // Whole percentages: k = ⌈top_percent% × N⌉ etc., computed exactly.
  int top_percent = 5;     // satisfaction top k
  int bottom_percent = 5;  // complaint bottom k
  int quota_percent = 4;   // county quota q = ⌈quota_percent% × managed estates⌉
  int min_sample_cap = 30; // ranked when sample ≥ min(cap, ⌈households / 2⌉)
  int min_evaluators = 3;  // evaluated when this many evaluators submitted
  int disagreement_stddev = 10;  // points; flagged when the totals' stddev exceeds it
  int publicity_days = 7;        // calendar days a published list is public
  // Whole points (0–100): scores below it are barred from the list. Whole
  // points keep the comparison with exact scores trivially exact.
  std::optional<int> min_score;
  std::optional<int> city_target;  // number of city-level winners
  Deadlines deadlines;

  PhaseWindow& phase(PhaseKey k) { return phases[static_cast<std::size_t>(k)]; }
  const PhaseWindow& phase(PhaseKey k) const { return phases[static_cast<std::size_t>(k)]; }
  bool operator==(const CampaignSettings&) const = default;
};

inline constexpr int kMinCampaignYear = 2000, kMaxCampaignYear = 2100;

// The rules.md defaults for campaign year `year`; kInvalid "settings.year.range"
// (field "year") outside 2000…2100.
Result<CampaignSettings> DefaultSettings(int year);

// Every broken rule, one Error (kInvalid, field = setting key such as
// "phases.apply.to" or "reference_date") each; empty when valid. Rules:
//   - year 2000…2100;
//   - each phase: from ≤ to, both in year Y; reopened_until after `to` and no
//     later than Y+1-12-31 (a reopened summary may run into January);
//     phases start in seed order (each from ≥ the previous phase's from);
//   - reference_date in year Y and not after apply opens (the P1 figures an
//     application shows must be final when applications open);
//   - fee_year Y−2 … Y (a later year has no fee rows; an older one is stale);
//   - survey window from ≤ to, inside [reference − 1 year, reference);
//   - percentages 1…100; min_sample_cap 1…10000; min_evaluators 1…50;
//     disagreement_stddev 1…100; publicity_days 1…30; min_score 0…100;
//     city_target ≥ 1;
//   - deadlines in year Y.
std::vector<Error> ValidateSettings(const CampaignSettings& s);

// Keys of the fields that differ, in a fixed order (the audit record's list):
// "year", "phases.<key>.from|to|reopened_until", "reference_date", "fee_year",
// "complaint_scope", "survey_window.from|to", "top_percent", "bottom_percent",
// "quota_percent", "min_sample_cap", "min_evaluators", "disagreement_stddev",
// "publicity_days", "min_score", "city_target",
// "deadlines.county_list|county_report|city_list".
std::vector<std::string> ChangedSettings(const CampaignSettings& before,
                                         const CampaignSettings& after);

// A setting's Chinese name (for messages) and the phase that locks it;
// locked_by is nullopt for "year" (never changes). Also knows "rubric".
struct SettingInfo {
  std::string key;
  std::string name_zh;
  std::optional<PhaseKey> locked_by;
};
// nullptr for an unknown key.
const SettingInfo* FindSetting(std::string_view key);

// Every setting (the keys of FindSetting but "rubric") as text — dates
// YYYY-MM-DD, numbers in decimal, "" for none — in audit order: the one
// vocabulary of the command line, the API, storage and the audit trail.
std::vector<std::pair<std::string, std::string>> SettingsAsText(const CampaignSettings& s);
// Sets one setting from such text. 400 naming the key for an unknown key, a
// malformed value or a changed year; the value's rules are ValidateSettings'.
Status SetSettingText(CampaignSettings& s, std::string_view key, std::string_view value);

}  // namespace meihao::domain::campaigns

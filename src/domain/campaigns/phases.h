// The campaign's six phases (rules.md §2) and the one gate every action and
// every settings change goes through. An action outside its phase is refused
// with a message naming the phase and its dates; a setting is frozen once the
// phase that first uses it has opened. The city administrator may reopen
// either (the caller audits that).
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"

namespace meihao::domain::campaigns {

struct CampaignSettings;  // domain/campaigns/campaign.h

// In the seed's order; the value indexes CampaignSettings::phases.
enum class PhaseKey { kMobilise, kCultivate, kApply, kCountyReview, kCityReview, kSummary };
inline constexpr std::size_t kPhaseCount = 6;
inline constexpr std::array<PhaseKey, kPhaseCount> kAllPhases = {
    PhaseKey::kMobilise,     PhaseKey::kCultivate,  PhaseKey::kApply,
    PhaseKey::kCountyReview, PhaseKey::kCityReview, PhaseKey::kSummary};

// mobilise / cultivate / apply / county_review / city_review / summary
std::string_view PhaseKeyString(PhaseKey k);
// 动员部署 / 培育打造 / 申报 / 县级评价 / 市级评价 / 总结推广
std::string_view PhaseNameZh(PhaseKey k);
// "mobilise" … "county review" … (for English sentences)
std::string_view PhaseNameEn(PhaseKey k);
// Exact key only (as stored and sent by the API); nullopt otherwise.
std::optional<PhaseKey> ParsePhaseKey(std::string_view key);

struct PhaseWindow {
  Date from, to;  // both inclusive
  // Set by the city administrator to reopen the phase after `to`; the
  // reopened period runs through this day (inclusive, like `to`).
  std::optional<Date> reopened_until;

  // The last day actions are allowed: `to`, or reopened_until when later.
  Date LastDay() const { return reopened_until && *reopened_until > to ? *reopened_until : to; }
  bool Contains(Date d) const { return from <= d && d <= LastDay(); }
  bool operator==(const PhaseWindow&) const = default;
};

// OK when `today` lies in the phase's window (from … to, inclusive) or up to
// its reopened_until. Otherwise kForbidden, code "phase.closed", field = the
// phase key, message naming the phase and its dates:
//   该操作仅在“申报”阶段（2023-09-01至2023-09-20）进行，当前不在该阶段
//   This is allowed only in the apply phase (2023-09-01 to 2023-09-20)
// Every phase-bound action calls this; there is no other phase check.
Status RequirePhase(const CampaignSettings& s, PhaseKey phase, Date today);

// The phases RequirePhase would accept today, in phase order (they overlap:
// on Y-09-01 both apply and county_review are open).
std::vector<PhaseKey> OpenPhases(const CampaignSettings& s, Date today);

// "Late items stay possible but are marked late": done strictly after the
// deadline day. Done on the deadline day is on time.
inline bool IsLate(Date deadline, Date done) { return done > deadline; }

// ---- Settings locks ------------------------------------------------------
//
// A setting is locked from the first day of the phase that first uses it
// (the lock table is in campaign.cc, next to the field list). Locked changes
// are refused with kForbidden, code "settings.locked", field = the setting
// key, naming the setting and the phase, unless `reopened_by_city_admin` (the caller has checked the role and
// audits the change). Exceptions:
//   - `year` never changes (a campaign is one year): kInvalid "settings.year.fixed".
//   - a phase's own `to` may be moved later while the phase is still running
//     (today ≤ old `to`); after the end, extending is a reopen.
// The change itself is not validated here; run ValidateSettings on `after`.
// Returns the first refusal in ChangedSettings order.
Status CheckSettingChange(const CampaignSettings& before, const CampaignSettings& after,
                          Date today, bool reopened_by_city_admin);

// The same gate for a setting kept outside CampaignSettings (e.g. "rubric",
// the county's refinement of the reference standard, frozen when apply opens)
// or for one key of it. An unknown key is an internal error.
Status RequireSettingUnlocked(const CampaignSettings& s, std::string_view key, Date today,
                              bool reopened_by_city_admin);

}  // namespace meihao::domain::campaigns

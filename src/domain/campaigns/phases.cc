#include "domain/campaigns/phases.h"

#include <string>

#include "domain/campaigns/campaign.h"

namespace meihao::domain::campaigns {

namespace {
struct PhaseNames {
  std::string_view key, zh, en;
};
constexpr std::array<PhaseNames, kPhaseCount> kNames = {{
    {"mobilise", "动员部署", "mobilise"},
    {"cultivate", "培育打造", "cultivate"},
    {"apply", "申报", "apply"},
    {"county_review", "县级评价", "county review"},
    {"city_review", "市级评价", "city review"},
    {"summary", "总结推广", "summary"},
}};
const PhaseNames& NamesOf(PhaseKey k) { return kNames[static_cast<std::size_t>(k)]; }
}  // namespace

std::string_view PhaseKeyString(PhaseKey k) { return NamesOf(k).key; }
std::string_view PhaseNameZh(PhaseKey k) { return NamesOf(k).zh; }
std::string_view PhaseNameEn(PhaseKey k) { return NamesOf(k).en; }

std::optional<PhaseKey> ParsePhaseKey(std::string_view key) {
  for (PhaseKey k : kAllPhases)
    if (NamesOf(k).key == key) return k;
  return std::nullopt;
}

Status RequirePhase(const CampaignSettings& s, PhaseKey phase, Date today) {
  const PhaseWindow& w = s.phase(phase);
  if (w.Contains(today)) return OkStatus();
  std::string zh_dates = w.from.ToString() + "至" + w.to.ToString();
  std::string en_dates = w.from.ToString() + " to " + w.to.ToString();
  // A past reopening is shown too, so the clerk sees why a colleague could
  // act last week and they cannot today.
  if (w.reopened_until && *w.reopened_until > w.to) {
    zh_dates += "，重新开放至" + w.reopened_until->ToString();
    en_dates += ", reopened until " + w.reopened_until->ToString();
  }
  Error e = Error::Forbidden(
      "phase.closed",
      "该操作仅在“" + std::string(PhaseNameZh(phase)) + "”阶段（" + zh_dates + "）进行，当前不在该阶段",
      "This is allowed only in the " + std::string(PhaseNameEn(phase)) + " phase (" + en_dates + ")");
  e.field = std::string(PhaseKeyString(phase));
  return e;
}

std::vector<PhaseKey> OpenPhases(const CampaignSettings& s, Date today) {
  std::vector<PhaseKey> open;
  for (PhaseKey k : kAllPhases)
    if (s.phase(k).Contains(today)) open.push_back(k);
  return open;
}

namespace {

Error YearFixed() {
  return Error::Invalid("settings.year.fixed", "活动年度创建后不可更改",
                        "The campaign year cannot change once the campaign exists", "year");
}

Error Locked(const SettingInfo& info, PhaseKey phase, Date opened) {
  Error e = Error::Forbidden(
      "settings.locked",
      "“" + std::string(PhaseNameZh(phase)) + "”阶段已于" + opened.ToString() + "开始，设置“" +
          info.name_zh + "”（" + info.key + "）已锁定，如需修改须由市级管理员重新开放",
      "The setting " + info.key + " is locked: the " + std::string(PhaseNameEn(phase)) +
          " phase opened on " + opened.ToString() + "; only a city administrator can reopen it");
  e.field = info.key;
  return e;
}

// Locked-ness of one setting against the settings as they stand (`s`).
Status Check(const SettingInfo& info, const CampaignSettings& s, Date today, bool reopened) {
  if (!info.locked_by) return YearFixed();
  const Date opened = s.phase(*info.locked_by).from;
  if (reopened || today < opened) return OkStatus();
  return Locked(info, *info.locked_by, opened);
}

}  // namespace

Status RequireSettingUnlocked(const CampaignSettings& s, std::string_view key, Date today,
                              bool reopened_by_city_admin) {
  const SettingInfo* info = FindSetting(key);
  if (!info) return Error::Internal("unknown setting key: " + std::string(key));
  return Check(*info, s, today, reopened_by_city_admin);
}

Status CheckSettingChange(const CampaignSettings& before, const CampaignSettings& after,
                          Date today, bool reopened_by_city_admin) {
  for (const std::string& key : ChangedSettings(before, after)) {
    const SettingInfo* info = FindSetting(key);
    if (!info) return Error::Internal("unknown setting key: " + key);
    // A running phase may be given more time without a reopen: nothing that
    // already happened in it changes meaning. Shortening or moving its start
    // would strand work done under the old dates.
    if (info->locked_by && key == "phases." + std::string(PhaseKeyString(*info->locked_by)) + ".to") {
      const PhaseWindow& was = before.phase(*info->locked_by);
      if (after.phase(*info->locked_by).to > was.to && today <= was.to) continue;
    }
    if (Status st = Check(*info, before, today, reopened_by_city_admin); !st) return st;
  }
  return OkStatus();
}

}  // namespace meihao::domain::campaigns

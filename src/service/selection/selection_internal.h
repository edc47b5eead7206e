// Internal to the selection, objection and public-list service files: the
// level and unit a request names, the stored list and its entries, the list
// as it would be published, the phase gates, and the generation counter the
// public pages' cache watches.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/campaigns/campaign.h"
#include "domain/campaigns/phases.h"
#include "domain/selection/publicity.h"
#include "policy/policy.h"
#include "service/context.h"
#include "service/evaluation/level_results.h"
#include "service/selection/selection.h"

namespace meihao::service::selection::internal {

struct LevelRef {
  policy::Level level = policy::Level::kCounty;
  std::string unit_code, unit_name;
};

// "county" | "city" → 400 selection.level (field level).
Result<policy::Level> ParseLevelKey(const std::string& key);
// The unit: county level — a county code (empty: the county of the caller's
// scope); city level — the city code (empty: the city). 400 unit.required,
// 404 unit.not_found.
Result<LevelRef> ResolveUnit(const Context& ctx, const Actor& actor, policy::Level level, const std::string& unit);

// A stored list (selection_lists).
struct StoredList {
  std::string status;  // published | final
  int64_t quota = 0;
  std::string explanation;
  bool short_list = false;
  Date published_on;
  int publicity_days = 7;
  std::string published_at;
  std::optional<std::string> finalised_at;
  domain::selection::PublicityWindow Window() const { return domain::selection::PublicityOf(published_on, publicity_days); }
};
std::optional<StoredList> LoadList(storage::Connection& c, int year, policy::Level level, const std::string& unit);
// The snapshot, by position, with live estate names and divisions.
std::vector<SelectionEntry> LoadEntries(storage::Connection& c, const domain::registry::DivisionTree& tree, int year,
                                        policy::Level level, const std::string& unit);

// The list as it would be published now: proposed + additions − removals,
// in ranking order, positions from 1.
std::vector<SelectionEntry> WouldBeList(const evaluation::LevelResults& r, const std::vector<SelectionChange>& changes,
                                        const domain::registry::DivisionTree& tree);
std::vector<SelectionChange> LoadChanges(storage::Connection& c, const evaluation::LevelResults& r);

// What a short list is measured against: the county quota; at city level the
// city_target, or nothing without one.
std::optional<int64_t> TargetOf(const evaluation::LevelResults& r);

// The phase gates (the only phase checks: domain::campaigns::RequirePhase).
Status RequireDecidePhase(const domain::campaigns::CampaignSettings& s, policy::Level level, Date today);
// Answering objections and finalising: either of two phases (county:
// county_review or city_review; city: city_review or summary). The refusal
// names the phase that is nearer: the first before its end, else the second.
Status RequireResolvePhase(const domain::campaigns::CampaignSettings& s, policy::Level level, Date today);

std::string CountyName(const domain::registry::DivisionTree& tree, const std::string& code);
std::string TownName(const domain::registry::DivisionTree& tree, const std::string& code);
std::string ActorLabel(const Actor& a);
storage::Value ActorId(const Actor& a);

// The objections against a list, oldest first; phone masked unless full_phone.
std::vector<ObjectionView> LoadObjections(storage::Connection& c, int year, policy::Level level,
                                          const std::string& unit, bool full_phone);

// Bumped after every committed write to lists, entries or objections.
uint64_t Generation();
void BumpGeneration();

}  // namespace meihao::service::selection::internal

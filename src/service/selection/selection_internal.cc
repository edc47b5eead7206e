#include "service/selection/selection_internal.h"

#include <atomic>
#include <map>

namespace meihao::service::selection::internal {
namespace {

std::atomic<uint64_t> g_generation{1};

}  // namespace

uint64_t Generation() { return g_generation.load(std::memory_order_acquire); }
void BumpGeneration() { g_generation.fetch_add(1, std::memory_order_acq_rel); }

Result<policy::Level> ParseLevelKey(const std::string& key) {
  if (auto l = policy::ParseLevel(key)) return *l;
  return Error::Invalid("selection.level", "请指明级别：county（县级）或 city（市级）",
                        "level must be county or city", "level");
}

std::string CountyName(const domain::registry::DivisionTree& tree, const std::string& code) {
  const auto* d = tree.Find(code);
  return d ? d->name : std::string();
}
std::string TownName(const domain::registry::DivisionTree& tree, const std::string& code) { return CountyName(tree, code); }

Result<LevelRef> ResolveUnit(const Context& ctx, const Actor& actor, policy::Level level, const std::string& unit) {
  const auto& root = ctx.tree.Root();
  if (level == policy::Level::kCity) {
    if (!unit.empty() && unit != root.code)
      return Error::NotFound("unit.not_found", "市级名单的单位应为本市（" + root.code + "）",
                             "The city level's unit is the city (" + root.code + ")");
    return LevelRef{level, root.code, root.name};
  }
  std::string code = unit;
  if (code.empty()) {
    for (const auto* d : ctx.tree.Path(actor.principal.scope))
      if (d->level == domain::registry::Division::Level::kCounty) code = d->code;
  }
  if (code.empty())
    return Error::Invalid("unit.required", "请选择县（市、区）", "Choose a county (unit=)", "unit");
  const auto* d = ctx.tree.Find(code);
  if (!d || d->level != domain::registry::Division::Level::kCounty)
    return Error::NotFound("unit.not_found", "县（市、区）不存在", "No such county");
  return LevelRef{level, d->code, d->name};
}

std::optional<StoredList> LoadList(storage::Connection& c, int year, policy::Level level, const std::string& unit) {
  std::optional<StoredList> out;
  c.Query(
      "SELECT status, quota, explanation, short, published_on, publicity_days, published_at, finalised_at "
      "FROM selection_lists WHERE campaign_year = ? AND level = ? AND unit_code = ?",
      {int64_t{year}, std::string(policy::LevelKey(level)), unit}, [&](const storage::Row& r) {
        StoredList l;
        l.status = r.Text(0);
        l.quota = r.Int(1);
        l.explanation = r.Text(2);
        l.short_list = r.Bool(3);
        l.published_on = Date::Parse(r.TextView(4)).value_or(Date{});
        l.publicity_days = static_cast<int>(r.Int(5));
        l.published_at = r.Text(6);
        l.finalised_at = r.OptText(7);
        out = std::move(l);
      });
  return out;
}

std::vector<SelectionEntry> LoadEntries(storage::Connection& c, const domain::registry::DivisionTree& tree, int year,
                                        policy::Level level, const std::string& unit) {
  std::vector<SelectionEntry> out;
  c.Query(
      "SELECT se.application_id, se.estate_code, COALESCE(e.name, se.estate_code), a.county_code, "
      "COALESCE(e.town_code, ''), a.applicant_name, se.position, se.rank, se.score, se.source, se.reason, se.status "
      "FROM selection_entries se JOIN applications a ON a.id = se.application_id "
      "LEFT JOIN estates e ON e.code = se.estate_code "
      "WHERE se.campaign_year = ? AND se.level = ? AND se.unit_code = ? ORDER BY se.position",
      {int64_t{year}, std::string(policy::LevelKey(level)), unit}, [&](const storage::Row& r) {
        SelectionEntry e;
        e.application_id = r.Int(0);
        e.estate_code = r.Text(1);
        e.estate_name = r.Text(2);
        e.county_code = r.Text(3);
        e.county_name = CountyName(tree, e.county_code);
        e.town_code = r.Text(4);
        e.town_name = TownName(tree, e.town_code);
        e.applicant_name = r.Text(5);
        e.position = r.Int(6);
        if (!r.IsNull(7)) e.rank = r.Int(7);
        e.score = r.Text(8);
        e.source = r.Text(9);
        e.reason = r.Text(10);
        e.status = r.Text(11);
        out.push_back(std::move(e));
      });
  return out;
}

std::vector<SelectionChange> LoadChanges(storage::Connection& c, const service::evaluation::LevelResults& r) {
  std::map<int64_t, const service::evaluation::ApplicationResult*> by_id;
  for (const auto& a : r.applications) by_id[a.application_id] = &a;
  std::vector<SelectionChange> out;
  c.Query(
      "SELECT sc.application_id, sc.change, sc.reason, sc.changed_at, COALESCE(u.display_name, 'system') "
      "FROM selection_changes sc LEFT JOIN users u ON u.id = sc.changed_by WHERE sc.level = ? "
      "ORDER BY sc.changed_at, sc.application_id",
      {std::string(policy::LevelKey(r.level))}, [&](const storage::Row& row) {
        auto it = by_id.find(row.Int(0));
        if (it == by_id.end()) return;  // another unit's (or campaign's) application
        out.push_back({row.Int(0), it->second->estate_code, it->second->estate_name, row.Text(1), row.Text(2),
                       row.Text(3), row.Text(4)});
      });
  return out;
}

std::vector<SelectionEntry> WouldBeList(const service::evaluation::LevelResults& r, const std::vector<SelectionChange>& changes,
                                        const domain::registry::DivisionTree& tree) {
  std::map<int64_t, const SelectionChange*> change_of;
  for (const auto& ch : changes) change_of[ch.application_id] = &ch;
  std::vector<SelectionEntry> out;
  for (size_t index : r.ranking) {
    const service::evaluation::ApplicationResult& a = r.applications[index];
    const auto& p = *a.placed;
    auto it = change_of.find(a.application_id);
    const SelectionChange* ch = it == change_of.end() ? nullptr : it->second;
    bool listed = p.proposed;
    std::string source = "rules", reason;
    if (ch && ch->change == "remove") listed = false;
    if (ch && ch->change == "add" && !p.proposed && !p.below_min_score) {
      listed = true;
      source = "added";
      reason = ch->reason;
    }
    if (!listed) continue;
    SelectionEntry e;
    e.application_id = a.application_id;
    e.estate_code = a.estate_code;
    e.estate_name = a.estate_name;
    e.county_code = a.county_code;
    e.county_name = CountyName(tree, a.county_code);
    e.town_code = a.town_code;
    e.town_name = TownName(tree, a.town_code);
    e.applicant_name = a.applicant_name;
    e.position = static_cast<int64_t>(out.size()) + 1;
    e.rank = p.rank;
    e.score = a.evaluation.score_text;
    e.source = source;
    e.reason = reason;
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<int64_t> TargetOf(const service::evaluation::LevelResults& r) {
  if (r.level == policy::Level::kCounty) return r.quota;
  if (r.settings.city_target) return *r.settings.city_target;
  return std::nullopt;
}

Status RequireDecidePhase(const domain::campaigns::CampaignSettings& s, policy::Level level, Date today) {
  return domain::campaigns::RequirePhase(
      s, level == policy::Level::kCounty ? domain::campaigns::PhaseKey::kCountyReview : domain::campaigns::PhaseKey::kCityReview, today);
}

Status RequireResolvePhase(const domain::campaigns::CampaignSettings& s, policy::Level level, Date today) {
  const auto first = level == policy::Level::kCounty ? domain::campaigns::PhaseKey::kCountyReview : domain::campaigns::PhaseKey::kCityReview;
  const auto second = level == policy::Level::kCounty ? domain::campaigns::PhaseKey::kCityReview : domain::campaigns::PhaseKey::kSummary;
  auto a = domain::campaigns::RequirePhase(s, first, today);
  if (a) return a;
  auto b = domain::campaigns::RequirePhase(s, second, today);
  if (b) return b;
  return today <= s.phase(first).LastDay() ? a : b;
}

std::string ActorLabel(const Actor& a) { return a.username.empty() ? std::string("system") : a.username; }
storage::Value ActorId(const Actor& a) { return a.user_id ? storage::Value(*a.user_id) : storage::Null(); }

}  // namespace meihao::service::selection::internal

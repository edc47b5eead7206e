#include "service/selection/public_lists.h"

#include "service/campaigns/campaigns.h"
#include "service/selection/selection_internal.h"

namespace meihao::service::selection {
namespace {

using namespace internal;

std::string UnitName(const domain::registry::DivisionTree& tree, const std::string& code) {
  const auto* d = tree.Find(code);
  return d ? d->name : code;
}

}  // namespace

uint64_t PublicListsGeneration() { return Generation(); }

std::vector<PublicCampaign> ListPublicCampaigns(const Context& ctx) {
  std::vector<PublicCampaign> out;
  auto c = ctx.db.Acquire();
  c->Query(
      "SELECT c.year, (SELECT COUNT(*) FROM selection_lists l WHERE l.campaign_year = c.year) "
      "FROM campaigns c ORDER BY c.year DESC",
      {}, [&](const storage::Row& r) { out.push_back({static_cast<int>(r.Int(0)), r.Int(1)}); });
  return out;
}

Result<std::vector<PublicListHead>> ListPublicLists(const Context& ctx, int year, Date today) {
  if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();
  std::vector<PublicListHead> out;
  auto c = ctx.db.Acquire();
  c->Query(
      "SELECT l.level, l.unit_code, l.status, l.published_on, l.publicity_days, "
      "(SELECT COUNT(*) FROM selection_entries se WHERE se.campaign_year = l.campaign_year AND se.level = l.level "
      " AND se.unit_code = l.unit_code AND se.status = 'listed') "
      "FROM selection_lists l WHERE l.campaign_year = ? ORDER BY l.level = 'county', l.unit_code",
      {int64_t{year}}, [&](const storage::Row& r) {
        PublicListHead h;
        h.level = r.Text(0);
        h.unit_code = r.Text(1);
        h.unit_name = UnitName(ctx.tree, h.unit_code);
        h.status = r.Text(2);
        h.window = domain::selection::PublicityOf(Date::Parse(r.TextView(3)).value_or(Date{}), static_cast<int>(r.Int(4)));
        h.in_publicity = h.status == "published" && domain::selection::InPublicity(h.window, today);
        h.count = r.Int(5);
        out.push_back(std::move(h));
      });
  return out;
}

Result<PublicList> GetPublicList(const Context& ctx, int year, const std::string& level, const std::string& unit,
                                 Date today) {
  auto l = ParseLevelKey(level);
  if (!l) return l.error();
  Actor anonymous{std::nullopt, "", policy::Principal{0, policy::Role::kApplicant, ""}, ""};
  auto ref = ResolveUnit(ctx, anonymous, *l, unit);
  if (!ref) return ref.error();
  if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();
  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);
  auto stored = LoadList(*c, year, ref->level, ref->unit_code);
  if (!stored)
    return Error::NotFound("selection.not_published", "该名单尚未发布公示", "This list has not been published");
  PublicList out;
  out.year = year;
  out.head.level = std::string(policy::LevelKey(ref->level));
  out.head.unit_code = ref->unit_code;
  out.head.unit_name = ref->unit_name;
  out.head.status = stored->status;
  out.head.window = stored->Window();
  out.head.in_publicity = stored->status == "published" && domain::selection::InPublicity(out.head.window, today);
  for (const auto& e : LoadEntries(*c, ctx.tree, year, ref->level, ref->unit_code)) {
    if (e.status != "listed") continue;
    out.entries.push_back({e.position, e.estate_code, e.estate_name, e.town_name, e.county_name, e.applicant_name,
                           e.score});
  }
  out.head.count = static_cast<int64_t>(out.entries.size());
  return out;
}

}  // namespace meihao::service::selection

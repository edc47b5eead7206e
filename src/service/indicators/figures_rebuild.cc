#include "service/indicators/figures_rebuild.h"

#include <boost/json.hpp>

#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"

namespace meihao::service::indicators {

Result<figures::RebuildReport> RebuildFigures(const Context& ctx, const Actor& actor, int year) {
  if (actor.principal.role != policy::Role::kCityAdmin)
    return Error::Forbidden("forbidden", "只有市级管理员可以重算指标", "Only the city administrator rebuilds indicators");
  auto c = ctx.db.Acquire();
  // One write transaction: no response or import slips in between reading the
  // raw rows and replacing the kept figures.
  storage::Transaction tx(*c, true);
  auto settings = campaigns::LoadCampaign(*c, year);
  if (!settings)
    return Error::NotFound("campaign.not_found", std::to_string(year) + " 年度活动尚未设立",
                           "There is no campaign for " + std::to_string(year));
  auto fresh = figures::FiguresFromRecords(*c, *settings);
  auto report = figures::CompareFigures(figures::LoadKeptFigures(*c, year), fresh);
  figures::ReplaceKeptFigures(*c, year, std::move(fresh));
  audit::AppendAudit(*c, {actor.user_id, actor.username, "indicators.rebuild", "campaign:" + std::to_string(year),
                          std::nullopt,
                          boost::json::serialize(boost::json::object{{"estates", report.estates},
                                                                     {"differing_estates", report.differing_estates}}),
                          actor.client, "ok"});
  tx.Commit();
  return report;
}

}  // namespace meihao::service::indicators

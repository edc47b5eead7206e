// The public pages of the lists (公示, issue #4 part 5): every published list
// of a campaign and the estates on one, readable without logging in. Only
// what a publicity notice shows: the estate, where it is, who applied and its
// score (scores are public only once published). An entry removed after an
// upheld objection is not shown: it left the list.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/selection/publicity.h"
#include "service/context.h"

namespace meihao::service::selection {

struct PublicListHead {
  std::string level, unit_code, unit_name;
  std::string status;  // published | final
  domain::selection::PublicityWindow window;
  bool in_publicity = false;  // objections are accepted today
  int64_t count = 0;          // estates listed now
};

struct PublicEntry {
  int64_t position = 0;
  std::string estate_code, estate_name, town_name, county_name, applicant_name, score;
};

struct PublicList {
  int year = 0;
  PublicListHead head;
  std::vector<PublicEntry> entries;
};

// Every campaign, latest year first, with how many lists it has published —
// so the public page opens on the server's year, whatever a phone's clock says.
struct PublicCampaign {
  int year = 0;
  int64_t lists = 0;  // published or final
};
std::vector<PublicCampaign> ListPublicCampaigns(const Context& ctx);

// 404 campaign.not_found.
Result<std::vector<PublicListHead>> ListPublicLists(const Context& ctx, int year, Date today);
// 400 selection.level; 404 campaign.not_found, unit.not_found, selection.not_published.
Result<PublicList> GetPublicList(const Context& ctx, int year, const std::string& level, const std::string& unit,
                                 Date today);

// Changes after every committed write to lists, entries or objections in
// this process: a cache of the public pages is valid while it is unchanged.
uint64_t PublicListsGeneration();

}  // namespace meihao::service::selection

// Internal to the cultivation service files: row readers, the figures of
// one ranked estate as a list entry, and the errors they share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/campaigns/campaign.h"
#include "domain/indicators/indicators.h"
#include "domain/indicators/ranking.h"
#include "service/cultivation/cultivation.h"

namespace meihao::service::cultivation::internal {

// An entry with an estate's current figures (source "rules").
CultivationEntry EntryOf(const domain::registry::Estate& e, const domain::indicators::Indicators& i, const domain::indicators::Standing& s,
                         const domain::registry::DivisionTree& tree);

// Columns of an entry joined with its estate's live name and divisions.
inline constexpr std::string_view kEntrySelect =
    "SELECT ce.estate_code, e.name, e.county_code, e.town_code, ce.households, ce.source, ce.reason, "
    "ce.satisfaction_sample, ce.satisfaction_index, ce.satisfaction_rank, ce.complaint_count, ce.complaint_rate, "
    "ce.complaint_rank, ce.top_satisfaction, ce.bottom_complaints, ce.demonstration, ce.listed_at "
    "FROM cultivation_entries ce JOIN estates e ON e.code = ce.estate_code";
CultivationEntry ReadEntry(const storage::Row& r, const domain::registry::DivisionTree& tree);
// Writes an entry of the (year, county) list.
void InsertEntry(storage::Connection& c, int year, const std::string& county, const CultivationEntry& e,
                 const std::string& now, const Actor& actor);

inline constexpr std::string_view kTaskSelect =
    "SELECT t.id, t.estate_code, e.name, e.county_code, e.town_code, t.unit_type, t.unit_name, t.title, t.due_on, "
    "t.status, t.done_on, t.created_at, t.created_by_name, t.updated_at "
    "FROM cultivation_tasks t JOIN estates e ON e.code = t.estate_code";
CultivationTask ReadTask(const storage::Row& r);

policy::EstateRef RefOfEntry(const CultivationEntry& e);
policy::EstateRef RefOfTask(const CultivationTask& t);

Error NotListed();
Error TaskNotFound();
// Who acted, for the *_by_name columns.
std::string ActorName(const Actor& a);

}  // namespace meihao::service::cultivation::internal

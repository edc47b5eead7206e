#include "service/cultivation/cultivation_internal.h"

#include "service/registry/estate_sql.h"

namespace meihao::service::cultivation::internal {
namespace {

std::string TownName(const domain::registry::DivisionTree& tree, const std::string& code) {
  const auto* d = tree.Find(code);
  return d ? d->name : std::string();
}

std::optional<int64_t> OptInt(const storage::Row& r, int col) {
  return r.IsNull(col) ? std::nullopt : std::optional<int64_t>(r.Int(col));
}

}  // namespace

CultivationEntry EntryOf(const domain::registry::Estate& e, const domain::indicators::Indicators& i, const domain::indicators::Standing& s,
                         const domain::registry::DivisionTree& tree) {
  CultivationEntry x;
  x.estate_code = e.code;
  x.estate_name = e.name;
  x.county_code = e.county_code;
  x.town_code = e.town_code;
  x.town_name = TownName(tree, e.town_code);
  x.households = e.households;
  x.satisfaction_sample = i.satisfaction_sample;
  // Shown as the rankings export shows them (2 decimals, rules.md §3).
  if (i.satisfaction_index) x.satisfaction_index = i.satisfaction_index->Format(2);
  x.satisfaction_rank = s.satisfaction_rank;
  x.complaint_count = i.complaint_count;
  x.complaint_rate = i.complaint_rate.Format(2);
  x.complaint_rank = s.complaint_rank;
  x.top_satisfaction = s.top_satisfaction;
  x.bottom_complaints = s.bottom_complaints;
  x.demonstration = e.demonstration;
  return x;
}

CultivationEntry ReadEntry(const storage::Row& r, const domain::registry::DivisionTree& tree) {
  CultivationEntry x;
  x.estate_code = r.Text(0);
  x.estate_name = r.Text(1);
  x.county_code = r.Text(2);
  x.town_code = r.Text(3);
  x.town_name = TownName(tree, x.town_code);
  x.households = r.Int(4);
  x.source = r.Text(5);
  x.reason = r.Text(6);
  x.satisfaction_sample = r.Int(7);
  x.satisfaction_index = r.OptText(8);
  x.satisfaction_rank = OptInt(r, 9);
  x.complaint_count = r.Int(10);
  x.complaint_rate = r.Text(11);
  x.complaint_rank = OptInt(r, 12);
  x.top_satisfaction = r.Bool(13);
  x.bottom_complaints = r.Bool(14);
  x.demonstration = r.Bool(15);
  x.listed_at = r.Text(16);
  return x;
}

void InsertEntry(storage::Connection& c, int year, const std::string& county, const CultivationEntry& e,
                 const std::string& now, const Actor& actor) {
  auto opt = [](const std::optional<int64_t>& v) { return v ? storage::Value(*v) : storage::Null(); };
  c.Exec("INSERT INTO cultivation_entries(campaign_year, county_code, estate_code, source, reason, households, "
         "satisfaction_sample, satisfaction_index, satisfaction_rank, complaint_count, complaint_rate, complaint_rank, "
         "top_satisfaction, bottom_complaints, demonstration, listed_at, listed_by) "
         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
         {int64_t(year), county, e.estate_code, e.source, e.reason, e.households, e.satisfaction_sample,
          storage::OptText(e.satisfaction_index), opt(e.satisfaction_rank), e.complaint_count, e.complaint_rate,
          opt(e.complaint_rank), int64_t(e.top_satisfaction), int64_t(e.bottom_complaints),
          int64_t(e.demonstration), now, actor.user_id ? storage::Value(*actor.user_id) : storage::Null()});
}

CultivationTask ReadTask(const storage::Row& r) {
  CultivationTask t;
  t.id = r.Int(0);
  t.estate_code = r.Text(1);
  t.estate_name = r.Text(2);
  t.county_code = r.Text(3);
  t.town_code = r.Text(4);
  t.unit_type = domain::cultivation::ParseUnitType(r.TextView(5)).value();  // the CHECK constraint keeps it valid
  t.unit_name = r.Text(6);
  t.title = r.Text(7);
  t.due_on = Date::Parse(r.TextView(8)).value_or(Date{});
  t.status = domain::cultivation::ParseTaskStatus(r.TextView(9)).value();
  if (!r.IsNull(10)) t.done_on = Date::Parse(r.TextView(10));
  t.created_at = r.Text(11);
  t.created_by = r.Text(12);
  t.updated_at = r.Text(13);
  return t;
}

policy::EstateRef RefOfEntry(const CultivationEntry& e) { return {e.estate_code, e.county_code, e.town_code}; }
policy::EstateRef RefOfTask(const CultivationTask& t) { return {t.estate_code, t.county_code, t.town_code}; }

Error NotListed() {
  return Error::NotFound("cultivation.not_listed", "该小区不在已确认的重点培育名单中",
                         "This estate is not on a confirmed cultivation list");
}
Error TaskNotFound() {
  return Error::NotFound("task.not_found", "培育任务不存在，或不在您的管辖范围内",
                         "No such cultivation task, or it lies outside your scope");
}
std::string ActorName(const Actor& a) { return a.username.empty() ? std::string("system") : a.username; }

}  // namespace meihao::service::cultivation::internal

#include "service/registry/estates.h"

#include <boost/json.hpp>
#include <mutex>
#include <unordered_map>

#include "common/clock.h"
#include "service/audit/audit.h"
#include "service/registry/estate_sql.h"

namespace meihao::service::registry {
namespace {

Status Check(policy::Decision d) {
  if (d == policy::Decision::kAllow) return OkStatus();
  return policy::DecisionError(d);
}

Error EstateNotFound() {
  return Error::NotFound("estate.not_found", "小区不存在或不在您的管辖范围内",
                         "No such estate, or it lies outside your scope");
}


Status Validate(const Context& ctx, const domain::registry::Estate& e) {
  auto errors = domain::registry::ValidateEstate(e, ctx.tree);
  if (!errors.empty()) return errors.front();
  return OkStatus();
}

// List totals by filter, valid while the register's generation is unchanged.
// Counting a county's estates costs far more than the page itself; clerks
// page through the same filter again and again.
class CountCache {
 public:
  int64_t Count(storage::Connection& c, const SqlClause& where) {
    int64_t gen = EstateGeneration(c);  // read before counting: a race only costs a recount
    std::string key = where.sql;
    for (const auto& p : where.params) {
      key += '\x1f';
      if (const auto* s = std::get_if<std::string>(&p)) key += *s;
      else if (const auto* i = std::get_if<int64_t>(&p)) key += std::to_string(*i);
    }
    {
      std::lock_guard lock(mu_);
      auto it = counts_.find(key);
      if (it != counts_.end() && it->second.first == gen) return it->second.second;
    }
    int64_t n = c.QueryInt("SELECT COUNT(*) FROM estates e WHERE " + where.sql, where.params).value_or(0);
    std::lock_guard lock(mu_);
    if (counts_.size() >= kMaxEntries) counts_.clear();
    counts_[key] = {gen, n};
    return n;
  }

 private:
  static constexpr size_t kMaxEntries = 4096;  // bounded: filters with free text are endless
  std::mutex mu_;
  std::unordered_map<std::string, std::pair<int64_t, int64_t>> counts_;
};

CountCache& Counts() {
  static CountCache cache;
  return cache;
}

}  // namespace

// Looks the estate up and checks it lies in the caller's scope, so that one
// outside the scope is indistinguishable from one that does not exist.
Result<EstateRecord> LoadVisible(storage::Connection& c, const Context& ctx, const Actor& actor,
                                 const std::string& code) {
  auto rec = LoadEstate(c, ctx.tree, code);
  if (!rec) return EstateNotFound();
  if (policy::CanReadEstate(actor.principal, RefOf(rec->estate), ctx.tree) != policy::Decision::kAllow)
    return EstateNotFound();
  return *rec;
}

std::string EstateAuditJson(const domain::registry::Estate& e) {
  boost::json::object o{{"code", e.code},
                        {"name", e.name},
                        {"county_code", e.county_code},
                        {"town_code", e.town_code},
                        {"community", e.community},
                        {"address", e.address},
                        {"households", e.households},
                        {"management_mode", std::string(domain::registry::ManagementModeKey(e.mode))},
                        {"company_name", e.company_name},
                        {"company_uscc", e.company_uscc},
                        {"owners_org", std::string(domain::registry::OwnersOrgKey(e.owners_org))},
                        {"party_org", e.party_org},
                        {"demonstration", e.demonstration}};
  return boost::json::serialize(o);
}

std::optional<std::string> EstateNameOf(const Context& ctx, const std::string& code) {
  return ctx.db.Acquire()->QueryText("SELECT name FROM estates WHERE code = ? AND deleted_at IS NULL", {code});
}

Result<PageInfo> VisitEstatePage(const Context& ctx, const Actor& actor, const EstateFilter& f,
                                 const std::function<void(const EstateRowView&)>& visit) {
  if (auto s = Check(policy::CanListEstates(actor.principal)); !s) return s.error();
  auto where = BuildEstateWhere(ctx.tree, actor.principal, f);
  if (!where) return where.error();
  auto order = OrderClause(f);
  if (!order) return order.error();
  if (f.page < 1 || f.page_size < 1 || f.page_size > kMaxPageSize)
    return Error::Invalid("page", "页码须 ≥ 1，每页条数须为 1–200", "page must be ≥ 1 and page_size 1–200",
                          "page_size");
  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);  // total and page from one snapshot, one lock
  PageInfo info{Counts().Count(*c, *where), f.page, f.page_size};
  storage::Params params = where->params;
  params.push_back(int64_t(f.page_size));
  params.push_back(int64_t(f.page - 1) * f.page_size);
  c->Query(std::string(kEstateSelect) + " WHERE " + where->sql + *order + " LIMIT ? OFFSET ?", params,
           [&](const storage::Row& r) { visit(ViewEstate(r, ctx.tree)); });
  snapshot.Commit();
  return info;
}

Result<std::vector<EstateRecord>> AllEstates(const Context& ctx, const Actor& actor, EstateFilter f) {
  if (auto s = Check(policy::CanExportEstates(actor.principal)); !s) return s.error();
  auto where = BuildEstateWhere(ctx.tree, actor.principal, f);
  if (!where) return where.error();
  auto c = ctx.db.Acquire();
  std::vector<EstateRecord> out;
  c->Query(std::string(kEstateSelect) + " WHERE " + where->sql + " ORDER BY e.code", where->params,
           [&](const storage::Row& r) { out.push_back(ReadEstate(r, ctx.tree)); });
  return out;
}

Result<EstateRecord> GetEstate(const Context& ctx, const Actor& actor, const std::string& code) {
  if (auto s = Check(policy::CanListEstates(actor.principal)); !s) return s.error();
  auto c = ctx.db.Acquire();
  return LoadVisible(*c, ctx, actor, code);
}

Result<EstateRecord> CreateEstate(const Context& ctx, const Actor& actor, const domain::registry::Estate& e) {
  if (auto s = Validate(ctx, e); !s) return s.error();
  if (auto s = Check(policy::CanCreateEstate(actor.principal, RefOf(e), ctx.tree)); !s) return s.error();
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  if (c->QueryInt("SELECT 1 FROM estates WHERE code = ?", {e.code}))
    return Error::Conflict("estate.code.duplicate", "小区编码已存在", "An estate with this code already exists",
                           "code");
  EstateWriter writer(*c, BusinessNowIso());
  writer.Upsert(e);
  writer.Flush();
  audit::AppendAudit(*c, {actor.user_id, actor.username, "estate.create", "estate:" + e.code, std::nullopt,
                   EstateAuditJson(e), actor.client, "ok"});
  auto rec = LoadEstate(*c, ctx.tree, e.code);
  tx.Commit();
  return *rec;
}

Result<EstateRecord> UpdateEstate(const Context& ctx, const Actor& actor, const std::string& code,
                                  domain::registry::Estate e, int64_t version) {
  e.code = code;  // the code is the key; renaming is not an update
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto before = LoadVisible(*c, ctx, actor, code);
  if (!before) return before.error();
  if (auto s = Validate(ctx, e); !s) return s.error();
  if (auto s = Check(policy::CanUpdateEstate(actor.principal, RefOf(before->estate), RefOf(e), ctx.tree)); !s)
    return s.error();
  if (before->version != version)
    return Error::Conflict("estate.version.stale", "该小区已被他人修改，请刷新后重新编辑",
                           "Someone else changed this estate; reload and edit again", "version");
  EstateWriter writer(*c, BusinessNowIso());
  writer.Upsert(e);
  writer.Flush();
  audit::AppendAudit(*c, {actor.user_id, actor.username, "estate.update", "estate:" + code,
                   EstateAuditJson(before->estate), EstateAuditJson(e), actor.client, "ok"});
  auto rec = LoadEstate(*c, ctx.tree, code);
  tx.Commit();
  return *rec;
}

Status DeleteEstate(const Context& ctx, const Actor& actor, const std::string& code) {
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto before = LoadVisible(*c, ctx, actor, code);
  if (!before) return before.error();
  if (auto s = Check(policy::CanDeleteEstate(actor.principal, RefOf(before->estate), ctx.tree)); !s)
    return s.error();
  c->Exec("UPDATE estates SET deleted_at = ?, version = version + 1 WHERE code = ?", {BusinessNowIso(), code});
  BumpEstateGeneration(*c);
  audit::AppendAudit(*c, {actor.user_id, actor.username, "estate.delete", "estate:" + code,
                   EstateAuditJson(before->estate), std::nullopt, actor.client, "ok"});
  tx.Commit();
  return OkStatus();
}

Result<EstateStats> EstateStatistics(const Context& ctx, const Actor& actor) {
  if (auto s = Check(policy::CanListEstates(actor.principal)); !s) return s.error();
  auto where = BuildEstateWhere(ctx.tree, actor.principal, EstateFilter{});
  if (!where) return where.error();
  auto c = ctx.db.Acquire();
  EstateStats st;
  for (const auto* county : ctx.tree.Counties()) st.by_county.push_back({county->code, county->name, 0, 0});
  for (auto m : {"professional", "self", "none"}) st.by_mode.push_back({m, 0});
  c->Query("SELECT e.county_code, e.management_mode, COUNT(*) FROM estates e WHERE " + where->sql +
               " GROUP BY e.county_code, e.management_mode",
           where->params, [&](const storage::Row& r) {
             std::string county = r.Text(0), mode = r.Text(1);
             int64_t n = r.Int(2);
             st.total += n;
             for (auto& cc : st.by_county)
               if (cc.code == county) { cc.count += n; if (mode != "none") cc.managed += n; }
             for (auto& mc : st.by_mode)
               if (mc.mode == mode) mc.count += n;
           });
  // A county user sees only its own county in the chart.
  std::erase_if(st.by_county, [&](const CountyCount& cc) {
    return !ctx.tree.IsWithin(cc.code, actor.principal.scope) && !ctx.tree.IsWithin(actor.principal.scope, cc.code);
  });
  return st;
}

Result<std::vector<std::pair<std::string, int64_t>>> EstateCountsByTown(const Context& ctx, const Actor& actor) {
  if (auto s = Check(policy::CanListEstates(actor.principal)); !s) return s.error();
  auto where = BuildEstateWhere(ctx.tree, actor.principal, EstateFilter{});
  if (!where) return where.error();
  auto c = ctx.db.Acquire();
  std::vector<std::pair<std::string, int64_t>> out;
  c->Query("SELECT e.town_code, COUNT(*) FROM estates e WHERE " + where->sql + " GROUP BY e.town_code",
           where->params, [&](const storage::Row& r) { out.emplace_back(r.Text(0), r.Int(1)); });
  return out;
}

}  // namespace meihao::service::registry

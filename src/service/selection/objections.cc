#include "service/selection/objections.h"

#include <boost/json.hpp>

#include "common/clock.h"
#include "domain/forms/text_fields.h"
#include "domain/selection/publicity.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/selection/selection_internal.h"

namespace meihao::service::selection {
namespace {

using namespace internal;
using policy::Decision;

constexpr std::string_view kObjectionSelect =
    "SELECT o.id, o.campaign_year, o.level, o.unit_code, o.application_id, a.estate_code, "
    "COALESCE(e.name, a.estate_code), o.reason, o.name, o.phone, o.filed_at, o.status, o.answer, o.handled_at, "
    "u.display_name, a.county_code "
    "FROM objections o JOIN applications a ON a.id = o.application_id LEFT JOIN estates e ON e.code = a.estate_code "
    "LEFT JOIN users u ON u.id = o.handled_by ";

ObjectionView ReadObjection(const storage::Row& r, bool full_phone) {
  ObjectionView o;
  o.id = r.Int(0);
  o.year = static_cast<int>(r.Int(1));
  o.level = r.Text(2);
  o.unit_code = r.Text(3);
  o.application_id = r.Int(4);
  o.estate_code = r.Text(5);
  o.estate_name = r.Text(6);
  o.reason = r.Text(7);
  o.name = r.Text(8);
  o.phone = full_phone ? r.Text(9) : domain::forms::MaskPhone(r.TextView(9));
  o.phone_masked = !full_phone;
  o.filed_at = r.Text(10);
  o.status = r.Text(11);
  o.answer = r.Text(12);
  o.handled_at = r.OptText(13);
  o.handled_by = r.OptText(14);
  return o;
}

Error ObjectionNotFound() { return Error::NotFound("objection.not_found", "该异议不存在", "No such objection"); }

}  // namespace

namespace internal {
std::vector<ObjectionView> LoadObjections(storage::Connection& c, int year, policy::Level level,
                                          const std::string& unit, bool full_phone) {
  std::vector<ObjectionView> out;
  c.Query(std::string(kObjectionSelect) + "WHERE o.campaign_year = ? AND o.level = ? AND o.unit_code = ? ORDER BY o.id",
          {int64_t{year}, std::string(policy::LevelKey(level)), unit},
          [&](const storage::Row& r) { out.push_back(ReadObjection(r, full_phone)); });
  return out;
}
}  // namespace internal

Result<FiledObjection> FileObjection(const Context& ctx, const std::string& client, int year,
                                     const std::string& level, const std::string& unit, const ObjectionInput& in,
                                     Date today) {
  auto l = ParseLevelKey(level);
  if (!l) return l.error();
  Actor anonymous{std::nullopt, "", policy::Principal{0, policy::Role::kApplicant, ""}, client};
  auto ref = ResolveUnit(ctx, anonymous, *l, unit);
  if (!ref) return ref.error();
  if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();
  const std::string level_key(policy::LevelKey(ref->level));
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  auto stored = LoadList(*c, year, ref->level, ref->unit_code);
  if (!stored)
    return Error::NotFound("selection.not_published", "该名单尚未发布公示", "This list has not been published");
  std::optional<int64_t> application;
  std::string estate_name;
  c->Query(
      "SELECT se.application_id, COALESCE(e.name, se.estate_code) FROM selection_entries se "
      "LEFT JOIN estates e ON e.code = se.estate_code WHERE se.campaign_year = ? AND se.level = ? "
      "AND se.unit_code = ? AND se.estate_code = ? AND se.status = 'listed'",
      {int64_t{year}, level_key, ref->unit_code, in.estate_code}, [&](const storage::Row& r) {
        application = r.Int(0);
        estate_name = r.Text(1);
      });
  auto checked = domain::selection::CheckObjection({in.reason, in.name, in.phone}, stored->Window(), today, application.has_value());
  if (!checked) return checked.error();
  const std::string now = BusinessNowIso();
  c->Exec(
      "INSERT INTO objections(campaign_year, level, unit_code, application_id, reason, name, phone, client, filed_at, "
      "status) VALUES (?,?,?,?,?,?,?,?,?,'open')",
      {int64_t{year}, level_key, ref->unit_code, *application, checked->reason, checked->name, checked->phone, client,
       now});
  const int64_t id = *c->QueryInt("SELECT MAX(id) FROM objections");
  // The objector's name and phone stay out of the audit trail (it is read more widely).
  audit::AppendAudit(*c, {std::nullopt, "", "objection.file", "objection:" + std::to_string(id), std::nullopt,
                   boost::json::serialize(boost::json::object{{"campaign", year},
                                                              {"level", level_key},
                                                              {"unit", ref->unit_code},
                                                              {"estate", in.estate_code}}),
                   client, "ok"});
  tx.Commit();
  BumpGeneration();
  return FiledObjection{id, in.estate_code, estate_name, domain::forms::MaskPhone(checked->phone), now};
}

Result<std::vector<ObjectionView>> ListObjections(const Context& ctx, const Actor& actor, int year,
                                                  const std::string& level, const std::string& unit) {
  auto l = ParseLevelKey(level);
  if (!l) return l.error();
  const auto& p = actor.principal;
  if (policy::CanReadLevel(p, *l, ctx.tree.Root().code, ctx.tree) == Decision::kForbidden)
    return policy::DecisionError(Decision::kForbidden);
  auto ref = ResolveUnit(ctx, actor, *l, unit);
  if (!ref) return ref.error();
  if (auto d = policy::CanReadLevel(p, ref->level, ref->unit_code, ctx.tree); d != Decision::kAllow)
    return policy::DecisionError(d);
  if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();
  const bool handler = policy::CanManageLevel(p, ref->level, ref->unit_code, ctx.tree) == Decision::kAllow;
  std::vector<ObjectionView> out;
  auto c = ctx.db.Acquire();
  c->Query(std::string(kObjectionSelect) + "WHERE o.campaign_year = ? AND o.level = ? AND o.unit_code = ? ORDER BY o.id",
           {int64_t{year}, std::string(policy::LevelKey(ref->level)), ref->unit_code}, [&](const storage::Row& r) {
             // A county reading the city list sees the objections against its own estates only.
             if (!handler && p.role == policy::Role::kCountyAdmin && !ctx.tree.IsWithin(r.TextView(15), p.scope))
               return;
             out.push_back(ReadObjection(r, handler));
           });
  return out;
}

Result<ObjectionView> AnswerObjection(const Context& ctx, const Actor& actor, int year, int64_t id,
                                      const std::string& outcome, const std::string& answer, Date today) {
  const auto& p = actor.principal;
  const auto& root = ctx.tree.Root().code;
  if (policy::CanManageLevel(p, policy::Level::kCounty, root, ctx.tree) == Decision::kForbidden)
    return policy::DecisionError(Decision::kForbidden);  // no role that may never answer learns what exists
  auto c = ctx.db.Acquire();
  std::optional<ObjectionView> found;
  c->Query(std::string(kObjectionSelect) + "WHERE o.id = ? AND o.campaign_year = ?", {id, int64_t{year}},
           [&](const storage::Row& r) { found = ReadObjection(r, true); });
  if (!found) return ObjectionNotFound();
  auto level = policy::ParseLevel(found->level);
  if (!level) return Error::Internal("objection with an unknown level");
  if (auto d = policy::CanManageLevel(p, *level, found->unit_code, ctx.tree); d != Decision::kAllow)
    return d == Decision::kNotFound ? ObjectionNotFound() : policy::DecisionError(d);
  auto settings = campaigns::GetCampaign(ctx, year);
  if (!settings) return settings.error();
  if (auto st = RequireResolvePhase(*settings, *level, today); !st) return st.error();
  auto o = domain::selection::ParseObjectionOutcome(outcome);
  if (!o) return o.error();
  auto text = domain::selection::CheckObjectionAnswer(answer);
  if (!text) return text.error();

  storage::Transaction tx(*c, true);
  auto status = c->QueryText("SELECT status FROM objections WHERE id = ?", {id});
  if (status != "open")
    return Error::Conflict("objection.answered", "该异议已经处理，不能重复处理", "This objection has been answered already");
  const std::string key(domain::selection::ObjectionOutcomeKey(*o));
  const std::string now = BusinessNowIso();
  c->Exec("UPDATE objections SET status = ?, answer = ?, handled_at = ?, handled_by = ? WHERE id = ?",
          {key, *text, now, ActorId(actor), id});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "objection.answer", "objection:" + std::to_string(id),
                   boost::json::serialize(boost::json::object{{"status", "open"}}),
                   boost::json::serialize(boost::json::object{{"status", key},
                                                              {"estate", found->estate_code},
                                                              {"answer", *text}}),
                   actor.client, "ok"});
  if (*o == domain::selection::ObjectionOutcome::kUpheld) {
    const int64_t changed =
        c->Exec("UPDATE selection_entries SET status = 'removed' WHERE campaign_year = ? AND level = ? AND "
                "application_id = ? AND status = 'listed'",
                {int64_t{year}, found->level, found->application_id});
    if (changed > 0)
      audit::AppendAudit(*c, {actor.user_id, actor.username, "selection.entry.remove", "estate:" + found->estate_code,
                       boost::json::serialize(boost::json::object{{"status", "listed"}}),
                       boost::json::serialize(boost::json::object{{"status", "removed"},
                                                                  {"campaign", year},
                                                                  {"level", found->level},
                                                                  {"unit", found->unit_code},
                                                                  {"objection", id}}),
                       actor.client, "ok"});
  }
  std::optional<ObjectionView> after;
  c->Query(std::string(kObjectionSelect) + "WHERE o.id = ?", {id},
           [&](const storage::Row& r) { after = ReadObjection(r, true); });
  tx.Commit();
  BumpGeneration();
  return *after;
}

// ---- Rate limiter ----------------------------------------------------------

std::optional<int64_t> ObjectionRateLimiter::TryAcquire(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = by_client_.find(client);
  if (it == by_client_.end()) {
    if (by_client_.size() >= max_clients_) {
      // Drop expired clients first; if none, the one whose latest filing is oldest.
      std::erase_if(by_client_, [&](const auto& kv) { return kv.second.empty() || now - kv.second.back() >= window_; });
      if (by_client_.size() >= max_clients_) {
        auto oldest = by_client_.begin();
        for (auto i = by_client_.begin(); i != by_client_.end(); ++i)
          if (i->second.back() < oldest->second.back()) oldest = i;
        by_client_.erase(oldest);
      }
    }
    it = by_client_.emplace(client, std::deque<Clock::time_point>{}).first;
  }
  auto& q = it->second;
  while (!q.empty() && now - q.front() >= window_) q.pop_front();
  if (q.size() >= limit_) {
    auto wait = std::chrono::duration_cast<std::chrono::seconds>(q.front() + window_ - now).count();
    return wait < 1 ? 1 : wait + 1;
  }
  q.push_back(now);
  return std::nullopt;
}

void ObjectionRateLimiter::Release(const std::string& client) {
  std::lock_guard lock(mu_);
  auto it = by_client_.find(client);
  if (it == by_client_.end() || it->second.empty()) return;
  it->second.pop_back();
  if (it->second.empty()) by_client_.erase(it);
}

size_t ObjectionRateLimiter::tracked() const {
  std::lock_guard lock(mu_);
  return by_client_.size();
}

}  // namespace meihao::service::selection

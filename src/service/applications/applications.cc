// Creating, listing, reading, editing, submitting and withdrawing
// applications. Evidence files: applications_evidence.cc; the detail view and
// the principles' sentences: applications_view.cc.
#include "service/applications/applications.h"

#include <boost/json.hpp>

#include "common/clock.h"
#include "domain/campaigns/phases.h"
#include "service/applications/applications_internal.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/registry/estate_sql.h"
#include "service/indicators/rankings.h"
#include "service/rubric/rubric_store.h"

namespace meihao::service::applications {

// applications_view.cc
Result<ApplicationDetail> LoadDetail(const Context& ctx, storage::Connection& c, const ApplicationRecord& a,
                                     const indicators::RankedCampaign* ranked);

namespace {

using namespace internal;
using policy::Decision;

storage::Value UserId(const Actor& a) { return a.user_id ? storage::Value(*a.user_id) : storage::Null(); }

Error StaleVersion() {
  return Error::Conflict("application.version.stale", "申报材料已被修改（可能在另一个窗口），请刷新后重新编辑",
                         "The application changed meanwhile; reload and edit again", "version");
}

// Every applicant field checked; problems collected in order.
struct CheckedFields {
  std::optional<std::string> applicant_type, applicant_name, contact_name, contact_phone;
};
CheckedFields CheckFields(const ApplicantFields& in, bool all_required, std::vector<Error>& problems) {
  CheckedFields out;
  auto need = [&](const std::optional<std::string>& v) { return v || all_required; };
  if (need(in.applicant_type)) {
    auto t = domain::applications::ParseApplicantType(in.applicant_type.value_or(""));
    if (t) out.applicant_type = std::string(domain::applications::ApplicantTypeKey(*t)); else problems.push_back(t.error());
  }
  for (auto [field, src, dst] : {std::tuple{"applicant_name", &in.applicant_name, &out.applicant_name},
                                 std::tuple{"contact_name", &in.contact_name, &out.contact_name}}) {
    if (!need(*src)) continue;
    auto t = domain::applications::CheckApplicantText(src->value_or(""), field);
    if (t) *dst = *t; else problems.push_back(t.error());
  }
  if (need(in.contact_phone)) {
    auto p = domain::applications::CheckContactPhone(in.contact_phone.value_or(""));
    if (p) out.contact_phone = *p; else problems.push_back(p.error());
  }
  return out;
}

void Audit(storage::Connection& c, const Actor& actor, const std::string& action, const ApplicationRecord& a,
           std::optional<std::string> before, std::optional<std::string> after) {
  audit::AppendAudit(c, {actor.user_id, actor.username, action, "application:" + std::to_string(a.id), std::move(before),
                  std::move(after), actor.client, "ok"});
}

std::string IsoFromMs(int64_t ms) {
  std::string s = IsoFromUnix(ms / 1000);  // "…T06:00:00Z"
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03d", int(ms % 1000));
  return s.substr(0, s.size() - 1) + frac + "Z";
}

Result<ApplicationDetail> Reload(const Context& ctx, const Actor& actor, int year, int64_t id, Date today) {
  return GetApplication(ctx, actor, year, id, today);
}

}  // namespace

Result<ApplicationDetail> CreateApplication(const Context& ctx, const Actor& actor, int year,
                                            const std::string& estate_code, const ApplicantFields& fields,
                                            Date today) {
  auto c = ctx.db.Acquire();
  auto estate = estate_code.empty() ? std::nullopt : registry::LoadEstate(*c, ctx.tree, estate_code);
  const Decision d = policy::CanApply(actor.principal, estate ? registry::RefOf(estate->estate) : policy::EstateRef{}, ctx.tree);
  if (d == Decision::kForbidden) return policy::DecisionError(d);
  if (estate_code.empty())
    return Error::Invalid("estate_code.required", "请填写申报的小区编码", "estate_code is required", "estate_code");
  if (!estate || d != Decision::kAllow)
    return Error::NotFound("estate.not_found", "小区不存在，或不是您所在的小区（只能为本小区申报）",
                           "No such estate, or not your own estate");
  auto settings = campaigns::GetCampaign(ctx, year);
  if (!settings) return settings.error();
  if (auto s = domain::campaigns::RequirePhase(*settings, domain::campaigns::PhaseKey::kApply, today); !s) return s.error();
  std::vector<Error> problems;
  CheckedFields f = CheckFields(fields, true, problems);
  if (!problems.empty()) return problems.front();

  const std::string now = BusinessNowIso();
  ApplicationRecord a;
  {
    storage::Transaction tx(*c, true);
    if (c->QueryInt("SELECT 1 FROM applications WHERE campaign_year = ? AND estate_code = ?", {int64_t(year), estate_code}))
      return Error::Conflict("application.exists", "本小区在本年度活动中已有申报材料，每个小区只能申报一次",
                             "This estate has an application in this campaign already", "estate_code");
    c->Exec("INSERT INTO applications(campaign_year, estate_code, county_code, applicant_type, applicant_name, "
            "contact_name, contact_phone, status, created_at, created_by, updated_at, version) "
            "VALUES (?,?,?,?,?,?,?,'draft',?,?,?,1)",
            {int64_t(year), estate_code, estate->estate.county_code, *f.applicant_type, *f.applicant_name,
             *f.contact_name, *f.contact_phone, now, UserId(actor), now});
    const int64_t id = *c->QueryInt("SELECT id FROM applications WHERE campaign_year = ? AND estate_code = ?",
                                    {int64_t(year), estate_code});
    a = *LoadApplication(*c, ctx.tree, year, id);
    const std::string snapshot = SnapshotJson(*c, a);
    AppendHistory(*c, actor, a, "created", snapshot);
    Audit(*c, actor, "application.create", a, std::nullopt, snapshot);
    tx.Commit();
  }
  return Reload(ctx, actor, year, a.id, today);
}

Result<std::vector<ApplicationRecord>> ListApplications(const Context& ctx, const Actor& actor, int year,
                                                        const ApplicationFilter& filter) {
  if (auto d = policy::CanListApplications(actor.principal); d != Decision::kAllow) return policy::DecisionError(d);
  if (!filter.county.empty()) {
    const auto* d = ctx.tree.Find(filter.county);
    if (!d || d->level != domain::registry::Division::Level::kCounty)
      return Error::NotFound("county.not_found", "县（市、区）不存在", "No such county");
  }
  if (!filter.status.empty() && !domain::applications::ParseApplicationStatus(filter.status))
    return Error::Invalid("application.status.value", "状态须为 draft（草稿）、submitted（已提交）或 withdrawn（已撤回）",
                          "status must be draft, submitted or withdrawn", "status");
  if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();
  auto c = ctx.db.Acquire();
  std::vector<int64_t> ids;
  c->Query("SELECT id FROM applications WHERE campaign_year = ? AND (? = '' OR county_code = ?) AND "
           "(? = '' OR status = ?) ORDER BY id",
           {int64_t(year), filter.county, filter.county, filter.status, filter.status},
           [&](const storage::Row& r) { ids.push_back(r.Int(0)); });
  std::vector<ApplicationRecord> out;
  storage::Transaction snapshot(*c, false);
  for (int64_t id : ids) {
    auto a = LoadApplication(*c, ctx.tree, year, id);
    if (a && policy::InScope(actor.principal, RefOf(*a), ctx.tree)) out.push_back(std::move(*a));
  }
  snapshot.Commit();
  return out;
}

Result<ApplicationDetail> GetApplication(const Context& ctx, const Actor& actor, int year, int64_t id, Date today) {
  (void)today;
  auto c = ctx.db.Acquire();
  auto a = LoadForRead(*c, ctx, actor, year, id);
  if (!a) return a.error();
  std::optional<indicators::RankedCampaign> ranked;
  if (a->status != domain::applications::ApplicationStatus::kSubmitted) {  // live checks for what is not frozen
    auto r = indicators::RankCampaign(ctx, year);
    if (!r) return r.error();
    ranked = std::move(*r);
  }
  return LoadDetail(ctx, *c, *a, ranked ? &*ranked : nullptr);
}

Result<ApplicationDetail> UpdateApplication(const Context& ctx, const Actor& actor, int year, int64_t id,
                                            const ApplicationEdit& edit, Date today, std::vector<Error>* problems) {
  auto c = ctx.db.Acquire();
  auto a = LoadForWrite(*c, ctx, actor, year, id, today);
  if (!a) return a.error();
  if (auto s = domain::applications::CheckEditable(a->status); !s) return s.error();
  if (!edit.version)
    return Error::Invalid("version.required", "缺少版本号 version（请先读取申报材料）",
                          "version is required (read the application first)", "version");
  auto rubric = service::rubric::LoadRubric(*c, year, a->county_code);
  if (!rubric) return rubric.error();
  std::vector<Error> errors;
  CheckedFields f = CheckFields(edit.fields, false, errors);
  std::map<std::string, std::string> items;
  for (const auto& [item, text] : edit.items) {
    auto t = domain::applications::CheckSelfAssessment(*rubric, item, text);
    if (t) items[item] = *t; else errors.push_back(t.error());
  }
  if (!errors.empty()) {
    if (problems) *problems = errors;
    return errors.front();
  }

  {
    storage::Transaction tx(*c, true);
    auto current = LoadApplication(*c, ctx.tree, year, id);
    if (!current) return ApplicationNotFound();
    if (auto s = domain::applications::CheckEditable(current->status); !s) return s.error();
    if (current->version != *edit.version) return StaleVersion();
    const std::string before = SnapshotJson(*c, *current);
    ApplicationRecord next = *current;
    if (f.applicant_type) next.applicant_type = *f.applicant_type;
    if (f.applicant_name) next.applicant_name = *f.applicant_name;
    if (f.contact_name) next.contact_name = *f.contact_name;
    if (f.contact_phone) next.contact_phone = *f.contact_phone;
    const std::string now = BusinessNowIso();
    c->Exec("UPDATE applications SET applicant_type = ?, applicant_name = ?, contact_name = ?, contact_phone = ?, "
            "status = 'draft', updated_at = ?, version = version + 1 WHERE id = ?",
            {next.applicant_type, next.applicant_name, next.contact_name, next.contact_phone, now, id});
    for (const auto& [item, text] : items) {
      if (text.empty())
        c->Exec("DELETE FROM application_items WHERE application_id = ? AND item_id = ?", {id, item});
      else
        c->Exec("INSERT INTO application_items(application_id, item_id, text) VALUES (?,?,?) "
                "ON CONFLICT(application_id, item_id) DO UPDATE SET text = excluded.text",
                {id, item, text});
    }
    auto after = LoadApplication(*c, ctx.tree, year, id);
    const std::string snapshot = SnapshotJson(*c, *after);
    AppendHistory(*c, actor, *after, "edited", snapshot);
    Audit(*c, actor, "application.update", *after, before, snapshot);
    tx.Commit();
  }
  return Reload(ctx, actor, year, id, today);
}

Result<ApplicationDetail> SubmitApplication(const Context& ctx, const Actor& actor, int year, int64_t id,
                                            std::optional<int64_t> version, Date today,
                                            std::vector<Error>* problems) {
  auto c = ctx.db.Acquire();
  auto a = LoadForWrite(*c, ctx, actor, year, id, today);
  if (!a) return a.error();
  if (auto s = domain::applications::CheckEditable(a->status); !s) return s.error();
  auto ranked = indicators::RankCampaign(ctx, year);  // the checks as they stand now, frozen below
  if (!ranked) return ranked.error();
  auto checks = evaluation::AutomaticChecksOf(*ranked, a->estate_code);
  if (!checks) return Error::Internal("estate missing from the ranking: " + a->estate_code);

  {
    storage::Transaction tx(*c, true);
    auto current = LoadApplication(*c, ctx.tree, year, id);
    if (!current) return ApplicationNotFound();
    if (auto s = domain::applications::CheckEditable(current->status); !s) return s.error();
    if (version && current->version != *version) return StaleVersion();
    const std::string refinement = service::rubric::LoadRefinementJson(*c, year, current->county_code);
    auto rubric = service::rubric::RubricFromJson(refinement);
    if (!rubric) return rubric.error();
    std::map<std::string, std::string> texts;
    c->Query("SELECT item_id, text FROM application_items WHERE application_id = ?", {id},
             [&](const storage::Row& r) { texts[r.Text(0)] = r.Text(1); });
    if (auto missing = domain::applications::MissingSelfAssessments(*rubric, texts); !missing.empty()) {
      if (problems) *problems = missing;
      return missing.front();
    }
    const std::string before = SnapshotJson(*c, *current);
    const int64_t ms = BusinessNowMs();
    c->Exec("UPDATE applications SET status = 'submitted', rubric = ?, automatic = ?, submitted_at = ?, "
            "submitted_ms = ?, updated_at = ?, version = version + 1 WHERE id = ?",
            {refinement, evaluation::AutomaticChecksToJson(*checks), IsoFromMs(ms), ms, IsoFromUnix(ms / 1000), id});
    auto after = LoadApplication(*c, ctx.tree, year, id);
    const std::string snapshot = SnapshotJson(*c, *after);
    AppendHistory(*c, actor, *after, "submitted", snapshot);
    Audit(*c, actor, "application.submit", *after, before, snapshot);
    tx.Commit();
  }
  return Reload(ctx, actor, year, id, today);
}

Result<ApplicationDetail> WithdrawApplication(const Context& ctx, const Actor& actor, int year, int64_t id,
                                              std::optional<int64_t> version, Date today) {
  auto c = ctx.db.Acquire();
  auto a = LoadForWrite(*c, ctx, actor, year, id, today);
  if (!a) return a.error();
  {
    storage::Transaction tx(*c, true);
    auto current = LoadApplication(*c, ctx.tree, year, id);
    if (!current) return ApplicationNotFound();
    const bool reviewed = c->QueryInt("SELECT 1 FROM score_sheets WHERE application_id = ? AND level = 'county' "
                                      "AND status = 'submitted' LIMIT 1",
                                      {id})
                              .has_value();
    if (auto s = domain::applications::CheckWithdrawable(current->status, reviewed); !s) return s.error();
    if (version && current->version != *version) return StaleVersion();
    const std::string before = SnapshotJson(*c, *current);
    c->Exec("UPDATE applications SET status = 'withdrawn', updated_at = ?, version = version + 1 WHERE id = ?",
            {BusinessNowIso(), id});
    auto after = LoadApplication(*c, ctx.tree, year, id);
    const std::string snapshot = SnapshotJson(*c, *after);
    AppendHistory(*c, actor, *after, "withdrawn", snapshot);
    Audit(*c, actor, "application.withdraw", *after, before, snapshot);
    tx.Commit();
  }
  return Reload(ctx, actor, year, id, today);
}

Result<std::vector<HistoryEntry>> GetApplicationHistory(const Context& ctx, const Actor& actor, int year,
                                                        int64_t id) {
  auto c = ctx.db.Acquire();
  auto a = LoadForRead(*c, ctx, actor, year, id);
  if (!a) return a.error();
  std::vector<HistoryEntry> out;
  c->Query("SELECT id, event, at, username, snapshot FROM application_history WHERE application_id = ? ORDER BY id",
           {id}, [&](const storage::Row& r) { out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)}); });
  return out;
}

}  // namespace meihao::service::applications

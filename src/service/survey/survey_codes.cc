#include "service/survey/survey_codes.h"

#include <boost/json.hpp>

#include <algorithm>

#include "common/clock.h"
#include "domain/survey/survey.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/registry/estate_sql.h"

namespace meihao::service::survey {
namespace {

inline constexpr int64_t kMaxCodesPerIssue = 100000;


Status RequireIssuer(const Actor& actor) {
  // The same people who keep the register issue and void codes.
  if (policy::CanImportEstates(actor.principal) != policy::Decision::kAllow)
    return policy::DecisionError(policy::Decision::kForbidden);
  return OkStatus();
}

}  // namespace

Result<IssuedCodes> IssueHouseholdCodes(const Context& ctx, const Actor& actor, int year,
                                        const std::string& estate_code, int64_t count) {
  if (auto s = RequireIssuer(actor); !s) return s.error();
  if (auto campaign = campaigns::GetCampaign(ctx, year); !campaign) return campaign.error();
  auto c = ctx.db.Acquire();
  auto estate = registry::LoadVisible(*c, ctx, actor, estate_code);
  if (!estate) return estate.error();
  if (count == 0) count = estate->estate.households;
  if (count < 0 || count > kMaxCodesPerIssue || count > 2 * int64_t(estate->estate.households))
    return Error::Invalid("codes.count", "一次发放的住户码数量须为1至户数的2倍（最多100000）",
                          "count must be 1 … twice the households (at most 100000)", "count");
  IssuedCodes out{estate->estate.code, estate->estate.name,
                  std::string(estate->county_name) + std::string(estate->town_name),
                  domain::survey::NewHouseholdCodes(size_t(count))};
  // Stored in key order: the codes are random, so their order says nothing,
  // and sorted keys touch each page of the key index once.
  std::vector<std::pair<int64_t, std::string>> keyed;
  keyed.reserve(out.codes.size());
  for (const auto& code : out.codes) {
    std::string hash = domain::survey::CodeHash(*domain::survey::NormaliseCode(code));
    keyed.emplace_back(domain::survey::CodeKey(hash), std::move(hash));
  }
  std::sort(keyed.begin(), keyed.end());
  std::string now = BusinessNowIso();
  storage::Transaction tx(*c, true);
  // Many rows per statement: one statement's overhead for kRowsPerInsert codes.
  constexpr size_t kRowsPerInsert = 64;
  const std::string head =
      "INSERT INTO household_codes(campaign_year, estate_code, code_key, code_hash, status, issued_at) VALUES ";
  for (size_t i = 0; i < keyed.size(); i += kRowsPerInsert) {
    size_t n = std::min(kRowsPerInsert, keyed.size() - i);
    std::string sql = head;
    storage::Params p;
    p.reserve(n * 6);
    for (size_t j = 0; j < n; ++j) {
      sql += j ? ",(?,?,?,?,'issued',?)" : "(?,?,?,?,'issued',?)";
      p.insert(p.end(), {int64_t(year), estate_code, keyed[i + j].first, std::move(keyed[i + j].second), now});
    }
    c->Exec(sql, p);
  }
  audit::AppendAudit(*c, {actor.user_id, actor.username, "survey.codes.issue", "estate:" + estate_code, std::nullopt,
                   boost::json::serialize(boost::json::object{{"campaign", year}, {"count", count}}), actor.client, "ok"});
  tx.Commit();
  return out;
}

Status VoidHouseholdCode(const Context& ctx, const Actor& actor, int year, const std::string& typed_code) {
  if (auto s = RequireIssuer(actor); !s) return s.error();
  auto normal = domain::survey::NormaliseCode(typed_code);
  Error unknown = Error::NotFound("code.not_found", "住户码不存在（请核对是否抄写有误）", "No such household code");
  if (!normal) return unknown;
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  std::string hash = domain::survey::CodeHash(*normal), estate, status;
  c->Query("SELECT estate_code, status FROM household_codes WHERE code_key = ? AND code_hash = ? AND campaign_year = ?",
           {domain::survey::CodeKey(hash), hash, int64_t(year)}, [&](const storage::Row& r) { estate = r.Text(0); status = r.Text(1); });
  if (estate.empty() || !registry::LoadVisible(*c, ctx, actor, estate)) return unknown;
  if (status != "issued")
    return Error::Conflict("code.not_issued", status == "used" ? "该住户码已经使用，不能作废" : "该住户码已经作废",
                           status == "used" ? "This code has been used and cannot be voided" : "This code is already void");
  c->Exec("UPDATE household_codes SET status = 'void', changed_at = ? WHERE code_key = ? AND code_hash = ?",
          {BusinessNowIso(), domain::survey::CodeKey(hash), hash});
  audit::AppendAudit(*c, {actor.user_id, actor.username, "survey.codes.void", "estate:" + estate, std::nullopt,
                   boost::json::serialize(boost::json::object{{"campaign", year}, {"code_hash", hash}}), actor.client, "ok"});
  tx.Commit();
  return OkStatus();
}

Result<CodeCounts> HouseholdCodeCounts(const Context& ctx, const Actor& actor, int year, const std::string& estate_code) {
  if (policy::CanListEstates(actor.principal) != policy::Decision::kAllow)
    return policy::DecisionError(policy::Decision::kForbidden);
  auto c = ctx.db.Acquire();
  if (auto e = registry::LoadVisible(*c, ctx, actor, estate_code); !e) return e.error();
  CodeCounts n;
  c->Query("SELECT status, COUNT(*) FROM household_codes WHERE campaign_year = ? AND estate_code = ? GROUP BY status",
           {int64_t(year), estate_code}, [&](const storage::Row& r) {
             std::string_view s = r.TextView(0);
             (s == "issued" ? n.issued : s == "used" ? n.used : n.voided) += r.Int(1);
           });
  c->Query("SELECT channel, COUNT(*) FROM survey_responses WHERE campaign_year = ? AND estate_code = ? GROUP BY channel",
           {int64_t(year), estate_code}, [&](const storage::Row& r) {
             n.responses += r.Int(1);
             if (r.TextView(0) == "paper") n.paper += r.Int(1);
           });
  n.issued += n.used + n.voided;  // "issued" counts every code ever handed out
  return n;
}

}  // namespace meihao::service::survey

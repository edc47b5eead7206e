#include "service/survey/survey_responses.h"

#include <boost/json.hpp>
#include <future>
#include <map>
#include <vector>

#include "common/clock.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/figures/figures.h"

namespace meihao::service::survey {
namespace {

Error UnknownCode() {
  return Error::NotFound("survey.code.unknown", "住户码无效或已作废，请核对调查单上的住户码",
                         "Unknown or voided household code; check the code on your slip");
}
Error UsedCode() {
  return Error::Conflict("survey.code.used", "该户已经填写过问卷，每户只能填写一次，感谢您的参与",
                         "This household has already answered the survey");
}
Error WindowClosed(const domain::campaigns::CampaignSettings& s) {
  const std::string from = s.survey_from.ToString(), to = s.survey_to.ToString();
  return Error::Forbidden("survey.window.closed", "问卷填写时间为 " + from + " 至 " + to + "，当前不在填写时间内",
                          "The survey is open from " + from + " to " + to);
}

struct CodeRow {
  int64_t id = 0;
  int year = 0;
  std::string estate_code, status, estate_name, county_code, town_code;
};

std::optional<CodeRow> FindCode(storage::Connection& c, const std::string& hash) {
  std::optional<CodeRow> row;
  c.Query("SELECT h.id, h.campaign_year, h.estate_code, h.status, e.name, e.county_code, e.town_code "
          "FROM household_codes h JOIN estates e ON e.code = h.estate_code WHERE h.code_key = ? AND h.code_hash = ?",
          {domain::survey::CodeKey(hash), hash}, [&](const storage::Row& r) {
            row = CodeRow{r.Int(0), int(r.Int(1)), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)};
          });
  return row;
}

// The refusals shared by the page and the submission, in the order a
// resident should hear them: a wrong code, an answered one, then the dates.
Status CheckRedeemable(const CodeRow& code, const domain::campaigns::CampaignSettings& s, Date today) {
  if (code.status == "void") return UnknownCode();
  if (code.status == "used") return UsedCode();
  if (today < s.survey_from || s.survey_to < today) return WindowClosed(s);
  return OkStatus();
}

std::string Hash(std::string_view typed) {
  auto normal = domain::survey::NormaliseCode(typed);
  return normal ? domain::survey::CodeHash(*normal) : std::string();
}

// One submission inside the writer's transaction; writes nothing unless it succeeds.
Result<SurveyReceipt> Redeem(storage::Connection& c, const Context& ctx, const SurveySubmission& s,
                             const std::string& now, Date today, std::map<int, domain::campaigns::CampaignSettings>& campaigns) {
  const std::string hash = Hash(s.typed_code);
  auto code = hash.empty() ? std::nullopt : FindCode(c, hash);
  if (!code) return UnknownCode();
  if (s.year && *s.year != code->year) return UnknownCode();
  if (s.staff && !policy::InScope(s.staff->principal, {code->estate_code, code->county_code, code->town_code}, ctx.tree))
    return UnknownCode();  // outside the scope looks like no such code (404)
  auto it = campaigns.find(code->year);
  if (it == campaigns.end()) {
    auto settings = service::campaigns::LoadCampaign(c, code->year);
    if (!settings) return UnknownCode();
    it = campaigns.emplace(code->year, *settings).first;
  }
  if (auto st = CheckRedeemable(*code, it->second, today); !st) return st.error();
  // The status guard makes the redemption atomic even against another writer.
  if (c.Exec("UPDATE household_codes SET status = 'used', changed_at = ? WHERE id = ? AND status = 'issued'",
             {now, code->id}) != 1)
    return UsedCode();
  const auto& a = s.answers;
  const auto& d = a.dimensions;
  storage::Value entered_by = s.staff && s.staff->user_id ? storage::Value(*s.staff->user_id) : storage::Null();
  c.Exec("INSERT INTO survey_responses(campaign_year, estate_code, code_id, channel, received_at, overall, sanitation, "
         "greening, facilities, safety, fees_disclosure, responsiveness, comment, entered_by) "
         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
         {int64_t(code->year), code->estate_code, code->id, std::string(s.staff ? "paper" : "online"), now,
          int64_t(a.overall), int64_t(d[0]), int64_t(d[1]), int64_t(d[2]), int64_t(d[3]), int64_t(d[4]),
          int64_t(d[5]), a.comment, entered_by});
  figures::AddResponseToFigures(c, code->year, code->estate_code, a);
  if (s.staff) {
    // Paper entry is a member of staff acting: audited (without the answers).
    audit::AppendAudit(c, {s.staff->user_id, s.staff->username, "survey.paper", "estate:" + code->estate_code, std::nullopt,
                    boost::json::serialize(boost::json::object{{"campaign", code->year}, {"code_id", code->id}}),
                    s.staff->client, "ok"});
  }
  return SurveyReceipt{code->year, code->estate_code, code->estate_name, now};
}

}  // namespace

Result<SurveyInvitation> OpenSurvey(const Context& ctx, std::string_view typed_code, Date today) {
  const std::string hash = Hash(typed_code);
  if (hash.empty()) return UnknownCode();
  auto c = ctx.db.Acquire();
  storage::Transaction snapshot(*c, false);
  auto code = FindCode(*c, hash);
  if (!code) return UnknownCode();
  auto settings = service::campaigns::LoadCampaign(*c, code->year);
  if (!settings) return UnknownCode();
  if (auto st = CheckRedeemable(*code, *settings, today); !st) return st.error();
  snapshot.Commit();
  auto name = [&](const std::string& div) {
    const auto* d = ctx.tree.Find(div);
    return d ? d->name : std::string();
  };
  return SurveyInvitation{code->year,           code->estate_code,    code->estate_name, name(code->county_code),
                          name(code->town_code), settings->survey_from, settings->survey_to};
}

Status PrecheckSubmission(const Context& ctx, const SurveySubmission& s) {
  if (s.staff && policy::CanEnterPaperSurvey(s.staff->principal) != policy::Decision::kAllow)
    return policy::DecisionError(policy::Decision::kForbidden);
  if (auto st = domain::survey::ValidateAnswers(s.answers); !st) return st;
  if (!domain::survey::NormaliseCode(s.typed_code)) return UnknownCode();
  (void)ctx;
  return OkStatus();
}

SurveyIntake::SurveyIntake(Context ctx, size_t max_batch) : ctx_(ctx), max_batch_(std::max<size_t>(1, max_batch)) {
  writer_ = std::thread([this] {
    if (max_batch_ > 1) {
      // The writer's own connection: commits stop waiting for the disk; the
      // syncer makes them durable before anyone is answered.
      make_durable_ = ctx_.db.Acquire()->DeferDurability();
      syncer_ = std::thread([this] { Sync(); });
    }
    Run();
  });
}

SurveyIntake::~SurveyIntake() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  writer_.join();  // the queue is drained; then the syncer finishes what was committed
  {
    std::lock_guard lock(sync_mu_);
    writer_done_ = true;
  }
  sync_cv_.notify_all();
  if (syncer_.joinable()) syncer_.join();
}

void SurveyIntake::Submit(SurveySubmission s, Done done) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back({std::move(s), std::move(done)});
  }
  cv_.notify_one();
}

Result<SurveyReceipt> SurveyIntake::SubmitAndWait(SurveySubmission s) {
  if (auto st = PrecheckSubmission(ctx_, s); !st) return st.error();
  std::promise<Result<SurveyReceipt>> promise;
  auto future = promise.get_future();
  Submit(std::move(s), [&promise](Result<SurveyReceipt> r) { promise.set_value(std::move(r)); });
  return future.get();
}

void SurveyIntake::Run() {
  auto c = ctx_.db.Acquire();
  for (;;) {
    std::vector<Item> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued is done
      // No waiting for company: whatever queued up during the last commit
      // goes into this one, so a lone submission is not delayed.
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    Committed done = Execute(*c, std::move(batch));
    if (!make_durable_) {  // synchronous=FULL: durable already
      for (size_t i = 0; i < done.items.size(); ++i) done.items[i].done(std::move(done.results[i]));
      continue;
    }
    {
      std::lock_guard lock(sync_mu_);
      committed_.push_back(std::move(done));
    }
    sync_cv_.notify_one();
  }
}

SurveyIntake::Committed SurveyIntake::Execute(storage::Connection& c, std::vector<Item> batch) {
  std::vector<std::optional<Result<SurveyReceipt>>> results(batch.size());
  try {
    const std::string now = BusinessNowIso();
    const Date today = TodayInChina();
    std::map<int, domain::campaigns::CampaignSettings> campaigns;
    storage::Transaction tx(c, true);
    for (size_t i = 0; i < batch.size(); ++i) {
      // A savepoint per submission: a failing one leaves the others' work in the commit.
      c.Exec("SAVEPOINT submission");
      try {
        results[i] = Redeem(c, ctx_, batch[i].submission, now, today, campaigns);
      } catch (const std::exception& e) {
        c.Exec("ROLLBACK TO submission");
        results[i] = Error::Internal(e.what());
      }
      c.Exec("RELEASE submission");
    }
    tx.Commit();
  } catch (const std::exception& e) {
    for (auto& r : results) r = Error::Internal(std::string("survey commit failed: ") + e.what());
  }
  Committed out{std::move(batch), {}};
  for (auto& r : results) out.results.push_back(std::move(*r));
  return out;
}

void SurveyIntake::Sync() {
  for (;;) {
    std::deque<Committed> ready;
    {
      std::unique_lock lock(sync_mu_);
      sync_cv_.wait(lock, [&] { return writer_done_ || !committed_.empty(); });
      if (committed_.empty()) return;
      ready.swap(committed_);
    }
    // One sync covers every batch committed before it: while it runs, the
    // writer is already executing the next batch.
    std::optional<Error> failed;
    try {
      make_durable_();
    } catch (const std::exception& e) {
      failed = Error::Internal(std::string("survey sync failed: ") + e.what());
    }
    for (auto& batch : ready)
      for (size_t i = 0; i < batch.items.size(); ++i)
        batch.items[i].done(failed ? Result<SurveyReceipt>(*failed) : std::move(batch.results[i]));
  }
}

}  // namespace meihao::service::survey

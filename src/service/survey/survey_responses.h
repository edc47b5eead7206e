// Survey responses (rules.md §10): a household's code is redeemed together
// with its answers, atomically — a second use is refused — and the estate's
// kept figures grow in the same commit. Submissions go through one writer
// thread that commits them in groups: every submission waiting while the
// previous commit was being made durable shares the next commit, and each
// caller is told its outcome only after that commit is durable (group
// commit). The disk sync is pipelined: a second thread makes batch N durable
// (storage::Connection::DeferDurability) while the writer executes batch N+1.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/survey/survey.h"
#include "service/context.h"

namespace meihao::service::survey {

// What the public survey page shows for a code before it is answered.
struct SurveyInvitation {
  int year = 0;
  std::string estate_code, estate_name, county_name, town_name;
  Date survey_from, survey_to;
};

// 404 survey.code.unknown (unknown, malformed or voided), 409 survey.code.used,
// 403 survey.window.closed (naming the window's dates).
Result<SurveyInvitation> OpenSurvey(const Context& ctx, std::string_view typed_code, Date today);

struct SurveySubmission {
  std::string typed_code;
  domain::survey::SurveyAnswers answers;
  // Paper entry: the member of staff who typed it in (scope-checked, audited)
  // and the campaign year of the page they used. Online: both empty.
  std::optional<Actor> staff;
  std::optional<int> year;
};

struct SurveyReceipt {
  int year = 0;
  std::string estate_code, estate_name, received_at;
};

// Checks that need no database (answers, the code's form, the staff role):
// run before queueing so a bad request never waits for a commit.
Status PrecheckSubmission(const Context& ctx, const SurveySubmission& s);

class SurveyIntake {
 public:
  using Done = std::function<void(Result<SurveyReceipt>)>;

  // max_batch: the most submissions one commit carries; 1 gives one
  // transaction per submission (the baseline the benchmark compares with).
  SurveyIntake(Context ctx, size_t max_batch);
  ~SurveyIntake();  // finishes what is queued, then stops
  SurveyIntake(const SurveyIntake&) = delete;
  SurveyIntake& operator=(const SurveyIntake&) = delete;

  // `done` runs on the writer thread after the commit (or refusal). The
  // submission must have passed PrecheckSubmission.
  void Submit(SurveySubmission s, Done done);
  // Submit and wait (command line, tests).
  Result<SurveyReceipt> SubmitAndWait(SurveySubmission s);

 private:
  struct Item {
    SurveySubmission submission;
    Done done;
  };
  // A committed batch waiting for its sync before its callers hear of it.
  struct Committed {
    std::vector<Item> items;
    std::vector<Result<SurveyReceipt>> results;
  };
  void Run();
  void Sync();
  Committed Execute(storage::Connection& c, std::vector<Item> batch);

  Context ctx_;
  size_t max_batch_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  // Set before the threads start; empty when max_batch_ is 1 (the baseline:
  // synchronous commits, answered by the writer itself).
  std::function<void()> make_durable_;
  std::mutex sync_mu_;
  std::condition_variable sync_cv_;
  std::deque<Committed> committed_;
  bool writer_done_ = false;
  std::thread writer_, syncer_;
};

}  // namespace meihao::service::survey

// Objections (异议, rules.md §8, issue #4 part 5): anyone may object to an
// estate on a published list during its publicity (no login); the list's
// manager answers each one — upheld (the estate leaves the list, audited) or
// dismissed — with a written answer. The objector's phone is shown masked
// (domain::forms::MaskPhone) to every role but the handler, the level's manager
// (policy::CanManageLevel).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "service/context.h"
#include "service/selection/selection.h"

namespace meihao::service::selection {

struct ObjectionInput {
  std::string estate_code, reason, name, phone;
};
struct FiledObjection {
  int64_t id = 0;
  std::string estate_code, estate_name, masked_phone, filed_at;
};
// Public: domain::selection::CheckObjection (403 objection.not_started / objection.ended
// outside the window, 400 objection.estate.not_listed, the fields), stored
// with the client address. 404 campaign.not_found, selection.not_published
// (no published list for that level and unit), 400 selection.level.
Result<FiledObjection> FileObjection(const Context& ctx, const std::string& client, int year,
                                     const std::string& level, const std::string& unit, const ObjectionInput& in,
                                     Date today);

// The objections against a level's list, oldest first: managers and the
// auditor (read-only); the phone in full for the handler only.
Result<std::vector<ObjectionView>> ListObjections(const Context& ctx, const Actor& actor, int year,
                                                  const std::string& level, const std::string& unit);

// outcome upheld | dismissed (domain::selection::ParseObjectionOutcome), answer
// (domain::selection::CheckObjectionAnswer). 404 objection.not_found; 409
// objection.answered. Phase: county lists in county_review or city_review,
// city lists in city_review or summary.
Result<ObjectionView> AnswerObjection(const Context& ctx, const Actor& actor, int year, int64_t id,
                                      const std::string& outcome, const std::string& answer, Date today);

// Objections filed per client address: at most `limit` in a sliding `window`
// (memory only; a restart forgets). Bounded: at most max_clients addresses
// are tracked; when full, the one whose latest filing is oldest is dropped.
// Only accepted objections count: TryAcquire reserves a place, Release gives
// it back when the objection is then refused.
class ObjectionRateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit ObjectionRateLimiter(size_t limit = 5, Clock::duration window = std::chrono::minutes(10),
                                size_t max_clients = 10000)
      : limit_(limit), window_(window), max_clients_(max_clients) {}

  // nullopt: allowed (and counted); else the seconds until a place frees up (≥ 1).
  std::optional<int64_t> TryAcquire(const std::string& client, Clock::time_point now = Clock::now());
  void Release(const std::string& client);
  size_t tracked() const;

 private:
  size_t limit_;
  Clock::duration window_;
  size_t max_clients_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> by_client_;
};

}  // namespace meihao::service::selection

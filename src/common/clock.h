// Wall-clock time in the two forms the platform stores: UTC ISO-8601 text
// for records people read, unix seconds for session clocks compared often.
//
// Two clocks (docs/decisions.md, "Campaign clock"):
// - the real clock (NowUnix, NowIso): sessions, idle and absolute limits,
//   login throttling, the audit trail's `at`; what security depends on;
// - the business clock (BusinessNowIso, BusinessNowMs): the times business
//   records carry (submitted, filed, published, answered, saved, …), which
//   follow the service's "today" (TodayInChina, MEIHAO_TODAY).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "common/date.h"

namespace meihao {
int64_t NowUnix();
std::string NowIso();              // "2026-11-29T06:00:00Z"
std::string IsoFromUnix(int64_t);  // same format

// The time business records carry: the UTC instant whose date in China
// Standard Time is TodayInChina() and whose time of day is the real one, i.e.
// the real time moved by whole days, (MEIHAO_TODAY − the real CST date) days.
// Without MEIHAO_TODAY it is the real time, so a deployment sees no
// difference. Why: training, the demo and the tests walk a past campaign's
// days with MEIHAO_TODAY, and a record filed "today" must not show a time
// years after the dates beside it. Sessions, login throttling and the audit
// trail keep the real clock: moving today forward must not log everybody out
// or let a session outlive its idle limit, and an audit record says when it
// really happened.
std::string BusinessNowIso();  // "2023-09-05T06:00:00Z" under MEIHAO_TODAY=2023-09-05
int64_t BusinessNowMs();       // the same instant in unix milliseconds (ordering ties)
// The arithmetic of both, pure: the real unix time `real` moved by whole days
// so that its CST date is `today`; `real` unchanged when today is nullopt.
int64_t BusinessUnixAt(int64_t real, std::optional<Date> today);
}  // namespace meihao

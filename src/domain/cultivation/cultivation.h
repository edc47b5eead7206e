// Cultivation (重点培育, rules.md §4 and issue #3 part 6): the pure rules of the
// work that follows a county's confirmed list — tasks assigned to responsible
// units with due dates, their status changes, overdue tasks, progress per
// county, the checks of what clerks type, and what counts as a photo.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"

namespace meihao::domain::cultivation {

// The responsible unit of a task.
enum class UnitType { kStreetOffice, kEnforcement, kWater, kPower, kGas, kOther };
std::string_view UnitTypeKey(UnitType t);     // street_office, enforcement, water, power, gas, other
std::string_view UnitTypeNameZh(UnitType t);  // 街道办/镇政府, 执法部门, 供水, 供电, 燃气, 其他
// 400 cultivation.unit_type.value (field unit_type) unless an exact key.
Result<UnitType> ParseUnitType(std::string_view key);

enum class TaskStatus { kTodo, kDoing, kDone };
std::string_view TaskStatusKey(TaskStatus s);     // todo, doing, done
std::string_view TaskStatusNameZh(TaskStatus s);  // 未开始, 推进中, 已完成
// 400 cultivation.status.value (field status) unless an exact key.
Result<TaskStatus> ParseTaskStatus(std::string_view key);

// Work moves forward: todo → doing → done, or todo → done at once. Work found
// unfinished may go back one step (doing → todo, done → doing), but a done
// task never jumps back to todo: that would hide that work had been done.
// Staying put is allowed (the caller treats it as no change).
// Refusal: 409 cultivation.status.transition (field status).
Status CheckTransition(TaskStatus from, TaskStatus to);

// Overdue: not done and the due day has passed (due < today; due today is not overdue).
inline bool IsOverdue(TaskStatus s, Date due, Date today) { return s != TaskStatus::kDone && due < today; }
// Whole days past the due day (0 when not overdue).
int64_t DaysOverdue(TaskStatus s, Date due, Date today);

// ---- Checks of typed input (400 with Chinese and English messages) --------

inline constexpr size_t kMaxUnitNameChars = 100;
inline constexpr size_t kMaxTitleChars = 200;
inline constexpr size_t kMaxReasonChars = 500;
inline constexpr size_t kMinReasonChars = 2;
inline constexpr size_t kMaxNoteChars = 2000;

// Each trims the text (ASCII and ideographic spaces) and returns the trimmed
// text: required, valid UTF-8, within the length in characters. Codes are
// cultivation.<field>.required | .encoding | .length, field = the API key.
Result<std::string> CheckUnitName(std::string_view text);
Result<std::string> CheckTaskTitle(std::string_view text);
Result<std::string> CheckReason(std::string_view text);  // also at least kMinReasonChars
Result<std::string> CheckNoteText(std::string_view text);

// A task's due date: YYYY-MM-DD, not before `today` (a task due in the past
// would be overdue when assigned) and not after 31 December of the campaign
// year. Codes cultivation.due_on.required | .format | .past | .after_year.
Result<Date> CheckDueOn(std::string_view text, Date today, int campaign_year);

// ---- Progress per county ----------------------------------------------------

struct TaskFacts {
  std::string county_code, estate_code;
  TaskStatus status = TaskStatus::kTodo;
  Date due_on;
};

struct CountyProgress {
  int64_t listed = 0;              // estates on the confirmed list
  int64_t estates_with_tasks = 0;  // listed estates with at least one task
  int64_t total = 0, todo = 0, doing = 0, done = 0, overdue = 0;
  bool operator==(const CountyProgress&) const = default;
};

// round(100 × done / total), halves up; nullopt without tasks.
std::optional<int64_t> DonePercent(int64_t done, int64_t total);

// `listed` maps each listed estate's code to its county; tasks of estates not
// in it are ignored (outside the caller's view). Every county of `listed`
// appears in the answer, even without tasks.
std::map<std::string, CountyProgress> ProgressByCounty(const std::map<std::string, std::string>& listed,
                                                       std::span<const TaskFacts> tasks, Date today);

// ---- Photos -----------------------------------------------------------------

inline constexpr size_t kMaxPhotoBytes = 5u << 20;  // 5 MiB
inline constexpr int64_t kMaxPhotosPerNote = 9;

// The photo's type, or: 400 photo.empty, 413 photo.too_large (over
// kMaxPhotoBytes), 400 photo.type (not a JPEG or PNG by content). Field "photo".
Result<std::string_view> CheckPhoto(std::string_view bytes);

// The uploader's file name made safe to keep and offer back: the last path
// component, control characters and quotes removed, trimmed, at most 100
// characters, and ending in the extension of the content's type
// (.jpg/.jpeg or .png; otherwise that extension is appended). Empty → "photo.jpg"/"photo.png".
std::string SafePhotoName(std::string_view uploaded, std::string_view mime);

}  // namespace meihao::domain::cultivation

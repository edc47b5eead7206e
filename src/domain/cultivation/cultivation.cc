#include "domain/cultivation/cultivation.h"

#include <array>
#include <utility>

#include "common/text.h"
#include "domain/forms/file_types.h"

namespace meihao::domain::cultivation {
namespace {

struct UnitTypeInfo {
  UnitType type;
  std::string_view key, zh;
};
constexpr std::array<UnitTypeInfo, 6> kUnitTypes = {{
    {UnitType::kStreetOffice, "street_office", "街道办/镇政府"},
    {UnitType::kEnforcement, "enforcement", "执法部门"},
    {UnitType::kWater, "water", "供水"},
    {UnitType::kPower, "power", "供电"},
    {UnitType::kGas, "gas", "燃气"},
    {UnitType::kOther, "other", "其他"},
}};

struct StatusInfo {
  TaskStatus status;
  std::string_view key, zh;
};
constexpr std::array<StatusInfo, 3> kStatuses = {{
    {TaskStatus::kTodo, "todo", "未开始"},
    {TaskStatus::kDoing, "doing", "推进中"},
    {TaskStatus::kDone, "done", "已完成"},
}};

// One typed text: trimmed, required, valid UTF-8, between min and max characters.
Result<std::string> CheckText(std::string_view text, const std::string& field, std::string_view name_zh,
                              std::string_view name_en, size_t min_chars, size_t max_chars) {
  std::string t = Trim(text);
  const std::string code = "cultivation." + field;
  if (t.empty())
    return Error::Invalid(code + ".required", "请填写" + std::string(name_zh),
                          std::string(name_en) + " is required", field);
  if (!IsValidUtf8(t))
    return Error::Invalid(code + ".encoding", std::string(name_zh) + "含有无法识别的字符，请重新输入",
                          std::string(name_en) + " is not valid UTF-8 text", field);
  const size_t n = CodePointCount(t);
  if (n < min_chars || n > max_chars)
    return Error::Invalid(code + ".length",
                          std::string(name_zh) + "须为" + std::to_string(min_chars) + "至" + std::to_string(max_chars) +
                              "个字",
                          std::string(name_en) + " must be " + std::to_string(min_chars) + "–" +
                              std::to_string(max_chars) + " characters",
                          field);
  return t;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view UnitTypeKey(UnitType t) {
  for (const auto& u : kUnitTypes) if (u.type == t) return u.key;
  return "";
}
std::string_view UnitTypeNameZh(UnitType t) {
  for (const auto& u : kUnitTypes) if (u.type == t) return u.zh;
  return "";
}
Result<UnitType> ParseUnitType(std::string_view key) {
  for (const auto& u : kUnitTypes) if (u.key == key) return u.type;
  return Error::Invalid("cultivation.unit_type.value",
                        "责任单位类型须为：street_office（街道办/镇政府）、enforcement（执法部门）、water（供水）、"
                        "power（供电）、gas（燃气）、other（其他）",
                        "unit_type must be street_office, enforcement, water, power, gas or other", "unit_type");
}

std::string_view TaskStatusKey(TaskStatus s) {
  for (const auto& x : kStatuses) if (x.status == s) return x.key;
  return "";
}
std::string_view TaskStatusNameZh(TaskStatus s) {
  for (const auto& x : kStatuses) if (x.status == s) return x.zh;
  return "";
}
Result<TaskStatus> ParseTaskStatus(std::string_view key) {
  for (const auto& x : kStatuses) if (x.key == key) return x.status;
  return Error::Invalid("cultivation.status.value", "任务状态须为：todo（未开始）、doing（推进中）、done（已完成）",
                        "status must be todo, doing or done", "status");
}

Status CheckTransition(TaskStatus from, TaskStatus to) {
  if (from == TaskStatus::kDone && to == TaskStatus::kTodo)
    return Error::Conflict("cultivation.status.transition",
                           "已完成的任务不能改回“未开始”；如需继续整改，请改为“推进中”",
                           "A done task cannot go back to todo; set it to doing to reopen it", "status");
  return OkStatus();
}

int64_t DaysOverdue(TaskStatus s, Date due, Date today) {
  return IsOverdue(s, due, today) ? today.DayNumber() - due.DayNumber() : 0;
}

Result<std::string> CheckUnitName(std::string_view text) {
  return CheckText(text, "unit_name", "责任单位名称", "unit_name", 1, kMaxUnitNameChars);
}
Result<std::string> CheckTaskTitle(std::string_view text) {
  return CheckText(text, "title", "任务内容", "title", 1, kMaxTitleChars);
}
Result<std::string> CheckReason(std::string_view text) {
  return CheckText(text, "reason", "增补理由", "reason", kMinReasonChars, kMaxReasonChars);
}
Result<std::string> CheckNoteText(std::string_view text) {
  return CheckText(text, "text", "进展情况", "text", 1, kMaxNoteChars);
}

Result<Date> CheckDueOn(std::string_view text, Date today, int campaign_year) {
  if (Trim(text).empty())
    return Error::Invalid("cultivation.due_on.required", "请填写完成期限", "due_on is required", "due_on");
  auto d = Date::Parse(text);
  if (!d)
    return Error::Invalid("cultivation.due_on.format", "完成期限须为有效日期，格式为 YYYY-MM-DD（如 2023-07-31）",
                          "due_on must be a real date written YYYY-MM-DD", "due_on");
  if (*d < today)
    return Error::Invalid("cultivation.due_on.past", "完成期限不能早于今天（" + today.ToString() + "）",
                          "due_on cannot be before today (" + today.ToString() + ")", "due_on");
  const Date year_end{campaign_year, 12, 31};
  if (*d > year_end)
    return Error::Invalid("cultivation.due_on.after_year", "完成期限不能晚于活动年度末（" + year_end.ToString() + "）",
                          "due_on cannot be after the end of the campaign year (" + year_end.ToString() + ")",
                          "due_on");
  return *d;
}

std::optional<int64_t> DonePercent(int64_t done, int64_t total) {
  if (total <= 0) return std::nullopt;
  return (200 * done + total) / (2 * total);  // round half up in integers
}

std::map<std::string, CountyProgress> ProgressByCounty(const std::map<std::string, std::string>& listed,
                                                       std::span<const TaskFacts> tasks, Date today) {
  std::map<std::string, CountyProgress> out;
  for (const auto& [estate, county] : listed) ++out[county].listed;
  std::map<std::string, bool> has_task;
  for (const auto& t : tasks) {
    auto it = listed.find(t.estate_code);
    if (it == listed.end()) continue;
    CountyProgress& p = out[it->second];
    ++p.total;
    if (t.status == TaskStatus::kTodo) ++p.todo;
    if (t.status == TaskStatus::kDoing) ++p.doing;
    if (t.status == TaskStatus::kDone) ++p.done;
    if (IsOverdue(t.status, t.due_on, today)) ++p.overdue;
    if (!has_task[t.estate_code]) {
      has_task[t.estate_code] = true;
      ++p.estates_with_tasks;
    }
  }
  return out;
}

Result<std::string_view> CheckPhoto(std::string_view bytes) {
  if (bytes.empty()) return Error::Invalid("photo.empty", "照片文件为空，请重新选择", "The photo is empty", "photo");
  if (bytes.size() > kMaxPhotoBytes)
    return Error{ErrorKind::kTooLarge, "photo.too_large", "照片不能超过 5 MiB，请压缩后再上传",
                 "The photo exceeds 5 MiB", "photo"};
  auto type = forms::SniffImageType(bytes);
  if (!type)
    return Error::Invalid("photo.type", "只能上传 JPEG 或 PNG 格式的照片（按文件内容判断，改扩展名无效）",
                          "Only JPEG or PNG photos are accepted (judged by content, not by the name)", "photo");
  return *type;
}

std::string SafePhotoName(std::string_view uploaded, std::string_view mime) {
  auto slash = uploaded.find_last_of("/\\");
  if (slash != std::string_view::npos) uploaded.remove_prefix(slash + 1);
  std::string kept;
  for (char c : uploaded)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F && c != '"') kept += c;
  std::string name = IsValidUtf8(kept) ? Trim(kept) : std::string();
  if (CodePointCount(name) > 100) {  // cut at a character boundary: re-encode the first 100 code points
    std::string cut;
    size_t chars = 0, i = 0;
    while (i < name.size() && chars < 100) {
      size_t len = 1;
      unsigned char c = static_cast<unsigned char>(name[i]);
      if (c >= 0xF0) len = 4; else if (c >= 0xE0) len = 3; else if (c >= 0xC0) len = 2;
      cut.append(name, i, len);
      i += len;
      ++chars;
    }
    name = cut;
  }
  const bool png = mime == "image/png";
  if (name.empty()) return png ? "photo.png" : "photo.jpg";
  const bool ext_ok = png ? EndsWith(name, ".png") : (EndsWith(name, ".jpg") || EndsWith(name, ".jpeg"));
  return ext_ok ? name : name + (png ? ".png" : ".jpg");
}

}  // namespace meihao::domain::cultivation

#include "service/evaluation/evaluation_internal.h"

#include "common/text.h"
#include "service/campaigns/campaigns.h"
#include "service/rubric/rubric_store.h"

namespace meihao::service::evaluation::internal {

Result<policy::Level> LevelOf(const std::string& key) {
  if (auto l = policy::ParseLevel(key)) return *l;
  return Error::Invalid("level.invalid", "评审层级 level 须为 county（县级）或 city（市级）",
                        "level must be county or city", "level");
}

domain::campaigns::PhaseKey PhaseOf(policy::Level l) {
  return l == policy::Level::kCounty ? domain::campaigns::PhaseKey::kCountyReview : domain::campaigns::PhaseKey::kCityReview;
}

std::string UnitOf(policy::Level l, const std::string& county_code, const domain::registry::DivisionTree& tree) {
  return l == policy::Level::kCounty ? county_code : tree.Root().code;
}

namespace {
constexpr std::string_view kAppColumns =
    "a.id, a.campaign_year, a.estate_code, e.name, a.county_code, e.town_code, COALESCE(co.uscc, ''), a.status, "
    "COALESCE(a.rubric, ''), COALESCE(a.automatic, ''), a.applicant_type, a.applicant_name, "
    "COALESCE(a.submitted_at, '')";
constexpr std::string_view kAppJoins =
    " FROM applications a JOIN estates e ON e.code = a.estate_code LEFT JOIN companies co ON co.id = e.company_id";

AppRow ReadApp(const storage::Row& r, int first) {
  AppRow a;
  a.id = r.Int(first);
  a.year = int(r.Int(first + 1));
  a.estate_code = r.Text(first + 2);
  a.estate_name = r.Text(first + 3);
  a.county_code = r.Text(first + 4);
  a.town_code = r.Text(first + 5);
  a.company_uscc = r.Text(first + 6);
  a.status = r.Text(first + 7);
  a.rubric = r.Text(first + 8);
  a.automatic = r.Text(first + 9);
  a.applicant_type = r.Text(first + 10);
  a.applicant_name = r.Text(first + 11);
  a.submitted_at = r.Text(first + 12);
  return a;
}
}  // namespace

std::optional<AppRow> LoadApp(storage::Connection& c, int64_t id) {
  std::optional<AppRow> out;
  c.Query("SELECT " + std::string(kAppColumns) + std::string(kAppJoins) + " WHERE a.id = ?", {id},
          [&](const storage::Row& r) { out = ReadApp(r, 0); });
  return out;
}

std::optional<AssignmentRow> LoadAssignment(storage::Connection& c, int64_t id) {
  std::optional<AssignmentRow> out;
  c.Query("SELECT s.id, s.level, s.evaluator_id, u.display_name, s.assigned_at, " + std::string(kAppColumns) +
              std::string(kAppJoins) + " JOIN assignments s ON s.application_id = a.id "
              "JOIN users u ON u.id = s.evaluator_id WHERE s.id = ?",
          {id}, [&](const storage::Row& r) {
            AssignmentRow row;
            row.app = ReadApp(r, 5);
            row.info.id = r.Int(0);
            row.info.level = r.Text(1);
            row.level = policy::ParseLevel(row.info.level).value_or(policy::Level::kCounty);
            row.info.evaluator_id = r.Int(2);
            row.info.evaluator_name = r.Text(3);
            row.info.assigned_at = r.Text(4);
            row.info.application_id = row.app.id;
            row.info.estate_code = row.app.estate_code;
            row.info.estate_name = row.app.estate_name;
            row.info.county_code = row.app.county_code;
            out = std::move(row);
          });
  return out;
}

Result<domain::rubric::Rubric> RubricFor(storage::Connection& c, policy::Level l, const AppRow& app,
                                 const domain::registry::DivisionTree& tree) {
  if (l == policy::Level::kCounty) return service::rubric::RubricFromJson(app.rubric);
  return service::rubric::LoadRubric(c, app.year, tree.Root().code);
}

std::string SheetStatus(storage::Connection& c, int64_t application_id, const std::string& level,
                        int64_t evaluator_id) {
  return c.QueryText("SELECT status FROM score_sheets WHERE application_id = ? AND level = ? AND evaluator_id = ?",
                     {application_id, level, evaluator_id})
      .value_or("");
}

Result<domain::campaigns::CampaignSettings> CampaignOf(storage::Connection& c, int year) {
  if (auto s = campaigns::LoadCampaign(c, year)) return *s;
  return Error::NotFound("campaign.not_found", std::to_string(year) + " 年度活动尚未设立",
                         "There is no campaign for " + std::to_string(year));
}

Error AssignmentNotFound() {
  return Error::NotFound("assignment.not_found", "评审任务不存在，或不是分配给您的",
                         "No such assignment, or it is not yours");
}

Error SheetSubmitted() {
  return Error::Conflict("sheet.submitted", "评分表已提交，不能再修改、撤销或声明回避",
                         "The score sheet is submitted; it can no longer change");
}

Result<std::string> CheckReasonText(const std::string& text, const std::string& code, const std::string& field,
                                    const std::string& what_zh) {
  std::string t = Trim(text);
  const size_t n = CodePointCount(t);
  if (!IsValidUtf8(t) || n < 2 || n > 500)
    return Error::Invalid(code, what_zh + "须填写2至500个字", field + " must be 2 to 500 characters", field);
  return t;
}

storage::Value UserIdOf(const Actor& a) { return a.user_id ? storage::Value(*a.user_id) : storage::Null(); }

}  // namespace meihao::service::evaluation::internal

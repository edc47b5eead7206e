#include "policy/policy.h"

#include <array>

namespace meihao::policy {
namespace {

using domain::registry::DivisionTree;

enum class Action {
  kList, kRead, kCreate, kUpdate, kDelete, kImport, kExport, kUsers, kAudit, kDivisions,
  kCultivationRead, kCultivationManage, kCultivationProgress,
};

// What each role may ever do, before scope is considered. Rows follow the
// rules in the brief; evaluators get estate access later, through assignments.
bool RoleMay(Role r, Action a) {
  switch (r) {
    case Role::kCityAdmin:
      return true;
    case Role::kCountyAdmin:
      return a != Action::kUsers && a != Action::kAudit;
    case Role::kStreetStaff:
      return a == Action::kList || a == Action::kRead || a == Action::kExport || a == Action::kDivisions ||
             a == Action::kCultivationRead || a == Action::kCultivationProgress;
    case Role::kApplicant:
      return a == Action::kList || a == Action::kRead || a == Action::kDivisions;
    case Role::kEvaluator:
      return a == Action::kDivisions;
    case Role::kAuditor:
      return a == Action::kList || a == Action::kRead || a == Action::kExport || a == Action::kAudit ||
             a == Action::kDivisions || a == Action::kCultivationRead;
    case Role::kAssessor:
      // The register with its indicator figures (rankings are read like the
      // export) and the cultivation work: what an assessment stands on.
      return a == Action::kList || a == Action::kRead || a == Action::kExport || a == Action::kDivisions ||
             a == Action::kCultivationRead;
  }
  return false;
}

Decision Plain(const Principal& p, Action a) {
  return RoleMay(p.role, a) ? Decision::kAllow : Decision::kForbidden;
}

Decision OnEstate(const Principal& p, Action a, const EstateRef& e, const DivisionTree& tree) {
  if (!RoleMay(p.role, a)) return Decision::kForbidden;
  return InScope(p, e, tree) ? Decision::kAllow : Decision::kNotFound;
}

constexpr std::array<std::pair<Role, std::string_view>, 7> kKeys = {{
    {Role::kCityAdmin, "city_admin"},   {Role::kCountyAdmin, "county_admin"},
    {Role::kStreetStaff, "street_staff"}, {Role::kApplicant, "applicant"},
    {Role::kEvaluator, "evaluator"},    {Role::kAuditor, "auditor"},
    {Role::kAssessor, "assessor"},
}};

// The county and the scope overlap: the county lies within the scope (county
// and city users) or the scope within the county (a town's staff).
bool Overlaps(const Principal& p, std::string_view county_code, const DivisionTree& tree) {
  return tree.IsWithin(county_code, p.scope) || tree.IsWithin(p.scope, county_code);
}

}  // namespace

std::string_view RoleKey(Role r) {
  for (const auto& [role, key] : kKeys) if (role == r) return key;
  return "";
}

std::string_view RoleLabel(Role r) {
  switch (r) {
    case Role::kCityAdmin: return "市级管理员";
    case Role::kCountyAdmin: return "县（市、区）管理员";
    case Role::kStreetStaff: return "街道（镇）工作人员";
    case Role::kApplicant: return "申报单位（红色管家）";
    case Role::kEvaluator: return "评审专家";
    case Role::kAuditor: return "审计员";
    case Role::kAssessor: return "第三方评估机构";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view key) {
  for (const auto& [role, k] : kKeys) if (k == key) return role;
  return std::nullopt;
}

bool InScope(const Principal& p, const EstateRef& e, const DivisionTree& tree) {
  if (p.role == Role::kApplicant) return !p.scope.empty() && e.code == p.scope;
  if (p.scope == tree.Root().code) return true;
  const std::string& node = tree.IsWithin(e.town_code, e.county_code) ? e.town_code : e.county_code;
  return tree.IsWithin(node, p.scope);
}

Decision CanListEstates(const Principal& p) { return Plain(p, Action::kList); }
Decision CanImportEstates(const Principal& p) { return Plain(p, Action::kImport); }
Decision CanExportEstates(const Principal& p) { return Plain(p, Action::kExport); }
Decision CanManageUsers(const Principal& p) { return Plain(p, Action::kUsers); }
Decision CanEnterPaperSurvey(const Principal& p) {
  return p.role == Role::kCityAdmin || p.role == Role::kCountyAdmin || p.role == Role::kStreetStaff
             ? Decision::kAllow
             : Decision::kForbidden;
}
Decision CanReadAudit(const Principal& p) { return Plain(p, Action::kAudit); }

Decision CanWriteCountyReport(const Principal& p, std::string_view county_code, const DivisionTree& tree) {
  if (p.role != Role::kCountyAdmin) return Decision::kForbidden;
  return tree.IsWithin(county_code, p.scope) ? Decision::kAllow : Decision::kNotFound;
}
Decision CanReadCountyReport(const Principal& p, std::string_view county_code, const DivisionTree& tree) {
  if (p.role == Role::kApplicant || p.role == Role::kEvaluator || p.role == Role::kAssessor) return Decision::kForbidden;
  return tree.IsWithin(county_code, p.scope) || tree.IsWithin(p.scope, county_code) ? Decision::kAllow
                                                                                    : Decision::kNotFound;
}
Decision CanReviewCountyReports(const Principal& p) {
  return p.role == Role::kCityAdmin ? Decision::kAllow : Decision::kForbidden;
}
Decision CanCompareCountyReports(const Principal& p, const DivisionTree& tree) {
  if (p.role == Role::kCityAdmin) return Decision::kAllow;
  if (p.role != Role::kAuditor) return Decision::kForbidden;
  for (const auto* county : tree.Counties())
    if (!tree.IsWithin(county->code, p.scope)) return Decision::kForbidden;
  return Decision::kAllow;
}
Decision CanWriteCitySummary(const Principal& p) {
  return p.role == Role::kCityAdmin ? Decision::kAllow : Decision::kForbidden;
}
Decision CanReadCitySummary(const Principal& p) {
  return p.role == Role::kCityAdmin || p.role == Role::kAuditor ? Decision::kAllow : Decision::kForbidden;
}
Decision CanIssueDocuments(const Principal& p) {
  return p.role == Role::kCityAdmin ? Decision::kAllow : Decision::kForbidden;
}
Decision CanReadDocuments(const Principal& p) {
  return p.role == Role::kCityAdmin || p.role == Role::kAuditor || p.role == Role::kCountyAdmin
             ? Decision::kAllow
             : Decision::kForbidden;
}
Decision CanWriteCases(const Principal& p, std::string_view county_code, const DivisionTree& tree) {
  return CanWriteCountyReport(p, county_code, tree);  // the same people as a county's work report
}
Decision CanReadCases(const Principal& p, std::string_view county_code, const DivisionTree& tree) {
  return CanReadCountyReport(p, county_code, tree);
}
Decision CanReviewCases(const Principal& p) {
  return p.role == Role::kCityAdmin ? Decision::kAllow : Decision::kForbidden;
}
Decision CanReadDivisions(const Principal& p) { return Plain(p, Action::kDivisions); }

Decision CanReadEstate(const Principal& p, const EstateRef& e, const DivisionTree& tree) {
  return OnEstate(p, Action::kRead, e, tree);
}
Decision CanCreateEstate(const Principal& p, const EstateRef& e, const DivisionTree& tree) {
  return OnEstate(p, Action::kCreate, e, tree);
}
Decision CanDeleteEstate(const Principal& p, const EstateRef& e, const DivisionTree& tree) {
  return OnEstate(p, Action::kDelete, e, tree);
}
Decision CanUpdateEstate(const Principal& p, const EstateRef& before, const EstateRef& after,
                         const DivisionTree& tree) {
  const Decision d = OnEstate(p, Action::kUpdate, before, tree);
  return d == Decision::kAllow ? OnEstate(p, Action::kUpdate, after, tree) : d;
}

// A county's list: visible when the county lies within the scope (county and
// city users) or the scope within the county (street staff of one town).
Decision CanReadCultivation(const Principal& p) { return Plain(p, Action::kCultivationRead); }
Decision CanReadCultivationList(const Principal& p, std::string_view county_code, const DivisionTree& tree) {
  if (!RoleMay(p.role, Action::kCultivationRead)) return Decision::kForbidden;
  return tree.IsWithin(county_code, p.scope) || tree.IsWithin(p.scope, county_code) ? Decision::kAllow
                                                                                    : Decision::kNotFound;
}
Decision CanReadCultivationEstate(const Principal& p, const EstateRef& e, const DivisionTree& tree) {
  return OnEstate(p, Action::kCultivationRead, e, tree);
}
Decision CanManageCultivation(const Principal& p, std::string_view county_code, const DivisionTree& tree) {
  if (!RoleMay(p.role, Action::kCultivationManage)) return Decision::kForbidden;
  return tree.IsWithin(county_code, p.scope) ? Decision::kAllow : Decision::kNotFound;
}
Decision CanRecordCultivationProgress(const Principal& p, const EstateRef& e, const DivisionTree& tree) {
  return OnEstate(p, Action::kCultivationProgress, e, tree);
}

// ---- Applications, evaluation, selection ---------------------------------------

std::string_view LevelKey(Level l) { return l == Level::kCounty ? "county" : "city"; }
std::optional<Level> ParseLevel(std::string_view key) {
  if (key == "county") return Level::kCounty;
  if (key == "city") return Level::kCity;
  return std::nullopt;
}

Decision CanApply(const Principal& p, const EstateRef& e, const DivisionTree& tree) {
  if (p.role != Role::kApplicant) return Decision::kForbidden;
  return InScope(p, e, tree) ? Decision::kAllow : Decision::kNotFound;
}

Decision CanReadApplication(const Principal& p, const EstateRef& e, bool assigned, const DivisionTree& tree) {
  switch (p.role) {
    case Role::kEvaluator:
      return assigned ? Decision::kAllow : Decision::kNotFound;
    case Role::kApplicant:
    case Role::kCityAdmin:
    case Role::kCountyAdmin:
    case Role::kStreetStaff:
    case Role::kAuditor:
      return InScope(p, e, tree) ? Decision::kAllow : Decision::kNotFound;
    case Role::kAssessor:
      return Decision::kForbidden;  // assesses the cultivation work, not the applications
  }
  return Decision::kForbidden;
}

Decision CanListApplications(const Principal& p) {
  return p.role == Role::kEvaluator || p.role == Role::kAssessor ? Decision::kForbidden : Decision::kAllow;
}

Decision CanManageLevel(const Principal& p, Level level, std::string_view unit_code, const DivisionTree& tree) {
  if (p.role == Role::kCityAdmin) return Decision::kAllow;
  if (p.role != Role::kCountyAdmin || level == Level::kCity) return Decision::kForbidden;
  return tree.IsWithin(unit_code, p.scope) ? Decision::kAllow : Decision::kNotFound;
}

Decision CanReadLevel(const Principal& p, Level level, std::string_view unit_code, const DivisionTree& tree) {
  if (p.role == Role::kAuditor)
    return tree.IsWithin(unit_code, p.scope) || p.scope == tree.Root().code ? Decision::kAllow : Decision::kNotFound;
  if (p.role == Role::kCountyAdmin && level == Level::kCity) return Decision::kAllow;  // rows cut by the service
  return CanManageLevel(p, level, unit_code, tree);
}

Decision CanScore(const Principal& p, bool assigned) {
  if (p.role != Role::kEvaluator) return Decision::kForbidden;
  return assigned ? Decision::kAllow : Decision::kNotFound;
}

Decision CanDeclareAffiliations(const Principal& p) {
  return p.role == Role::kEvaluator ? Decision::kAllow : Decision::kForbidden;
}

Decision CanFileAssessment(const Principal& p) {
  return p.role == Role::kAssessor ? Decision::kAllow : Decision::kForbidden;
}
Decision CanAssessCounty(const Principal& p, std::string_view county_code, const DivisionTree& tree) {
  if (p.role != Role::kAssessor) return Decision::kForbidden;
  return Overlaps(p, county_code, tree) ? Decision::kAllow : Decision::kNotFound;
}
Decision CanReadAssessment(const Principal& p, std::string_view county_code, const DivisionTree& tree) {
  if (p.role == Role::kApplicant || p.role == Role::kEvaluator) return Decision::kForbidden;
  return Overlaps(p, county_code, tree) ? Decision::kAllow : Decision::kNotFound;
}
Decision CanAnswerAssessment(const Principal& p, std::string_view county_code, const DivisionTree& tree) {
  if (p.role != Role::kCountyAdmin) return Decision::kForbidden;
  return tree.IsWithin(county_code, p.scope) ? Decision::kAllow : Decision::kNotFound;
}

Error DecisionError(Decision d) {
  switch (d) {
    case Decision::kForbidden:
      return Error::Forbidden("forbidden", "您的角色无权进行此操作，如需办理请联系上级管理员",
                              "your role is not allowed to do this");
    case Decision::kNotFound:
      return Error::NotFound("not_found", "记录不存在，或不在您的管辖范围内",
                             "not found, or outside your scope");
    case Decision::kAllow:
      break;
  }
  return Error::Internal("DecisionError called for an allowed decision");
}

Status ToStatus(Decision d) {
  if (d == Decision::kAllow) return OkStatus();
  return DecisionError(d);
}

}  // namespace meihao::policy

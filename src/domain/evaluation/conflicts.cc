#include "domain/evaluation/conflicts.h"

namespace meihao::domain::evaluation {

std::string_view AffiliationKindKey(AffiliationKind k) {
  switch (k) {
    case AffiliationKind::kEstate: return "estate";
    case AffiliationKind::kCompany: return "company";
    case AffiliationKind::kTown: return "town";
  }
  return "estate";
}

std::string_view AffiliationKindZh(AffiliationKind k) {
  switch (k) {
    case AffiliationKind::kEstate: return "小区";
    case AffiliationKind::kCompany: return "物业服务企业";
    case AffiliationKind::kTown: return "镇（街道）";
  }
  return "小区";
}

std::optional<AffiliationKind> ParseAffiliationKind(std::string_view key) {
  if (key == "estate") return AffiliationKind::kEstate;
  if (key == "company") return AffiliationKind::kCompany;
  if (key == "town") return AffiliationKind::kTown;
  return std::nullopt;
}

namespace {

PairDecision Refuse(std::string code, std::string zh, std::string en) {
  return {PairVerdict::kRefuse, std::move(code), std::move(zh), std::move(en)};
}

bool Affiliated(const PairFacts& f, AffiliationKind kind, const std::string& value) {
  if (value.empty()) return false;
  for (const auto& a : f.affiliations)
    if (a.kind == kind && a.value == value) return true;
  return false;
}

}  // namespace

PairDecision DecidePair(const PairFacts& f, bool city_level) {
  if (f.already_assigned)
    return {PairVerdict::kSkip, "assignment.exists", "该评审专家已分配评审此申报，无需重复分配",
            "This evaluator is assigned to this application already"};
  if (!f.application_ready)
    return city_level ? Refuse("application.not_county_winner",
                               "该申报不在县（市、区）已确定的最终名单中，不能分配市级评审",
                               "The application is not on a county's final list")
                      : Refuse("application.not_submitted", "该申报尚未提交（或已撤回），不能分配评审",
                               "The application is not submitted");
  if (!f.evaluator_assignable)
    return Refuse("evaluator.not_assignable", "该用户不是可在本辖区评审的评审专家（或账号已停用）",
                  "The user is not an active evaluator whose scope covers this unit");
  if (f.declared_conflict)
    return Refuse("conflict.declared", "该评审专家此前已就此申报声明利益冲突，不能再分配",
                  "The evaluator declared a conflict on this application before");
  if (Affiliated(f, AffiliationKind::kEstate, f.estate_code))
    return Refuse("conflict.estate", "该评审专家申报了与该小区的关联关系（利益冲突），不能分配",
                  "The evaluator declared an affiliation with this estate");
  if (Affiliated(f, AffiliationKind::kCompany, f.company_uscc))
    return Refuse("conflict.company", "该评审专家申报了与该小区物业服务企业的关联关系（利益冲突），不能分配",
                  "The evaluator declared an affiliation with this estate's property service company");
  if (Affiliated(f, AffiliationKind::kTown, f.town_code))
    return Refuse("conflict.town", "该评审专家申报了与该小区所在镇（街道）的关联关系（利益冲突），不能分配",
                  "The evaluator declared an affiliation with this estate's town");
  return {};
}

}  // namespace meihao::domain::evaluation

// Conflicts of interest (rules.md §7): whether an evaluator may be assigned
// to an application at a level. An evaluator declares affiliations — estates
// (by estate code), property service companies (by unified social credit
// code) and towns (by division code) — and an assignment to an application
// whose estate, company or town is among them is refused with the reason. A
// conflict the evaluator declared on an earlier assignment bars the pair for
// good. Pure: the service gathers the facts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meihao::domain::evaluation {

enum class AffiliationKind { kEstate, kCompany, kTown };
// estate / company / town
std::string_view AffiliationKindKey(AffiliationKind k);
// 小区 / 物业服务企业 / 镇（街道）
std::string_view AffiliationKindZh(AffiliationKind k);
std::optional<AffiliationKind> ParseAffiliationKind(std::string_view key);  // exact key only

struct Affiliation {
  AffiliationKind kind = AffiliationKind::kEstate;
  std::string value;  // estate code, credit code or town code
};

// What the service knows about one (application, evaluator) pair.
struct PairFacts {
  // The application's estate, its property service company's credit code
  // ("" when it has none) and its town.
  std::string estate_code, company_uscc, town_code;
  // County level: the application is submitted. City level: it is listed on
  // a county's final list.
  bool application_ready = false;
  // The user exists, is an evaluator, is not disabled and its scope contains
  // the level's unit.
  bool evaluator_assignable = false;
  bool declared_conflict = false;  // declared on this application at this level before
  bool already_assigned = false;
  std::vector<Affiliation> affiliations;  // the evaluator's
};

enum class PairVerdict { kAssign, kSkip, kRefuse };

struct PairDecision {
  PairVerdict verdict = PairVerdict::kAssign;
  // For kRefuse and kSkip: a stable code and the reason in words.
  //   assignment.exists (skip), application.not_submitted,
  //   application.not_county_winner, evaluator.not_assignable,
  //   conflict.declared, conflict.estate, conflict.company, conflict.town
  std::string code, reason_zh, reason_en;
};

// In this order: an existing assignment is skipped (reported, never an
// error: assigning twice changes nothing); then the application must be
// ready, the evaluator assignable, no conflict declared, and no affiliation
// with the estate, its company or its town. `city_level` only words the
// not-ready reason.
PairDecision DecidePair(const PairFacts& f, bool city_level);

}  // namespace meihao::domain::evaluation

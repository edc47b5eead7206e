#include "policy/policy.h"

#include <gtest/gtest.h>

#include <functional>

namespace meihao::policy {
namespace {

using domain::registry::DivisionTree;

DivisionTree Tree() {
  return DivisionTree::FromCsv(
             "city_code,city_name,county_code,county_name,town_name,town_kind\n"
             "440700,江门市,440703,蓬江区,环市街道,street\n"   // 440703001
             "440700,江门市,440703,蓬江区,潮连街道,street\n"   // 440703002
             "440700,江门市,440705,新会区,会城街道,street\n")  // 440705001
      .value();
}

const std::vector<Principal> kPrincipals = {
    {1, Role::kCityAdmin, "440700"},   {2, Role::kCountyAdmin, "440703"},
    {3, Role::kStreetStaff, "440703001"}, {4, Role::kApplicant, "E-OWN"},
    {5, Role::kEvaluator, "440700"},   {6, Role::kAuditor, "440703"},
    {7, Role::kAssessor, "440703"},
};

// The situations, in grid column order.
const EstateRef kIn{"E-IN", "440703", "440703001"};          // in the street's town
const EstateRef kOtherTown{"E-OT", "440703", "440703002"};   // same county, other town
const EstateRef kOtherCounty{"E-OC", "440705", "440705001"};
const EstateRef kOwn{"E-OWN", "440703", "440703001"};        // the applicant's estate
const std::vector<EstateRef> kSituations = {kIn, kOtherTown, kOtherCounty, kOwn};

char Letter(Decision d) {
  switch (d) {
    case Decision::kAllow: return 'A';
    case Decision::kForbidden: return 'F';
    case Decision::kNotFound: return 'N';
  }
  return '?';
}

// Per role: read, create, update, delete × (in, other town, other county, own).
// A = allow, F = 403, N = 404. Written from the rules, not from the code.
struct Row { Role role; std::string read, create, update, del; };
const std::vector<Row> kObjectGrid = {
    {Role::kCityAdmin,   "AAAA", "AAAA", "AAAA", "AAAA"},
    {Role::kCountyAdmin, "AANA", "AANA", "AANA", "AANA"},
    {Role::kStreetStaff, "ANNA", "FFFF", "FFFF", "FFFF"},
    {Role::kApplicant,   "NNNA", "FFFF", "FFFF", "FFFF"},
    {Role::kEvaluator,   "FFFF", "FFFF", "FFFF", "FFFF"},
    {Role::kAuditor,     "AANA", "FFFF", "FFFF", "FFFF"},
    {Role::kAssessor,    "AANA", "FFFF", "FFFF", "FFFF"},
};

// Per role: list, import, export, manage users, read audit, read divisions.
const std::vector<std::pair<Role, std::string>> kPlainGrid = {
    {Role::kCityAdmin, "AAAAAA"},   {Role::kCountyAdmin, "AAAFFA"},
    {Role::kStreetStaff, "AFAFFA"}, {Role::kApplicant, "AFFFFA"},
    {Role::kEvaluator, "FFFFFA"},   {Role::kAuditor, "AFAFAA"},
    {Role::kAssessor, "AFAFFA"},  // figures and rankings are read like the export
};

TEST(PolicyTest, ObjectGrid) {
  const DivisionTree t = Tree();
  ASSERT_EQ(kObjectGrid.size(), kPrincipals.size());
  for (size_t i = 0; i < kPrincipals.size(); ++i) {
    const Principal& p = kPrincipals[i];
    const Row& row = kObjectGrid[i];
    ASSERT_EQ(p.role, row.role);
    std::string read, create, update, del;
    for (const EstateRef& e : kSituations) {
      read += Letter(CanReadEstate(p, e, t));
      create += Letter(CanCreateEstate(p, e, t));
      update += Letter(CanUpdateEstate(p, e, e, t));
      del += Letter(CanDeleteEstate(p, e, t));
    }
    EXPECT_EQ(read, row.read) << RoleKey(p.role) << " read";
    EXPECT_EQ(create, row.create) << RoleKey(p.role) << " create";
    EXPECT_EQ(update, row.update) << RoleKey(p.role) << " update";
    EXPECT_EQ(del, row.del) << RoleKey(p.role) << " delete";
  }
}

TEST(PolicyTest, PlainGrid) {
  for (size_t i = 0; i < kPrincipals.size(); ++i) {
    const Principal& p = kPrincipals[i];
    ASSERT_EQ(p.role, kPlainGrid[i].first);
    std::string got;
    for (auto check : {CanListEstates, CanImportEstates, CanExportEstates, CanManageUsers,
                       CanReadAudit, CanReadDivisions})
      got += Letter(check(p));
    EXPECT_EQ(got, kPlainGrid[i].second) << RoleKey(p.role);
  }
}

// Issue #4. Per role, over (in, other town, other county, own):
// apply; read with assigned=false; read with assigned=true.
struct ApplicationRow { Role role; std::string apply, read, read_assigned; };
const std::vector<ApplicationRow> kApplicationGrid = {
    {Role::kCityAdmin,   "FFFF", "AAAA", "AAAA"},
    {Role::kCountyAdmin, "FFFF", "AANA", "AANA"},
    {Role::kStreetStaff, "FFFF", "ANNA", "ANNA"},
    {Role::kApplicant,   "NNNA", "NNNA", "NNNA"},
    {Role::kEvaluator,   "FFFF", "NNNN", "AAAA"},
    {Role::kAuditor,     "FFFF", "AANA", "AANA"},
    {Role::kAssessor,    "FFFF", "FFFF", "FFFF"},  // assesses the cultivation work, never the applications
};

TEST(PolicyTest, ApplicationGrid) {
  const DivisionTree t = Tree();
  for (size_t i = 0; i < kPrincipals.size(); ++i) {
    const Principal& p = kPrincipals[i];
    const ApplicationRow& row = kApplicationGrid[i];
    ASSERT_EQ(p.role, row.role);
    std::string apply, read, read_assigned;
    for (const EstateRef& e : kSituations) {
      apply += Letter(CanApply(p, e, t));
      read += Letter(CanReadApplication(p, e, false, t));
      read_assigned += Letter(CanReadApplication(p, e, true, t));
    }
    EXPECT_EQ(apply, row.apply) << RoleKey(p.role) << " apply";
    EXPECT_EQ(read, row.read) << RoleKey(p.role) << " read";
    EXPECT_EQ(read_assigned, row.read_assigned) << RoleKey(p.role) << " read assigned";
  }
}

// Per role, over units (county 440703, county 440705, city 440700):
// manage county level ×2, manage city level; read county ×2, read city;
// then score unassigned, score assigned, list applications, affiliations.
struct LevelRow { Role role; std::string manage, read, other; };
const std::vector<LevelRow> kLevelGrid = {
    {Role::kCityAdmin,   "AAA", "AAA", "FFAF"},
    {Role::kCountyAdmin, "ANF", "ANA", "FFAF"},
    {Role::kStreetStaff, "FFF", "FFF", "FFAF"},
    {Role::kApplicant,   "FFF", "FFF", "FFAF"},
    {Role::kEvaluator,   "FFF", "FFF", "NAFA"},
    {Role::kAuditor,     "FFF", "ANN", "FFAF"},  // auditor scoped to 440703
    {Role::kAssessor,    "FFF", "FFF", "FFFF"},
};

TEST(PolicyTest, LevelGrid) {
  const DivisionTree t = Tree();
  for (size_t i = 0; i < kPrincipals.size(); ++i) {
    const Principal& p = kPrincipals[i];
    const LevelRow& row = kLevelGrid[i];
    ASSERT_EQ(p.role, row.role);
    std::string manage, read, other;
    manage += Letter(CanManageLevel(p, Level::kCounty, "440703", t));
    manage += Letter(CanManageLevel(p, Level::kCounty, "440705", t));
    manage += Letter(CanManageLevel(p, Level::kCity, "440700", t));
    read += Letter(CanReadLevel(p, Level::kCounty, "440703", t));
    read += Letter(CanReadLevel(p, Level::kCounty, "440705", t));
    read += Letter(CanReadLevel(p, Level::kCity, "440700", t));
    other += Letter(CanScore(p, false));
    other += Letter(CanScore(p, true));
    other += Letter(CanListApplications(p));
    other += Letter(CanDeclareAffiliations(p));
    EXPECT_EQ(manage, row.manage) << RoleKey(p.role) << " manage";
    EXPECT_EQ(read, row.read) << RoleKey(p.role) << " read";
    EXPECT_EQ(other, row.other) << RoleKey(p.role) << " score/list/affiliations";
  }
}

TEST(PolicyTest, LevelKeys) {
  EXPECT_EQ(ParseLevel("county"), Level::kCounty);
  EXPECT_EQ(ParseLevel("city"), Level::kCity);
  EXPECT_EQ(ParseLevel("County"), std::nullopt);
  EXPECT_EQ(LevelKey(Level::kCity), "city");
}

TEST(PolicyTest, UpdateMustStayInScope) {
  const DivisionTree t = Tree();
  const Principal county{2, Role::kCountyAdmin, "440703"};
  EXPECT_EQ(CanUpdateEstate(county, kIn, kOtherTown, t), Decision::kAllow);      // within the county
  EXPECT_EQ(CanUpdateEstate(county, kIn, kOtherCounty, t), Decision::kNotFound); // moving out
  EXPECT_EQ(CanUpdateEstate(county, kOtherCounty, kIn, t), Decision::kNotFound); // pulling in
  const Principal street{3, Role::kStreetStaff, "440703001"};
  EXPECT_EQ(CanUpdateEstate(street, kOtherCounty, kOtherCounty, t), Decision::kForbidden);  // role first
}

TEST(PolicyTest, InScopeEdges) {
  const DivisionTree t = Tree();
  struct C { std::string what; Principal p; EstateRef e; bool in; };
  const std::vector<C> cases = {
      {"city sees broken refs", {1, Role::kCityAdmin, "440700"}, {"X", "999999", "999999001"}, true},
      {"county: town of other county ignored, county decides",
       {2, Role::kCountyAdmin, "440703"}, {"X", "440703", "440705001"}, true},
      {"county: inconsistent ref outside", {2, Role::kCountyAdmin, "440705"}, {"X", "440703", "440705001"}, false},
      {"street: unknown town not in its town", {3, Role::kStreetStaff, "440703001"}, {"X", "440703", ""}, false},
      {"unknown scope sees nothing", {2, Role::kCountyAdmin, "440799"}, kIn, false},
      {"empty scope sees nothing", {2, Role::kCountyAdmin, ""}, kIn, false},
      {"applicant: own code", {4, Role::kApplicant, "E-OWN"}, kOwn, true},
      {"applicant: same town, other estate", {4, Role::kApplicant, "E-OWN"}, kIn, false},
      {"applicant: empty scope and empty code", {4, Role::kApplicant, ""}, {"", "440703", "440703001"}, false},
      {"applicant: a division code as scope is not an estate", {4, Role::kApplicant, "440703"}, kIn, false},
  };
  for (const auto& c : cases) EXPECT_EQ(InScope(c.p, c.e, t), c.in) << c.what;
}

TEST(PolicyTest, RolesAndLabels) {
  struct C { Role r; std::string key, label; };
  const std::vector<C> cases = {
      {Role::kCityAdmin, "city_admin", "市级管理员"},
      {Role::kCountyAdmin, "county_admin", "县（市、区）管理员"},
      {Role::kStreetStaff, "street_staff", "街道（镇）工作人员"},
      {Role::kApplicant, "applicant", "申报单位（红色管家）"},
      {Role::kEvaluator, "evaluator", "评审专家"},
      {Role::kAuditor, "auditor", "审计员"},
      {Role::kAssessor, "assessor", "第三方评估机构"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(RoleKey(c.r), c.key);
    EXPECT_EQ(RoleLabel(c.r), c.label);
    EXPECT_EQ(ParseRole(c.key), c.r);
    EXPECT_EQ(RoleFromKey(c.key), c.r);
  }
  EXPECT_EQ(ParseRole("City_Admin"), std::nullopt);
  EXPECT_EQ(ParseRole("admin"), std::nullopt);
  EXPECT_EQ(ParseRole(""), std::nullopt);
}

TEST(PolicyTest, Errors) {
  const Error f = DecisionError(Decision::kForbidden);
  EXPECT_EQ(HttpStatusOf(f.kind), 403);
  EXPECT_EQ(f.code, "forbidden");
  EXPECT_FALSE(f.message_zh.empty());
  const Error n = DecisionError(Decision::kNotFound);
  EXPECT_EQ(HttpStatusOf(n.kind), 404);
  EXPECT_EQ(n.code, "not_found");
  EXPECT_NE(n.message_zh.find("管辖范围"), std::string::npos);
  EXPECT_EQ(DecisionError(Decision::kAllow).kind, ErrorKind::kInternal);
  EXPECT_TRUE(ToStatus(Decision::kAllow).ok());
  EXPECT_EQ(ToStatus(Decision::kNotFound).error().kind, ErrorKind::kNotFound);
}

// Cultivation per role: read an estate's work, record progress on it (in,
// other town, other county, own), then read and manage the lists of 蓬江区
// and 新会区. Auditor's scope here is 蓬江区.
struct CultivationRow { Role role; std::string read, progress, lists, manage; };
const std::vector<CultivationRow> kCultivationGrid = {
    {Role::kCityAdmin,   "AAAA", "AAAA", "AA", "AA"},
    {Role::kCountyAdmin, "AANA", "AANA", "AN", "AN"},
    {Role::kStreetStaff, "ANNA", "ANNA", "AN", "FF"},
    {Role::kApplicant,   "FFFF", "FFFF", "FF", "FF"},
    {Role::kEvaluator,   "FFFF", "FFFF", "FF", "FF"},
    {Role::kAuditor,     "AANA", "FFFF", "AN", "FF"},
    {Role::kAssessor,    "AANA", "FFFF", "AN", "FF"},  // reads the work it assesses, records none
};

TEST(PolicyTest, CultivationGrid) {
  const auto tree = Tree();
  for (size_t r = 0; r < kCultivationGrid.size(); ++r) {
    const auto& row = kCultivationGrid[r];
    const Principal& p = kPrincipals[r];
    ASSERT_EQ(p.role, row.role);
    std::string read, progress, lists, manage;
    for (const auto& e : kSituations) {
      read += Letter(CanReadCultivationEstate(p, e, tree));
      progress += Letter(CanRecordCultivationProgress(p, e, tree));
    }
    for (const char* county : {"440703", "440705"}) {
      lists += Letter(CanReadCultivationList(p, county, tree));
      manage += Letter(CanManageCultivation(p, county, tree));
    }
    EXPECT_EQ(read, row.read) << RoleKey(row.role);
    EXPECT_EQ(progress, row.progress) << RoleKey(row.role);
    EXPECT_EQ(lists, row.lists) << RoleKey(row.role);
    EXPECT_EQ(manage, row.manage) << RoleKey(row.role);
    EXPECT_EQ(CanReadCultivation(p) == Decision::kAllow, row.lists[0] == 'A') << RoleKey(row.role);
  }
}

// A county's work report (issue #11), for the counties 蓬江区 (440703) and
// 新会区 (440705): write, read; and reviewing (returning, accepting) at all.
TEST(PolicyTest, CountyReportGrid) {
  struct Row {
    Role role;
    const char *write, *read;
    char review, compare;
  };
  const std::vector<Row> grid = {
      {Role::kCityAdmin, "FF", "AA", 'A', 'A'},    // reviews every county's report, writes none
      {Role::kCountyAdmin, "AN", "AN", 'F', 'F'},  // its own county's report only
      {Role::kStreetStaff, "FF", "AN", 'F', 'F'},  // reads its county's (its town lies within)
      {Role::kApplicant, "FF", "FF", 'F', 'F'},
      {Role::kEvaluator, "FF", "FF", 'F', 'F'},
      {Role::kAuditor, "FF", "AN", 'F', 'F'},      // this auditor (not every county)'s scope is 蓬江区
      {Role::kAssessor, "FF", "FF", 'F', 'F'},
  };
  const auto tree = Tree();
  for (size_t r = 0; r < grid.size(); ++r) {
    const Principal& p = kPrincipals[r];
    ASSERT_EQ(p.role, grid[r].role);
    std::string write, read;
    for (const char* county : {"440703", "440705"}) {
      write += Letter(CanWriteCountyReport(p, county, tree));
      read += Letter(CanReadCountyReport(p, county, tree));
    }
    EXPECT_EQ(write, grid[r].write) << RoleKey(p.role);
    EXPECT_EQ(read, grid[r].read) << RoleKey(p.role);
    EXPECT_EQ(Letter(CanReviewCountyReports(p)), grid[r].review) << RoleKey(p.role);
    EXPECT_EQ(Letter(CanCompareCountyReports(p, tree)), grid[r].compare) << RoleKey(p.role);
  }
  // A city-wide auditor compares every county.
  Principal city_auditor = kPrincipals[5];
  city_auditor.scope = "440700";
  EXPECT_EQ(CanCompareCountyReports(city_auditor, tree), Decision::kAllow);
}

// The assessor (issue #11 part 6) beyond the grids above: no records, no
// paper questionnaires.
TEST(PolicyTest, AssessorWritesNothingButItsRounds) {
  const Principal a{7, Role::kAssessor, "440703"};
  EXPECT_EQ(CanImportRecords(a), Decision::kForbidden);
  EXPECT_EQ(CanEnterPaperSurvey(a), Decision::kForbidden);
  EXPECT_EQ(CanFileAssessment(a), Decision::kAllow);
}

// Assessment rounds for 蓬江区 and 新会区: file (role), assess the county,
// read the findings, answer them.
TEST(PolicyTest, AssessmentGrid) {
  struct Row {
    Role role;
    char file;
    const char *assess, *read, *answer;
  };
  const std::vector<Row> grid = {
      {Role::kCityAdmin, 'F', "FF", "AA", "FF"},    // reads every county's findings; answers none
      {Role::kCountyAdmin, 'F', "FF", "AN", "AN"},  // answers its own county's findings
      {Role::kStreetStaff, 'F', "FF", "AN", "FF"},
      {Role::kApplicant, 'F', "FF", "FF", "FF"},
      {Role::kEvaluator, 'F', "FF", "FF", "FF"},
      {Role::kAuditor, 'F', "FF", "AN", "FF"},
      {Role::kAssessor, 'A', "AN", "AN", "FF"},     // its scope is 蓬江区
  };
  const auto tree = Tree();
  ASSERT_EQ(grid.size(), kPrincipals.size());
  for (size_t r = 0; r < grid.size(); ++r) {
    const Principal& p = kPrincipals[r];
    ASSERT_EQ(p.role, grid[r].role);
    std::string assess, read, answer;
    for (const char* county : {"440703", "440705"}) {
      assess += Letter(CanAssessCounty(p, county, tree));
      read += Letter(CanReadAssessment(p, county, tree));
      answer += Letter(CanAnswerAssessment(p, county, tree));
    }
    EXPECT_EQ(Letter(CanFileAssessment(p)), grid[r].file) << RoleKey(p.role);
    EXPECT_EQ(assess, grid[r].assess) << RoleKey(p.role);
    EXPECT_EQ(read, grid[r].read) << RoleKey(p.role);
    EXPECT_EQ(answer, grid[r].answer) << RoleKey(p.role);
  }
}

// The city's summary and commendations, and the documents it issues
// (issue #11 parts 2–3): write / read the summary, issue / read documents.
TEST(PolicyTest, CitySummaryAndDocumentsGrid) {
  struct Row {
    Role role;
    const char* letters;  // write summary, read summary, issue documents, read documents
  };
  const std::vector<Row> grid = {
      {Role::kCityAdmin, "AAAA"},   {Role::kCountyAdmin, "FFFA"}, {Role::kStreetStaff, "FFFF"},
      {Role::kApplicant, "FFFF"},   {Role::kEvaluator, "FFFF"},   {Role::kAuditor, "FAFA"},
  };
  for (size_t r = 0; r < grid.size(); ++r) {
    const Principal& p = kPrincipals[r];
    ASSERT_EQ(p.role, grid[r].role);
    std::string got;
    got += Letter(CanWriteCitySummary(p));
    got += Letter(CanReadCitySummary(p));
    got += Letter(CanIssueDocuments(p));
    got += Letter(CanReadDocuments(p));
    EXPECT_EQ(got, grid[r].letters) << RoleKey(p.role);
  }
}

// Typical cases (issue #11 part 4), for 蓬江区 (440703) and 新会区 (440705):
// write (create, edit, photos, submit), read; and reviewing (return, accept,
// publish) at all.
TEST(PolicyTest, TypicalCaseGrid) {
  struct Row {
    Role role;
    const char *write, *read;
    char review;
  };
  const std::vector<Row> grid = {
      {Role::kCityAdmin, "FF", "AA", 'A'},
      {Role::kCountyAdmin, "AN", "AN", 'F'},
      {Role::kStreetStaff, "FF", "AN", 'F'},
      {Role::kApplicant, "FF", "FF", 'F'},
      {Role::kEvaluator, "FF", "FF", 'F'},
      {Role::kAuditor, "FF", "AN", 'F'},
  };
  const auto tree = Tree();
  for (size_t r = 0; r < grid.size(); ++r) {
    const Principal& p = kPrincipals[r];
    ASSERT_EQ(p.role, grid[r].role);
    std::string write, read;
    for (const char* county : {"440703", "440705"}) {
      write += Letter(CanWriteCases(p, county, tree));
      read += Letter(CanReadCases(p, county, tree));
    }
    EXPECT_EQ(write, grid[r].write) << RoleKey(p.role);
    EXPECT_EQ(read, grid[r].read) << RoleKey(p.role);
    EXPECT_EQ(Letter(CanReviewCases(p)), grid[r].review) << RoleKey(p.role);
  }
}

}  // namespace
}  // namespace meihao::policy

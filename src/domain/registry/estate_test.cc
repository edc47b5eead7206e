#include "domain/registry/estate.h"

#include <gtest/gtest.h>

#include <functional>

namespace meihao::domain::registry {
namespace {

DivisionTree Tree() {
  return DivisionTree::FromCsv(
             "city_code,city_name,county_code,county_name,town_name,town_kind\n"
             "440700,江门市,440703,蓬江区,环市街道,street\n"
             "440700,江门市,440703,蓬江区,荷塘镇,town\n"
             "440700,江门市,440705,新会区,会城街道,street\n")
      .value();
}

Estate Good() {
  Estate e;
  e.code = "JM44070300001";
  e.name = "碧桂园·翠湖苑";
  e.county_code = "440703";
  e.town_code = "440703002";
  e.community = "荷塘社区";
  e.address = "荷塘镇三丫路8号";
  e.households = 600;
  e.mode = ManagementMode::kProfessional;
  e.company_name = "江门市碧桂园物业服务有限公司";
  e.company_uscc = "91440300708461136T";
  e.owners_org = OwnersOrg::kOwnersCommittee;
  e.party_org = true;
  return e;
}

std::vector<std::string> Codes(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const Error& e : errors) {
    EXPECT_EQ(e.kind, ErrorKind::kInvalid);
    EXPECT_FALSE(e.message_zh.empty());
    EXPECT_FALSE(e.message_en.empty());
    EXPECT_EQ(e.code.rfind("estate." + e.field + ".", 0), 0u) << e.code << " vs field " << e.field;
    out.push_back(e.code);
  }
  return out;
}

TEST(EstateTest, LabelsRoundTrip) {
  struct M { ManagementMode m; std::string key, label; };
  for (const M& c : std::vector<M>{{ManagementMode::kProfessional, "professional", "专业化物业管理"},
                                   {ManagementMode::kSelf, "self", "业主自行管理"},
                                   {ManagementMode::kNone, "none", "无物业管理"}}) {
    EXPECT_EQ(ManagementModeKey(c.m), c.key);
    EXPECT_EQ(ManagementModeLabel(c.m), c.label);
    EXPECT_EQ(ParseManagementMode(c.key), c.m);
    EXPECT_EQ(ParseManagementMode(c.label), c.m);
  }
  struct O { OwnersOrg o; std::string key, label; };
  for (const O& c : std::vector<O>{{OwnersOrg::kOwnersCommittee, "owners_committee", "业主委员会"},
                                   {OwnersOrg::kManagementCommittee, "management_committee", "物业管理委员会"},
                                   {OwnersOrg::kNone, "none", "无"}}) {
    EXPECT_EQ(OwnersOrgKey(c.o), c.key);
    EXPECT_EQ(OwnersOrgLabel(c.o), c.label);
    EXPECT_EQ(ParseOwnersOrg(c.key), c.o);
    EXPECT_EQ(ParseOwnersOrg(c.label), c.o);
  }
  EXPECT_EQ(ParseManagementMode(" Professional "), ManagementMode::kProfessional);
  EXPECT_EQ(ParseManagementMode("\u3000业主自行管理"), ManagementMode::kSelf);
  EXPECT_EQ(ParseManagementMode("专业物业"), std::nullopt);
  EXPECT_EQ(ParseManagementMode(""), std::nullopt);
  EXPECT_EQ(ParseOwnersOrg("业委会"), std::nullopt);
  EXPECT_TRUE(IsManaged(ManagementMode::kSelf));
  EXPECT_FALSE(IsManaged(ManagementMode::kNone));
}

TEST(EstateTest, GoodEstatePasses) {
  const DivisionTree t = Tree();
  EXPECT_TRUE(ValidateEstate(Good(), t).empty());
  Estate e = Good();
  e.mode = ManagementMode::kNone;
  e.company_name.clear();
  e.company_uscc.clear();
  e.community.clear();
  e.address.clear();
  EXPECT_TRUE(ValidateEstate(e, t).empty());
  EXPECT_EQ(Good(), Good());
  EXPECT_FALSE(Good() == e);
}

TEST(EstateTest, EachRule) {
  const DivisionTree t = Tree();
  struct C { std::string what; std::function<void(Estate&)> edit; std::vector<std::string> codes; };
  const std::string s100(100, 'x');
  std::string han100;  // 100 Chinese characters = 300 bytes: still allowed
  for (int i = 0; i < 100; ++i) han100 += "苑";
  const std::vector<C> cases = {
      {"code empty", [](Estate& e) { e.code = ""; }, {"estate.code.required"}},
      {"code 32", [](Estate& e) { e.code = std::string(32, 'A'); }, {}},
      {"code 33", [](Estate& e) { e.code = std::string(33, 'A'); }, {"estate.code.format"}},
      {"code dash underscore", [](Estate& e) { e.code = "a-b_C9"; }, {}},
      {"code space", [](Estate& e) { e.code = "JM 1"; }, {"estate.code.format"}},
      {"code chinese", [](Estate& e) { e.code = "小区1"; }, {"estate.code.format"}},
      {"name empty", [](Estate& e) { e.name = ""; }, {"estate.name.required"}},
      {"name blank", [](Estate& e) { e.name = "\u3000 "; }, {"estate.name.required"}},
      {"name 100 han", [&](Estate& e) { e.name = han100; }, {}},
      {"name 101", [&](Estate& e) { e.name = han100 + "x"; }, {"estate.name.too_long"}},
      {"name bad utf8", [](Estate& e) { e.name = "\xB0\xA1"; }, {"estate.name.encoding"}},
      {"county unknown", [](Estate& e) { e.county_code = "440781"; }, {"estate.county_code.unknown"}},
      {"county is city", [](Estate& e) { e.county_code = "440700"; }, {"estate.county_code.unknown"}},
      {"town other county", [](Estate& e) { e.town_code = "440705001"; }, {"estate.town_code.unknown"}},
      {"town by name", [](Estate& e) { e.town_code = "荷塘镇"; }, {"estate.town_code.unknown"}},
      {"town empty", [](Estate& e) { e.town_code = ""; }, {"estate.town_code.unknown"}},
      {"community 100", [&](Estate& e) { e.community = s100; }, {}},
      {"community 101", [&](Estate& e) { e.community = s100 + "社"; }, {"estate.community.too_long"}},
      {"address 200", [&](Estate& e) { e.address = s100 + s100; }, {}},
      {"address 201", [&](Estate& e) { e.address = s100 + s100 + "号"; }, {"estate.address.too_long"}},
      {"households 0", [](Estate& e) { e.households = 0; }, {"estate.households.range"}},
      {"households 1", [](Estate& e) { e.households = 1; }, {}},
      {"households 100000", [](Estate& e) { e.households = 100000; }, {}},
      {"households 100001", [](Estate& e) { e.households = 100001; }, {"estate.households.range"}},
      {"households negative", [](Estate& e) { e.households = -5; }, {"estate.households.range"}},
      {"professional no company",
       [](Estate& e) { e.company_name = ""; e.company_uscc = ""; },
       {"estate.company_name.required", "estate.company_uscc.required"}},
      {"company 201", [&](Estate& e) { e.company_name = s100 + s100 + "司"; }, {"estate.company_name.too_long"}},
      {"bad check char", [](Estate& e) { e.company_uscc = "91440300708461136U"; }, {"estate.company_uscc.invalid"}},
      {"lower case uscc", [](Estate& e) { e.company_uscc = "91440300708461136t"; }, {"estate.company_uscc.invalid"}},
      {"self with company", [](Estate& e) { e.mode = ManagementMode::kSelf; },
       {"estate.company_name.not_allowed", "estate.company_uscc.not_allowed"}},
      {"none with uscc only", [](Estate& e) { e.mode = ManagementMode::kNone; e.company_name = ""; },
       {"estate.company_uscc.not_allowed"}},
      {"several at once", [](Estate& e) { e.code = ""; e.households = 0; e.county_code = ""; },
       {"estate.code.required", "estate.county_code.unknown", "estate.households.range"}},
  };
  for (const auto& c : cases) {
    Estate e = Good();
    c.edit(e);
    EXPECT_EQ(Codes(ValidateEstate(e, t)), c.codes) << c.what;
  }
}

TEST(EstateTest, ParseYesNo) {
  struct C { std::string in; bool ok, value; };
  const std::vector<C> cases = {
      {"是", true, true}, {"否", true, false}, {"yes", true, true}, {"NO", true, false},
      {"Y", true, true},  {"n", true, false},  {"True", true, true}, {"FALSE", true, false},
      {"1", true, true},  {"0", true, false},  {" 是\u3000", true, true},
      {"", false, false}, {"有", false, false}, {"2", false, false}, {"yes!", false, false},
      {"是的", false, false},
  };
  for (const auto& c : cases) {
    bool out = !c.value;  // must be overwritten on success, untouched on failure
    const bool before = out;
    EXPECT_EQ(ParseYesNo(c.in, &out), c.ok) << c.in;
    EXPECT_EQ(out, c.ok ? c.value : before) << c.in;
  }
}

TEST(EstateTest, ParseDate) {
  struct C { std::string in; std::optional<std::string> want; };
  const std::vector<C> cases = {
      {"2024-09-01", "2024-09-01"},
      {"2024/9/1", "2024-09-01"},
      {"2024/09/30", "2024-09-30"},
      {"2024-9-1", "2024-09-01"},
      {" 2023-12-31 ", "2023-12-31"},
      {"2024-02-29", "2024-02-29"},   // 2024 is a leap year
      {"2023-02-29", std::nullopt},   // 2023 is not
      {"2000/2/29", "2000-02-29"},    // divisible by 400
      {"2100-02-29", std::nullopt},   // divisible by 100, not 400
      {"2024-04-31", std::nullopt},
      {"2024-13-01", std::nullopt},
      {"2024-00-10", std::nullopt},
      {"2024-01-00", std::nullopt},
      {"2024-9/1", std::nullopt},     // mixed separators
      {"24-09-01", std::nullopt},
      {"2024-001-01", std::nullopt},
      {"2024-01-011", std::nullopt},
      {"1899-12-31", std::nullopt},
      {"2024.09.01", std::nullopt},
      {"2024-09-01T00:00", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseDate(c.in), c.want) << c.in;
}

}  // namespace
}  // namespace meihao::domain::registry

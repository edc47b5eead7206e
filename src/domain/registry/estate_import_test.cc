#include "domain/registry/estate_import.h"

#include <gtest/gtest.h>

namespace meihao::domain::registry {
namespace {

DivisionTree Tree() {
  return DivisionTree::FromCsv(
             "city_code,city_name,county_code,county_name,town_name,town_kind\n"
             "440700,江门市,440703,蓬江区,环市街道,street\n"   // 440703001
             "440700,江门市,440703,蓬江区,潮连街道,street\n"   // 440703002
             "440700,江门市,440703,蓬江区,荷塘镇,town\n"       // 440703003
             "440700,江门市,440703,蓬江区,杜阮镇,town\n"       // 440703004
             "440700,江门市,440703,蓬江区,棠下镇,town\n"       // 440703005
             "440700,江门市,440704,江海区,江南街道,street\n"   // 440704001
             "440700,江门市,440705,新会区,会城街道,street\n"   // 440705001
             "440700,江门市,440705,新会区,大泽镇,town\n")      // 440705002
      .value();
}

const std::vector<std::string> kZh = {"小区编码", "小区名称", "区县", "镇街", "社区", "地址", "户数",
                                      "物业管理方式", "物业服务企业", "统一社会信用代码", "业主组织",
                                      "小区党组织", "红色管家示范项目"};

// A good professional row and a good unmanaged row, in kZh order.
std::vector<std::string> Row1() {
  return {"JM001", "江华花园", "蓬江区", "荷塘镇", "荷塘社区", "荷塘镇三丫路8号", "600",
          "专业化物业管理", "江门市江华物业管理有限公司", "91440300708461136T", "业主委员会", "是", ""};
}
std::vector<std::string> Row2() {
  return {"JM002", "丽景豪庭", "440705", "大泽镇", "", "", "45", "none", "", "", "无", "no", "0"};
}

Table Make(std::vector<std::string> header, std::vector<std::vector<std::string>> rows) {
  Table t{std::move(header), std::move(rows), {}};
  for (size_t i = 0; i < t.rows.size(); ++i) t.row_numbers.push_back(static_cast<int>(i) + 2);
  return t;
}

TEST(EstateImportTest, ColumnsInTemplateOrder) {
  const auto cols = EstateColumns();
  ASSERT_EQ(cols.size(), kZh.size());
  for (size_t i = 0; i < cols.size(); ++i) EXPECT_EQ(cols[i].second, kZh[i]);
  EXPECT_EQ(cols.front().first, "code");
  EXPECT_EQ(cols[2].first, "county");
  EXPECT_EQ(cols.back().first, "demonstration");
}

TEST(EstateImportTest, GoodFileWithChineseHeaders) {
  const auto r = CheckEstateTable(Make(kZh, {Row1(), Row2()}), Tree(), "");
  EXPECT_EQ(r.problem_count, 0u);
  ASSERT_EQ(r.estates.size(), 2u);
  Estate a{"JM001", "江华花园", "440703", "440703003", "荷塘社区", "荷塘镇三丫路8号", 600,
           ManagementMode::kProfessional, "江门市江华物业管理有限公司", "91440300708461136T",
           OwnersOrg::kOwnersCommittee, true, false};
  Estate b{"JM002", "丽景豪庭", "440705", "440705002", "", "", 45, ManagementMode::kNone, "", "",
           OwnersOrg::kNone, false, false};
  EXPECT_EQ(r.estates[0], a);
  EXPECT_EQ(r.estates[1], b);
}

TEST(EstateImportTest, EnglishHeadersAnyOrderAndStars) {
  // Reversed order; English keys in mixed case; template star marks.
  std::vector<std::string> header = {"Demonstration", "party_org", "owners_org", "company_uscc",
                                     "company_name", "management_mode", "户数*", "address",
                                     "community", "town", "county", "name", "CODE＊"};
  std::vector<std::string> row = Row1();
  std::reverse(row.begin(), row.end());
  const auto r = CheckEstateTable(Make(header, {row}), Tree(), "");
  EXPECT_EQ(r.problem_count, 0u);
  ASSERT_EQ(r.estates.size(), 1u);
  EXPECT_EQ(r.estates[0].code, "JM001");
  EXPECT_EQ(r.estates[0].households, 600);
  EXPECT_EQ(r.estates[0].town_code, "440703003");
}

TEST(EstateImportTest, HeaderProblems) {
  // 户数 missing, 备注 unknown but filled, 备用 unknown and empty, 小区名称 twice.
  std::vector<std::string> header = {"小区编码", "小区名称", "区县", "镇街", "物业管理方式",
                                     "业主组织", "备注", "备用", "name"};
  std::vector<std::string> row = {"JM1", "星河湾", "蓬江区", "环市街道", "无物业管理", "无", "新建", "", "星河湾"};
  const auto r = CheckEstateTable(Make(header, {row}), Tree(), "");
  ASSERT_EQ(r.problem_count, 3u);
  // Header problems in file order, then the missing columns.
  EXPECT_EQ(r.problems[0].row, 1);
  EXPECT_EQ(r.problems[0].column, "备注");
  EXPECT_NE(r.problems[0].message_zh.find("第7列"), std::string::npos);
  EXPECT_EQ(r.problems[1].column, "name");
  EXPECT_NE(r.problems[1].message_zh.find("第2列和第9列"), std::string::npos);
  EXPECT_EQ(r.problems[2].column, "户数");
  EXPECT_NE(r.problems[2].message_zh.find("缺少必填列"), std::string::npos);
  EXPECT_TRUE(r.estates.empty());  // without 户数 the row is no estate
}

struct RowCase {
  std::string what;
  size_t col;            // index in kZh to overwrite
  std::string value;
  std::string column;    // expected problem column ("" = no problem)
  std::string zh_part;   // expected fragment of message_zh
  std::string suggestion;
};

TEST(EstateImportTest, OneBadCellPerRow) {
  const std::vector<RowCase> cases = {
      {"code format", 0, "JM 001", "小区编码", "1至32位", ""},
      {"code empty", 0, "", "小区编码", "不能为空", ""},
      {"name too long", 1, std::string(101, 'x'), "小区名称", "100", ""},
      {"county by code", 2, "440703", "", "", ""},
      {"county unknown", 2, "篷江区", "区县", "不存在", "蓬江区"},
      {"county short form", 2, "新会", "区县", "不存在", "新会区"},
      {"county empty", 2, "", "区县", "不能为空", "蓬江区、江海区、新会区"},
      {"town typo", 3, "河塘镇", "镇街", "不在蓬江区辖区内", "荷塘镇"},
      {"town other county", 3, "大泽镇", "镇街", "不在蓬江区辖区内", "大泽镇属于新会区，请核对区县"},
      {"town unrelated", 3, "北京路", "镇街", "不在蓬江区辖区内", "环市街道、潮连街道、荷塘镇、杜阮镇、棠下镇"},
      {"town by code", 3, "440703003", "", "", ""},
      {"households text", 6, "六百", "户数", "整数", ""},
      {"households xlsx number", 6, "600.0", "", "", ""},
      {"households decimal", 6, "600.5", "户数", "整数", ""},
      {"households zero", 6, "0", "户数", "1至100000", ""},
      {"households too many", 6, "100001", "户数", "1至100000", ""},
      {"mode unknown", 7, "物业公司", "物业管理方式", "无法识别", "专业化物业管理、业主自行管理、无物业管理"},
      {"mode by key", 7, "PROFESSIONAL", "", "", ""},
      {"company missing", 8, "", "物业服务企业", "必须填写", ""},
      // 91440300708461136 → check 'T' (see uscc_test.cc)
      {"uscc wrong check", 9, "91440300708461136U", "统一社会信用代码", "无效", "按前17位计算校验位应为T，请对照营业执照核对"},
      {"uscc lower case", 9, "91440300708461136t", "统一社会信用代码", "无效", "91440300708461136T"},
      {"uscc short", 9, "9144030070846113", "统一社会信用代码", "无效", ""},
      {"owners org unknown", 10, "业委会", "业主组织", "无法识别", "业主委员会、物业管理委员会、无"},
      {"party org bad", 11, "有", "小区党组织", "应填", "是、否"},
      {"demonstration y", 12, "Y", "", "", ""},
  };
  for (const auto& c : cases) {
    std::vector<std::string> row = Row1();
    row[c.col] = c.value;
    const auto r = CheckEstateTable(Make(kZh, {row}), Tree(), "");
    if (c.column.empty()) {
      EXPECT_EQ(r.problem_count, 0u) << c.what << ": " << (r.problems.empty() ? "" : r.problems[0].message_zh);
      EXPECT_EQ(r.estates.size(), 1u) << c.what;
      continue;
    }
    ASSERT_EQ(r.problem_count, 1u) << c.what;
    const ImportProblem& p = r.problems[0];
    EXPECT_EQ(p.row, 2) << c.what;
    EXPECT_EQ(p.column, c.column) << c.what;
    EXPECT_EQ(p.value, c.value) << c.what;
    EXPECT_NE(p.message_zh.find(c.zh_part), std::string::npos) << c.what << ": " << p.message_zh;
    EXPECT_FALSE(p.message_en.empty()) << c.what;
    EXPECT_EQ(p.suggestion, c.suggestion) << c.what;
    EXPECT_TRUE(r.estates.empty()) << c.what;
  }
}

TEST(EstateImportTest, CompanyOnUnmanagedRowAndMissingCompanyColumns) {
  std::vector<std::string> row = Row1();
  row[7] = "业主自行管理";
  auto r = CheckEstateTable(Make(kZh, {row}), Tree(), "");
  ASSERT_EQ(r.problem_count, 2u);
  EXPECT_EQ(r.problems[0].column, "物业服务企业");
  EXPECT_EQ(r.problems[1].column, "统一社会信用代码");

  // Sheet without the company columns: fine for a self-managed row, a problem
  // (named by the Chinese header) for a professional one.
  std::vector<std::string> header = {"小区编码", "小区名称", "区县", "镇街", "户数", "物业管理方式", "业主组织"};
  r = CheckEstateTable(Make(header, {{"A1", "帝景名苑", "江海区", "江南街道", "80", "业主自行管理", "无"},
                                     {"A2", "星河湾", "江海区", "江南街道", "90", "专业化物业管理", "无"}}),
                       Tree(), "");
  ASSERT_EQ(r.problem_count, 2u);
  EXPECT_EQ(r.problems[0].row, 3);
  EXPECT_EQ(r.problems[0].column, "物业服务企业");
  EXPECT_EQ(r.problems[1].column, "统一社会信用代码");
  ASSERT_EQ(r.estates.size(), 1u);
  EXPECT_EQ(r.estates[0].code, "A1");
  EXPECT_FALSE(r.estates[0].party_org);  // absent yes/no column: no
}

TEST(EstateImportTest, DuplicateCodesAndRowNumbers) {
  Table t = Make(kZh, {Row1(), Row2(), Row1()});
  t.row_numbers = {2, 5, 9};  // the reader skipped rows; problems use the sheet's numbers
  const auto r = CheckEstateTable(t, Tree(), "");
  ASSERT_EQ(r.problem_count, 1u);
  EXPECT_EQ(r.problems[0].row, 9);
  EXPECT_EQ(r.problems[0].column, "小区编码");
  EXPECT_EQ(r.problems[0].value, "JM001");
  EXPECT_NE(r.problems[0].message_zh.find("与第2行重复"), std::string::npos);
  EXPECT_EQ(r.estates.size(), 2u);
}

TEST(EstateImportTest, NoDataRows) {
  for (const Table& t : {Make(kZh, {}), Make(kZh, {std::vector<std::string>(13, ""), std::vector<std::string>(13, " ")})}) {
    const auto r = CheckEstateTable(t, Tree(), "");
    ASSERT_EQ(r.problem_count, 1u);
    EXPECT_EQ(r.problems[0].row, 1);
    EXPECT_NE(r.problems[0].message_zh.find("没有数据行"), std::string::npos);
  }
}

TEST(EstateImportTest, Scope) {
  // Row1 is 蓬江区 荷塘镇 (440703003); Row2 is 新会区 大泽镇 (440705002).
  struct C { std::string scope; std::vector<std::string> columns; };
  const std::vector<C> cases = {
      {"", {}},
      {"440700", {}},
      {"440703", {"区县"}},               // Row2 in another county
      {"440703003", {"区县"}},            // own town: Row1 fine
      {"440703001", {"镇街", "区县"}},     // Row1: right county, other town
      {"999999", {"区县", "区县"}},        // unknown scope: fails closed
  };
  for (const auto& c : cases) {
    const auto r = CheckEstateTable(Make(kZh, {Row1(), Row2()}), Tree(), c.scope);
    std::vector<std::string> columns;
    for (const auto& p : r.problems) {
      columns.push_back(p.column);
      EXPECT_NE(p.message_zh.find("不在您的管辖范围"), std::string::npos);
    }
    EXPECT_EQ(columns, c.columns) << c.scope;
  }
}

TEST(EstateImportTest, ProblemsAreCapped) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 1100; ++i) {
    std::vector<std::string> row = Row2();
    row[0] = "X" + std::to_string(i);
    row[6] = "0";  // one problem per row
    rows.push_back(row);
  }
  const auto r = CheckEstateTable(Make(kZh, rows), Tree(), "");
  EXPECT_EQ(r.problem_count, 1100u);
  EXPECT_EQ(r.problems.size(), kMaxProblems);
  EXPECT_EQ(r.problems.back().row, 1001);  // rows 2 … 1001 kept
}

}  // namespace
}  // namespace meihao::domain::registry

namespace meihao::domain::registry {
namespace {

// A sheet of n rows: mostly good, with duplicates inside and across halves,
// bad rows, blank rows, and (optionally) an unknown column.
Table MixedSheet(int n, bool unknown_column) {
  auto header = kZh;
  if (unknown_column) header.push_back("备注");
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < n; ++i) {
    auto r = (i % 2) ? Row2() : Row1();
    r[0] = "C" + std::to_string(i);
    if (i % 17 == 5) r[6] = "many";                              // bad households
    if (i % 23 == 7) r[0] = "C" + std::to_string(i / 3);         // duplicate of an earlier row
    if (i == n - 2) r[0] = "C1";                                 // duplicate across the halves
    if (i % 31 == 0) r = std::vector<std::string>(kZh.size(), "");  // blank row
    if (unknown_column) r.push_back(i % 5 ? "" : "x");
    rows.push_back(std::move(r));
  }
  return Make(header, rows);
}

TEST(EstateImportParallelTest, SplitSheetGivesTheSameAnswerAsOneChecker) {
  for (int n : {2, 3, 40, 41, 400, 4001, 30001}) {  // 30001: over kMaxProblems
    for (bool unknown : {false, true}) {
      SCOPED_TRACE(std::to_string(n) + (unknown ? " with an unknown column" : ""));
      const auto one = CheckEstateTable(MixedSheet(n, unknown), Tree(), "", SIZE_MAX);
      const auto two = CheckEstateTable(MixedSheet(n, unknown), Tree(), "", 2);
      EXPECT_EQ(two.problem_count, one.problem_count);
      EXPECT_EQ(two.problems, one.problems);
      EXPECT_EQ(two.estates, one.estates);
    }
  }
}

TEST(EstateImportParallelTest, DuplicateAcrossHalvesIsFoundAndItsEstateDropped) {
  auto sheet = Make(kZh, {Row1(), Row2(), Row2(), Row1()});
  sheet.rows[1][0] = "A";
  sheet.rows[2][0] = "B";
  sheet.rows[3][0] = "JM001";  // same code as row 2 (sheet row numbers start at 2)
  const auto r = CheckEstateTable(std::move(sheet), Tree(), "", 2);
  ASSERT_EQ(r.problem_count, 1u);
  EXPECT_EQ(r.problems[0].row, 5);
  EXPECT_EQ(r.problems[0].column, "小区编码");
  EXPECT_NE(r.problems[0].message_zh.find("第2行"), std::string::npos);
  EXPECT_EQ(r.estates.size(), 3u);
}

TEST(EstateImportParallelTest, HeaderOnlyAndEmptyHalves) {
  const auto blank = std::vector<std::string>(kZh.size(), "");
  const auto r = CheckEstateTable(Make(kZh, {blank, blank, blank}), Tree(), "", 2);
  ASSERT_EQ(r.problem_count, 1u);
  EXPECT_EQ(r.problems[0].row, 1);
  // Data only in the second half: no "no data rows" problem.
  const auto s = CheckEstateTable(Make(kZh, {blank, Row1()}), Tree(), "", 2);
  EXPECT_EQ(s.problem_count, 0u);
  EXPECT_EQ(s.estates.size(), 1u);
}

}  // namespace
}  // namespace meihao::domain::registry

#include "domain/indicators/record_import.h"

#include <gtest/gtest.h>

#include <set>

namespace meihao::domain::indicators {
namespace {

Table Sheet(std::vector<std::string> header, std::vector<std::vector<std::string>> rows) {
  Table t{std::move(header), std::move(rows), {}};
  for (size_t i = 0; i < t.rows.size(); ++i) t.row_numbers.push_back(int(i) + 2);
  return t;
}

const std::set<std::string> kEstates = {"JM001", "JM002", "JM010"};
bool Exists(std::string_view code) { return kEstates.count(std::string(code)) > 0; }
const std::vector<std::string> kCodes(kEstates.begin(), kEstates.end());

RecordSheetCheck Check(const Table& t, const RecordSheetSpec& spec) { return CheckRecordSheet(t, spec, Exists, kCodes); }

TEST(RecordImportTest, GoodComplaintsWithChineseAndEnglishHeadersInAnyOrder) {
  auto r = Check(Sheet({"小区编码", "投诉编号", "投诉日期", "是否物业管理类", "valid"},
                       {{"JM001", "12345-1", "2023/3/5", "是", ""}, {"JM002", "12345-2", "2022-09-01", "否", "否"}}),
                 ComplaintsSpec());
  ASSERT_EQ(r.problem_count, 0u);
  ASSERT_EQ(r.rows.size(), 2u);
  const auto& spec = ComplaintsSpec();
  EXPECT_EQ(r.rows[0].cells[spec.Index("received_on")].date, (Date{2023, 3, 5}));
  EXPECT_TRUE(r.rows[0].cells[spec.Index("property_related")].yes);
  EXPECT_TRUE(r.rows[0].cells[spec.Index("valid")].yes);  // empty → default yes
  EXPECT_FALSE(r.rows[1].cells[spec.Index("valid")].yes);
  EXPECT_FALSE(r.rows[0].cells[spec.Index("category")].present);
}

TEST(RecordImportTest, EachBadCellIsOneProblemNamingRowColumnAndValue) {
  struct Case {
    std::vector<std::string> row;  // estate_code, sample_size, score, surveyed_on
    std::string column, value;
  };
  const Case cases[] = {
      {{"JM009", "50", "88.5", "2023-06-01"}, "小区编码", "JM009"},
      {{"JM001", "0", "88.5", "2023-06-01"}, "样本量", "0"},
      {{"JM001", "100001", "88.5", "2023-06-01"}, "样本量", "100001"},
      {{"JM001", "50", "88.555", "2023-06-01"}, "满意度得分", "88.555"},
      {{"JM001", "50", "100.01", "2023-06-01"}, "满意度得分", "100.01"},
      {{"JM001", "50", "-1", "2023-06-01"}, "满意度得分", "-1"},
      {{"JM001", "50", "88.5", "2023-02-29"}, "测评日期", "2023-02-29"},
      {{"JM001", "", "88.5", "2023-06-01"}, "样本量", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.column + "=" + c.value);
    auto r = Check(Sheet({"小区编码", "样本量", "满意度得分", "测评日期"}, {c.row}), SatisfactionSpec());
    ASSERT_EQ(r.problem_count, 1u);
    EXPECT_EQ(r.problems[0].row, 2);
    EXPECT_EQ(r.problems[0].column, c.column);
    EXPECT_EQ(r.problems[0].value, c.value);
    EXPECT_TRUE(r.rows.empty());
  }
}

TEST(RecordImportTest, ScoresAndMoneyAreExactIntegers) {
  auto s = Check(Sheet({"小区编码", "样本量", "满意度得分", "测评日期"}, {{"JM001", "120", "88.5", "2023-06-01"},
                                                                   {"JM002", "30", "100", "2023-06-02"},
                                                                   {"JM010", "30", "0.07", "2023-06-03"}}),
                 SatisfactionSpec());
  ASSERT_EQ(s.problem_count, 0u);
  const size_t score = SatisfactionSpec().Index("score");
  EXPECT_EQ(s.rows[0].cells[score].number, 8850);   // 88.5 × 100
  EXPECT_EQ(s.rows[1].cells[score].number, 10000);  // 100 × 100
  EXPECT_EQ(s.rows[2].cells[score].number, 7);      // 0.07 × 100
  auto f = Check(Sheet({"小区编码", "年度", "应收金额", "实收金额"}, {{"JM001", "2022", "120000.5", "114000"}}), FeesSpec());
  ASSERT_EQ(f.problem_count, 0u);
  EXPECT_EQ(f.rows[0].cells[2].number, 12000050);  // 120000.50 yuan in fen
  EXPECT_EQ(f.rows[0].cells[3].number, 11400000);
}

TEST(RecordImportTest, FeesCollectedAboveDueIsRefused) {
  auto f = Check(Sheet({"小区编码", "年度", "应收金额", "实收金额"}, {{"JM001", "2022", "100", "100.01"}}), FeesSpec());
  ASSERT_EQ(f.problem_count, 1u);
  EXPECT_EQ(f.problems[0].column, "实收金额");
  EXPECT_TRUE(f.rows.empty());
}

TEST(RecordImportTest, DuplicateKeysInsideTheFile) {
  auto f = Check(Sheet({"小区编码", "年度", "应收金额", "实收金额"},
                       {{"JM001", "2022", "100", "90"}, {"JM001", "2021", "100", "90"}, {"JM001", "2022", "50", "50"}}),
                 FeesSpec());
  ASSERT_EQ(f.problem_count, 1u);
  EXPECT_EQ(f.problems[0].row, 4);
  EXPECT_NE(f.problems[0].message_zh.find("第2行"), std::string::npos);
  EXPECT_EQ(f.rows.size(), 2u);
}

TEST(RecordImportTest, PenaltiesCheckTheCreditCode) {
  // 91350100M000100Y43: a published code with a valid check character.
  auto ok = Check(Sheet({"处罚决定书文号", "统一社会信用代码", "处罚日期"}, {{"江建罚〔2023〕1号", "91350100M000100Y43", "2023-01-10"}}),
                  PenaltiesSpec());
  EXPECT_EQ(ok.problem_count, 0u);
  auto bad = Check(Sheet({"处罚决定书文号", "统一社会信用代码", "处罚日期"}, {{"江建罚〔2023〕2号", "91350100M000100Y44", "2023-01-10"}}),
                   PenaltiesSpec());
  ASSERT_EQ(bad.problem_count, 1u);
  EXPECT_EQ(bad.problems[0].column, "统一社会信用代码");
}

TEST(RecordImportTest, HeaderProblemsAndEmptySheets) {
  auto missing = Check(Sheet({"小区编码", "投诉日期", "备注"}, {{"JM001", "2023-01-01", "x"}}), ComplaintsSpec());
  // 备注 is unknown and not empty; 投诉编号 and 是否物业管理类 are missing; each at row 1.
  std::set<std::string> columns;
  for (const auto& p : missing.problems)
    if (p.row == 1) columns.insert(p.column);
  EXPECT_EQ(columns, (std::set<std::string>{"备注", "投诉编号", "是否物业管理类"}));
  auto header_only = Check(Sheet({"投诉编号", "小区编码", "投诉日期", "是否物业管理类"}, {}), ComplaintsSpec());
  ASSERT_EQ(header_only.problem_count, 1u);
  EXPECT_EQ(header_only.problems[0].row, 1);
}

TEST(RecordImportTest, UnknownEstateSuggestsNearestCodes) {
  auto r = Check(Sheet({"投诉编号", "小区编码", "投诉日期", "是否物业管理类"}, {{"A1", "JM011", "2023-01-01", "是"}}),
                 ComplaintsSpec());
  ASSERT_EQ(r.problem_count, 1u);
  EXPECT_NE(r.problems[0].suggestion.find("JM010"), std::string::npos);
}

}  // namespace
}  // namespace meihao::domain::indicators

#include "domain/setup/demo_records.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <unordered_set>

#include "common/resources.h"
#include "domain/setup/demo_data.h"
#include "domain/indicators/record_import.h"

namespace meihao::domain::setup {
namespace {

const Date kReference{2023, 9, 1};  // campaign 2023's default: window [2022-09-01, 2023-09-01)
const Date kWindowFrom{2022, 9, 1};

class DemoRecordsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto tree = registry::DivisionTree::FromCsv(*resources::find("jiangmen-divisions.csv")).value();
    estates_ = new std::vector<registry::Estate>(GenerateDemoEstates(tree, 3000, 2023));
    records_ = new DemoRecords(GenerateDemoRecords(*estates_, kReference, 2022, 2023));
  }
  static void TearDownTestSuite() {
    delete records_;
    delete estates_;
  }
  static std::map<std::string, const registry::Estate*> ByCode() {
    std::map<std::string, const registry::Estate*> out;
    for (const registry::Estate& e : *estates_) out[e.code] = &e;
    return out;
  }
  static std::set<std::string> Column(const Table& t, size_t k) {
    std::set<std::string> out;
    for (const auto& r : t.rows) out.insert(r[k]);
    return out;
  }
  static inline std::vector<registry::Estate>* estates_ = nullptr;
  static inline DemoRecords* records_ = nullptr;
};

bool InWindow(const std::string& day) { return day >= "2022-09-01" && day < "2023-09-01"; }

TEST_F(DemoRecordsTest, Deterministic) {
  const DemoRecords again = GenerateDemoRecords(*estates_, kReference, 2022, 2023);
  EXPECT_EQ(again.complaints.rows, records_->complaints.rows);
  EXPECT_EQ(again.satisfaction.rows, records_->satisfaction.rows);
  EXPECT_EQ(again.fees.rows, records_->fees.rows);
  EXPECT_EQ(again.penalties.rows, records_->penalties.rows);
  const DemoRecords other = GenerateDemoRecords(*estates_, kReference, 2022, 7);
  EXPECT_NE(other.complaints.rows, records_->complaints.rows);
  const DemoRecords none = GenerateDemoRecords({}, kReference, 2022, 2023);
  EXPECT_TRUE(none.complaints.rows.empty());
  EXPECT_TRUE(none.penalties.rows.empty());
  EXPECT_EQ(none.fees.header.size(), 4u);
}

TEST_F(DemoRecordsTest, EveryRowPassesTheImportChecks) {
  std::unordered_set<std::string> codes;
  for (const registry::Estate& e : *estates_) codes.insert(e.code);
  auto exists = [&](std::string_view c) { return codes.count(std::string(c)) > 0; };
  const std::pair<const Table*, const indicators::RecordSheetSpec*> sheets[] = {
      {&records_->complaints, &indicators::ComplaintsSpec()}, {&records_->satisfaction, &indicators::SatisfactionSpec()},
      {&records_->fees, &indicators::FeesSpec()}, {&records_->penalties, &indicators::PenaltiesSpec()}};
  for (const auto& [table, spec] : sheets) {
    const indicators::RecordSheetCheck check = indicators::CheckRecordSheet(*table, *spec, exists, {});
    EXPECT_EQ(check.problem_count, 0u) << spec->name_zh << ": row " << check.problems.at(0).row << " "
                                       << check.problems.at(0).column << " " << check.problems.at(0).message_en;
    EXPECT_EQ(check.rows.size(), table->rows.size()) << spec->name_zh;
    // Every column of the template is there, headed in Chinese.
    ASSERT_EQ(table->header.size(), spec->columns.size());
    for (size_t i = 0; i < table->header.size(); ++i) EXPECT_EQ(table->header[i], spec->columns[i].zh);
  }
}

TEST_F(DemoRecordsTest, ComplaintsMostlyFewSomeManyWithEveryKindOfRow) {
  const auto& t = records_->complaints;
  std::map<std::string, int> counted;  // valid, property-related, in the window
  size_t not_property = 0, invalid = 0, outside = 0;
  const std::regex work_order(R"(12345-\d{8}-\d{6})");
  for (const auto& r : t.rows) {
    EXPECT_TRUE(std::regex_match(r[0], work_order)) << r[0];
    if (r[4] == "否") ++not_property;
    if (r[5] == "否") ++invalid;
    if (!InWindow(r[2])) ++outside;
    if (r[4] == "是" && r[5] != "否" && InWindow(r[2])) ++counted[r[1]];
  }
  size_t few = 0, many = 0;
  for (const registry::Estate& e : *estates_) {
    if (e.mode == registry::ManagementMode::kNone) continue;
    const int n = counted.count(e.code) ? counted[e.code] : 0;
    few += n <= 3;
    many += n >= 10;
  }
  const size_t managed = std::count_if(estates_->begin(), estates_->end(),
                                       [](const registry::Estate& e) { return e.mode != registry::ManagementMode::kNone; });
  EXPECT_GE(few, managed * 85 / 100) << "most managed estates have 0–3";
  EXPECT_GE(many, managed / 100) << "a few have many";
  EXPECT_GT(not_property, 300u);
  EXPECT_GT(invalid, 200u);
  EXPECT_GT(outside, 300u);
  EXPECT_TRUE(Column(t, 5).count("")) << "是否有效 left empty (= valid) on some rows";
  // The window's edges, both sides.
  const auto days = Column(t, 2);
  for (const char* d : {"2022-08-31", "2022-09-01", "2023-08-31", "2023-09-01"}) EXPECT_TRUE(days.count(d)) << d;
  // Numbered in date order.
  EXPECT_TRUE(std::is_sorted(t.rows.begin(), t.rows.end(), [](auto& a, auto& b) { return a[2] < b[2]; }));
}

TEST_F(DemoRecordsTest, SatisfactionForAboutSixtyPercentWithinTheRanges) {
  const auto& t = records_->satisfaction;
  std::set<std::string> surveyed;
  const std::regex two_decimals(R"(\d{2}\.\d{2})");
  for (const auto& r : t.rows) {
    if (InWindow(r[3])) surveyed.insert(r[0]);
    const int n = std::stoi(r[1]);
    EXPECT_TRUE(n >= 20 && n <= 150) << r[1];
    EXPECT_TRUE(std::regex_match(r[2], two_decimals)) << r[2];
    EXPECT_TRUE(r[2] >= "60.00" && r[2] <= "98.00") << r[2];
  }
  EXPECT_NEAR(surveyed.size() / double(estates_->size()), 0.60, 0.04);
  const auto days = Column(t, 3);
  for (const char* d : {"2022-08-31", "2022-09-01", "2023-08-31", "2023-09-01"}) EXPECT_TRUE(days.count(d)) << d;
}

TEST_F(DemoRecordsTest, FeesForMostManagedEstatesWithTheThresholdOnBothSides) {
  const auto estates = ByCode();
  std::set<std::string> with_2022;
  size_t high = 0, at_95 = 0, just_below_95 = 0;
  auto fen = [](const std::string& yuan) { return std::stoll(yuan.substr(0, yuan.size() - 3)) * 100 + std::stoll(yuan.substr(yuan.size() - 2)); };
  for (const auto& r : records_->fees.rows) {
    const registry::Estate& e = *estates.at(r[0]);
    EXPECT_NE(e.mode, registry::ManagementMode::kNone) << r[0];
    EXPECT_TRUE(r[1] == "2022" || r[1] == "2021") << r[1];
    if (r[1] != "2022") continue;
    with_2022.insert(r[0]);
    const int64_t due = fen(r[2]), collected = fen(r[3]);
    high += collected * 100 >= due * 80;
    at_95 += collected * 100 == due * 95;
    just_below_95 += collected * 100 < due * 95 && (collected + 1) * 100 >= due * 95;
  }
  const size_t managed = std::count_if(estates_->begin(), estates_->end(),
                                       [](const registry::Estate& e) { return e.mode != registry::ManagementMode::kNone; });
  EXPECT_NEAR(with_2022.size() / double(managed), 0.90, 0.03);
  EXPECT_GE(high, with_2022.size() * 85 / 100) << "rates mostly 80–100%";
  EXPECT_GE(at_95, 1u);
  EXPECT_GE(just_below_95, 1u);
}

TEST_F(DemoRecordsTest, PenaltiesAgainstDemoCompaniesOnAndAroundTheWindow) {
  std::set<std::string> companies;
  for (const registry::Estate& e : *estates_) companies.insert(e.company_uscc);
  const auto& t = records_->penalties;
  ASSERT_EQ(t.rows.size(), 7u);
  size_t inside = 0;
  for (const auto& r : t.rows) {
    EXPECT_TRUE(companies.count(r[1])) << r[1];
    inside += InWindow(r[3]);
  }
  EXPECT_EQ(inside, 5u);  // four in the window and its first day
  const auto days = Column(t, 3);
  EXPECT_TRUE(days.count("2022-09-01"));
  EXPECT_TRUE(days.count("2023-09-01"));
}

}  // namespace
}  // namespace meihao::domain::setup

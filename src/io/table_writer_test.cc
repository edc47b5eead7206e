#include "io/table_writer.h"

#include <gtest/gtest.h>

#include <orcus/zip_archive.hpp>
#include <orcus/zip_archive_stream.hpp>

#include "io/table_reader.h"

namespace meihao::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using Strings = std::vector<std::string>;

// One part of an .xlsx, inflated, for checking what Excel will see.
std::string ZipPart(const std::string& zip, std::string_view name) {
  orcus::zip_archive_stream_blob stream(reinterpret_cast<const uint8_t*>(zip.data()), zip.size());
  orcus::zip_archive archive(&stream);
  archive.load();
  std::vector<unsigned char> buf;
  if (!archive.read_file_entry(name, buf)) return {};
  return std::string(buf.begin(), buf.end());
}

TEST(NeutraliseFormula, PrefixesDangerousStarts) {
  EXPECT_EQ(NeutraliseFormula("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
  EXPECT_EQ(NeutraliseFormula("+1"), "'+1");
  EXPECT_EQ(NeutraliseFormula("-1"), "'-1");
  EXPECT_EQ(NeutraliseFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutraliseFormula("\tx"), "'\tx");
  EXPECT_EQ(NeutraliseFormula("\rx"), "'\rx");
  EXPECT_EQ(NeutraliseFormula(""), "");
  EXPECT_EQ(NeutraliseFormula("幸福里"), "幸福里");
  EXPECT_EQ(NeutraliseFormula("a=b"), "a=b");
  EXPECT_EQ(NeutraliseFormula(" =1"), " =1");
}

TEST(WriteCsv, QuotesOnlyWhenNeeded) {
  std::string csv = WriteCsv({"code", "name"},
                             {{"A1", "幸福里, 一期"}, {"A2", "他说\"好\""}, {"A3", "两\n行"},
                              {"A4", " padded"}, {"-1", "=1+2"}},
                             false);
  EXPECT_EQ(csv,
            "code,name\r\nA1,\"幸福里, 一期\"\r\nA2,\"他说\"\"好\"\"\"\r\nA3,\"两\n行\"\r\n"
            "A4,\" padded\"\r\n-1,=1+2\r\n");
  EXPECT_NE(csv.substr(0, 3), "\xEF\xBB\xBF");
}

TEST(WriteCsv, NeutralisesWhenAsked) {
  std::string csv = WriteCsv({"a"}, {{"=1+2"}, {"@x"}, {"ok"}}, true);
  EXPECT_EQ(csv, "a\r\n'=1+2\r\n'@x\r\nok\r\n");
}

TEST(WriteCsv, RoundTripsThroughReadCsv) {
  Rows rows{{"A1", "x,y", "q\"q"}, {"A2", "多\r\n行", ""}};
  auto t = ReadCsv(WriteCsv({"a", "b", "c"}, rows, false));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows, rows);
}

XlsxSheet SampleSheet() {
  XlsxSheet s;
  s.name = "小区台账";
  s.columns = {{"小区编码", 14, {}},
               {"户数", 10, {}, true},
               {"物业管理方式", 20, {"专业化物业管理", "业主自行管理", "无物业管理"}},
               {"满意度得分", 12, {}, true},
               {"备注", 30, {}}};
  s.rows = {{"00123", "1200", "专业化物业管理", "95.25", "=1+1"},
            {"A-2", "86", "业主自行管理", "", "-已整改"},
            {"B3", "not a number", "无物业管理", "0.1", "中文 备注"}};
  return s;
}

TEST(WriteXlsx, RoundTripsThroughReadXlsx) {
  XlsxSheet s = SampleSheet();
  auto bytes = WriteXlsx(s);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message_en;
  auto t = ReadTable(*bytes);
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  EXPECT_EQ(t->header, (Strings{"小区编码", "户数", "物业管理方式", "满意度得分", "备注"}));
  // Text cells come back neutralised; the numeric column's junk stays text.
  EXPECT_EQ(t->rows, (Rows{{"00123", "1200", "专业化物业管理", "95.25", "'=1+1"},
                           {"A-2", "86", "业主自行管理", "", "'-已整改"},
                           {"B3", "not a number", "无物业管理", "0.1", "中文 备注"}}));
  EXPECT_EQ(t->row_numbers, (std::vector<int>{2, 3, 4}));
}

TEST(WriteXlsx, LayoutAndDropDowns) {
  XlsxSheet s = SampleSheet();
  std::vector<std::string> towns;
  for (int i = 0; i < 60; ++i) towns.push_back("镇街" + std::to_string(i));  // > 255 characters
  s.columns.push_back({"镇街", 12, towns});
  auto bytes = WriteXlsx(s);
  ASSERT_TRUE(bytes.ok());
  std::string sheet = ZipPart(*bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet.find("sqref=\"C2:C1001\""), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("\"专业化物业管理,业主自行管理,无物业管理\""), std::string::npos);
  EXPECT_NE(sheet.find("_lists!$A$1:$A$60"), std::string::npos);
  EXPECT_NE(ZipPart(*bytes, "xl/workbook.xml").find("state=\"hidden\""), std::string::npos);
  EXPECT_NE(ZipPart(*bytes, "xl/styles.xml").find("<b/>"), std::string::npos);
}

TEST(WriteXlsx, ReportsProgress) {
  XlsxSheet s;
  s.name = "data";
  s.columns = {{"n", 8, {}, true}};
  for (int i = 0; i < 25000; ++i) s.rows.push_back({std::to_string(i)});
  std::vector<std::pair<size_t, size_t>> calls;
  auto bytes = WriteXlsx(s, [&](size_t done, size_t total) { calls.emplace_back(done, total); });
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(calls, (std::vector<std::pair<size_t, size_t>>{{10000, 25000}, {20000, 25000},
                                                           {25000, 25000}}));
}

TEST(WriteXlsx, RefusesBadSheetNameAndHugeCells) {
  XlsxSheet s = SampleSheet();
  s.name = "a/b";
  auto bad = WriteXlsx(s);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "export.xlsx.sheet_name");
  s = SampleSheet();
  s.rows[1][4] = std::string(40000, 'x');
  auto huge = WriteXlsx(s);
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().code, "export.xlsx.cell_too_long");
  EXPECT_NE(huge.error().message_zh.find("第 3 行第 5 列"), std::string::npos);
}

}  // namespace
}  // namespace meihao::io

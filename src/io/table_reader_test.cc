#include "io/table_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/cell_format.h"

namespace meihao::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using Strings = std::vector<std::string>;

Table MustRead(std::string_view bytes) {
  auto t = ReadCsv(bytes);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message_en);
  return t.ok() ? t.value() : Table{};
}

TEST(ReadCsv, PlainUtf8WithAndWithoutBom) {
  for (std::string prefix : {"", "\xEF\xBB\xBF"}) {
    Table t = MustRead(prefix + "小区编码,小区名称\nA1,幸福里\nA2,和平苑\n");
    EXPECT_EQ(t.header, (Strings{"小区编码", "小区名称"}));
    EXPECT_EQ(t.rows, (Rows{{"A1", "幸福里"}, {"A2", "和平苑"}}));
    EXPECT_EQ(t.row_numbers, (std::vector<int>{2, 3}));
  }
}

TEST(ReadCsv, QuotesDoubledQuotesAndEmbeddedNewlines) {
  Table t = MustRead("code,name,note\r\n"
                     "A1,\"幸福里, 一期\",\"他说\"\"好\"\"\"\r\n"
                     "A2,\"两行\r\n地址\",x\r\n"
                     "A3,b,c");  // no final line end
  EXPECT_EQ(t.rows, (Rows{{"A1", "幸福里, 一期", "他说\"好\""},
                          {"A2", "两行\r\n地址", "x"},
                          {"A3", "b", "c"}}));
  // A quoted newline stays in one record: Excel shows A3 on row 4.
  EXPECT_EQ(t.row_numbers, (std::vector<int>{2, 3, 4}));
}

TEST(ReadCsv, CrlfAndLfMixed) {
  Table t = MustRead("a,b\r\n1,2\n3,4\r\n");
  EXPECT_EQ(t.rows, (Rows{{"1", "2"}, {"3", "4"}}));
}

TEST(ReadCsv, Gb18030IsDetected) {
  // "小区,户数\n幸福,12\n" in GB18030.
  Table t = MustRead("\xD0\xA1\xC7\xF8,\xBB\xA7\xCA\xFD\n\xD0\xD2\xB8\xA3,12\n");
  EXPECT_EQ(t.header, (Strings{"小区", "户数"}));
  EXPECT_EQ(t.rows, (Rows{{"幸福", "12"}}));
}

TEST(ReadCsv, UndecodableBytesNameTheLine) {
  auto t = ReadCsv("a,b\r\n1,2\r\n3,\xFF\xFF\r\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "file.encoding");
  EXPECT_EQ(t.error().kind, ErrorKind::kInvalid);
  EXPECT_NE(t.error().message_zh.find("第 3 行"), std::string::npos) << t.error().message_zh;
  EXPECT_NE(t.error().message_en.find("Line 3"), std::string::npos);
}

TEST(ReadCsv, EmptyFiles) {
  for (std::string_view bytes : {"", "\xEF\xBB\xBF", "\r\n\r\n", " , ,\n\n"}) {
    auto t = ReadCsv(bytes);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, "file.empty");
    EXPECT_EQ(t.error().message_zh, "文件为空");
    EXPECT_FALSE(t.error().message_en.empty());
  }
  auto t = ReadTable("");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "file.empty");
}

TEST(ReadCsv, HeaderOnlyIsATableWithoutRows) {
  Table t = MustRead("code,name\r\n");
  EXPECT_EQ(t.header, (Strings{"code", "name"}));
  EXPECT_TRUE(t.rows.empty());
  EXPECT_TRUE(t.row_numbers.empty());
}

TEST(ReadCsv, BlankLinesAreSkippedButCounted) {
  Table t = MustRead("\na,b\n\n1,2\n,\n  \n3,4\n\n");
  EXPECT_EQ(t.header, (Strings{"a", "b"}));
  EXPECT_EQ(t.rows, (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(t.row_numbers, (std::vector<int>{4, 7}));
}

TEST(ReadCsv, CellsAreTrimmedOfWideAndNonBreakingSpaces) {
  Table t = MustRead(" a ,\xE3\x80\x80" "b\xC2\xA0\n\t1\t,\xE3\x80\x80中 文\xE3\x80\x80\n");
  EXPECT_EQ(t.header, (Strings{"a", "b"}));
  EXPECT_EQ(t.rows, (Rows{{"1", "中 文"}}));
}

TEST(ReadCsv, ShortRowsArePaddedAndExtraCellsKept) {
  Table t = MustRead("a,b,c\n1\n1,2,3,4,,\n5,6,7,,\n");
  EXPECT_EQ(t.header, (Strings{"a", "b", "c", ""}));
  EXPECT_EQ(t.rows, (Rows{{"1", "", "", ""}, {"1", "2", "3", "4"}, {"5", "6", "7", ""}}));
}

TEST(ReadCsv, UnclosedQuoteIsAnError) {
  auto t = ReadCsv("a,b\n1,\"open\n2,3\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "file.csv.quote");
  EXPECT_NE(t.error().message_zh.find("第 2 行"), std::string::npos);
}

TEST(ReadTable, DispatchesOnContent) {
  auto csv = ReadTable("a\n1\n");
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->rows, (Rows{{"1"}}));
  auto xls = ReadTable(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "junk");
  ASSERT_FALSE(xls.ok());
  EXPECT_EQ(xls.error().code, "file.xls");
  auto zip = ReadTable("PK\x03\x04 definitely not a zip");
  ASSERT_FALSE(zip.ok());
  EXPECT_EQ(zip.error().code, "file.xlsx.invalid");
}

TEST(CellFormat, NumbersPrintShortest) {
  using internal::FormatNumber;
  EXPECT_EQ(FormatNumber(12), "12");
  EXPECT_EQ(FormatNumber(-3), "-3");
  EXPECT_EQ(FormatNumber(-0.0), "0");
  EXPECT_EQ(FormatNumber(0.1), "0.1");
  EXPECT_EQ(FormatNumber(95.25), "95.25");
  EXPECT_EQ(FormatNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(FormatNumber(0.00001), "0.00001");
  EXPECT_EQ(FormatNumber(123456789012), "123456789012");
}

TEST(CellFormat, SerialDates) {
  using internal::FormatSerialDate;
  EXPECT_EQ(FormatSerialDate(1, false), "1900-01-01");
  EXPECT_EQ(FormatSerialDate(59, false), "1900-02-28");
  EXPECT_EQ(FormatSerialDate(60, false), "1900-02-29");
  EXPECT_EQ(FormatSerialDate(61, false), "1900-03-01");
  EXPECT_EQ(FormatSerialDate(45366.75, false), "2024-03-15");  // time of day dropped
  EXPECT_EQ(FormatSerialDate(0, true), "1904-01-01");
}

TEST(CellFormat, DateFormatCodes) {
  using internal::IsDateFormat;
  EXPECT_TRUE(IsDateFormat(14, ""));
  EXPECT_TRUE(IsDateFormat(31, ""));  // yyyy"年"m"月"d"日" in Chinese Excel
  EXPECT_TRUE(IsDateFormat(164, "yyyy-mm-dd"));
  EXPECT_TRUE(IsDateFormat(165, "[$-804]yyyy\"年\"m\"月\"d\"日\";@"));
  EXPECT_TRUE(IsDateFormat(166, "m\"月\"d\"日\""));
  EXPECT_FALSE(IsDateFormat(0, "General"));
  EXPECT_FALSE(IsDateFormat(2, "0.00"));
  EXPECT_FALSE(IsDateFormat(167, "[Red]0.00;\"day\""));
  EXPECT_FALSE(IsDateFormat(168, "h:mm:ss"));
}

}  // namespace
}  // namespace meihao::io

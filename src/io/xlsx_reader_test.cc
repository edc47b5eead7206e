// ReadXlsx: the zip guard and real workbooks made with libxlsxwriter.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include "io/table_reader.h"
#include "io/zip_test_util.h"

namespace meihao::io {
namespace {

using testing::MakeZip;
using testing::ZipEntry;
using Rows = std::vector<std::vector<std::string>>;
using Strings = std::vector<std::string>;

// Runs `fill` on a fresh workbook and returns the .xlsx bytes.
std::string MakeWorkbook(const std::function<void(lxw_workbook*)>& fill) {
  char path[] = "/tmp/meihao-xlsx-test-XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  close(fd);
  lxw_workbook* book = workbook_new(path);
  fill(book);
  EXPECT_EQ(workbook_close(book), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  unlink(path);
  return bytes.str();
}

TEST(ReadXlsx, CellsOfEveryKind) {
  std::string bytes = MakeWorkbook([](lxw_workbook* book) {
    lxw_worksheet* ws = workbook_add_worksheet(book, "小区");
    lxw_worksheet* other = workbook_add_worksheet(book, "other");
    worksheet_write_string(other, 0, 0, "not read", nullptr);
    lxw_format* date = workbook_add_format(book);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* cn_date = workbook_add_format(book);
    format_set_num_format(cn_date, "yyyy\"年\"m\"月\"d\"日\"");
    lxw_format* builtin = workbook_add_format(book);
    format_set_num_format_index(builtin, 14);  // m/d/yyyy, locale dependent
    const char* headers[] = {"编码", "日期", "中文日期", "内置日期", "数", "小数", "布尔", "公式"};
    for (int c = 0; c < 8; ++c) worksheet_write_string(ws, 0, c, headers[c], nullptr);
    worksheet_write_string(ws, 2, 0, " 00123 ", nullptr);  // row 2 left empty on purpose
    lxw_datetime dt = {2024, 3, 15, 0, 0, 0};
    worksheet_write_datetime(ws, 2, 1, &dt, date);
    lxw_datetime dt2 = {2023, 12, 31, 18, 30, 0};
    worksheet_write_datetime(ws, 2, 2, &dt2, cn_date);
    worksheet_write_datetime(ws, 2, 3, &dt, builtin);
    worksheet_write_number(ws, 2, 4, 1200, nullptr);
    worksheet_write_number(ws, 2, 5, 95.25, nullptr);
    worksheet_write_boolean(ws, 2, 6, 1, nullptr);
    worksheet_write_formula_num(ws, 2, 7, "=E3*2", nullptr, 2400);
    worksheet_write_string(ws, 3, 0, "B", nullptr);
    worksheet_write_formula_str(ws, 3, 7, "=A4&\"x\"", nullptr, "Bx");
  });
  auto t = ReadTable(bytes);
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  EXPECT_EQ(t->header, (Strings{"编码", "日期", "中文日期", "内置日期", "数", "小数", "布尔", "公式"}));
  EXPECT_EQ(t->rows, (Rows{{"00123", "2024-03-15", "2023-12-31", "2024-03-15", "1200", "95.25",
                            "true", "2400"},
                           {"B", "", "", "", "", "", "", "Bx"}}));
  EXPECT_EQ(t->row_numbers, (std::vector<int>{3, 4}));
}

// Streaming writers (Apache POI SXSSF, libxlsxwriter's constant-memory mode)
// store text as inline strings, which orcus 0.17 alone would drop.
TEST(ReadXlsx, InlineStrings) {
  std::string bytes;
  {
    char path[] = "/tmp/meihao-xlsx-test-XXXXXX";
    close(mkstemp(path));
    lxw_workbook_options options = {};
    options.constant_memory = 1;
    lxw_workbook* book = workbook_new_opt(path, &options);
    lxw_worksheet* ws = workbook_add_worksheet(book, nullptr);
    worksheet_write_string(ws, 0, 0, "投诉编号", nullptr);
    worksheet_write_string(ws, 0, 1, "投诉类别", nullptr);
    worksheet_write_string(ws, 1, 0, "TS-001", nullptr);
    worksheet_write_string(ws, 1, 1, "A&B <噪音>", nullptr);
    worksheet_write_number(ws, 2, 0, 7, nullptr);
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_rich_string_tuple plain = {nullptr, const_cast<char*>("电梯 ")};
    lxw_rich_string_tuple strong = {bold, const_cast<char*>("故障")};
    lxw_rich_string_tuple* rich[] = {&plain, &strong, nullptr};
    worksheet_write_rich_string(ws, 2, 1, rich, nullptr);
    ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    bytes = out.str();
    unlink(path);
  }
  auto t = ReadXlsx(bytes);
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  EXPECT_EQ(t->header, (Strings{"投诉编号", "投诉类别"}));
  EXPECT_EQ(t->rows, (Rows{{"TS-001", "A&B <噪音>"}, {"7", "电梯 故障"}}));
}

TEST(ReadXlsx, EmptyFirstSheet) {
  std::string bytes = MakeWorkbook([](lxw_workbook* book) { workbook_add_worksheet(book, nullptr); });
  auto t = ReadXlsx(bytes);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "file.empty");
}

TEST(ReadXlsx, RefusesTooManyEntries) {
  std::vector<ZipEntry> entries{{"xl/workbook.xml", "<workbook/>"}};
  for (int i = 0; i < 4999; ++i) entries.push_back({"xl/media/p" + std::to_string(i), "x"});
  auto t = ReadXlsx(MakeZip(entries));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "file.xlsx.entries");
  EXPECT_EQ(t.error().kind, ErrorKind::kInvalid);
  // The count in the end record alone is enough to refuse.
  auto lie = ReadXlsx(MakeZip({{"xl/workbook.xml", "<workbook/>"}}, 5000));
  ASSERT_FALSE(lie.ok());
  EXPECT_EQ(lie.error().code, "file.xlsx.entries");
}

TEST(ReadXlsx, RefusesZipBombs) {
  auto huge = ReadXlsx(MakeZip({{"xl/workbook.xml", "<workbook/>"},
                                {"xl/worksheets/sheet1.xml", std::string(2 << 20, 'x'), 1u << 30}}));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().code, "file.xlsx.too_large");
  EXPECT_EQ(huge.error().kind, ErrorKind::kTooLarge);
  EXPECT_EQ(HttpStatusOf(huge.error().kind), 413);
  // Small in total but inflating 1:2000.
  auto ratio = ReadXlsx(MakeZip({{"xl/workbook.xml", "<workbook/>"},
                                 {"xl/sharedStrings.xml", std::string(100, 'x'), 200000}}));
  ASSERT_FALSE(ratio.ok());
  EXPECT_EQ(ratio.error().code, "file.xlsx.too_large");
  // Many entries that each stay under the limits but add up past 256 MiB.
  std::vector<ZipEntry> parts{{"xl/workbook.xml", "<workbook/>"}};
  for (int i = 0; i < 20; ++i)
    parts.push_back({"xl/p" + std::to_string(i), std::string(20000, 'x'), 15u << 20});
  auto total = ReadXlsx(MakeZip(parts));
  ASSERT_FALSE(total.ok());
  EXPECT_EQ(total.error().code, "file.xlsx.too_large");
}

TEST(ReadXlsx, RefusesJunkCleanly) {
  std::mt19937 rng(42);
  for (int round = 0; round < 50; ++round) {
    std::string junk = "PK\x03\x04";
    for (int i = 0; i < 2000; ++i) junk += static_cast<char>(rng());
    auto t = ReadTable(junk);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, "file.xlsx.invalid");
    EXPECT_NE(t.error().message_zh.find("不是有效的 Excel（.xlsx）文件"), std::string::npos);
  }
  auto no_workbook = ReadXlsx(MakeZip({{"word/document.xml", "<w/>"}}));
  ASSERT_FALSE(no_workbook.ok());
  EXPECT_EQ(no_workbook.error().code, "file.xlsx.invalid");
  // A sound zip whose parts are garbage: orcus throws, we answer.
  auto garbage = ReadXlsx(MakeZip({{"[Content_Types].xml", "<<<"}, {"_rels/.rels", "\x01\x02"},
                                   {"xl/workbook.xml", "not xml at all <"}}));
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, "file.xlsx.invalid");
}

TEST(ReadXlsx, RefusesTruncatedWorkbook) {
  std::string bytes = MakeWorkbook([](lxw_workbook* book) {
    worksheet_write_string(workbook_add_worksheet(book, nullptr), 0, 0, "a", nullptr);
  });
  for (size_t cut : {bytes.size() / 2, bytes.size() - 30, size_t{30}}) {
    auto t = ReadXlsx(std::string_view(bytes).substr(0, cut));
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, "file.xlsx.invalid");
  }
}

}  // namespace
}  // namespace meihao::io

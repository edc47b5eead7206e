// WriteXlsx (see table_writer.h) on libxlsxwriter, which can only write to a
// file: the workbook goes to a private temporary file that is read back and
// always removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include "io/table_writer.h"

namespace meihao::io {
namespace {

constexpr size_t kProgressEvery = 10000;
constexpr size_t kMaxDataRows = 1048575;  // Excel's grid minus the header row
constexpr size_t kMaxInlineList = 255;    // Excel's limit for a literal list, in characters
constexpr char kListSheet[] = "_lists";

// Removes the temporary file however WriteXlsx returns.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

Error Fail(const std::string& what) { return Error::Internal("xlsx export: " + what); }

bool ParseNumber(const std::string& s, double& out) {
  const char* end = s.data() + s.size();
  auto r = std::from_chars(s.data(), end, out);
  return r.ec == std::errc() && r.ptr == end && std::isfinite(out);
}

size_t Utf8Length(std::string_view s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

std::string ColumnLetters(int col) {
  std::string s;
  for (++col; col > 0; col = (col - 1) / 26) s.insert(s.begin(), char('A' + (col - 1) % 26));
  return s;
}

struct Writer {
  lxw_workbook* book = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_worksheet* lists = nullptr;  // hidden sheet for long drop-down lists
  int list_columns = 0;
  lxw_format* header = nullptr;
  lxw_format* text = nullptr;

  // A drop-down on rows 1..last of column `col`.
  lxw_error AddChoices(int col, const std::vector<std::string>& choices, int last) {
    lxw_data_validation dv{};
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.error_title = const_cast<char*>("输入值无效");
    dv.error_message = const_cast<char*>("请从下拉列表中选择一个值。");
    std::string joined;
    bool inline_ok = true;
    for (const auto& c : choices) {
      inline_ok = inline_ok && c.find(',') == std::string::npos && !c.empty();
      joined += (joined.empty() ? "" : ",") + c;
    }
    std::vector<char*> list;
    std::string formula;
    if (inline_ok && Utf8Length(joined) <= kMaxInlineList) {
      for (const auto& c : choices) list.push_back(const_cast<char*>(c.c_str()));
      list.push_back(nullptr);
      dv.value_list = list.data();
    } else {
      if (!lists) {
        lists = workbook_add_worksheet(book, kListSheet);
        if (!lists) return LXW_ERROR_MEMORY_MALLOC_FAILED;
        worksheet_hide(lists);
      }
      int lc = list_columns++;
      for (size_t i = 0; i < choices.size(); ++i)
        if (lxw_error e = worksheet_write_string(lists, i, lc, choices[i].c_str(), nullptr)) return e;
      std::string letters = "$" + ColumnLetters(lc) + "$";
      formula = std::string("=") + kListSheet + "!" + letters + "1:" + letters +
                std::to_string(choices.size());
      dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
      dv.value_formula = formula.data();
    }
    return worksheet_data_validation_range(sheet, 1, col, last, col, &dv);
  }

  lxw_error WriteCell(size_t row, int col, const std::string& cell, bool numeric) {
    double v;
    if (numeric && ParseNumber(cell, v)) return worksheet_write_number(sheet, row, col, v, nullptr);
    if (cell.empty()) return LXW_NO_ERROR;
    return worksheet_write_string(sheet, row, col, NeutraliseFormula(cell).c_str(), text);
  }
};

Status Fill(Writer& w, const XlsxSheet& s, const Progress& progress) {
  const auto& cols = s.columns;
  for (size_t c = 0; c < cols.size(); ++c) {
    int col = static_cast<int>(c);
    if (worksheet_set_column(w.sheet, col, col, cols[c].width, cols[c].numeric ? nullptr : w.text) ||
        worksheet_write_string(w.sheet, 0, col, NeutraliseFormula(cols[c].header).c_str(), w.header))
      return Fail("header column " + std::to_string(c));
  }
  worksheet_freeze_panes(w.sheet, 1, 0);
  int last = static_cast<int>(std::max<size_t>(std::max(s.validation_rows, 0), s.rows.size()));
  for (size_t c = 0; c < cols.size(); ++c) {
    if (cols[c].choices.empty() || last < 1) continue;
    if (lxw_error e = w.AddChoices(static_cast<int>(c), cols[c].choices, last))
      return Fail("drop-down of column " + std::to_string(c) + ": " + lxw_strerror(e));
  }
  for (size_t r = 0; r < s.rows.size(); ++r) {
    const auto& row = s.rows[r];
    for (size_t c = 0; c < row.size(); ++c) {
      bool numeric = c < cols.size() && cols[c].numeric;
      lxw_error e = w.WriteCell(r + 1, static_cast<int>(c), row[c], numeric);
      if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        return Error::Invalid("export.xlsx.cell_too_long",
                              "第 " + std::to_string(r + 2) + " 行第 " + std::to_string(c + 1) +
                                  " 列的内容超过 Excel 单元格的长度上限（32767 个字符），无法导出",
                              "Row " + std::to_string(r + 2) + ", column " + std::to_string(c + 1) +
                                  " exceeds Excel's 32767-character cell limit.");
      if (e) return Fail(std::string("cell: ") + lxw_strerror(e));
    }
    if (progress && (r + 1) % kProgressEvery == 0) progress(r + 1, s.rows.size());
  }
  return OkStatus();
}

}  // namespace

Result<std::string> WriteXlsx(const XlsxSheet& s, const Progress& progress) {
  if (s.rows.size() > kMaxDataRows)
    return Error{ErrorKind::kTooLarge, "export.xlsx.rows",
                 "数据超过 Excel 单个工作表的行数上限（1048575 行），请缩小导出范围或改用 CSV 导出",
                 "More rows than an Excel sheet holds (1,048,575); narrow the export or use CSV.",
                 {}};
  TempFile tmp{"/tmp/meihao-xlsx-XXXXXX"};
  int fd = ::mkstemp(tmp.path.data());
  if (fd < 0) {
    tmp.path.clear();
    return Fail("mkstemp failed");
  }
  ::close(fd);  // libxlsxwriter reopens the path itself

  Writer w;
  w.book = workbook_new(tmp.path.c_str());
  if (!w.book) return Fail("workbook_new failed");
  std::string name = s.name.empty() ? "Sheet1" : s.name;
  if (workbook_validate_sheet_name(w.book, name.c_str()) != LXW_NO_ERROR || name == kListSheet) {
    workbook_close(w.book);
    return Error::Invalid("export.xlsx.sheet_name", "工作表名称“" + name + "”不符合 Excel 的要求",
                          "Excel refuses the sheet name \"" + name + "\".");
  }
  w.sheet = workbook_add_worksheet(w.book, name.c_str());
  w.header = workbook_add_format(w.book);
  format_set_bold(w.header);
  format_set_pattern(w.header, LXW_PATTERN_SOLID);
  format_set_bg_color(w.header, 0xDDEBF7);  // light blue, prints well in grey too
  format_set_border(w.header, LXW_BORDER_THIN);
  format_set_align(w.header, LXW_ALIGN_VERTICAL_CENTER);
  w.text = workbook_add_format(w.book);
  format_set_num_format(w.text, "@");  // text: what users type stays text (00123)

  auto filled = Fill(w, s, progress);
  lxw_error closed = workbook_close(w.book);  // frees the workbook in every case
  if (!filled) return filled.error();
  if (closed) return Fail(std::string("workbook_close: ") + lxw_strerror(closed));
  if (progress) progress(s.rows.size(), s.rows.size());

  std::ifstream in(tmp.path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) return Fail("reading back the temporary file");
  return std::move(bytes).str();
}

}  // namespace meihao::io

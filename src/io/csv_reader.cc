// ReadCsv and ReadTable (see table_reader.h).
#include <string>
#include <vector>

#include "io/table_reader.h"
#include "io/text_util.h"

namespace meihao::io {
namespace {

using internal::RawRow;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

Error EmptyFile() {
  return Error::Invalid("file.empty", "文件为空", "The file is empty.");
}

int LineOf(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

// Splits UTF-8 text into records. `row` counts records from 1, blank lines
// included, because that is where Excel puts them when it opens the file.
Result<std::vector<RawRow>> SplitRecords(std::string_view text) {
  std::vector<RawRow> rows;
  std::vector<std::string> cells;
  std::string cell;
  size_t i = 0, n = text.size();
  int row = 1;
  auto end_cell = [&] {
    cells.emplace_back(internal::TrimCell(cell));
    cell.clear();
  };
  auto end_record = [&] {
    end_cell();
    rows.push_back({row++, std::move(cells)});
    cells.clear();
  };
  while (i < n) {
    // A quote opens a quoted field only at the start of the cell (after
    // blanks); elsewhere it is an ordinary character, as Excel reads it.
    if (text[i] == '"' && internal::TrimCell(cell).empty()) {
      size_t opened_at = i++;
      cell.clear();
      for (;;) {
        if (i >= n) {
          int line = LineOf(text, opened_at);
          return Error::Invalid(
              "file.csv.quote",
              "第 " + std::to_string(line) + " 行的引号没有配对闭合，请检查该行内容",
              "The quote opened on line " + std::to_string(line) + " is never closed.");
        }
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') { cell += '"'; i += 2; continue; }
          ++i;
          break;
        }
        cell += text[i++];
      }
      continue;  // anything after the closing quote is kept as text
    }
    char c = text[i];
    if (c == ',') { end_cell(); ++i; }
    else if (c == '\n') { end_record(); ++i; }
    else if (c == '\r' && i + 1 < n && text[i + 1] == '\n') { end_record(); i += 2; }
    else {
      // Copy the run up to the next character that means something, in one
      // append rather than byte by byte (imports carry tens of megabytes).
      size_t j = i;
      while (j < n && text[j] != ',' && text[j] != '\n' && text[j] != '\r' && text[j] != '"') ++j;
      if (j == i) { cell += c; ++i; }
      else { cell.append(text, i, j - i); i = j; }
    }
  }
  if (!cell.empty() || !cells.empty()) end_record();
  return rows;
}

}  // namespace

Result<Table> ReadCsv(std::string_view bytes) {
  if (bytes.substr(0, 3) == kUtf8Bom) bytes.remove_prefix(3);
  std::string converted;
  if (auto bad = internal::FirstInvalidUtf8(bytes)) {
    auto gb = internal::Gb18030ToUtf8(bytes);
    if (!gb) {
      int line = LineOf(bytes, *bad);
      return Error::Invalid(
          "file.encoding",
          "第 " + std::to_string(line) +
              " 行含有无法识别的字符：文件既不是 UTF-8 编码也不是 GB18030（GBK）编码。"
              "请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx 格式后重新上传",
          "Line " + std::to_string(line) +
              " holds bytes that are neither UTF-8 nor GB18030; save the file as UTF-8 CSV "
              "or .xlsx and upload it again.");
    }
    converted = std::move(*gb);
    bytes = converted;
  }
  auto records = SplitRecords(bytes);
  if (!records) return records.error();
  auto table = internal::BuildTable(std::move(records.value()));
  if (!table) return EmptyFile();
  return std::move(*table);
}

Result<Table> ReadTable(std::string_view bytes) {
  if (bytes.empty()) return EmptyFile();
  if (bytes.substr(0, kZipMagic.size()) == kZipMagic) return ReadXlsx(bytes);
  if (bytes.substr(0, kOleMagic.size()) == kOleMagic)
    return Error::Invalid(
        "file.xls",
        "不支持旧版 Excel（.xls）文件或设置了打开密码的 Excel 文件，"
        "请取消密码并另存为 .xlsx 或 CSV 格式后重新上传",
        "Legacy .xls files and password-protected workbooks are not supported; "
        "save the file as .xlsx or CSV without a password.");
  return ReadCsv(bytes);
}

}  // namespace meihao::io

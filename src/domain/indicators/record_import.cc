#include "domain/indicators/record_import.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

#include "common/text.h"
#include "domain/registry/estate.h"
#include "domain/registry/uscc.h"

namespace meihao::domain::indicators {

size_t RecordSheetSpec::Index(std::string_view key) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].key == key) return i;
  return columns.size();
}

namespace {

// "12.5" → 1250 with 2 decimals; nullopt for anything else (signs, 3 decimals, text).
std::optional<int64_t> ParseScaled(std::string_view s, int decimals) {
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot), frac = dot == s.npos ? "" : s.substr(dot + 1);
  auto digits = [](std::string_view v) { return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }); };
  if (whole.empty() || whole.size() > 12 || !digits(whole) || !digits(frac)) return std::nullopt;
  if (dot != s.npos && frac.empty()) return std::nullopt;
  // Trailing zeros beyond the allowed decimals are harmless ("12.500" from a sheet).
  while (frac.size() > size_t(decimals) && frac.back() == '0') frac.remove_suffix(1);
  if (frac.size() > size_t(decimals)) return std::nullopt;
  int64_t v = 0;
  for (char c : whole) v = v * 10 + (c - '0');
  for (int i = 0; i < decimals; ++i) v = v * 10 + (size_t(i) < frac.size() ? frac[size_t(i)] - '0' : 0);
  return v;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : "、") + s;
  return out;
}

std::string Fen(int64_t v, int decimals) {
  std::string s = std::to_string(v);
  if (decimals == 0) return s;
  while (s.size() <= size_t(decimals)) s.insert(0, "0");
  return s.substr(0, s.size() - size_t(decimals)) + "." + s.substr(s.size() - size_t(decimals));
}

class RecordChecker {
 public:
  RecordChecker(const Table& t, const RecordSheetSpec& spec, const std::function<bool(std::string_view)>& exists,
                const std::vector<std::string>& codes)
      : t_(t), spec_(spec), exists_(exists), codes_(codes), col_(spec.columns.size(), SIZE_MAX) {}

  RecordSheetCheck Run() {
    MapHeader();
    size_t data_rows = 0;
    for (size_t i = 0; i < t_.rows.size(); ++i) {
      const auto& cells = t_.rows[i];
      if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return Trim(c).empty(); })) continue;
      ++data_rows;
      CheckRow(i);
    }
    if (data_rows == 0) Add(1, "", "", "没有数据行：表格中除表头外没有任何记录", "no data rows: the sheet has only a header");
    std::stable_sort(out_.problems.begin(), out_.problems.end(), [](auto& a, auto& b) { return a.row < b.row; });
    return std::move(out_);
  }

 private:
  void Add(int row, std::string column, std::string value, std::string zh, std::string en, std::string sugg = {}) {
    ++out_.problem_count;
    if (out_.problems.size() < registry::kMaxProblems)
      out_.problems.push_back({row, std::move(column), std::move(value), std::move(zh), std::move(en), std::move(sugg)});
  }

  void MapHeader() {
    std::vector<std::string> known;
    for (const auto& c : spec_.columns) { known.push_back(c.zh); known.push_back(c.key); }
    for (size_t i = 0; i < t_.header.size(); ++i) {
      std::string h = Trim(t_.header[i]);
      while (h.ends_with("*")) h = Trim(h.substr(0, h.size() - 1));
      size_t k = 0;
      while (k < spec_.columns.size() && h != spec_.columns[k].zh && Lower(h) != spec_.columns[k].key) ++k;
      const std::string pos = std::to_string(i + 1);
      if (k == spec_.columns.size()) {
        bool empty = std::all_of(t_.rows.begin(), t_.rows.end(), [&](auto& r) { return i >= r.size() || Trim(r[i]).empty(); });
        if (h.empty() && empty) continue;
        if (empty) continue;  // a stray empty column is harmless
        Add(1, t_.header[i], t_.header[i], "第" + pos + "列“" + h + "”不是" + spec_.name_zh + "的列，请删除或改为模板中的列名",
            "column " + pos + " \"" + h + "\" is not a column of this sheet", Join(Nearest(h, known, 2)));
      } else if (col_[k] != SIZE_MAX) {
        Add(1, t_.header[i], t_.header[i], "列“" + h + "”重复出现", "column \"" + h + "\" appears twice");
      } else {
        col_[k] = i;
      }
    }
    for (size_t k = 0; k < spec_.columns.size(); ++k)
      if (spec_.columns[k].required && col_[k] == SIZE_MAX)
        Add(1, spec_.columns[k].zh, "", "缺少必填列“" + spec_.columns[k].zh + "”（也可用英文列名 " + spec_.columns[k].key + "）",
            "required column missing: " + spec_.columns[k].zh + " (" + spec_.columns[k].key + ")");
  }

  std::string HeaderOf(size_t k) const { return col_[k] == SIZE_MAX ? spec_.columns[k].zh : t_.header[col_[k]]; }

  void CheckRow(size_t i) {
    RecordRow row{i < t_.row_numbers.size() ? t_.row_numbers[i] : int(i) + 2, {}};
    const size_t before = out_.problem_count;
    for (size_t k = 0; k < spec_.columns.size(); ++k) {
      std::string text = col_[k] == SIZE_MAX || col_[k] >= t_.rows[i].size() ? "" : Trim(t_.rows[i][col_[k]]);
      row.cells.push_back(CheckCell(row.row, k, std::move(text)));
    }
    if (out_.problem_count != before) return;
    if (spec_.row_rule)
      for (auto& [key, zh, en] : spec_.row_rule(row)) {
        size_t k = spec_.Index(key);
        Add(row.row, HeaderOf(k), row.cells[k].text, zh, en);
      }
    if (out_.problem_count != before) return;
    if (!spec_.unique_key.empty()) {
      std::string key;
      for (const auto& u : spec_.unique_key) key += row.cells[spec_.Index(u)].text + '\x1f';
      auto [it, fresh] = first_row_.emplace(key, row.row);
      if (!fresh) {
        size_t k = spec_.Index(spec_.unique_key.front());
        Add(row.row, HeaderOf(k), row.cells[k].text, "与第" + std::to_string(it->second) + "行重复（同一记录出现两次）",
            "duplicates row " + std::to_string(it->second));
        return;
      }
    }
    out_.rows.push_back(std::move(row));
  }

  RecordCell CheckCell(int row, size_t k, std::string text) {
    const RecordColumn& c = spec_.columns[k];
    RecordCell cell{!text.empty(), text, 0, {}, c.default_yes};
    auto bad = [&](std::string zh, std::string en, std::string sugg = {}) {
      Add(row, HeaderOf(k), text, c.zh + zh, c.zh + " " + en, std::move(sugg));
    };
    if (text.empty()) {
      if (c.required) bad("不能为空", "is required");
      return cell;
    }
    switch (c.kind) {
      case CellKind::kText: {
        size_t n = CodePointCount(text);
        if (!IsValidUtf8(text)) bad("含有无法识别的字符", "is not valid text");
        else if (n < std::max<size_t>(c.min_chars, 1) || (c.max_chars && n > c.max_chars))
          bad("长度应为" + std::to_string(std::max<size_t>(c.min_chars, 1)) + "至" + std::to_string(c.max_chars) + "个字符",
              "must be " + std::to_string(std::max<size_t>(c.min_chars, 1)) + "–" + std::to_string(c.max_chars) + " characters");
        break;
      }
      case CellKind::kDate: {
        auto iso = registry::ParseDate(text);
        if (!iso) bad("应为日期，如 2023-09-01 或 2023/9/1", "must be a date such as 2023-09-01");
        else cell.date = *Date::Parse(*iso);
        break;
      }
      case CellKind::kYesNo:
        if (!registry::ParseYesNo(text, &cell.yes)) bad("应填“是”或“否”", "must be yes or no (是/否)");
        break;
      case CellKind::kInteger:
      case CellKind::kMoneyFen:
      case CellKind::kHundredths: {
        int decimals = c.kind == CellKind::kInteger ? 0 : 2;
        auto v = ParseScaled(text, decimals);
        std::string range = Fen(c.min, decimals) + "至" + Fen(c.max, decimals);
        if (!v) bad(decimals ? "应为数字，最多两位小数" : "应为整数", decimals ? "must be a number with at most 2 decimals" : "must be a whole number");
        else if (*v < c.min || *v > c.max) bad("应在" + range + "之间", "must be within " + Fen(c.min, decimals) + " … " + Fen(c.max, decimals));
        else cell.number = *v;
        break;
      }
      case CellKind::kUscc:
        if (!registry::IsValidUscc(text)) bad("无效：应为18位大写字母或数字且校验位正确", "is not a valid unified social credit code");
        break;
      case CellKind::kEstateCode:
        if (!exists_(text)) {
          // Suggestions are costly over tens of thousands of codes: only for the first problems.
          std::string sugg = ++suggested_ <= 200 && !codes_.empty() ? Join(Nearest(text, codes_, 3)) : "";
          bad("“" + text + "”不存在（或不在您的管辖范围内）", "\"" + text + "\" is not a registered estate in your scope", sugg);
        }
        break;
    }
    return cell;
  }

  const Table& t_;
  const RecordSheetSpec& spec_;
  const std::function<bool(std::string_view)>& exists_;
  const std::vector<std::string>& codes_;
  std::vector<size_t> col_;  // spec column → file column (SIZE_MAX: absent)
  std::unordered_map<std::string, int> first_row_;
  size_t suggested_ = 0;
  RecordSheetCheck out_;
};

}  // namespace

RecordSheetCheck CheckRecordSheet(const Table& table, const RecordSheetSpec& spec,
                                  const std::function<bool(std::string_view)>& estate_exists,
                                  const std::vector<std::string>& estate_codes) {
  return RecordChecker(table, spec, estate_exists, estate_codes).Run();
}

}  // namespace meihao::domain::indicators

#include "domain/registry/estate_import.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"
#include "domain/registry/uscc.h"

namespace meihao::domain::registry {
namespace {

struct ColumnSpec { const char* key; const char* zh; bool required; };

// Template order. Company columns are required only for professional rows,
// which the row check enforces.
constexpr ColumnSpec kColumns[] = {
    {"code", "小区编码", true},          {"name", "小区名称", true},
    {"county", "区县", true},            {"town", "镇街", true},
    {"community", "社区", false},        {"address", "地址", false},
    {"households", "户数", true},        {"management_mode", "物业管理方式", true},
    {"company_name", "物业服务企业", false}, {"company_uscc", "统一社会信用代码", false},
    {"owners_org", "业主组织", true},    {"party_org", "小区党组织", false},
    {"demonstration", "红色管家示范项目", false},
};

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : "、") + s;
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The column key a header names, or "" when it names none.
std::string KeyOfHeader(const std::string& header) {
  std::string h = Trim(header);
  while (h.ends_with("*")) h = Trim(h.substr(0, h.size() - 1));
  while (h.ends_with("＊")) h = Trim(h.substr(0, h.size() - 3));
  for (const ColumnSpec& c : kColumns)
    if (h == c.zh || Lower(h) == c.key) return c.key;
  return "";
}

// Households as typed, or as an .xlsx reader renders a number cell ("120.0").
std::optional<int> ParseCount(const std::string& s) {
  const size_t dot = s.find('.');
  const std::string whole = s.substr(0, dot);
  if (whole.empty() || whole.size() > 9 || !std::all_of(whole.begin(), whole.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  if (dot != std::string::npos && (dot + 1 == s.size() || s.find_first_not_of('0', dot + 1) != std::string::npos))
    return std::nullopt;
  return std::stoi(whole);
}

// ValidateEstate's field names → sheet column keys.
std::string ColumnOfField(const std::string& field) {
  if (field == "county_code") return "county";
  if (field == "town_code") return "town";
  return field;
}

class Checker {
 public:
  // part_of_split: this checker sees one part of a sheet split across threads;
  // sheet-wide checks (header problems, duplicate codes, "no data rows") are
  // then left to the caller, which sees every part (see CheckInParallel).
  Checker(Table t, const DivisionTree& tree, std::string_view scope, bool part_of_split = false)
      : t_(std::move(t)), tree_(tree), scope_(scope), part_(part_of_split) {}

  EstateImportCheck Run() {
    MapHeader();
    out_.estates.reserve(t_.rows.size());
    for (size_t i = 0; i < t_.rows.size(); ++i) {
      if (IsBlank(t_.rows[i])) continue;
      ++data_rows_;
      CheckRow(i);
      std::vector<std::string>().swap(t_.rows[i]);  // done with this row: free its cells now
    }
    if (data_rows_ == 0 && !part_) AddNoDataRows(out_);
    SortProblems(out_);
    return std::move(out_);
  }

  // For a split sheet: each row's code in order, and the row of each estate.
  int data_rows() const { return data_rows_; }
  const std::vector<std::pair<std::string, int>>& codes() const { return codes_; }
  const std::vector<int>& estate_rows() const { return estate_rows_; }
  std::string CodeHeader() const { return Header("code"); }

  static void AddNoDataRows(EstateImportCheck& out) {
    ++out.problem_count;
    out.problems.push_back({1, "", "", "没有数据行：表格中除表头外没有任何小区", "no data rows: the sheet has only a header", ""});
  }
  static void SortProblems(EstateImportCheck& out) {
    std::stable_sort(out.problems.begin(), out.problems.end(),
                     [](const ImportProblem& a, const ImportProblem& b) { return a.row < b.row; });
  }
  static ImportProblem DuplicateProblem(int row, const std::string& column, const std::string& code, int first) {
    return {row, column, code, "小区编码“" + code + "”与第" + std::to_string(first) + "行重复",
            "estate code \"" + code + "\" already used on row " + std::to_string(first), ""};
  }

 private:
  void Add(int row, std::string column, std::string value, std::string zh, std::string en,
           std::string suggestion = {}) {
    ++out_.problem_count;
    if (out_.problems.size() < kMaxProblems)
      out_.problems.push_back({row, std::move(column), std::move(value), std::move(zh), std::move(en),
                               std::move(suggestion)});
  }

  static bool IsBlank(const std::vector<std::string>& row) {
    return std::all_of(row.begin(), row.end(), [](const std::string& c) { return Trim(c).empty(); });
  }

  void MapHeader() {
    std::vector<std::string> known;
    for (const ColumnSpec& c : kColumns) { known.push_back(c.zh); known.push_back(c.key); }
    for (size_t i = 0; i < t_.header.size(); ++i) {
      const std::string& h = t_.header[i];
      const std::string key = KeyOfHeader(h);
      const std::string pos = std::to_string(i + 1);
      if (key.empty()) {
        if (ColumnIsEmpty(i)) continue;  // stray empty columns are harmless
        Add(1, h, h, "第" + pos + "列“" + h + "”不是小区台账的列，请删除或改为模板中的列名",
            "column " + pos + " \"" + h + "\" is not an estates column; remove it or use a template header",
            Join(Nearest(Trim(h), known, 2)));
      } else if (col_.count(key)) {
        Add(1, h, h, "列“" + h + "”重复出现（第" + std::to_string(col_[key] + 1) + "列和第" + pos + "列）",
            "column \"" + h + "\" appears twice (columns " + std::to_string(col_[key] + 1) + " and " + pos + ")");
      } else {
        col_[key] = i;
      }
    }
    for (const ColumnSpec& c : kColumns)
      if (c.required && !col_.count(c.key))
        Add(1, c.zh, "", std::string("缺少必填列“") + c.zh + "”（也可用英文列名 " + c.key + "）",
            std::string("required column missing: ") + c.zh + " (" + c.key + ")");
  }

  bool ColumnIsEmpty(size_t i) const {
    return std::all_of(t_.rows.begin(), t_.rows.end(),
                       [&](const auto& r) { return i >= r.size() || Trim(r[i]).empty(); });
  }

  // A view into the table (no copy: this runs for every cell of the file).
  std::string_view Raw(size_t row, std::string_view key) const {
    const auto it = col_.find(key);
    if (it == col_.end() || it->second >= t_.rows[row].size()) return {};
    return t_.rows[row][it->second];
  }
  std::string Header(const std::string& key) const {
    const auto it = col_.find(key);
    if (it != col_.end()) return t_.header[it->second];
    for (const ColumnSpec& c : kColumns) if (c.key == key) return c.zh;
    return key;
  }

  // One row's state while it is checked.
  struct Row {
    size_t index;
    int number;
    Estate e;
    std::set<std::string> blocked;  // columns already reported: skip their later checks
    size_t problems_before;
  };

  void Problem(Row& r, const std::string& key, std::string zh, std::string en, std::string sugg = {}) {
    r.blocked.insert(key);
    Add(r.number, Header(key), std::string(Raw(r.index, key)), std::move(zh), std::move(en), std::move(sugg));
  }

  void CheckRow(size_t i) {
    Row r{i, i < t_.row_numbers.size() ? t_.row_numbers[i] : static_cast<int>(i) + 2, {}, {}, out_.problem_count};
    Estate& e = r.e;
    e.code = Trim(Raw(i, "code"));
    e.name = Trim(Raw(i, "name"));
    e.community = Trim(Raw(i, "community"));
    e.address = Trim(Raw(i, "address"));
    e.company_name = Trim(Raw(i, "company_name"));
    e.company_uscc = Trim(Raw(i, "company_uscc"));
    CheckPlace(r);
    CheckEnums(r);
    CheckFlags(r);
    if (const auto n = ParseCount(Trim(Raw(i, "households")))) e.households = *n;
    else if (col_.count("households")) Problem(r, "households", "户数应为整数（1至100000）", "households must be a whole number (1-100000)");
    if (!col_.count("households")) r.blocked.insert("households");
    const std::vector<Error> errors = ValidateEstate(e, tree_);
    for (const Error& err : errors) {
      const std::string key = ColumnOfField(err.field);
      if (!r.blocked.count(key) && (col_.count(key) || !IsRequiredColumn(key)))
        Problem(r, key, err.message_zh, err.message_en,
                err.code == "estate.company_uscc.invalid" ? UsccHint(e.company_uscc) : "");
    }
    if (part_) {
      if (!e.code.empty()) codes_.emplace_back(e.code, r.number);
    } else {
      CheckDuplicate(r);
    }
    // `errors` also catches fields of missing columns, reported once at row 1.
    if (out_.problem_count == r.problems_before && errors.empty()) {
      out_.estates.push_back(std::move(e));
      if (part_) estate_rows_.push_back(r.number);
    }
  }

  static bool IsRequiredColumn(const std::string& key) {
    for (const ColumnSpec& c : kColumns) if (c.key == key) return c.required;
    return false;
  }

  void CheckPlace(Row& r) {
    if (!col_.count("county")) { r.blocked.insert("county"); r.blocked.insert("town"); return; }
    const std::string county = Trim(Raw(r.index, "county")), town = Trim(Raw(r.index, "town"));
    const Division* c = tree_.FindCountyByNameOrCode(county);
    if (c == nullptr) {
      std::vector<std::string> names;
      for (const Division* d : tree_.Counties()) names.push_back(d->name);
      Problem(r, "county", county.empty() ? "区县不能为空" : "区县“" + county + "”不存在",
              county.empty() ? "county is required" : "unknown county \"" + county + "\"",
              Join(county.empty() ? names : Nearest(county, names, 3)));
      r.blocked.insert("town");
      return;
    }
    r.e.county_code = c->code;
    if (!col_.count("town")) { r.blocked.insert("town"); return; }
    const Division* t = tree_.FindTown(c->code, town);
    if (t == nullptr) return UnknownTown(r, *c, town);
    r.e.town_code = t->code;
    CheckScope(r);
  }

  void UnknownTown(Row& r, const Division& county, const std::string& town) {
    std::string hint;
    for (const Division* other : tree_.Counties())
      if (!town.empty() && tree_.FindTown(other->code, town) != nullptr)
        hint = town + "属于" + other->name + "，请核对区县";
    if (hint.empty()) {
      const std::vector<std::string> all = tree_.TownNames(county.code);
      const std::vector<std::string> near = Nearest(town, all, 3);
      hint = Join(near.empty() ? all : near);  // nothing close: list the county's towns
    }
    Problem(r, "town", town.empty() ? "镇街不能为空" : "镇街“" + town + "”不在" + county.name + "辖区内",
            town.empty() ? "town is required" : "\"" + town + "\" is not a town/street of " + county.name,
            hint);
  }

  void CheckScope(Row& r) {
    if (scope_.empty()) return;
    const Division* s = tree_.Find(scope_);
    const std::string name = s ? s->name : scope_;
    const std::string zh = "该小区不在您的管辖范围（" + name + "）内", en = "outside your scope (" + name + ")";
    if (!tree_.IsWithin(r.e.county_code, scope_) && !tree_.IsWithin(scope_, r.e.county_code))
      Problem(r, "county", zh, en);
    else if (!tree_.IsWithin(r.e.town_code, scope_))
      Problem(r, "town", zh, en);
  }

  void CheckEnums(Row& r) {
    const std::string mode = Trim(Raw(r.index, "management_mode")), org = Trim(Raw(r.index, "owners_org"));
    if (const auto m = ParseManagementMode(mode)) r.e.mode = *m;
    else if (col_.count("management_mode"))
      Problem(r, "management_mode", mode.empty() ? "物业管理方式不能为空" : "物业管理方式“" + mode + "”无法识别",
              "management mode must be professional, self or none", "专业化物业管理、业主自行管理、无物业管理");
    if (!col_.count("management_mode") || r.blocked.count("management_mode")) {
      r.blocked.insert("company_name");  // whether a company belongs there depends on the mode
      r.blocked.insert("company_uscc");
    }
    if (const auto o = ParseOwnersOrg(org)) r.e.owners_org = *o;
    else if (col_.count("owners_org"))
      Problem(r, "owners_org", org.empty() ? "业主组织不能为空" : "业主组织“" + org + "”无法识别",
              "owners' organisation must be owners_committee, management_committee or none",
              "业主委员会、物业管理委员会、无");
  }

  void CheckFlags(Row& r) {
    for (const char* key : {"party_org", "demonstration"}) {
      const std::string v = Trim(Raw(r.index, key));
      bool value = false;  // an empty cell means no
      if (!v.empty() && !ParseYesNo(v, &value))
        Problem(r, key, "“" + Header(key) + "”应填“是”或“否”", std::string(key) + " must be yes or no", "是、否");
      (std::string(key) == "party_org" ? r.e.party_org : r.e.demonstration) = value;
    }
  }

  // A hint for the commonest credit code mistakes: lower case, or a mistyped character.
  static std::string UsccHint(const std::string& uscc) {
    if (uscc.size() != 18) return "";
    std::string upper = uscc;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper != uscc && IsValidUscc(upper)) return upper;
    if (const auto check = UsccCheckChar(upper.substr(0, 17)))
      return std::string("按前17位计算校验位应为") + *check + "，请对照营业执照核对";
    return "";
  }

  void CheckDuplicate(Row& r) {
    if (r.e.code.empty()) return;
    const auto [it, fresh] = first_row_.emplace(r.e.code, r.number);
    if (!fresh)
      Problem(r, "code", "小区编码“" + r.e.code + "”与第" + std::to_string(it->second) + "行重复",
              "estate code \"" + r.e.code + "\" already used on row " + std::to_string(it->second));
  }

  Table t_;
  const DivisionTree& tree_;
  const std::string scope_;
  std::map<std::string, size_t, std::less<>> col_;  // column key → index in the file
  std::unordered_map<std::string, int> first_row_;  // estate code → first sheet row using it
  EstateImportCheck out_;
  const bool part_;
  int data_rows_ = 0;
  std::vector<std::pair<std::string, int>> codes_;  // part of a split: (code, row), in order
  std::vector<int> estate_rows_;                    // part of a split: row of each estate
};

// Two halves of a large sheet checked on two threads, then the sheet-wide
// checks over both: the same answer as one checker, in about half the time.
EstateImportCheck CheckInParallel(Table table, const DivisionTree& tree, std::string_view scope) {
  const size_t mid = table.rows.size() / 2;
  Table second{table.header, {}, {}};
  second.rows.assign(std::make_move_iterator(table.rows.begin() + long(mid)), std::make_move_iterator(table.rows.end()));
  second.row_numbers.assign(table.row_numbers.begin() + long(mid), table.row_numbers.end());
  table.rows.resize(mid);
  table.row_numbers.resize(mid);
  Checker a(std::move(table), tree, scope, true), b(std::move(second), tree, scope, true);
  EstateImportCheck rb;
  std::thread worker([&] { rb = b.Run(); });
  EstateImportCheck out = a.Run();
  worker.join();
  // a saw the header (its problems stand once); b's rows follow a's.
  std::vector<int> rows = a.estate_rows();
  rows.insert(rows.end(), b.estate_rows().begin(), b.estate_rows().end());
  out.estates.insert(out.estates.end(), std::make_move_iterator(rb.estates.begin()), std::make_move_iterator(rb.estates.end()));
  out.problem_count += rb.problem_count;
  for (auto& p : rb.problems) if (p.row != 1) out.problems.push_back(std::move(p));
  out.problem_count -= std::count_if(rb.problems.begin(), rb.problems.end(), [](auto& p) { return p.row == 1; });
  // Duplicate codes across the whole sheet, in row order, as one checker finds them.
  std::unordered_map<std::string, int> first_row;
  std::unordered_set<int> flagged;
  for (const auto* part : {&a.codes(), &b.codes()})
    for (const auto& [code, row] : *part) {
      const auto [it, fresh] = first_row.emplace(code, row);
      if (fresh) continue;
      ++out.problem_count;
      out.problems.push_back(Checker::DuplicateProblem(row, a.CodeHeader(), code, it->second));
      flagged.insert(row);
    }
  if (a.data_rows() + b.data_rows() == 0) Checker::AddNoDataRows(out);
  Checker::SortProblems(out);
  if (out.problems.size() > kMaxProblems) out.problems.resize(kMaxProblems);
  if (!flagged.empty()) {  // an estate whose row turned out to be a duplicate is not clean
    std::vector<Estate> kept;
    for (size_t i = 0; i < out.estates.size(); ++i)
      if (!flagged.count(rows[i])) kept.push_back(std::move(out.estates[i]));
    out.estates = std::move(kept);
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> EstateColumns() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const ColumnSpec& c : kColumns) out.emplace_back(c.key, c.zh);
  return out;
}

EstateImportCheck CheckEstateTable(Table table, const DivisionTree& tree, std::string_view restrict_to_scope,
                                   size_t parallel_from_rows) {
  if (table.rows.size() >= std::max<size_t>(parallel_from_rows, 2))
    return CheckInParallel(std::move(table), tree, restrict_to_scope);
  return Checker(std::move(table), tree, restrict_to_scope).Run();
}

}  // namespace meihao::domain::registry

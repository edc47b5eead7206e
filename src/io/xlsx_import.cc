#include "io/xlsx_import.h"

#include <cctype>
#include <utility>

#include "io/cell_format.h"
#include "io/xlsx_styles.h"

namespace meihao::io::internal {

using orcus::spreadsheet::col_t;
using orcus::spreadsheet::row_t;

// Excel's grid; anything outside is a broken file and is ignored.
constexpr row_t kMaxRows = 1048576;
constexpr col_t kMaxCols = 16384;

class SharedStrings : public oss::iface::import_shared_strings {
 public:
  size_t append(std::string_view s) override { return Push(std::string(s)); }
  size_t add(std::string_view s) override { return Push(std::string(s)); }
  void set_segment_font(size_t) override {}
  void set_segment_bold(bool) override {}
  void set_segment_italic(bool) override {}
  void set_segment_font_name(std::string_view) override {}
  void set_segment_font_size(double) override {}
  void set_segment_font_color(color_elem_t, color_elem_t, color_elem_t, color_elem_t) override {}
  void append_segment(std::string_view s) override { segments_.append(s); }
  size_t commit_segments() override { return Push(std::exchange(segments_, {})); }

  std::string_view Get(size_t id) const {
    return id < strings_.size() ? std::string_view(strings_[id]) : std::string_view{};
  }

 private:
  size_t Push(std::string s) {
    strings_.push_back(std::move(s));
    return strings_.size() - 1;
  }
  std::vector<std::string> strings_;
  std::string segments_;
};

class GlobalSettings : public oss::iface::import_global_settings {
 public:
  void set_origin_date(int year, int, int) override { date1904 = year == 1904; }
  void set_default_formula_grammar(oss::formula_grammar_t g) override { grammar_ = g; }
  oss::formula_grammar_t get_default_formula_grammar() const override { return grammar_; }
  void set_character_set(orcus::character_set_t) override {}
  bool date1904 = false;

 private:
  oss::formula_grammar_t grammar_ = oss::formula_grammar_t::xlsx;
};

// Sheets other than the first are parsed by orcus anyway; their cells go here.
class NullSheet : public oss::iface::import_sheet {
 public:
  void set_auto(row_t, col_t, std::string_view) override {}
  void set_string(row_t, col_t, oss::string_id_t) override {}
  void set_value(row_t, col_t, double) override {}
  void set_bool(row_t, col_t, bool) override {}
  void set_date_time(row_t, col_t, int, int, int, int, int, double) override {}
  void set_format(row_t, col_t, size_t) override {}
  void set_format(row_t, col_t, row_t, col_t, size_t) override {}
  void fill_down_cells(row_t, col_t, row_t) override {}
  oss::range_size_t get_sheet_size() const override { return {kMaxRows, kMaxCols}; }
};

// Resolves A1-style references ("B7", "$A$1:$C$9", "Sheet1!A1") for orcus,
// which needs it to place cells. A part that does not parse becomes -1, which
// places nothing; orcus then reports the cell as a broken file.
class A1Resolver : public oss::iface::import_reference_resolver {
 public:
  oss::src_address_t resolve_address(std::string_view s) override {
    if (auto bang = s.rfind('!'); bang != s.npos) s.remove_prefix(bang + 1);
    oss::src_address_t a{0, -1, -1};
    size_t i = 0;
    if (i < s.size() && s[i] == '$') ++i;
    long col = 0, row = 0;
    size_t letters = i;
    while (i < s.size() && col <= kMaxCols && std::isalpha(static_cast<unsigned char>(s[i])))
      col = col * 26 + (std::toupper(static_cast<unsigned char>(s[i++])) - 'A' + 1);
    letters = i - letters;
    if (i < s.size() && s[i] == '$') ++i;
    size_t digits = i;
    while (i < s.size() && row <= kMaxRows && std::isdigit(static_cast<unsigned char>(s[i])))
      row = row * 10 + (s[i++] - '0');
    digits = i - digits;
    if (i != s.size()) return a;
    a.column = letters ? static_cast<col_t>(col - 1) : 0;               // "5:5" → whole row
    a.row = digits ? static_cast<row_t>(row - 1) : kMaxRows - 1;  // "A:A" → to the end
    return a;
  }
  oss::src_range_t resolve_range(std::string_view s) override {
    s = s.substr(0, s.find(' '));  // sqref="A1:B2 D4": the first part is enough
    size_t colon = s.find(':');
    oss::src_range_t r;
    r.first = resolve_address(s.substr(0, colon));
    r.last = colon == s.npos ? r.first : resolve_address(s.substr(colon + 1));
    return r;
  }
};

class FirstSheet;

// Formula cells arrive after the sheet is parsed, with their cached result.
class FormulaResults : public oss::iface::import_formula {
 public:
  explicit FormulaResults(FirstSheet& sheet) : sheet_(sheet) {}
  void set_position(row_t row, col_t col) override { row_ = row; col_ = col; }
  void set_formula(oss::formula_grammar_t, std::string_view) override {}
  void set_shared_formula_index(size_t) override {}
  void set_result_string(std::string_view v) override {
    result_ = {};
    result_.kind = RawCell::Kind::kText;
    result_.text = v;
  }
  void set_result_value(double v) override {
    result_ = {};
    result_.kind = RawCell::Kind::kNumber;
    result_.number = v;
  }
  void set_result_bool(bool v) override {
    result_ = {};
    result_.kind = RawCell::Kind::kBool;
    result_.flag = v;
  }
  void set_result_empty() override { result_ = {}; }
  void commit() override;

 private:
  FirstSheet& sheet_;
  row_t row_ = -1;
  col_t col_ = -1;
  RawCell result_;
};

class FirstSheet : public oss::iface::import_sheet {
 public:
  FirstSheet() : formula_(*this) {}
  oss::iface::import_formula* get_formula() override { return &formula_; }
  void set_auto(row_t row, col_t col, std::string_view s) override {
    if (RawCell* c = At(row, col)) { c->kind = RawCell::Kind::kText; c->text = s; }
  }
  void set_string(row_t row, col_t col, oss::string_id_t id) override {
    if (RawCell* c = At(row, col)) { c->kind = RawCell::Kind::kSharedString; c->string_id = id; }
  }
  void set_value(row_t row, col_t col, double v) override {
    if (RawCell* c = At(row, col)) { c->kind = RawCell::Kind::kNumber; c->number = v; }
  }
  void set_bool(row_t row, col_t col, bool v) override {
    if (RawCell* c = At(row, col)) { c->kind = RawCell::Kind::kBool; c->flag = v; }
  }
  void set_date_time(row_t row, col_t col, int y, int m, int d, int, int, double) override {
    set_auto(row, col, FormatDate(y, m, d));
  }
  void set_format(row_t row, col_t col, size_t xf) override {
    // Only cells that hold a value matter; formula results land later, so
    // their slot is created here to keep the format.
    if (RawCell* c = At(row, col)) c->xf = xf;
  }
  void set_format(row_t, col_t, row_t, col_t, size_t) override {}  // ranges: no cell values
  void fill_down_cells(row_t, col_t, row_t) override {}
  oss::range_size_t get_sheet_size() const override { return {kMaxRows, kMaxCols}; }

  void Put(row_t row, col_t col, RawCell value) {
    if (RawCell* c = At(row, col)) {
      size_t xf = c->xf;
      *c = std::move(value);
      c->xf = xf;
    }
  }

  std::map<row_t, std::vector<RawCell>> rows;

 private:
  RawCell* At(row_t row, col_t col) {
    if (row < 0 || row >= kMaxRows || col < 0 || col >= kMaxCols) return nullptr;
    if (row != last_row_) {  // rows arrive in order: one map lookup per row
      last_ = &rows[row];
      last_row_ = row;
    }
    if (static_cast<size_t>(col) >= last_->size()) last_->resize(col + 1);
    return &(*last_)[col];
  }
  row_t last_row_ = -1;
  std::vector<RawCell>* last_ = nullptr;
  FormulaResults formula_;
};

void FormulaResults::commit() {
  sheet_.Put(row_, col_, std::move(result_));
  result_ = {};
}

XlsxImportFactory::XlsxImportFactory()
    : strings_(std::make_unique<SharedStrings>()),
      styles_(std::make_unique<Styles>()),
      first_(std::make_unique<FirstSheet>()),
      null_(std::make_unique<NullSheet>()),
      settings_(std::make_unique<GlobalSettings>()),
      resolver_(std::make_unique<A1Resolver>()) {}

XlsxImportFactory::~XlsxImportFactory() = default;

oss::iface::import_global_settings* XlsxImportFactory::get_global_settings() {
  return settings_.get();
}
oss::iface::import_shared_strings* XlsxImportFactory::get_shared_strings() {
  return strings_.get();
}
oss::iface::import_styles* XlsxImportFactory::get_styles() { return styles_.get(); }
oss::iface::import_reference_resolver* XlsxImportFactory::get_reference_resolver(
    oss::formula_ref_context_t) {
  return resolver_.get();
}

oss::iface::import_sheet* XlsxImportFactory::append_sheet(oss::sheet_t index,
                                                          std::string_view name) {
  if (index != 0) return null_.get();
  first_name_ = name;
  have_first_ = true;
  return first_.get();
}

oss::iface::import_sheet* XlsxImportFactory::get_sheet(std::string_view name) {
  if (have_first_ && name == first_name_) return first_.get();
  return null_.get();
}

oss::iface::import_sheet* XlsxImportFactory::get_sheet(oss::sheet_t index) {
  if (index == 0 && have_first_) return first_.get();
  return null_.get();
}

std::string XlsxImportFactory::CellText(const RawCell& c) const {
  switch (c.kind) {
    case RawCell::Kind::kEmpty: return {};
    case RawCell::Kind::kSharedString: return std::string(TrimCell(strings_->Get(c.string_id)));
    case RawCell::Kind::kText: return std::string(TrimCell(c.text));
    case RawCell::Kind::kBool: return c.flag ? "true" : "false";
    case RawCell::Kind::kNumber:
      return styles_->IsDateXf(c.xf) ? FormatSerialDate(c.number, settings_->date1904)
                                     : FormatNumber(c.number);
  }
  return {};
}

void XlsxImportFactory::PutText(int row, int col, std::string text) {
  RawCell cell;
  cell.kind = RawCell::Kind::kText;
  cell.text = std::move(text);
  first_->Put(row, col, std::move(cell));
}

std::vector<RawRow> XlsxImportFactory::TakeRows() {
  std::vector<RawRow> out;
  out.reserve(first_->rows.size());
  for (auto& [row, cells] : first_->rows) {
    RawRow r{row + 1, {}};
    r.cells.reserve(cells.size());
    for (const RawCell& c : cells) r.cells.push_back(CellText(c));
    out.push_back(std::move(r));
  }
  first_->rows.clear();
  return out;
}

}  // namespace meihao::io::internal

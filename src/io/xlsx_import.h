// A minimal orcus import factory: it keeps the raw cells of the first sheet
// and just enough of the styles to tell dates from numbers. Much faster and
// lighter than orcus' own spreadsheet model, which also evaluates formulas.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <orcus/spreadsheet/import_interface.hpp>

#include "io/text_util.h"

namespace meihao::io::internal {

namespace oss = orcus::spreadsheet;

struct RawCell {
  enum class Kind : uint8_t { kEmpty, kSharedString, kNumber, kBool, kText };
  Kind kind = Kind::kEmpty;
  bool flag = false;      // kBool
  size_t xf = 0;          // cell format, to recognise dates
  size_t string_id = 0;   // kSharedString
  double number = 0;      // kNumber
  std::string text;       // kText (formula string results, dates)
};

class SharedStrings;
class Styles;
class FirstSheet;
class NullSheet;
class GlobalSettings;
class A1Resolver;

class XlsxImportFactory : public oss::iface::import_factory {
 public:
  XlsxImportFactory();
  ~XlsxImportFactory() override;

  oss::iface::import_global_settings* get_global_settings() override;
  oss::iface::import_shared_strings* get_shared_strings() override;
  oss::iface::import_styles* get_styles() override;
  oss::iface::import_reference_resolver* get_reference_resolver(
      oss::formula_ref_context_t cxt) override;
  oss::iface::import_sheet* append_sheet(oss::sheet_t index, std::string_view name) override;
  oss::iface::import_sheet* get_sheet(std::string_view name) override;
  oss::iface::import_sheet* get_sheet(oss::sheet_t index) override;
  void finalize() override {}

  // Sets a text cell of the first sheet (inline strings, which orcus skips).
  void PutText(int row, int col, std::string text);

  // The first sheet's non-empty rows as text, in row order, after the read.
  std::vector<RawRow> TakeRows();

 private:
  std::string CellText(const RawCell& cell) const;

  std::unique_ptr<SharedStrings> strings_;
  std::unique_ptr<Styles> styles_;
  std::unique_ptr<FirstSheet> first_;
  std::unique_ptr<NullSheet> null_;
  std::unique_ptr<GlobalSettings> settings_;
  std::unique_ptr<A1Resolver> resolver_;
  std::string first_name_;
  bool have_first_ = false;
};

}  // namespace meihao::io::internal

// The styles part of the orcus import interface, reduced to what ReadXlsx
// needs: which cell formats (xf) show their number as a date. Everything
// else (fonts, fills, borders) is accepted and dropped.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <orcus/spreadsheet/import_interface.hpp>

namespace meihao::io::internal {

namespace oss = orcus::spreadsheet;
using orcus::spreadsheet::color_elem_t;

class Styles : public oss::iface::import_styles {
 public:
  // Whether cell format `xf` (the s="…" attribute of a cell) is a date format.
  bool IsDateXf(size_t xf) const;

  // number formats: what we keep
  void set_number_format_count(size_t) override {}
  void set_number_format_identifier(size_t id) override { fmt_id_ = id; }
  void set_number_format_code(std::string_view s) override { fmt_code_ = s; }
  size_t commit_number_format() override;
  void set_xf_number_format(size_t index) override { xf_fmt_ = index; }
  size_t commit_cell_xf() override;
  // Style xfs and dxfs share the xf setters; reset so no cell xf inherits.
  size_t commit_cell_style_xf() override { xf_fmt_ = 0; return style_xfs_++; }
  size_t commit_dxf() override { xf_fmt_ = 0; return dxfs_++; }

  // fonts
  void set_font_count(size_t) override {}
  void set_font_bold(bool) override {}
  void set_font_italic(bool) override {}
  void set_font_name(std::string_view) override {}
  void set_font_size(double) override {}
  void set_font_underline(oss::underline_t) override {}
  void set_font_underline_width(oss::underline_width_t) override {}
  void set_font_underline_mode(oss::underline_mode_t) override {}
  void set_font_underline_type(oss::underline_type_t) override {}
  void set_font_underline_color(color_elem_t, color_elem_t, color_elem_t, color_elem_t) override {}
  void set_font_color(color_elem_t, color_elem_t, color_elem_t, color_elem_t) override {}
  void set_strikethrough_style(oss::strikethrough_style_t) override {}
  void set_strikethrough_type(oss::strikethrough_type_t) override {}
  void set_strikethrough_width(oss::strikethrough_width_t) override {}
  void set_strikethrough_text(oss::strikethrough_text_t) override {}
  size_t commit_font() override { return fonts_++; }
  // fills
  void set_fill_count(size_t) override {}
  void set_fill_pattern_type(oss::fill_pattern_t) override {}
  void set_fill_fg_color(color_elem_t, color_elem_t, color_elem_t, color_elem_t) override {}
  void set_fill_bg_color(color_elem_t, color_elem_t, color_elem_t, color_elem_t) override {}
  size_t commit_fill() override { return fills_++; }
  // borders
  void set_border_count(size_t) override {}
  void set_border_style(oss::border_direction_t, oss::border_style_t) override {}
  void set_border_color(oss::border_direction_t, color_elem_t, color_elem_t, color_elem_t,
                        color_elem_t) override {}
  void set_border_width(oss::border_direction_t, double, orcus::length_unit_t) override {}
  size_t commit_border() override { return borders_++; }
  // protection
  void set_cell_hidden(bool) override {}
  void set_cell_locked(bool) override {}
  void set_cell_print_content(bool) override {}
  void set_cell_formula_hidden(bool) override {}
  size_t commit_cell_protection() override { return protections_++; }
  // other xf attributes
  void set_cell_xf_count(size_t) override {}
  void set_cell_style_xf_count(size_t) override {}
  void set_dxf_count(size_t) override {}
  void set_xf_font(size_t) override {}
  void set_xf_fill(size_t) override {}
  void set_xf_border(size_t) override {}
  void set_xf_protection(size_t) override {}
  void set_xf_style_xf(size_t) override {}
  void set_xf_apply_alignment(bool) override {}
  void set_xf_horizontal_alignment(oss::hor_alignment_t) override {}
  void set_xf_vertical_alignment(oss::ver_alignment_t) override {}
  // named cell styles
  void set_cell_style_count(size_t) override {}
  void set_cell_style_name(std::string_view) override {}
  void set_cell_style_xf(size_t) override {}
  void set_cell_style_builtin(size_t) override {}
  void set_cell_style_parent_name(std::string_view) override {}
  size_t commit_cell_style() override { return cell_styles_++; }

 private:
  size_t fmt_id_ = 0;
  std::string fmt_code_;
  size_t xf_fmt_ = 0;
  std::map<size_t, std::string> codes_;  // numFmtId → custom format code
  std::vector<size_t> xf_formats_;       // cell xf index → numFmtId
  size_t style_xfs_ = 0, dxfs_ = 0, fonts_ = 0, fills_ = 0, borders_ = 0, protections_ = 0,
         cell_styles_ = 0;
};

}  // namespace meihao::io::internal

// What every PDF the server draws with cairo + pango shares: ownership of the
// C objects, a PDF surface writing into a string, a pango context at 72 dpi
// (a font size in points is a size in user units) without metric hinting,
// and layouts made from a font family, style and size.
//
// Used by io/survey (slips) and io/documents (official documents).
//
// Fonts: cairo 1.16 (Debian 12) writes broken CFF subsets for some glyphs of
// "Noto Sans CJK SC" Regular (如 comes out blank in every viewer; seen again
// while writing io/documents); Noto Serif CJK SC (Regular, Bold) and Noto Sans
// CJK SC Bold subset correctly for all of GB 2312 (checked by rasterising
// every character and comparing with its outline). Text in Sans Regular must
// be drawn with ShowOutlined (io/survey does).
#pragma once
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace meihao::io::pdf {

template <typename T, void (*F)(T*)>
struct Deleter { void operator()(T* p) const { F(p); } };
template <typename T, void (*F)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, F>>;
struct Unref { void operator()(gpointer p) const { g_object_unref(p); } };
using Layout = std::unique_ptr<PangoLayout, Unref>;
using Context = std::unique_ptr<PangoContext, Unref>;
using Surface = Owned<cairo_surface_t, cairo_surface_destroy>;
using Cairo = Owned<cairo_t, cairo_destroy>;

// A4 in PostScript points.
inline constexpr double kA4Width = 595.276, kA4Height = 841.890;
inline constexpr double kPointsPerMm = 72 / 25.4;

// cairo_write_func_t appending to a std::string given as closure.
inline cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int len) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), len);
  return CAIRO_STATUS_SUCCESS;
}

// A PDF surface of w × h points whose bytes go to *out (which must outlive it).
inline Surface PdfSurface(std::string* out, double w, double h, const std::string& title) {
  Surface s(cairo_pdf_surface_create_for_stream(AppendTo, out, w, h));
  cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_CREATOR, "meihao");
  return s;
}

// A pango context for cr at 72 dpi, no hinting of metrics (which would only
// distort spacing in a vector file).
inline Context TextContext(cairo_t* cr) {
  Context ctx(pango_cairo_create_context(cr));
  pango_cairo_context_set_resolution(ctx.get(), 72);
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx.get(), fo);
  cairo_font_options_destroy(fo);
  return ctx;
}

// A layout in e.g. ("Noto Serif CJK SC", "Bold", 16); width < 0: no wrapping.
// Make layouts once and refill them: building one and resolving its fonts
// dominates the cost of drawing otherwise.
inline Layout MakeLayout(PangoContext* ctx, std::string_view family, const char* style, double size,
                         double width, PangoAlignment align) {
  PangoLayout* l = pango_layout_new(ctx);
  PangoFontDescription* fd = pango_font_description_from_string(
      (std::string(family) + ", " + style + " " + std::to_string(size)).c_str());
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
  pango_layout_set_width(l, width < 0 ? -1 : static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_alignment(l, align);
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  return Layout(l);
}

inline void Show(cairo_t* cr, PangoLayout* l, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l);
}

// Chinese text as outlines over a white, invisible copy that keeps it
// searchable — for fonts whose subsets cairo 1.16 breaks (see above).
inline void ShowOutlined(cairo_t* cr, PangoLayout* l, double x, double y, double grey = 0) {
  cairo_set_source_rgb(cr, 1, 1, 1);
  Show(cr, l, x, y);
  cairo_new_path(cr);
  cairo_move_to(cr, x, y);
  pango_cairo_layout_path(cr, l);
  cairo_set_source_rgb(cr, grey, grey, grey);
  cairo_fill(cr);
}

inline double HeightOf(PangoLayout* l) {
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

inline double WidthOf(PangoLayout* l) {
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  return static_cast<double>(w) / PANGO_SCALE;
}

// Finishes the surface (the last bytes reach the string) and reports cairo's
// state.
inline Status Finish(cairo_surface_t* surface) {
  cairo_surface_finish(surface);
  if (auto st = cairo_surface_status(surface); st != CAIRO_STATUS_SUCCESS)
    return Error::Internal(std::string("cairo: ") + cairo_status_to_string(st));
  return OkStatus();
}

}  // namespace meihao::io::pdf

#include "io/survey/slips_pdf.h"

#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numbers>
#include <string_view>
#include <vector>

#include "io/pdf_text.h"

namespace meihao::io::survey {
namespace {

// A4 in PostScript points; 2 × 4 slips of 105 × 74 mm each.
constexpr double kPageW = pdf::kA4Width, kPageH = pdf::kA4Height;
constexpr int kCols = 2, kRows = 4, kPerPage = kCols * kRows;
constexpr double kSlipW = kPageW / kCols, kSlipH = kPageH / kRows;
constexpr double kPad = 16;   // keeps print away from the cut and the paper edge
constexpr double kQr = 96;    // QR side: ~34 mm, easy for any phone camera
constexpr double kGap = 12;   // QR to text: ≥ 4 modules of quiet zone

constexpr std::string_view kFont = "Noto Sans CJK SC";
constexpr std::string_view kMono = "Noto Sans Mono CJK SC";
constexpr std::string_view kTitle = "美好家园 小区满意度调查";
constexpr std::string_view kInstruction =
    "请用手机扫描二维码，填写本小区物业服务满意度问卷。每户一码，仅可提交一次，请妥善保管本单。";

using pdf::HeightOf;
using pdf::Layout;
using pdf::Owned;
using pdf::Show;
using pdf::ShowOutlined;

// cairo 1.16 (Debian 12) writes broken CFF subsets for some Noto Sans CJK
// glyphs: 如, for one, comes out blank in every viewer. So Chinese text is
// drawn as outlines over a white copy that can still be searched and
// extracted (pdf::ShowOutlined). ASCII glyphs subset correctly and stay text.

// The modules as a 1-bit image, one pixel per module, painted through a
// stencil mask scaled without interpolation: the PDF holds ~150 bytes per QR
// code instead of hundreds of rectangles, which were most of the time a slip
// sheet took, and every viewer draws the modules with sharp edges.
void DrawQr(cairo_t* cr, const QRcode* qr, double x, double y, double side) {
  const int n = qr->width;
  Owned<cairo_surface_t, cairo_surface_destroy> img(cairo_image_surface_create(CAIRO_FORMAT_A1, n, n));
  cairo_surface_flush(img.get());
  unsigned char* data = cairo_image_surface_get_data(img.get());
  const int stride = cairo_image_surface_get_stride(img.get());
  std::fill_n(data, static_cast<size_t>(stride) * n, 0);
  // A1 packs pixels into native-endian 32-bit words: pixel c is bit c % 32 of
  // word c / 32.
  for (int r = 0; r < n; ++r) {
    auto* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(r) * stride);
    for (int c = 0; c < n; ++c)
      if (qr->data[r * n + c] & 1) row[c / 32] |= uint32_t(1) << (c % 32);
  }
  cairo_surface_mark_dirty(img.get());
  // Whole quarter points per module keep module edges on a regular grid.
  const double m = std::floor(side / n * 4) / 4;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, m, m);
  cairo_set_source_rgb(cr, 0, 0, 0);
  Owned<cairo_pattern_t, cairo_pattern_destroy> mask(cairo_pattern_create_for_surface(img.get()));
  cairo_pattern_set_filter(mask.get(), CAIRO_FILTER_NEAREST);
  cairo_mask(cr, mask.get());
  cairo_restore(cr);
}

// Dashed cut lines between slips, each with a ✂ where the cut starts.
void DrawCutLines(cairo_t* cr, PangoLayout* scissors) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
  cairo_set_line_width(cr, 0.5);
  const double dash[] = {4, 3};
  cairo_set_dash(cr, dash, 2, 0);
  for (int r = 1; r < kRows; ++r) {
    cairo_move_to(cr, 0, r * kSlipH);
    cairo_line_to(cr, kPageW, r * kSlipH);
  }
  cairo_move_to(cr, kSlipW, 0);
  cairo_line_to(cr, kSlipW, kPageH);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  const double half = HeightOf(scissors) / 2;
  for (int r = 1; r < kRows; ++r) {
    cairo_move_to(cr, 10, r * kSlipH - half);
    pango_cairo_layout_path(cr, scissors);  // a mark, not text
  }
  cairo_translate(cr, kSlipW + half, 10);
  cairo_rotate(cr, std::numbers::pi / 2);
  cairo_move_to(cr, 0, 0);
  pango_cairo_layout_path(cr, scissors);
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace

Result<std::string> RenderSlipsPdf(const SlipSheet& sheet) {
  if (sheet.slips.empty())
    return Error::Invalid("slips.empty", "没有可打印的住户码", "There are no codes to print");

  // Encode every QR code first, so a bad url fails before any drawing.
  std::vector<Owned<QRcode, QRcode_free>> qrs;
  qrs.reserve(sheet.slips.size());
  for (const Slip& s : sheet.slips) {
    QRcode* q = QRcode_encodeString8bit(s.url.c_str(), 0, QR_ECLEVEL_M);
    if (!q)
      return Error::Invalid("slips.url", "调查网址过长，无法生成二维码",
                            "The survey link is too long for a QR code", "url");
    qrs.emplace_back(q);
  }

  std::string out;
  out.reserve(sheet.slips.size() * 4096 + 262144);
  pdf::Surface surface = pdf::PdfSurface(&out, kPageW, kPageH, std::string(kTitle) + " — " + sheet.estate_name);
  pdf::Cairo cr(cairo_create(surface.get()));
  pdf::Context ctx = pdf::TextContext(cr.get());

  const double inner = kSlipW - 2 * kPad;
  const double side = inner - kQr - kGap;
  auto make = [&](std::string_view family, const char* style, double size, double width, PangoAlignment align) {
    return pdf::MakeLayout(ctx.get(), family, style, size, width, align);
  };
  Layout title_l(make(kFont, "Bold", 13, inner, PANGO_ALIGN_CENTER));
  Layout place_l(make(kFont, "", 10, inner, PANGO_ALIGN_CENTER));
  Layout instr_l(make(kFont, "", 8.5, side, PANGO_ALIGN_LEFT));
  Layout url_l(make(kMono, "", 6.5, side, PANGO_ALIGN_LEFT));
  Layout label_l(make(kFont, "", 8, inner, PANGO_ALIGN_CENTER));
  Layout code_l(make(kMono, "Bold", 13.5, inner, PANGO_ALIGN_CENTER));
  Layout scissors_l(make(kFont, "", 9, -1, PANGO_ALIGN_LEFT));
  pango_layout_set_text(title_l.get(), kTitle.data(), kTitle.size());
  std::string place = sheet.county_town.empty() ? sheet.estate_name
                                                : sheet.county_town + "　" + sheet.estate_name;
  pango_layout_set_text(place_l.get(), place.c_str(), -1);
  pango_layout_set_ellipsize(place_l.get(), PANGO_ELLIPSIZE_MIDDLE);  // one line, always
  pango_layout_set_text(instr_l.get(), kInstruction.data(), kInstruction.size());
  pango_layout_set_spacing(instr_l.get(), 2 * PANGO_SCALE);
  pango_layout_set_text(label_l.get(), "住户码（如需手动输入，请照此填写）", -1);
  pango_layout_set_text(scissors_l.get(), "✂", -1);
  const double title_h = HeightOf(title_l.get()), place_h = HeightOf(place_l.get());
  const double instr_h = HeightOf(instr_l.get()), label_h = HeightOf(label_l.get());

  // What every slip of the sheet shares, recorded once and painted per slip:
  // the PDF then holds it once (a form XObject), which keeps 3,000 slips fast
  // and small. Offsets are from the slip's top-left corner.
  const double x = kPad, qr_y = std::ceil(12 + title_h + 1 + place_h + 4 + 6);
  const double code_y = qr_y + kQr + 6 + label_h, url_y = qr_y + instr_h + 5, tx = x + kQr + kGap;
  cairo_rectangle_t extent{0, 0, kSlipW, kSlipH};
  Owned<cairo_surface_t, cairo_surface_destroy> common(
      cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extent));
  {
    Owned<cairo_t, cairo_destroy> t(cairo_create(common.get()));
    double y = 12;
    ShowOutlined(t.get(), title_l.get(), x, y);
    y += title_h + 1;
    ShowOutlined(t.get(), place_l.get(), x, y);
    y += place_h + 4;
    cairo_set_source_rgb(t.get(), 0.6, 0.6, 0.6);
    cairo_set_line_width(t.get(), 0.4);
    cairo_move_to(t.get(), x, y);
    cairo_line_to(t.get(), x + inner, y);
    cairo_stroke(t.get());
    ShowOutlined(t.get(), instr_l.get(), tx, qr_y);
    ShowOutlined(t.get(), label_l.get(), x, qr_y + kQr + 6, 0.25);
  }

  cairo_t* c = cr.get();
  for (size_t i = 0; i < sheet.slips.size(); ++i) {
    const size_t k = i % kPerPage;
    if (k == 0) {
      if (i) cairo_show_page(c);
      DrawCutLines(c, scissors_l.get());
    }
    cairo_save(c);
    cairo_translate(c, std::floor((k % kCols) * kSlipW), std::floor((k / kCols) * kSlipH));
    cairo_set_source_surface(c, common.get(), 0, 0);
    cairo_paint(c);
    DrawQr(c, qrs[i].get(), x, qr_y, kQr);
    pango_layout_set_text(url_l.get(), sheet.slips[i].url.c_str(), -1);
    cairo_set_source_rgb(c, 0.25, 0.25, 0.25);
    Show(c, url_l.get(), tx, url_y);
    pango_layout_set_text(code_l.get(), sheet.slips[i].code.c_str(), -1);
    cairo_set_source_rgb(c, 0, 0, 0);
    Show(c, code_l.get(), x, code_y);
    cairo_restore(c);
  }

  cr.reset();
  if (Status st = pdf::Finish(surface.get()); !st.ok()) return st.error();
  surface.reset();
  return out;
}

}  // namespace meihao::io::survey

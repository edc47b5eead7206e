#include "io/documents/official_document.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "io/pdf_text.h"

namespace meihao::io::documents {
namespace {

using pdf::kPointsPerMm;

// The page (GB/T 9704-2012 §5.2): A4, text area 156 × 225 mm.
constexpr double kPageW = pdf::kA4Width, kPageH = pdf::kA4Height;
constexpr double kTop = 37 * kPointsPerMm, kBottom = 35 * kPointsPerMm;
constexpr double kLeft = 28 * kPointsPerMm, kRight = 26 * kPointsPerMm;
constexpr double kTextW = kPageW - kLeft - kRight;  // 442.2 pt
constexpr double kTextH = kPageH - kTop - kBottom;  // 637.8 pt
constexpr double kTextBottom = kTop + kTextH;

// 22 lines of 28 characters in 三号 (16 pt).
constexpr int kLinesPerPage = 22, kCharsPerLine = 28;
constexpr double kPitch = kTextH / kLinesPerPage;  // 28.99 pt
constexpr double kBodySize = 16;
// 28 × (16 − 0.21) = 442.1 pt ≤ kTextW: exactly 28 full-width characters a line.
constexpr double kLetterSpacing = -0.21;
static_assert(kCharsPerLine * (kBodySize + kLetterSpacing) <= kTextW &&
              (kCharsPerLine + 1) * (kBodySize + kLetterSpacing) > kTextW);
constexpr double kCharW = kBodySize + kLetterSpacing;

constexpr double kTitleSize = 22;       // 二号
constexpr double kIssuerMaxSize = 40;
constexpr double kPageNumberSize = 14;  // 四号
constexpr double kRuleGap = 4 * kPointsPerMm;
constexpr double kPageNumberGap = 7 * kPointsPerMm;
constexpr int kNumberSlot = 3, kTitleSlot = 6;  // 版头: issuer in slots 0–1

// Tables: 五号 (10.5 pt), 15 pt a line, 4 pt padding above and below.
constexpr double kCellSize = 10.5, kCellLine = 15, kCellPadY = 4, kCellPadX = 4;
constexpr double kRuleWidth = 0.5;

constexpr std::string_view kSerif = "Noto Serif CJK SC";
constexpr std::string_view kSans = "Noto Sans CJK SC";  // Bold only: see io/pdf_text.h

constexpr double kRed[] = {0xD0 / 255.0, 0, 0};
constexpr double kEps = 1e-6;

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool Blank(std::string_view s) {
  // ASCII white space and the ideographic space U+3000.
  for (size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') { ++i; continue; }
    if (s.substr(i, 3) == "\u3000") { i += 3; continue; }
    return false;
  }
  return true;
}

void SetLetterSpacing(PangoLayout* l, double points) {
  PangoAttrList* attrs = pango_attr_list_new();
  pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(static_cast<int>(points * PANGO_SCALE)));
  pango_layout_set_attributes(l, attrs);
  pango_attr_list_unref(attrs);
}

// One line of a layout as drawn: its x offset (alignment, indent), its
// logical height and where its baseline lies below the top of its box.
struct Line {
  PangoLayoutLine* line;
  double x, height, baseline;
};

std::vector<Line> LinesOf(PangoLayout* l) {
  std::vector<Line> out;
  PangoLayoutIter* it = pango_layout_get_iter(l);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    const int baseline = pango_layout_iter_get_baseline(it);
    out.push_back({pango_layout_iter_get_line_readonly(it), double(logical.x) / PANGO_SCALE,
                   double(logical.height) / PANGO_SCALE, double(baseline - logical.y) / PANGO_SCALE});
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return out;
}

// Draws a line centred vertically in a box of height pitch whose top is y.
void DrawLine(cairo_t* cr, const Line& line, double x, double y, double pitch) {
  cairo_move_to(cr, x + line.x, y + (pitch - line.height) / 2 + line.baseline);
  pango_cairo_show_layout_line(cr, line.line);
}

class Renderer {
 public:
  Renderer(cairo_t* cr, PangoContext* ctx) : cr_(cr) {
    auto make = [&](std::string_view family, const char* style, double size, double width, PangoAlignment a) {
      return pdf::MakeLayout(ctx, family, style, size, width, a);
    };
    body_ = make(kSerif, "", kBodySize, kTextW, PANGO_ALIGN_LEFT);
    SetLetterSpacing(body_.get(), kLetterSpacing);
    heading_ = make(kSans, "Bold", kBodySize, kTextW, PANGO_ALIGN_LEFT);
    SetLetterSpacing(heading_.get(), kLetterSpacing);
    title_ = make(kSerif, "Bold", kTitleSize, kTextW, PANGO_ALIGN_CENTER);
    centred_ = make(kSerif, "", kBodySize, kTextW, PANGO_ALIGN_CENTER);
    loose_ = make(kSerif, "", kBodySize, -1, PANGO_ALIGN_LEFT);
    SetLetterSpacing(loose_.get(), kLetterSpacing);
    page_number_ = make(kSerif, "", kPageNumberSize, -1, PANGO_ALIGN_LEFT);
    ctx_ = ctx;
  }

  Status Render(const OfficialDocument& doc) {
    if (!doc.issuer.empty()) Masthead(doc);
    y_ = kTop + (doc.issuer.empty() ? 0 : kTitleSlot * kPitch);
    Text(title_.get(), doc.title, 0);
    if (!doc.addressees.empty()) {
      Blank();
      Text(body_.get(), doc.addressees, 0);
    }
    for (const Block& b : doc.body) {
      if (const auto* p = std::get_if<Paragraph>(&b)) {
        Text(body_.get(), p->text, 2 * kCharW);
      } else if (const auto* h = std::get_if<Heading>(&b)) {
        Text(heading_.get(), h->text, 2 * kCharW);
      } else if (Status st = DrawTable(std::get<Table>(b)); !st.ok()) {
        return st;
      }
    }
    Signature(doc);
    PageNumber();
    return OkStatus();
  }

 private:
  // ---- the line grid -------------------------------------------------------

  // Moves y_ to the top of the next slot unless it is at one already.
  void ToSlot() {
    const double k = std::ceil((y_ - kTop) / kPitch - kEps);
    y_ = kTop + k * kPitch;
  }
  bool Room(double h) const { return y_ + h <= kTextBottom + kEps; }
  void Blank() {
    ToSlot();
    if (Room(kPitch)) y_ += kPitch;
  }
  void NewPage() {
    PageNumber();
    cairo_show_page(cr_);
    ++page_;
    y_ = kTop;
  }

  // Wrapped text in l, one slot a line, breaking across pages between lines.
  void Text(PangoLayout* l, const std::string& text, double indent) {
    pango_layout_set_indent(l, static_cast<int>(indent * PANGO_SCALE));
    pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
    ToSlot();
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (const Line& line : LinesOf(l)) {
      if (!Room(kPitch)) NewPage();
      DrawLine(cr_, line, kLeft, y_, kPitch);
      y_ += kPitch;
    }
  }

  // ---- 版头, 落款, page numbers ---------------------------------------------------

  void Masthead(const OfficialDocument& doc) {
    const size_t n = std::max<size_t>(1, CodePoints(doc.issuer));
    const double size = std::min(kIssuerMaxSize, std::floor(kTextW * 0.96 / double(n) * 2) / 2);
    pdf::Layout issuer = pdf::MakeLayout(ctx_, kSerif, "Bold", size, kTextW, PANGO_ALIGN_CENTER);
    pango_layout_set_text(issuer.get(), doc.issuer.data(), static_cast<int>(doc.issuer.size()));
    cairo_set_source_rgb(cr_, kRed[0], kRed[1], kRed[2]);
    const std::vector<Line> lines = LinesOf(issuer.get());
    double y = kTop + (2 * kPitch - lines.size() * size * 1.25) / 2;  // centred in slots 0–1
    for (const Line& line : lines) {
      DrawLine(cr_, line, kLeft, y, size * 1.25);
      y += size * 1.25;
    }
    if (!doc.number.empty()) {
      pango_layout_set_text(centred_.get(), doc.number.data(), static_cast<int>(doc.number.size()));
      cairo_set_source_rgb(cr_, 0, 0, 0);
      DrawLine(cr_, LinesOf(centred_.get()).front(), kLeft, kTop + kNumberSlot * kPitch, kPitch);
    }
    const double rule_y = kTop + (kNumberSlot + 1) * kPitch + kRuleGap;
    cairo_set_source_rgb(cr_, kRed[0], kRed[1], kRed[2]);
    cairo_set_line_width(cr_, 1);
    cairo_move_to(cr_, kLeft, rule_y);
    cairo_line_to(cr_, kLeft + kTextW, rule_y);
    cairo_stroke(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  // Two blank slots, the signatory centred over the date, the date's right end
  // four characters in from the right margin; all on one page.
  void Signature(const OfficialDocument& doc) {
    std::vector<const std::string*> lines;
    if (!doc.signatory.empty()) lines.push_back(&doc.signatory);
    if (!doc.date.empty()) lines.push_back(&doc.date);
    if (lines.empty()) return;
    ToSlot();
    if (!Room((2 + lines.size()) * kPitch)) NewPage();
    else y_ += 2 * kPitch;
    auto width_of = [&](const std::string& s) {
      pango_layout_set_text(loose_.get(), s.data(), static_cast<int>(s.size()));
      return pdf::WidthOf(loose_.get());
    };
    const double right = kLeft + kTextW - 4 * kCharW;
    const double anchor_w = width_of(*lines.back());
    const double centre = right - anchor_w / 2;
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (const std::string* s : lines) {
      const double w = width_of(*s);
      const double x = std::clamp(centre - w / 2, kLeft, kLeft + kTextW - w);
      DrawLine(cr_, LinesOf(loose_.get()).front(), x, y_, kPitch);
      y_ += kPitch;
    }
  }

  // "— N —", 7 mm below the text area; odd pages right, even pages left, one
  // character in from the margin.
  void PageNumber() {
    const std::string s = "— " + std::to_string(page_) + " —";
    pango_layout_set_text(page_number_.get(), s.data(), static_cast<int>(s.size()));
    const double w = pdf::WidthOf(page_number_.get());
    const double x = page_ % 2 ? kLeft + kTextW - kCharW - w : kLeft + kCharW;
    cairo_set_source_rgb(cr_, 0, 0, 0);
    pdf::Show(cr_, page_number_.get(), x, kTextBottom + kPageNumberGap);
  }

  // ---- tables ---------------------------------------------------------------

  struct Cells {
    std::vector<pdf::Layout> layouts;
    std::vector<double> x, w;
  };

  static PangoAlignment PangoAlign(Align a) {
    return a == Align::kCenter ? PANGO_ALIGN_CENTER : a == Align::kRight ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  }

  Cells MakeCells(const Table& t, std::string_view family, const char* style) {
    Cells c;
    double share = 0;
    for (const Column& col : t.columns) share += std::max(col.width, 0.0);
    double x = kLeft;
    for (const Column& col : t.columns) {
      const double w = share > 0 ? kTextW * std::max(col.width, 0.0) / share : kTextW / t.columns.size();
      c.layouts.push_back(
          pdf::MakeLayout(ctx_, family, style, kCellSize, std::max(w - 2 * kCellPadX, 1.0), PangoAlign(col.align)));
      c.x.push_back(x);
      c.w.push_back(w);
      x += w;
    }
    return c;
  }

  // Fills the cells with a row's texts; returns the row's height.
  static double Fill(Cells& c, const std::vector<std::string>& texts, std::vector<std::vector<Line>>& lines) {
    size_t most = 1;
    lines.resize(texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
      pango_layout_set_text(c.layouts[i].get(), texts[i].data(), static_cast<int>(texts[i].size()));
      lines[i] = LinesOf(c.layouts[i].get());
      most = std::max(most, lines[i].size());
    }
    return most * kCellLine + 2 * kCellPadY;
  }

  void DrawRow(const Cells& c, const std::vector<std::vector<Line>>& lines, double h) {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (size_t i = 0; i < lines.size(); ++i) {
      double y = y_ + (h - lines[i].size() * kCellLine) / 2;  // centred in the row
      for (const Line& line : lines[i]) {
        DrawLine(cr_, line, c.x[i] + kCellPadX, y, kCellLine);
        y += kCellLine;
      }
      cairo_rectangle(cr_, c.x[i], y_, c.w[i], h);
    }
    cairo_set_line_width(cr_, kRuleWidth);
    cairo_stroke(cr_);
    y_ += h;
  }

  Status DrawTable(const Table& t) {
    Cells head = MakeCells(t, kSans, "Bold"), cells = MakeCells(t, kSerif, "");
    std::vector<std::string> headers;
    for (const Column& col : t.columns) headers.push_back(col.header);
    std::vector<std::vector<Line>> head_lines, row_lines;
    const double head_h = Fill(head, headers, head_lines);
    ToSlot();
    bool header_on_page = false;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const double h = Fill(cells, t.rows[r], row_lines);
      if (head_h + h > kTextH + kEps)
        return Error::Invalid("document.table.row", "表格第 " + std::to_string(r + 1) + " 行内容过多，一页排不下",
                              "Table row " + std::to_string(r + 1) + " does not fit on one page");
      if (!Room((header_on_page ? 0 : head_h) + h)) {
        NewPage();
        header_on_page = false;
      }
      if (!header_on_page) {
        DrawRow(head, head_lines, head_h);
        header_on_page = true;
      }
      DrawRow(cells, row_lines, h);
    }
    if (t.rows.empty()) {
      if (!Room(head_h)) NewPage();
      DrawRow(head, head_lines, head_h);
    }
    return OkStatus();
  }

  cairo_t* cr_;
  PangoContext* ctx_ = nullptr;
  pdf::Layout body_, heading_, title_, centred_, loose_, page_number_;
  int page_ = 1;
  double y_ = kTop;
};

Status Check(const OfficialDocument& doc) {
  if (Blank(doc.title))
    return Error::Invalid("document.title", "公文标题不能为空", "The document has no title", "title");
  int n = 0;
  for (const Block& b : doc.body) {
    const auto* t = std::get_if<Table>(&b);
    if (!t) continue;
    ++n;
    if (t->columns.empty())
      return Error::Invalid("document.table.columns", "第 " + std::to_string(n) + " 个表格没有列",
                            "Table " + std::to_string(n) + " has no columns");
    for (size_t r = 0; r < t->rows.size(); ++r)
      if (t->rows[r].size() != t->columns.size())
        return Error::Invalid("document.table.cells",
                              "第 " + std::to_string(n) + " 个表格第 " + std::to_string(r + 1) + " 行有 " +
                                  std::to_string(t->rows[r].size()) + " 格，应为 " +
                                  std::to_string(t->columns.size()) + " 格",
                              "Table " + std::to_string(n) + ", row " + std::to_string(r + 1) + " has " +
                                  std::to_string(t->rows[r].size()) + " cells, not " +
                                  std::to_string(t->columns.size()));
  }
  return OkStatus();
}

}  // namespace

std::string ChineseDate(int year, int month, int day) {
  return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

Result<std::string> RenderOfficialPdf(const OfficialDocument& doc) {
  if (Status st = Check(doc); !st.ok()) return st.error();
  std::string out;
  std::string title = doc.title;
  std::replace(title.begin(), title.end(), '\n', ' ');
  pdf::Surface surface = pdf::PdfSurface(&out, kPageW, kPageH, title);
  {
    pdf::Cairo cr(cairo_create(surface.get()));
    pdf::Context ctx = pdf::TextContext(cr.get());
    Renderer r(cr.get(), ctx.get());
    if (Status st = r.Render(doc); !st.ok()) return st.error();
  }
  if (Status st = pdf::Finish(surface.get()); !st.ok()) return st.error();
  surface.reset();
  return out;
}

}  // namespace meihao::io::documents

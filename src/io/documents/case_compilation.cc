#include "io/documents/case_compilation.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "io/pdf_text.h"

namespace meihao::io::documents {
namespace {

using pdf::kPointsPerMm;

constexpr double kPageW = pdf::kA4Width, kPageH = pdf::kA4Height;
constexpr double kTop = 37 * kPointsPerMm, kBottom = 35 * kPointsPerMm;
constexpr double kLeft = 28 * kPointsPerMm, kRight = 26 * kPointsPerMm;
constexpr double kTextW = kPageW - kLeft - kRight;
constexpr double kTextBottom = kPageH - kBottom;

constexpr double kBodySize = 14, kBodyPitch = 25;
constexpr double kHeadingSize = 18, kMetaSize = 12, kContentsSize = 14, kContentsPitch = 26;
constexpr double kCoverIssuerSize = 18, kCoverTitleSize = 30, kPageNumberSize = 12;
constexpr double kPhotoGap = 8, kPhotoCaptionGap = 6;
constexpr double kPageNumberGap = 7 * kPointsPerMm;
constexpr double kEps = 1e-6;

constexpr std::string_view kSerif = "Noto Serif CJK SC";
constexpr std::string_view kSans = "Noto Sans CJK SC";  // Bold only: see io/pdf_text.h

bool Blank(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') { ++i; continue; }
    if (s.substr(i, 3) == "\u3000") { i += 3; continue; }
    return false;
  }
  return true;
}

std::vector<std::string> Paragraphs(const std::string& body) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= body.size()) {
    size_t nl = body.find('\n', start);
    std::string p = body.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!p.empty() && p.back() == '\r') p.pop_back();
    if (!Blank(p)) out.push_back(p);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

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

void DrawLine(cairo_t* cr, const Line& line, double x, double y, double pitch) {
  cairo_move_to(cr, x + line.x, y + (pitch - line.height) / 2 + line.baseline);
  pango_cairo_show_layout_line(cr, line.line);
}

void SetText(PangoLayout* l, const std::string& s) { pango_layout_set_text(l, s.data(), static_cast<int>(s.size())); }

class Renderer {
 public:
  Renderer(cairo_t* cr, PangoContext* ctx, const std::vector<int>& starts) : cr_(cr), ctx_(ctx), known_(starts) {
    auto make = [&](std::string_view family, const char* style, double size, double width, PangoAlignment a) {
      return pdf::MakeLayout(ctx, family, style, size, width, a);
    };
    body_ = make(kSerif, "", kBodySize, kTextW, PANGO_ALIGN_LEFT);
    heading_ = make(kSans, "Bold", kHeadingSize, kTextW, PANGO_ALIGN_LEFT);
    meta_ = make(kSerif, "", kMetaSize, kTextW, PANGO_ALIGN_LEFT);
    cover_issuer_ = make(kSerif, "Bold", kCoverIssuerSize, kTextW, PANGO_ALIGN_CENTER);
    cover_title_ = make(kSerif, "Bold", kCoverTitleSize, kTextW, PANGO_ALIGN_CENTER);
    centred_ = make(kSerif, "", kBodySize, kTextW, PANGO_ALIGN_CENTER);
    contents_title_ = make(kSans, "Bold", 22, kTextW, PANGO_ALIGN_CENTER);
    entry_ = make(kSerif, "", kContentsSize, kTextW - 4 * kContentsSize, PANGO_ALIGN_LEFT);
    number_ = make(kSerif, "", kContentsSize, -1, PANGO_ALIGN_LEFT);
    page_number_ = make(kSerif, "", kPageNumberSize, -1, PANGO_ALIGN_LEFT);
  }

  // The page each case starts on (1 = the cover).
  const std::vector<int>& starts() const { return starts_; }

  void Render(const CaseCompilation& doc) {
    Cover(doc);
    Contents(doc);
    for (size_t i = 0; i < doc.cases.size(); ++i) {
      NewPage();
      starts_.push_back(page_);
      Case(int(i) + 1, doc.cases[i]);
    }
    PageNumber();
  }

 private:
  bool Room(double h) const { return y_ + h <= kTextBottom + kEps; }
  void NewPage() {
    PageNumber();
    cairo_show_page(cr_);
    ++page_;
    y_ = kTop;
  }
  void PageNumber() {
    if (page_ == 1) return;  // the cover
    const std::string s = "— " + std::to_string(page_) + " —";
    SetText(page_number_.get(), s);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    pdf::Show(cr_, page_number_.get(), kLeft + (kTextW - pdf::WidthOf(page_number_.get())) / 2,
              kTextBottom + kPageNumberGap);
  }

  // Wrapped text, `pitch` a line, breaking across pages between lines.
  void Text(PangoLayout* l, const std::string& text, double pitch, double indent = 0, double grey = 0) {
    pango_layout_set_indent(l, static_cast<int>(indent * PANGO_SCALE));
    SetText(l, text);
    for (const Line& line : LinesOf(l)) {
      if (!Room(pitch)) NewPage();
      cairo_set_source_rgb(cr_, grey, grey, grey);
      DrawLine(cr_, line, kLeft, y_, pitch);
      y_ += pitch;
    }
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  void Cover(const CaseCompilation& doc) {
    y_ = kTop + (kTextBottom - kTop) / 3 - 2 * kCoverIssuerSize;
    if (!doc.issuer.empty()) {
      Text(cover_issuer_.get(), doc.issuer, kCoverIssuerSize * 1.6);
      y_ += kCoverIssuerSize;
    }
    Text(cover_title_.get(), doc.title, kCoverTitleSize * 1.7);
    if (!doc.date.empty()) {
      y_ = kTextBottom - 2 * kBodyPitch;
      Text(centred_.get(), doc.date, kBodyPitch);
    }
  }

  void Contents(const CaseCompilation& doc) {
    NewPage();
    Text(contents_title_.get(), "目  录", 22 * 2);
    y_ += kBodyPitch / 2;
    if (doc.cases.empty()) {
      Text(centred_.get(), "（暂无典型案例）", kContentsPitch);
      return;
    }
    for (size_t i = 0; i < doc.cases.size(); ++i) {
      SetText(entry_.get(), ChineseNumber(int(i) + 1) + "、" + doc.cases[i].title);
      std::vector<Line> lines = LinesOf(entry_.get());
      if (!Room(lines.size() * kContentsPitch)) NewPage();
      cairo_set_source_rgb(cr_, 0, 0, 0);
      for (size_t k = 0; k < lines.size(); ++k) {
        DrawLine(cr_, lines[k], kLeft, y_, kContentsPitch);
        if (k + 1 < lines.size()) y_ += kContentsPitch;
      }
      // Dot leaders from the end of the last line to the page number.
      PangoRectangle ink, logical;
      pango_layout_line_get_extents(lines.back().line, &ink, &logical);
      const double text_end = kLeft + lines.back().x + double(logical.width) / PANGO_SCALE;
      const std::string n = i < known_.size() ? std::to_string(known_[i]) : "0";
      SetText(number_.get(), n);
      const double nw = pdf::WidthOf(number_.get());
      const double nx = kLeft + kTextW - nw;
      const double dot_y = y_ + kContentsPitch * 0.68;
      for (double x = text_end + 6; x + 2 < nx - 4; x += 6) {
        cairo_arc(cr_, x, dot_y, 0.7, 0, 2 * M_PI);
        cairo_fill(cr_);
      }
      pdf::Show(cr_, number_.get(), nx, y_ + (kContentsPitch - pdf::HeightOf(number_.get())) / 2);
      y_ += kContentsPitch;
    }
  }

  void Case(int n, const CompiledCase& c) {
    Text(heading_.get(), ChineseNumber(n) + "、" + c.title, kHeadingSize * 1.6);
    std::string meta = c.county;
    for (const std::string* part : {&c.category, &c.estates})
      if (!part->empty()) meta += (meta.empty() ? "" : "\u3000") + *part;
    if (!meta.empty()) Text(meta_.get(), meta, kMetaSize * 1.8, 0, 0.35);
    y_ += kBodyPitch / 3;
    for (const std::string& p : Paragraphs(c.body)) Text(body_.get(), p, kBodyPitch, 2 * kBodySize);
    Photos(c.photos);
  }

  void Photos(const std::vector<CompilationPhoto>& photos) {
    const double w = (kTextW - kPhotoGap) / 2;
    if (!photos.empty()) y_ += kPhotoCaptionGap;
    for (size_t i = 0; i < photos.size(); i += 2) {
      double row_h = 0;
      for (size_t k = i; k < std::min(i + 2, photos.size()); ++k)
        row_h = std::max(row_h, w * photos[k].height / std::max(photos[k].width, 1));
      row_h = std::min(row_h, kTextBottom - kTop);
      if (!Room(row_h)) NewPage();
      for (size_t k = i; k < std::min(i + 2, photos.size()); ++k)
        Photo(photos[k], kLeft + double(k - i) * (w + kPhotoGap), y_, w, row_h);
      y_ += row_h + kPhotoGap;
    }
  }

  // The JPEG embedded as it is: an image surface of its size carrying the
  // bytes as MIME data, which cairo's PDF backend writes as a DCT stream.
  void Photo(const CompilationPhoto& p, double x, double y, double max_w, double max_h) {
    const double scale = std::min(max_w / p.width, max_h / p.height);
    pdf::Surface img(cairo_image_surface_create(CAIRO_FORMAT_RGB24, p.width, p.height));
    auto* copy = new std::string(p.jpeg);
    cairo_surface_set_mime_data(img.get(), CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()),
                                copy->size(), [](void* s) { delete static_cast<std::string*>(s); }, copy);
    cairo_save(cr_);
    cairo_translate(cr_, x, y);
    cairo_scale(cr_, scale, scale);
    cairo_set_source_surface(cr_, img.get(), 0, 0);
    cairo_paint(cr_);
    cairo_restore(cr_);
  }

  cairo_t* cr_;
  PangoContext* ctx_;
  std::vector<int> known_, starts_;
  pdf::Layout body_, heading_, meta_, cover_issuer_, cover_title_, centred_, contents_title_, entry_, number_,
      page_number_;
  int page_ = 1;
  double y_ = kTop;
};

Result<std::string> RenderOnce(const CaseCompilation& doc, const std::vector<int>& known, std::vector<int>* starts) {
  std::string out;
  std::string title = doc.title;
  std::replace(title.begin(), title.end(), '\n', ' ');
  pdf::Surface surface = pdf::PdfSurface(&out, kPageW, kPageH, title);
  {
    pdf::Cairo cr(cairo_create(surface.get()));
    pdf::Context ctx = pdf::TextContext(cr.get());
    Renderer r(cr.get(), ctx.get(), known);
    r.Render(doc);
    *starts = r.starts();
  }
  if (Status st = pdf::Finish(surface.get()); !st.ok()) return st.error();
  surface.reset();
  return out;
}

}  // namespace

std::string ChineseNumber(int n) {
  static constexpr const char* kDigits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0 || n >= 100) return std::to_string(n);
  if (n < 10) return kDigits[n];
  std::string s = n / 10 == 1 ? "" : kDigits[n / 10];
  s += "十";
  if (n % 10) s += kDigits[n % 10];
  return s;
}

Result<std::string> RenderCaseCompilationPdf(const CaseCompilation& doc) {
  if (Blank(doc.title))
    return Error::Invalid("document.title", "汇编标题不能为空", "The compilation has no title", "title");
  for (size_t i = 0; i < doc.cases.size(); ++i)
    for (const auto& p : doc.cases[i].photos)
      if (p.width <= 0 || p.height <= 0 || p.jpeg.empty())
        return Error::Invalid("document.photo", "第 " + std::to_string(i + 1) + " 个案例有一张照片无法排版",
                              "A photo of case " + std::to_string(i + 1) + " has no pixels");
  // Twice: the first pass finds the page each case starts on, the second
  // writes those numbers into the contents (whose length does not depend on them).
  std::vector<int> starts;
  auto first = RenderOnce(doc, {}, &starts);
  if (!first) return first.error();
  std::vector<int> again;
  auto out = RenderOnce(doc, starts, &again);
  if (!out) return out.error();
  if (again != starts) return Error::Internal("case compilation: the contents moved the cases");
  return out;
}

}  // namespace meihao::io::documents

#include "io/images/thumbnail.h"

#include <cairo.h>
#include <jpeglib.h>

#include <algorithm>
#include <csetjmp>
#include <cstring>
#include <memory>
#include <vector>

namespace meihao::io::images {
namespace {

constexpr int kMaxSide = 12000;

Error Undecodable() {
  return Error::Invalid("case.photo.decode", "照片无法识别（文件已损坏或不是完整的 JPEG/PNG 图片），请重新选择",
                        "The photo cannot be decoded (damaged, or not a whole JPEG/PNG image)", "photo");
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

struct JpegError {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
};
void OnJpegError(j_common_ptr cinfo) { std::longjmp(reinterpret_cast<JpegError*>(cinfo->err)->jump, 1); }
void QuietJpeg(j_common_ptr, int) {}

// A JPEG decoded into a cairo RGB24 surface, scaled by libjpeg's 1/2…1/8 as
// far as it stays at least `want_width` wide.
Surface DecodeJpeg(std::string_view bytes, int want_width) {
  jpeg_decompress_struct cinfo{};
  JpegError err{};
  cinfo.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = OnJpegError;
  err.mgr.emit_message = QuietJpeg;
  cairo_surface_t* raw = nullptr;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    if (raw) cairo_surface_destroy(raw);
    return nullptr;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  jpeg_read_header(&cinfo, TRUE);
  if (int(cinfo.image_width) > kMaxSide || int(cinfo.image_height) > kMaxSide) {
    jpeg_destroy_decompress(&cinfo);
    return nullptr;
  }
  cinfo.out_color_space = JCS_RGB;
  cinfo.scale_num = 1;
  cinfo.scale_denom = 1;
  for (int d : {8, 4, 2})
    if (int(cinfo.image_width) / d >= want_width) {
      cinfo.scale_denom = d;
      break;
    }
  jpeg_start_decompress(&cinfo);
  const int w = int(cinfo.output_width), h = int(cinfo.output_height);
  raw = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  unsigned char* data = cairo_image_surface_get_data(raw);
  const int stride = cairo_image_surface_get_stride(raw);
  std::vector<unsigned char> row(size_t(w) * 3);
  while (cinfo.output_scanline < cinfo.output_height) {
    unsigned char* rowp = row.data();
    const int y = int(cinfo.output_scanline);
    jpeg_read_scanlines(&cinfo, &rowp, 1);
    auto* out = reinterpret_cast<uint32_t*>(data + size_t(y) * stride);
    for (int x = 0; x < w; ++x)
      out[x] = 0xFF000000u | (uint32_t(row[3 * x]) << 16) | (uint32_t(row[3 * x + 1]) << 8) | row[3 * x + 2];
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  cairo_surface_mark_dirty(raw);
  return Surface(raw);
}

struct PngSource {
  std::string_view bytes;
  size_t at = 0;
};
cairo_status_t ReadPng(void* closure, unsigned char* data, unsigned int length) {
  auto* src = static_cast<PngSource*>(closure);
  if (src->bytes.size() - src->at < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, src->bytes.data() + src->at, length);
  src->at += length;
  return CAIRO_STATUS_SUCCESS;
}

Surface DecodePng(std::string_view bytes) {
  PngSource src{bytes};
  Surface s(cairo_image_surface_create_from_png_stream(ReadPng, &src));
  if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) return nullptr;
  if (cairo_image_surface_get_width(s.get()) > kMaxSide || cairo_image_surface_get_height(s.get()) > kMaxSide)
    return nullptr;
  return s;
}

std::string EncodeJpeg(cairo_surface_t* s, int quality) {
  cairo_surface_flush(s);
  const int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  jpeg_compress_struct cinfo{};
  jpeg_error_mgr jerr{};
  cinfo.err = jpeg_std_error(&jerr);
  jpeg_create_compress(&cinfo);
  unsigned char* out = nullptr;
  unsigned long out_size = 0;
  jpeg_mem_dest(&cinfo, &out, &out_size);
  cinfo.image_width = JDIMENSION(w);
  cinfo.image_height = JDIMENSION(h);
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  std::vector<unsigned char> row(size_t(w) * 3);
  while (cinfo.next_scanline < cinfo.image_height) {
    const auto* px = reinterpret_cast<const uint32_t*>(data + size_t(cinfo.next_scanline) * stride);
    for (int x = 0; x < w; ++x) {
      row[3 * x] = (px[x] >> 16) & 0xFF;
      row[3 * x + 1] = (px[x] >> 8) & 0xFF;
      row[3 * x + 2] = px[x] & 0xFF;
    }
    unsigned char* rowp = row.data();
    jpeg_write_scanlines(&cinfo, &rowp, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::string jpeg(reinterpret_cast<char*>(out), out_size);
  free(out);
  return jpeg;
}

}  // namespace

Result<Thumbnail> MakeThumbnail(std::string_view bytes, int max_width, int quality) {
  Surface src;
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xD8)
    src = DecodeJpeg(bytes, max_width);
  else if (bytes.size() >= 8 && std::memcmp(bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0)
    src = DecodePng(bytes);
  if (!src) return Undecodable();
  const int sw = cairo_image_surface_get_width(src.get()), sh = cairo_image_surface_get_height(src.get());
  if (sw <= 0 || sh <= 0) return Undecodable();
  const int w = std::min(sw, max_width);
  const int h = std::max(1, int((int64_t(sh) * w + sw / 2) / sw));
  Surface dst(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  cairo_t* cr = cairo_create(dst.get());
  cairo_set_source_rgb(cr, 1, 1, 1);  // transparent PNG pixels become white
  cairo_paint(cr);
  cairo_scale(cr, double(w) / sw, double(h) / sh);
  cairo_set_source_surface(cr, src.get(), 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_destroy(cr);
  return Thumbnail{EncodeJpeg(dst.get(), quality), w, h};
}

namespace {
cairo_status_t AppendPng(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}
}  // namespace

std::string DrawDemoPng(int width, int height, unsigned rgb) {
  Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  cairo_t* cr = cairo_create(s.get());
  cairo_set_source_rgb(cr, 0.78, 0.88, 0.97);  // sky
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.45, 0.70, 0.38);  // lawn
  cairo_rectangle(cr, 0, height * 0.7, width, height * 0.3);
  cairo_fill(cr);
  const double r = ((rgb >> 16) & 0xFF) / 255.0, g = ((rgb >> 8) & 0xFF) / 255.0, b = (rgb & 0xFF) / 255.0;
  cairo_set_source_rgb(cr, r, g, b);  // the building
  cairo_rectangle(cr, width * 0.3, height * 0.35, width * 0.4, height * 0.38);
  cairo_fill(cr);
  cairo_move_to(cr, width * 0.25, height * 0.37);  // its roof
  cairo_line_to(cr, width * 0.5, height * 0.15);
  cairo_line_to(cr, width * 0.75, height * 0.37);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 0.6, 0.2, 0.15);
  cairo_fill(cr);
  cairo_destroy(cr);
  std::string out;
  cairo_surface_write_to_png_stream(s.get(), AppendPng, &out);
  return out;
}

}  // namespace meihao::io::images

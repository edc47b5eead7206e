// Photo thumbnails for the public site: a JPEG or PNG decoded (libjpeg-turbo,
// cairo's PNG reader), scaled down to at most `max_width` pixels wide (never
// up), flattened on white and written as a baseline JPEG (libjpeg-turbo).
// Made once at upload and stored beside the original.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace meihao::io::images {

struct Thumbnail {
  std::string jpeg;
  int width = 0, height = 0;
};

// 400 case.photo.decode when the bytes look like an image but do not decode
// (or are larger than 12,000 px on a side).
Result<Thumbnail> MakeThumbnail(std::string_view bytes, int max_width = 640, int quality = 82);

// A generated PNG (for the demo and the tests): a sky, a lawn and a house in
// `rgb`, width×height.
std::string DrawDemoPng(int width, int height, unsigned rgb);

}  // namespace meihao::io::images

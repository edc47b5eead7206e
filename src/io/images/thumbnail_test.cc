#include "io/images/thumbnail.h"

#include <gtest/gtest.h>

namespace meihao::io::images {
namespace {

TEST(ThumbnailTest, ScalesDownToTheWidthKeepingTheShape) {
  struct Row {
    int w, h, max, tw, th;
  };
  // Hand-computed: 1600×1200 → 640×480; 2000×500 → 640×160; 300×200 stays (never enlarged).
  for (const auto& r : std::vector<Row>{{1600, 1200, 640, 640, 480}, {2000, 500, 640, 640, 160}, {300, 200, 640, 300, 200}}) {
    auto png = DrawDemoPng(r.w, r.h, 0xC08040);
    auto t = MakeThumbnail(png, r.max);
    ASSERT_TRUE(t) << t.error().code;
    EXPECT_EQ(t->width, r.tw);
    EXPECT_EQ(t->height, r.th);
    ASSERT_GE(t->jpeg.size(), 3u);
    EXPECT_EQ(static_cast<unsigned char>(t->jpeg[0]), 0xFF);  // a JPEG
    EXPECT_EQ(static_cast<unsigned char>(t->jpeg[1]), 0xD8);
    // A JPEG thumbnail decodes again (and is not enlarged).
    auto again = MakeThumbnail(t->jpeg, 640);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->width, r.tw);
    EXPECT_EQ(again->height, r.th);
  }
}

TEST(ThumbnailTest, RefusesWhatDoesNotDecode) {
  EXPECT_EQ(MakeThumbnail("not an image").error().code, "case.photo.decode");
  std::string truncated = DrawDemoPng(200, 100, 0x336699).substr(0, 60);
  EXPECT_EQ(MakeThumbnail(truncated).error().code, "case.photo.decode");
  EXPECT_EQ(MakeThumbnail("\xFF\xD8\xFF\xE0 garbage").error().code, "case.photo.decode");
}

}  // namespace
}  // namespace meihao::io::images

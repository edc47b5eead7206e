#include "io/survey/slips_pdf.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace meihao::io::survey {
namespace {

SlipSheet Sheet(int n) {
  SlipSheet s{"碧桂园翡翠湾", "蓬江区环市街道", {}};
  for (int i = 0; i < n; ++i) {
    char code[40];
    std::snprintf(code, sizeof code, "7K3M-9QZX-4T1B-HC8D-2PWR-6NVA-%02d", i);
    s.slips.push_back({code, std::string("https://meihao.jiangmen.gov.cn/s/") + code});
  }
  return s;
}

// Page objects, not the /Type /Pages tree node.
int PageCount(const std::string& pdf) {
  int n = 0;
  for (size_t p = pdf.find("/Type /Page"); p != std::string::npos;
       p = pdf.find("/Type /Page", p + 1))
    if (pdf.compare(p, 12, "/Type /Pages") != 0) ++n;
  return n;
}

TEST(SlipsPdfTest, TwentySlipsOnThreePages) {
  auto pdf = RenderSlipsPdf(Sheet(20));
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_EQ(PageCount(*pdf), 3);
  EXPECT_EQ(PageCount(*RenderSlipsPdf(Sheet(8))), 1);
  EXPECT_EQ(PageCount(*RenderSlipsPdf(Sheet(9))), 2);
}

TEST(SlipsPdfTest, TextIsExtractable) {
  if (!std::filesystem::exists("/usr/bin/pdftotext")) GTEST_SKIP() << "poppler-utils not installed";
  auto pdf = RenderSlipsPdf(Sheet(20));
  ASSERT_TRUE(pdf.ok());
  auto dir = std::filesystem::temp_directory_path() /
             ("meihao-slips-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
              "-" + std::to_string(reinterpret_cast<uintptr_t>(&pdf)));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "s.pdf", std::ios::binary) << *pdf; }
  std::string cmd = "/usr/bin/pdftotext -enc UTF-8 '" + (dir / "s.pdf").string() + "' '" +
                    (dir / "s.txt").string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(dir / "s.txt");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove_all(dir);
  EXPECT_NE(text.find("碧桂园翡翠湾"), std::string::npos) << text;
  EXPECT_NE(text.find("蓬江区环市街道"), std::string::npos);
  EXPECT_NE(text.find("美好家园"), std::string::npos);
  EXPECT_NE(text.find("7K3M-9QZX-4T1B-HC8D-2PWR-6NVA-19"), std::string::npos);
}

// Every QR code on a printed page decodes to its slip's link (rendered at
// 150 dpi by poppler, read by zbar as a phone would read the paper).
TEST(SlipsPdfTest, QrCodesDecodeToTheLinks) {
  if (!std::filesystem::exists("/usr/bin/pdftoppm") || !std::filesystem::exists("/usr/bin/zbarimg"))
    GTEST_SKIP() << "poppler-utils or zbar-tools not installed";
  auto pdf = RenderSlipsPdf(Sheet(8));
  ASSERT_TRUE(pdf.ok());
  auto dir = std::filesystem::temp_directory_path() /
             ("meihao-qr-" + std::to_string(reinterpret_cast<uintptr_t>(&pdf)) + "-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "s.pdf", std::ios::binary) << *pdf; }
  std::string cmd = "/usr/bin/pdftoppm -r 150 -png '" + (dir / "s.pdf").string() + "' '" + (dir / "p").string() +
                    "' && /usr/bin/zbarimg -q --raw '" + (dir / "p-1.png").string() + "' > '" +
                    (dir / "qr.txt").string() + "' 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(dir / "qr.txt");
  std::set<std::string> decoded;
  for (std::string line; std::getline(in, line);) decoded.insert(line);
  std::filesystem::remove_all(dir);
  std::set<std::string> want;
  for (const auto& s : Sheet(8).slips) want.insert(s.url);
  EXPECT_EQ(decoded, want);
}

TEST(SlipsPdfTest, Errors) {
  auto empty = RenderSlipsPdf(Sheet(0));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "slips.empty");
  auto s = Sheet(1);
  s.slips[0].url = "https://x/" + std::string(5000, 'a');  // beyond QR version 40
  auto tooLong = RenderSlipsPdf(s);
  ASSERT_FALSE(tooLong.ok());
  EXPECT_EQ(tooLong.error().code, "slips.url");
}

}  // namespace
}  // namespace meihao::io::survey

#include "io/documents/estate_list.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "io/documents/documents_test_util.h"

namespace meihao::io::documents {
namespace {

constexpr const char* kLongName = "江门市蓬江区环市街道党建引领红色物业示范美好家园幸福里花园小区翡翠湾御景苑二期";

EstateList List(int n) {
  EstateList l{"江门市2023年度“美好家园”小区名单", "名单状态：已确定。制表日期：2023年12月20日。", "县（市、区）", {}};
  for (int i = 0; i < n; ++i) {
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", 99.0 - i * 0.01);
    l.rows.push_back({"蓬江区", i == 10 ? kLongName : "美好家园示范小区" + std::to_string(i + 1),
                      "红色管家物业服务有限公司", score});
  }
  return l;
}

TEST(EstateListDocumentTest, ThousandEstatesBreakAcrossPagesWithTheirHeader) {
  const auto t0 = std::chrono::steady_clock::now();
  auto pdf = RenderOfficialPdf(EstateListDocument(List(1000)));
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  std::printf("plain list of 1,000 estates: %.0f ms, %zu bytes\n", ms, pdf->size());
  EXPECT_LT(pdf->size(), 2u << 20);
  if (!testing_util::HavePoppler()) GTEST_SKIP() << "poppler-utils not installed";
  testing_util::PdfFile f(*pdf, "estate-list");
  const int pages = f.Pages();
  // 26 one-line rows (23 pt each) under the header fill a page of 637.8 pt
  // (list_announcement_test.cc): 1,000 rows (one of them four lines, 68 pt)
  // need at least ⌈1000 / 26⌉ = 39 pages; the title and the note take about a
  // page's fifth on page 1 and the long row two rows more, so 39 or 40.
  EXPECT_GE(pages, 39);
  EXPECT_LE(pages, 40);
  for (int p = 1; p <= pages; ++p) {
    const std::string text = f.Text(p, p);
    EXPECT_NE(text.find("红色管家（申报单位）"), std::string::npos) << "page " << p;
  }
  const std::string all = f.Text();
  EXPECT_NE(all.find("江门市2023年度“美好家园”小区名单"), std::string::npos);
  EXPECT_NE(all.find("美好家园示范小区1000"), std::string::npos);
  EXPECT_EQ(all.find(kLongName), std::string::npos) << "the long name wraps";
  EXPECT_NE(testing_util::Squeeze(f.Text(0, 0, "-raw")).find(kLongName), std::string::npos);
  const std::string fonts = testing_util::Run("pdffonts '" + f.path() + "'");
  EXPECT_NE(fonts.find("NotoSerifCJK"), std::string::npos) << fonts;
}

}  // namespace
}  // namespace meihao::io::documents

#include "io/documents/list_announcement.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "io/documents/documents_test_util.h"

namespace meihao::io::documents {
namespace {

constexpr const char* kCounties[] = {"蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市"};
// 40 characters: four lines of the 小区名称 column (12 characters a line).
constexpr const char* kLongName = "江门市蓬江区环市街道党建引领红色物业示范美好家园幸福里花园小区翡翠湾御景苑二期";

ListAnnouncement Announcement(int n, int long_at) {
  ListAnnouncement a{2023, "江建房函〔2023〕12号", ChineseDate(2023, 12, 20), {}};
  for (int i = 0; i < n; ++i) {
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", 99.0 - i * 0.01);
    a.estates.push_back({kCounties[i % 7], i == long_at ? kLongName : "美好家园示范小区" + std::to_string(i + 1),
                         "红色管家物业服务有限公司", score});  // 12 characters: one line
  }
  return a;
}

TEST(ListAnnouncementDocumentTest, Document) {
  OfficialDocument d = ListAnnouncementDocument(Announcement(3, -1));
  EXPECT_EQ(d.title, "关于公布2023年度“美好家园”\n小区名单的通知");
  EXPECT_EQ(d.number, "江建房函〔2023〕12号");
  ASSERT_EQ(d.body.size(), 2u);
  const auto& t = std::get<Table>(d.body[1]);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[2][0], "3");
  EXPECT_EQ(t.rows[2][1], "新会区");
  EXPECT_NE(std::get<Paragraph>(d.body[0]).text.find("确定以下3个小区"), std::string::npos);
}

TEST(ListAnnouncementDocumentTest, ThousandEstates) {
  constexpr int kLongAt = 500;
  const OfficialDocument doc = ListAnnouncementDocument(Announcement(1000, kLongAt));
  const auto t0 = std::chrono::steady_clock::now();
  auto pdf = RenderOfficialPdf(doc);
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  const auto t1 = std::chrono::steady_clock::now();
  ASSERT_TRUE(RenderOfficialPdf(doc).ok());  // fonts now resolved: the steady cost
  const auto again = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count();
  std::printf("1,000 estates: %.0f ms (again: %.0f ms), %zu bytes\n", ms, again, pdf->size());
  EXPECT_LT(pdf->size(), 2u << 20);
  if (!testing_util::HavePoppler()) GTEST_SKIP() << "poppler-utils not installed";
  testing_util::PdfFile f(*pdf, "announcement");
  const int pages = f.Pages();
  // The page count from the layout constants (official_document.h): text
  // area 637.8 pt = 22 slots of 28.99 pt; table rows 15 pt a line + 2 × 4 pt
  // padding, so 23 pt for the header and for every one-line row, 68 pt for
  // the row of kLongName (4 lines of 12 characters).
  //   page 1: 版头 slots 0–5, title 6–7 (two lines), addressees 9, paragraph
  //     10–14 (5 lines), table from slot 15 (434.9 pt): 202.9 pt left =
  //     header + 7 rows (rows 1–7);
  //   pages 2–20: header + 26 rows each ((637.8 − 23) / 23 = 26.7), rows
  //     8–501 … but row 501 (kLongAt = 500, 68 pt) finds 637.8 − 23 − 25 × 23
  //     = 39.8 pt on page 20 (rows 476–500), so it opens page 21;
  //   page 21: header + row 501 + 23 rows ((637.8 − 23 − 68) / 23 = 23.8),
  //     rows 501–524;
  //   pages 22–40: rows 525–1000 = 476 rows = 18 × 26 + 8, so 19 pages, the
  //     last with 8 rows (207 pt), after which the 落款 needs slots 8–11.
  // 40 pages.
  EXPECT_EQ(pages, 40);
  for (int p = 2; p <= pages; ++p) {
    const std::string text = f.Text(p, p);
    const std::string first = text.substr(0, text.find('\n'));
    EXPECT_NE(first.find("序号"), std::string::npos) << "page " << p << ": " << first;
    EXPECT_NE(first.find("红色管家（申报单位）"), std::string::npos) << "page " << p << ": " << first;
  }
  // The long name wraps (no line of the layout text holds it) but is whole
  // once the lines are joined in drawing order.
  EXPECT_EQ(f.Text().find(kLongName), std::string::npos);
  EXPECT_NE(testing_util::Squeeze(f.Text(0, 0, "-raw")).find(kLongName), std::string::npos);
  const std::string last = f.Text(pages, pages);
  EXPECT_NE(last.find("美好家园示范小区1000"), std::string::npos);
  EXPECT_NE(last.find("2023年12月20日"), std::string::npos);
}

}  // namespace
}  // namespace meihao::io::documents

#include "io/documents/case_compilation.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "io/documents/documents_test_util.h"
#include "io/images/thumbnail.h"

namespace meihao::io::documents {
namespace {

using testing_util::Squeeze;

CompilationPhoto Photo(int w, int h, unsigned rgb) {
  auto t = images::MakeThumbnail(images::DrawDemoPng(w, h, rgb));
  EXPECT_TRUE(t);
  return {t->jpeg, t->width, t->height};
}

CaseCompilation Sample() {
  CaseCompilation d;
  d.issuer = "江门市住房和城乡建设局";
  d.title = "2023年度“美好家园”小区\n典型案例汇编";
  d.date = "2023年12月20日";
  CompiledCase a{"党建引领聚合力　红色管家暖民心", "蓬江区", "党建引领", "丰泽园、华茵桂语",
                 "小区成立功能型党支部，党员带头认领楼栋。\n推动加装电梯12部，整治停车秩序。", {}};
  a.photos = {Photo(1600, 1200, 0xC04030), Photo(800, 600, 0x3070C0), Photo(1200, 900, 0x40A040)};
  // A long text: several pages of 14 pt lines.
  std::string long_body;
  for (int i = 0; i < 40; ++i) long_body += "业主委员会依法依规运行，每月公开收支情况，接受全体业主监督。第" + std::to_string(i + 1) + "段。\n";
  CompiledCase b{"业委会规范运行的新会经验", "新会区", "业委会规范运行", "江景华庭", long_body, {}};
  CompiledCase c{"为群众办实事", "台山市", "为群众办实事", "", "解决老旧小区漏水问题。", {Photo(640, 480, 0x808080)}};
  d.cases = {a, b, c};
  return d;
}

TEST(CaseCompilationTest, ChineseNumbers) {
  // Hand-written: the numbers of sections as a bureau writes them.
  struct Row {
    int n;
    const char* want;
  };
  for (const auto& r : std::vector<Row>{{1, "一"}, {9, "九"}, {10, "十"}, {11, "十一"}, {20, "二十"}, {23, "二十三"},
                                        {99, "九十九"}, {100, "100"}, {0, "0"}})
    EXPECT_EQ(ChineseNumber(r.n), r.want) << r.n;
}

TEST(CaseCompilationTest, Refusals) {
  CaseCompilation d = Sample();
  d.title = " \n";
  EXPECT_EQ(RenderCaseCompilationPdf(d).error().code, "document.title");
  d = Sample();
  d.cases[2].photos[0].width = 0;
  EXPECT_EQ(RenderCaseCompilationPdf(d).error().code, "document.photo");
}

TEST(CaseCompilationTest, CoverContentsSectionsAndPhotos) {
  if (!testing_util::HavePoppler()) GTEST_SKIP() << "poppler-utils not installed";
  auto pdf = RenderCaseCompilationPdf(Sample());
  ASSERT_TRUE(pdf) << pdf.error().message_en;
  testing_util::PdfFile f(*pdf, "case-compilation");
  const int pages = f.Pages();
  // Cover 1, contents 2, case 一 from 3 (text and three photos, two rows: one page),
  // case 二 from 4 (40 paragraphs of two lines at 25 pt: ~3 pages), case 三 after it.
  ASSERT_GE(pages, 6);
  const std::string cover = Squeeze(f.Text(1, 1));
  EXPECT_NE(cover.find("江门市住房和城乡建设局"), std::string::npos) << cover;
  EXPECT_NE(cover.find("2023年度“美好家园”小区典型案例汇编"), std::string::npos) << cover;
  EXPECT_NE(cover.find("2023年12月20日"), std::string::npos);
  EXPECT_EQ(cover.find("—"), std::string::npos) << "no page number on the cover";

  const std::string contents = f.Text(2, 2);
  EXPECT_NE(Squeeze(contents).find("目录"), std::string::npos) << contents;
  // Each contents entry names the page its case starts on, and that page begins with its heading.
  int last = 2;
  for (const char* heading : {"一、党建引领聚合力", "二、业委会规范运行的新会经验", "三、为群众办实事"}) {
    std::istringstream in(contents);
    int page = 0;
    for (std::string line; std::getline(in, line);) {
      if (Squeeze(line).find(Squeeze(heading)) == std::string::npos) continue;
      auto end = line.find_last_not_of(' ');
      auto start = line.find_last_of(" .", end);
      page = std::stoi(line.substr(start + 1, end - start));
    }
    ASSERT_GT(page, last) << heading << "\n" << contents;
    last = page;
    const std::string first = Squeeze(f.Text(page, page));
    EXPECT_EQ(first.rfind(Squeeze(heading), 0), 0u) << heading << " on page " << page << ": " << first.substr(0, 120);
    EXPECT_NE(first.find("—" + std::to_string(page) + "—"), std::string::npos) << "its page number";
  }
  EXPECT_EQ(last, pages) << "the last case is on the last page";
  const std::string all = Squeeze(f.Text());
  EXPECT_NE(all.find("蓬江区党建引领丰泽园、华茵桂语"), std::string::npos);
  EXPECT_NE(all.find("推动加装电梯12部，整治停车秩序。"), std::string::npos);
  EXPECT_NE(all.find("第40段。"), std::string::npos) << "the long text runs to its end";

  // pdfimages -list: the four photos, embedded as the JPEGs they were (dct), at their pixels.
  std::istringstream list(testing_util::Run("pdfimages -list '" + f.path() + "'"));
  std::string line;
  std::getline(list, line);
  std::getline(list, line);
  int n = 0, dct = 0;
  std::vector<std::string> sizes;
  while (std::getline(list, line)) {
    std::istringstream cols(line);
    std::string page, num, type, width, height, color, comp, bpc, enc;
    cols >> page >> num >> type >> width >> height >> color >> comp >> bpc >> enc;
    ++n;
    if (enc == "jpeg") ++dct;
    sizes.push_back(width + "x" + height);
  }
  EXPECT_EQ(n, 4);
  EXPECT_EQ(dct, 4);
  EXPECT_EQ(sizes, (std::vector<std::string>{"640x480", "640x480", "640x480", "640x480"}));
}

TEST(CaseCompilationTest, NoCasesStillMakesCoverAndContents) {
  if (!testing_util::HavePoppler()) GTEST_SKIP() << "poppler-utils not installed";
  CaseCompilation d = Sample();
  d.cases.clear();
  auto pdf = RenderCaseCompilationPdf(d);
  ASSERT_TRUE(pdf);
  testing_util::PdfFile f(*pdf, "case-compilation-empty");
  EXPECT_EQ(f.Pages(), 2);
  EXPECT_NE(Squeeze(f.Text(2, 2)).find("暂无典型案例"), std::string::npos);
}

}  // namespace
}  // namespace meihao::io::documents

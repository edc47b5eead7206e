#include "io/documents/official_document.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "io/documents/documents_test_util.h"

namespace meihao::io::documents {
namespace {

OfficialDocument Letter() {
  OfficialDocument d;
  d.issuer = "江门市住房和城乡建设局文件";
  d.number = "江建房函〔2023〕12号";
  d.title = "关于表扬2023年度“美好家园”小区\n红色管家的通报";
  d.addressees = "各县（市、区）住房和城乡建设局：";
  // Slots: title 6–7, addressees 9, heading 10, paragraph 11–12, heading 13,
  // paragraph 14–15, 落款 18–19: one page.
  d.body = {Heading{"一、基本情况"},
            Paragraph{"全市共有86个小区提出申报，经县级评价、市级评价和公示，确定30个小区为“美好家园”小区。"},
            Heading{"二、下一步工作"},
            Paragraph{"希望受表扬的单位珍惜荣誉，再接再厉，发挥示范带动作用。"}};
  d.signatory = "江门市住房和城乡建设局";
  d.date = ChineseDate(2023, 12, 20);
  return d;
}

TEST(OfficialDocumentTest, ChineseDate) {
  EXPECT_EQ(ChineseDate(2023, 12, 20), "2023年12月20日");
  EXPECT_EQ(ChineseDate(2024, 1, 5), "2024年1月5日");
}

TEST(OfficialDocumentTest, LetterTextAndEmbeddedFonts) {
  if (!testing_util::HavePoppler()) GTEST_SKIP() << "poppler-utils not installed";
  auto pdf = RenderOfficialPdf(Letter());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  testing_util::PdfFile f(*pdf, "letter");
  EXPECT_EQ(f.Pages(), 1);
  const std::string text = f.Text();
  EXPECT_NE(text.find("江门市住房和城乡建设局文件"), std::string::npos) << text;
  EXPECT_NE(testing_util::Squeeze(text).find("关于表扬2023年度“美好家园”小区红色管家的通报"), std::string::npos)
      << text;
  EXPECT_NE(text.find("江建房函〔2023〕12号"), std::string::npos) << text;
  EXPECT_NE(text.find("各县（市、区）住房和城乡建设局："), std::string::npos) << text;
  EXPECT_NE(testing_util::Squeeze(text).find("希望受表扬的单位珍惜荣誉，再接再厉，发挥示范带动作用。"),
            std::string::npos) << text;
  EXPECT_NE(text.find("2023年12月20日"), std::string::npos);
  EXPECT_NE(testing_util::Squeeze(text).find("—1—"), std::string::npos);  // "— 1 —"

  // pdffonts: name, type, encoding, emb, sub, uni, object ID; columns as wide
  // as the dashes of the second line. Every font is embedded, the CJK ones
  // among them.
  const std::string fonts = testing_util::Run("pdffonts '" + f.path() + "'");
  std::istringstream lines(fonts);
  std::string header, rule, line;
  std::getline(lines, header);
  std::getline(lines, rule);
  size_t emb_at = 0;
  for (int i = 0; i < 3; ++i) emb_at = rule.find(' ', emb_at) + 1;  // the 4th column
  int cjk = 0;
  while (std::getline(lines, line)) {
    if (line.find("Noto") != std::string::npos && line.find("CJK") != std::string::npos) ++cjk;
    EXPECT_EQ(line.substr(emb_at, 3), "yes") << line;
  }
  EXPECT_GE(cjk, 2) << fonts;  // Serif regular and bold at least
}

TEST(OfficialDocumentTest, Refusals) {
  OfficialDocument d = Letter();
  d.title = "  ";
  auto r = RenderOfficialPdf(d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "document.title");
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
  EXPECT_FALSE(r.error().message_zh.empty());
  EXPECT_FALSE(r.error().message_en.empty());

  d = Letter();
  d.body.push_back(Table{{{"序号", 1}, {"小区名称", 3}}, {{"1", "碧桂园"}, {"2", "翡翠湾", "多余"}}});
  r = RenderOfficialPdf(d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "document.table.cells");
  EXPECT_NE(r.error().message_zh.find("第 2 行"), std::string::npos) << r.error().message_zh;
  EXPECT_NE(r.error().message_en.find("row 2"), std::string::npos);

  d = Letter();
  d.body.push_back(Table{});
  r = RenderOfficialPdf(d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "document.table.columns");

  d = Letter();  // a row taller than a page
  d.body.push_back(Table{{{"说明", 1}}, {{std::string(3000, 'x')}}});
  r = RenderOfficialPdf(d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "document.table.row");
}

TEST(OfficialDocumentTest, NoMastheadAndLongBodyBreaksAcrossPages) {
  OfficialDocument d;
  d.title = "蓬江区2023年度创建工作报告";
  // 36 paragraphs of 54 characters + 2 of indent = 2 lines each: 72 lines.
  // Page 1: title (1 line, slot 0) then body from slot 1: 21 lines; pages 2
  // and 3: 22 lines each; page 4: 72 − 21 − 44 = 7 lines, then 落款 (2 blank
  // slots + the date) in slots 7–9.
  const std::string p = "本区按照活动方案要求组织街道办事处和物业服务企业逐项对照评价标准自查自纠，推动问题整改落实到位，满意度提升。";
  ASSERT_EQ(p.size() / 3, 54u);
  for (int i = 0; i < 36; ++i) d.body.push_back(Paragraph{p});
  d.date = ChineseDate(2023, 11, 30);
  auto pdf = RenderOfficialPdf(d);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  if (!testing_util::HavePoppler()) GTEST_SKIP() << "poppler-utils not installed";
  testing_util::PdfFile f(*pdf, "report");
  EXPECT_EQ(f.Pages(), 4);
  EXPECT_NE(f.Text(4, 4).find("2023年11月30日"), std::string::npos);
  EXPECT_NE(testing_util::Squeeze(f.Text(2, 2)).find("—2—"), std::string::npos);
}

}  // namespace
}  // namespace meihao::io::documents

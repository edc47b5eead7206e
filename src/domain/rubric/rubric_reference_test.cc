// The reference rubric itself: its sections, weights, items and wording, the
// nine principles, and points as text (rubric.cc).
#include "domain/rubric/rubric.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace meihao::domain::rubric {
namespace {

TEST(RubricReference, SectionsWeightsAndItems) {
  const Rubric& r = ReferenceRubric();
  ASSERT_EQ(r.sections.size(), 4u);
  const std::vector<std::pair<int, size_t>> want = {{20, 6}, {20, 4}, {40, 8}, {20, 7}};
  int weights = 0;
  size_t items = 0;
  for (size_t s = 0; s < 4; ++s) {
    EXPECT_EQ(r.sections[s].number, int(s + 1));
    EXPECT_EQ(r.sections[s].weight, want[s].first);
    ASSERT_EQ(r.sections[s].items.size(), want[s].second);
    for (size_t i = 0; i < want[s].second; ++i) {
      const RubricItem& item = r.sections[s].items[i];
      EXPECT_EQ(item.id, std::to_string(s + 1) + "." + std::to_string(i + 1));
      EXPECT_EQ(item.max_tenths, 100) << item.id;  // 10 points each
      EXPECT_TRUE(item.sub_items.empty());
      const GateLink g = item.id == "3.1" ? GateLink::kP1 : item.id == "3.2" ? GateLink::kP8Fee
                                                                            : GateLink::kNone;
      EXPECT_EQ(item.gate, g) << item.id;
    }
    weights += r.sections[s].weight;
    items += r.sections[s].items.size();
  }
  EXPECT_EQ(weights, 100);
  EXPECT_EQ(items, 25u);
  EXPECT_EQ(r.sections[0].name_zh, "党建引领机制完善");
  EXPECT_EQ(r.sections[1].name_zh, "业主委员会和物业管理委员会等运行规范");
  EXPECT_EQ(r.sections[2].name_zh, "物业管理服务规范高效");
  EXPECT_EQ(r.sections[3].name_zh, "部门执法和专项服务进小区");
}

TEST(RubricReference, WordingOfFirstAndLastItems) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1.1", "所在街道健全街道党（工）委统一协调，相关部门联动执法，协同解决物业管理问题的工作机制"},
      {"1.5", "小区组织开展精神文明活动，宣传党的二十大精神和社会主义核心价值观，丰富群众文化生活"},
      {"1.6", "结合群众需求，从建设电动汽车充电设施、设置电动自行车充电设施、增设休闲设施、举办小区文娱活动、提供便民服务等群众身边事做起，至少为群众办一件实事"},
      {"2.1", "街道社区党组织做好业委会人选推荐把关工作，组织业主成立业主大会，选举产生业主委员会，或指导组建物业管理委员会，临时代行业主委员会部分职责"},
      {"2.4", "定期召开业主委员会或物业管理委员会会议，及时组织召集业主共同决策小区重要公共事务，并报告社区党组织和居民委员会"},
      {"3.1", "小区业主满意度位于全县（市、区）前5%或小区物业管理投诉位于全县（市、区）后5%"},
      {"3.2", "小区物业费收费率≥95%"},
      {"3.8", "对于小区内违法违规行爲，履行巡查、劝阻、报告职责的情况"},
      {"4.1", "小区显著位置公示相关部门投诉、咨询电话"},
      {"4.7", "小区违规饲养动物情况"},
  };
  for (const auto& [id, text] : cases) {
    const RubricItem* item = FindItem(ReferenceRubric(), id);
    ASSERT_NE(item, nullptr) << id;
    EXPECT_EQ(item->text_zh, text) << id;
  }
  EXPECT_EQ(FindItem(ReferenceRubric(), "4.8"), nullptr);
  EXPECT_EQ(FindItem(ReferenceRubric(), "3"), nullptr);
}

TEST(RubricPrinciples, NineWithTheirParts) {
  const auto& p = Principles();
  // rules.md §5: automatic parts P1 P2 P4 P6 P8; evaluator parts all but P1.
  const bool automatic[] = {true, true, false, true, false, true, false, true, false};
  for (size_t i = 0; i < p.size(); ++i) {
    EXPECT_EQ(p[i].id, "P" + std::to_string(i + 1));
    EXPECT_EQ(p[i].automatic, automatic[i]) << p[i].id;
    EXPECT_EQ(p[i].evaluator, i != 0) << p[i].id;
    EXPECT_FALSE(p[i].text_zh.empty());
  }
  EXPECT_EQ(p[7].text_zh, "小区物业服务标准和收费等信息公示规范，物业费收费率不低于 95%。");
  EXPECT_TRUE(p[8].text_zh.starts_with("结合群众需求"));
}

TEST(RubricPoints, ParseAndFormat) {
  struct Case { const char* text; int tenths; const char* code; };
  const std::vector<Case> cases = {
      {"8", 80, nullptr}, {"8.5", 85, nullptr}, {"8.50", 85, nullptr}, {" 8.5 ", 85, nullptr},
      {"0", 0, nullptr}, {"10.0", 100, nullptr}, {"100", 1000, nullptr},
      {"8.55", 0, "rubric.points.decimals"}, {"8.05", 0, "rubric.points.decimals"},
      {"", 0, "rubric.points.format"}, {"-1", 0, "rubric.points.format"},
      {"abc", 0, "rubric.points.format"}, {"1e1", 0, "rubric.points.format"},
      {"8.", 0, "rubric.points.format"}, {".5", 0, "rubric.points.format"},
      {"８", 0, "rubric.points.format"},  // full-width digit: refused, not guessed
  };
  for (const auto& c : cases) {
    auto t = ParsePoints(c.text, "scores.1.1");
    if (!c.code) {
      ASSERT_TRUE(t.ok()) << c.text;
      EXPECT_EQ(*t, c.tenths) << c.text;
    } else {
      ASSERT_FALSE(t.ok()) << c.text;
      EXPECT_EQ(t.error().code, c.code) << c.text;
      EXPECT_EQ(t.error().field, "scores.1.1");
      EXPECT_EQ(t.error().kind, ErrorKind::kInvalid);
    }
  }
  EXPECT_EQ(FormatTenths(85), "8.5");
  EXPECT_EQ(FormatTenths(80), "8");
  EXPECT_EQ(FormatTenths(5), "0.5");
  EXPECT_EQ(FormatTenths(0), "0");
}

}  // namespace
}  // namespace meihao::domain::rubric

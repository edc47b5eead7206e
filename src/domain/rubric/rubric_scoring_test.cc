#include "domain/rubric/rubric.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace meihao::domain::rubric {
namespace {

// Every unit at its maximum, then the overrides (unit → tenths).
ScoreSheet Sheet(const Rubric& r, int each_tenths_or_max, const ScoreSheet& overrides = {}) {
  ScoreSheet s;
  for (const auto& sec : r.sections)
    for (const auto& i : sec.items) {
      if (i.gate != GateLink::kNone) continue;
      if (i.sub_items.empty()) s[i.id] = each_tenths_or_max < 0 ? i.max_tenths : each_tenths_or_max;
      for (size_t n = 0; n < i.sub_items.size(); ++n)
        s[i.id + "." + std::to_string(n + 1)] =
            each_tenths_or_max < 0 ? i.sub_items[n].max_tenths : each_tenths_or_max;
    }
  for (const auto& [u, t] : overrides) s[u] = t;
  return s;
}
constexpr int kFull = -1;

Rubric Refined(const Refinement& r) {
  auto rubric = ApplyRefinement(r);
  EXPECT_TRUE(rubric.ok()) << (rubric.ok() ? "" : rubric.error().message_en);
  return rubric.ok() ? *rubric : ReferenceRubric();
}

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

TEST(RubricTotal, HandComputedSheets) {
  const Rubric& ref = ReferenceRubric();
  const GateLinkedPasses both{true, true}, none{false, false}, p1_only{true, false};
  struct Case { const char* name; ScoreSheet sheet; GateLinkedPasses gates; Fraction want; };
  const std::vector<Case> cases = {
      // 20·60/60 + 20·40/40 + 40·80/80 + 20·70/70 = 100.
      {"all full marks", Sheet(ref, kFull), both, Fraction(100)},
      // 3.1's gate fails: S3 = 70/80, 40 · 7/8 = 35; 20 + 20 + 35 + 20 = 95.
      {"3.1 gate fails", Sheet(ref, kFull), {false, true}, Fraction(95)},
      // 3.2's gate fails: the same 95.
      {"3.2 gate fails", Sheet(ref, kFull), p1_only, Fraction(95)},
      // Evaluators give 0 everywhere, both gates pass: S3 = 20/80 → 40 · 1/4 = 10.
      {"all zero, gates pass", Sheet(ref, 0), both, Fraction(10)},
      {"all zero, gates fail", Sheet(ref, 0), none, Fraction(0)},
      // S1: 8 + 7.5 + 9 + 10 + 6 + 5.5 = 46 of 60 → 20 · 46/60 = 46/3.
      // S2 full → 20. S3: 10 (P1) + 0 (P8) + 6 × 8 = 58 of 80 → 40 · 58/80 = 29.
      // S4: 7 × 5 = 35 of 70 → 10. Total 46/3 + 59 = 223/3 (74.33…).
      {"mixed, P8 fails",
       Sheet(ref, kFull,
             {{"1.1", 80}, {"1.2", 75}, {"1.3", 90}, {"1.4", 100}, {"1.5", 60}, {"1.6", 55},
              {"3.3", 80}, {"3.4", 80}, {"3.5", 80}, {"3.6", 80}, {"3.7", 80}, {"3.8", 80},
              {"4.1", 50}, {"4.2", 50}, {"4.3", 50}, {"4.4", 50}, {"4.5", 50}, {"4.6", 50},
              {"4.7", 50}}),
       p1_only, Fraction(223, 3)},
  };
  for (const auto& c : cases) {
    auto total = EvaluatorTotal(ref, c.sheet, c.gates);
    ASSERT_TRUE(total.ok()) << c.name << ": " << total.error().message_en;
    EXPECT_EQ(*total, c.want) << c.name << " got " << total->num() << "/" << total->den();
  }
  // 1.2 at 7.5: 20 · 57.5/60 = 115/6; 115/6 + 80 = 595/6 = 99.1666… → "99.17".
  EXPECT_EQ(EvaluatorTotal(ref, Sheet(ref, kFull, {{"1.2", 75}}), both)->Format(2), "99.17");
}

TEST(RubricTotal, RefinedSectionRatios) {
  // S3 refined to a maximum of 50: 3.1 10, 3.2 10, 3.3 5, 3.4 5, 3.5 = sub-items
  // 2.5 + 2.5, 3.6 5, 3.7 5, 3.8 5.
  Refinement s3;
  for (const char* id : {"3.3", "3.4", "3.6", "3.7", "3.8"}) s3.items.push_back({id, 50, {}});
  s3.items.push_back({"3.5", std::nullopt, {{"绿地养护", 25}, {"树木修剪", 25}}});
  const Rubric r3 = Refined(s3);
  EXPECT_EQ(SectionMaxTenths(r3.sections[2]), 500);
  // Scores: 10 (P1) + 0 (P8 fails) + 5 + 4 + (2.5 + 1.5) + 5 + 3.5 + 2.5 = 34 of 50
  // → 40 · 34/50 = 40 · 17/25 = 136/5; other sections full: 60 + 136/5 = 436/5 = 87.2.
  const ScoreSheet sheet3 = Sheet(r3, kFull, {{"3.3", 50}, {"3.4", 40}, {"3.5.1", 25}, {"3.5.2", 15},
                                              {"3.6", 50}, {"3.7", 35}, {"3.8", 25}});
  auto t3 = EvaluatorTotal(r3, sheet3, {true, false});
  ASSERT_TRUE(t3.ok()) << t3.error().message_en;
  EXPECT_EQ(*t3, Fraction(436, 5));
  EXPECT_EQ(ItemScoreTenths(*FindItem(r3, "3.5"), sheet3, {}), 40);  // 2.5 + 1.5

  // S1: 1.1 = sub-items 3 + 4.5 (scored 3 and 4), 1.2 max 12.5 (scored 12.5),
  // 1.3–1.6 scored 10, 10, 10, 0 → 7 + 12.5 + 30 = 49.5 of 60 → 20 · 33/40 = 33/2.
  // Others full: 33/2 + 80 = 193/2 = 96.5.
  Refinement s1;
  s1.items.push_back({"1.2", 125, {}});
  s1.items.push_back({"1.1", std::nullopt, {{"街道党（工）委统一协调", 30}, {" 部门联动执法 ", 45}}});
  const Rubric r1 = Refined(s1);
  EXPECT_EQ(FindItem(r1, "1.1")->sub_items[1].name, "部门联动执法");  // trimmed
  auto t1 = EvaluatorTotal(r1, Sheet(r1, kFull, {{"1.1.1", 30}, {"1.1.2", 40}, {"1.6", 0}}),
                           {true, true});
  ASSERT_TRUE(t1.ok()) << t1.error().message_en;
  EXPECT_EQ(*t1, Fraction(193, 2));

  // A gate-linked item's maximum may change; it still scores all or nothing.
  // S3 max 70 + 20 = 90; P1 fails: (90 − 20)/90 → 40 · 7/9 = 280/9; total 60 + 280/9 = 820/9.
  const Rubric rg = Refined({{{"3.1", 200, {}}}});
  EXPECT_EQ(*EvaluatorTotal(rg, Sheet(rg, kFull), {false, true}), Fraction(820, 9));
}

TEST(RubricRefinement, Maxima) {
  Refinement r;
  r.items.push_back({"1.1", std::nullopt, {{"甲", 30}, {"乙", 45}}});
  r.items.push_back({"4.7", 5, {}});
  const auto m = Maxima(Refined(r));
  ASSERT_EQ(m.size(), 4u);
  // S1: 7.5 + 5 × 10 = 57.5; S4: 6 × 10 + 0.5 = 60.5; S2, S3 unchanged.
  EXPECT_EQ(m[0].max_tenths, 575);
  EXPECT_EQ(m[0].items.front(), (std::pair<std::string, int>{"1.1", 75}));
  EXPECT_EQ(m[1].max_tenths, 400);
  EXPECT_EQ(m[2].max_tenths, 800);
  EXPECT_EQ(m[2].weight, 40);
  EXPECT_EQ(m[3].max_tenths, 605);
  EXPECT_EQ(m[3].items.back(), (std::pair<std::string, int>{"4.7", 5}));
  EXPECT_EQ(Maxima(ReferenceRubric())[0].max_tenths, 600);
}

TEST(RubricRefinement, TotalDenominator) {
  // Reference: 20/600, 20/400, 40/800, 20/700 per tenth → 30, 20, 20, 35; lcm 420.
  EXPECT_EQ(TotalDenominator(ReferenceRubric()), 420);
  // Maxima 99.9, 99.7, 99.1, 98.9 make the section maxima 1499, 1297, 1691 (19·89),
  // 1589 (7·227) tenths, pairwise coprime and coprime to the weights: D = their
  // product ≈ 5.2·10^12 > 10^12, refused.
  const Refinement odd{{{"1.1", 999, {}}, {"2.1", 997, {}}, {"3.3", 991, {}}, {"4.1", 989, {}}}};
  const auto errors = ValidateRefinement(odd);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "rubric.max.denominator");
  EXPECT_EQ(errors[0].field, "items");
  // Three of them: 1499·1297·1691·(700/20 = 35) ≈ 1.15·10^11, accepted.
  const Refinement three{{{"1.1", 999, {}}, {"2.1", 997, {}}, {"3.3", 991, {}}}};
  ASSERT_TRUE(ValidateRefinement(three).empty());
  EXPECT_EQ(TotalDenominator(*ApplyRefinement(three)), int64_t{1499} * 1297 * 1691 * 35);
}

TEST(RubricRefinement, Refusals) {
  auto subs = [](int n, int each) {
    std::vector<SubItem> v;
    for (int i = 0; i < n; ++i) v.push_back({"子项" + std::to_string(i + 1), each});
    return v;
  };
  std::string long_name;
  for (int i = 0; i < 101; ++i) long_name += "字";
  struct Case { const char* name; Refinement r; const char* code; const char* field; };
  const std::vector<Case> cases = {
      {"unknown item", {{{"9.9", 50, {}}}}, "rubric.item.unknown", "items.9.9"},
      {"section as item", {{{"3", 50, {}}}}, "rubric.item.unknown", "items.3"},
      {"repeated item", {{{"3.4", 50, {}}, {"3.4", 60, {}}}}, "rubric.item.duplicate", "items.3.4"},
      {"removing an item", {{{"3.4", 0, {}}}}, "rubric.max.zero", "items.3.4.max"},
      {"negative maximum", {{{"3.4", -10, {}}}}, "rubric.max.range", "items.3.4.max"},
      {"maximum above 100", {{{"3.4", 1001, {}}}}, "rubric.max.range", "items.3.4.max"},
      {"max and sub-items", {{{"1.1", 50, subs(2, 25)}}}, "rubric.item.max_with_sub_items", "items.1.1.max"},
      {"changes nothing", {{{"1.1", std::nullopt, {}}}}, "rubric.item.no_change", "items.1.1"},
      {"sub-items on 3.1", {{{"3.1", std::nullopt, subs(2, 50)}}}, "rubric.sub_items.gate_linked", "items.3.1.sub_items"},
      {"sub-items on 3.2", {{{"3.2", std::nullopt, subs(2, 50)}}}, "rubric.sub_items.gate_linked", "items.3.2.sub_items"},
      {"21 sub-items", {{{"1.1", std::nullopt, subs(21, 5)}}}, "rubric.sub_items.too_many", "items.1.1.sub_items"},
      {"blank name", {{{"1.1", std::nullopt, {{"甲", 50}, {" \u3000", 50}}}}}, "rubric.sub_item.name.empty", "items.1.1.sub_items.2.name"},
      {"long name", {{{"1.1", std::nullopt, {{long_name, 50}}}}}, "rubric.sub_item.name.length", "items.1.1.sub_items.1.name"},
      {"repeated name", {{{"1.1", std::nullopt, {{"甲", 50}, {"甲 ", 50}}}}}, "rubric.sub_item.name.duplicate", "items.1.1.sub_items.2.name"},
      {"sub-item max 0", {{{"1.1", std::nullopt, {{"甲", 0}, {"乙", 50}}}}}, "rubric.sub_item.max.range", "items.1.1.sub_items.1.max"},
      {"sub-items above 100", {{{"1.1", std::nullopt, subs(2, 600)}}}, "rubric.max.range", "items.1.1.sub_items"},
  };
  for (const auto& c : cases) {
    const auto errors = ValidateRefinement(c.r);
    ASSERT_EQ(errors.size(), 1u) << c.name;
    EXPECT_EQ(errors[0].kind, ErrorKind::kInvalid) << c.name;
    EXPECT_EQ(errors[0].code, c.code) << c.name;
    EXPECT_EQ(errors[0].field, c.field) << c.name;
    EXPECT_FALSE(errors[0].message_zh.empty());
    EXPECT_FALSE(errors[0].message_en.empty());
    auto applied = ApplyRefinement(c.r);
    ASSERT_FALSE(applied.ok()) << c.name;
    EXPECT_EQ(applied.error().code, c.code) << c.name;
  }
  // At the edges: 100 points, 0.1 points, 20 sub-items summing to 100 are accepted.
  EXPECT_TRUE(ValidateRefinement({{{"3.4", 1000, {}}, {"3.5", 1, {}}, {"1.1", std::nullopt, subs(20, 50)}}}).empty());
  // Several problems are all reported.
  EXPECT_EQ(ValidateRefinement({{{"9.9", 50, {}}, {"3.4", 0, {}}, {"3.1", std::nullopt, subs(1, 5)}}}).size(), 3u);
}

TEST(RubricJson, RoundTripInReferenceOrder) {
  Refinement r;
  r.items.push_back({"3.4", 120, {}});
  r.items.push_back({"1.1", std::nullopt, {{"党委协调", 25}, {"联动执法", 75}}});
  const std::string json = RefinementToJson(r);
  EXPECT_EQ(json,
            R"({"items":[{"id":"1.1","sub_items":[{"name":"党委协调","max":"2.5"},)"
            R"({"name":"联动执法","max":"7.5"}]},{"id":"3.4","max":"12"}]})");
  auto back = RefinementFromJson(json);
  ASSERT_TRUE(back.ok()) << back.error().message_en;
  EXPECT_EQ(RefinementToJson(*back), json);
  ASSERT_EQ(back->items.size(), 2u);
  EXPECT_EQ(back->items[1], (ItemRefinement{"3.4", 120, {}}));

  EXPECT_EQ(RefinementToJson({}), "");
  ASSERT_TRUE(RefinementFromJson("").ok());
  EXPECT_TRUE(RefinementFromJson("").value().empty());
  EXPECT_TRUE(RefinementFromJson("{}").value().empty());
  // A form's numbers: 2.5 and 12.
  auto numbers = RefinementFromJson(R"({"items":[{"id":"3.4","max":12},{"id":"3.5","max":2.5}]})");
  ASSERT_TRUE(numbers.ok()) << numbers.error().message_en;
  EXPECT_EQ(numbers->items[0].max_tenths, 120);
  EXPECT_EQ(numbers->items[1].max_tenths, 25);
}

TEST(RubricJson, Refusals) {
  struct Case { const char* name; const char* json; const char* code; const char* field; };
  const std::vector<Case> cases = {
      {"not JSON", "{", "rubric.json", "rubric"},
      {"not an object", "[1]", "rubric.json", "rubric"},
      {"section weights", R"({"sections":[{"weight":30}]})", "rubric.weights.fixed", "sections"},
      {"unknown top key", R"({"itemz":[]})", "rubric.json", "itemz"},
      {"items not an array", R"({"items":{}})", "rubric.json", "items"},
      {"item without id", R"({"items":[{"max":"5"}]})", "rubric.json", "items[1]"},
      {"item wording", R"({"items":[{"id":"3.4","text":"x"}]})", "rubric.json", "items.3.4.text"},
      {"weight on an item", R"({"items":[{"id":"3.4","weight":5}]})", "rubric.weights.fixed", "items.3.4.weight"},
      {"two decimals (text)", R"({"items":[{"id":"3.4","max":"2.55"}]})", "rubric.points.decimals", "items.3.4.max"},
      {"two decimals (number)", R"({"items":[{"id":"3.4","max":2.55}]})", "rubric.points.decimals", "items.3.4.max"},
      {"negative max", R"({"items":[{"id":"3.4","max":-1}]})", "rubric.points.format", "items.3.4.max"},
      {"max not a number", R"({"items":[{"id":"3.4","max":true}]})", "rubric.json", "items.3.4.max"},
      {"sub-item without max", R"({"items":[{"id":"1.1","sub_items":[{"name":"甲"}]}]})", "rubric.json", "items.1.1.sub_items.1.max"},
      {"sub-item without name", R"({"items":[{"id":"1.1","sub_items":[{"max":"1"}]}]})", "rubric.json", "items.1.1.sub_items.1.name"},
  };
  for (const auto& c : cases) {
    auto r = RefinementFromJson(c.json);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalid) << c.name;
    EXPECT_EQ(r.error().code, c.code) << c.name;
    EXPECT_EQ(r.error().field, c.field) << c.name;
  }
}

TEST(RubricScoreSheet, Refusals) {
  const Rubric r = Refined({{{"1.1", std::nullopt, {{"甲", 50}, {"乙", 50}}}}});
  EXPECT_EQ(ScoreUnits(r).size(), 24u);  // 25 − 2 gate-linked − 1.1 + 2 sub-items
  EXPECT_EQ(ScoreUnits(r).front(), "1.1.1");
  EXPECT_TRUE(ValidateScoreSheet(r, Sheet(r, kFull)).empty());
  struct Case { const char* name; ScoreSheet sheet; const char* code; const char* field; };
  ScoreSheet missing = Sheet(r, kFull);
  missing.erase("2.3");
  const std::vector<Case> cases = {
      {"missing", missing, "rubric.score.missing", "scores.2.3"},
      {"above maximum", Sheet(r, kFull, {{"4.7", 101}}), "rubric.score.range", "scores.4.7"},
      {"sub-item above its maximum", Sheet(r, kFull, {{"1.1.2", 51}}), "rubric.score.range", "scores.1.1.2"},
      {"negative", Sheet(r, kFull, {{"2.1", -5}}), "rubric.score.range", "scores.2.1"},
      {"gate-linked 3.1 scored", Sheet(r, kFull, {{"3.1", 100}}), "rubric.score.unknown", "scores.3.1"},
      {"refined item scored whole", Sheet(r, kFull, {{"1.1", 100}}), "rubric.score.unknown", "scores.1.1"},
      {"unknown unit", Sheet(r, kFull, {{"9.9", 10}}), "rubric.score.unknown", "scores.9.9"},
  };
  for (const auto& c : cases) {
    const auto errors = ValidateScoreSheet(r, c.sheet);
    ASSERT_EQ(errors.size(), 1u) << c.name;
    EXPECT_EQ(errors[0].code, c.code) << c.name;
    EXPECT_EQ(errors[0].field, c.field) << c.name;
    auto total = EvaluatorTotal(r, c.sheet, {true, true});
    ASSERT_FALSE(total.ok()) << c.name;
    EXPECT_EQ(total.error().field, c.field) << c.name;
  }
  // The 3.1 message explains that the principle scores it.
  EXPECT_NE(ValidateScoreSheet(r, Sheet(r, kFull, {{"3.1", 100}}))[0].message_zh.find("自动计分"),
            std::string::npos);
}

TEST(RubricScoreSheet, ParseTypedScores) {
  const Rubric& ref = ReferenceRubric();
  std::map<std::string, std::string> typed;
  for (const auto& u : ScoreUnits(ref)) typed[u] = "10";
  typed["1.2"] = "7.5";
  auto ok = ParseScoreSheet(ref, typed);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.sheet.at("1.2"), 75);
  // S1 = 57.5 of 60: 20 · 575/600 = 115/6; the rest full: 115/6 + 80 = 595/6.
  EXPECT_EQ(*EvaluatorTotal(ref, ok.sheet, {true, true}), Fraction(595, 6));

  typed["1.2"] = "7.55";  // two decimals: that error only, not "missing" too
  typed["4.7"] = "11";    // above 10
  typed.erase("2.1");     // missing
  const auto bad = ParseScoreSheet(ref, typed);
  ASSERT_EQ(bad.errors.size(), 3u);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : bad.errors) got.emplace_back(e.code, e.field);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"rubric.points.decimals", "scores.1.2"},
                     {"rubric.score.missing", "scores.2.1"},
                     {"rubric.score.range", "scores.4.7"}}));
}

// The prepared scorer must agree with EvaluatorTotal on every sheet: the
// reference and a refined rubric (sub-items, odd maxima), random scores, both
// gates either way, and refuse exactly where EvaluatorTotal refuses.
TEST(RubricSheetScorer, AgreesWithEvaluatorTotal) {
  Refinement ref;
  ref.items.push_back({"1.1", std::nullopt, {{"组织健全", 25}, {"制度上墙", 35}}});
  ref.items.push_back({"3.4", 150, {}});
  ref.items.push_back({"4.7", 55, {}});
  const std::vector<Rubric> rubrics = {ReferenceRubric(), *ApplyRefinement(ref)};
  uint64_t x = 12345;
  auto next = [&x] { return (x = x * 6364136223846793005ULL + 1442695040888963407ULL) >> 33; };
  for (const Rubric& r : rubrics) {
    const SheetScorer scorer(r);
    ASSERT_EQ(scorer.units(), ScoreUnits(r));
    EXPECT_EQ(scorer.UnitIndex("3.1"), -1);  // gate-linked: not a unit
    for (int n = 0; n < 400; ++n) {
      ScoreSheet sheet;
      std::vector<int> tenths;
      const auto maxima = Maxima(r);
      for (const auto& unit : scorer.units()) {
        int max = 0;
        for (const auto& s : maxima)
          for (const auto& [id, m] : s.items)
            if (id == unit) max = m;
        if (max == 0) {  // a sub-item: its maximum from the rubric
          for (const auto& s : r.sections)
            for (const auto& item : s.items)
              for (size_t k = 0; k < item.sub_items.size(); ++k)
                if (item.id + "." + std::to_string(k + 1) == unit) max = item.sub_items[k].max_tenths;
        }
        // Mostly in range; sometimes one over the maximum.
        const int t = static_cast<int>(next() % static_cast<uint64_t>(max + (n % 50 == 0 ? 2 : 1)));
        sheet[unit] = t;
        tenths.push_back(t);
      }
      const GateLinkedPasses gates{n % 2 == 0, n % 3 == 0};
      auto want = EvaluatorTotal(r, sheet, gates);
      auto got = scorer.Total(tenths, gates);
      ASSERT_EQ(want.ok(), got.has_value()) << n;
      if (got) EXPECT_EQ(*got, *want) << n;
    }
  }
  // By hand: every unit at its maximum, both gates → 100; a missing unit (-1) → nullopt.
  const SheetScorer ref_scorer(ReferenceRubric());
  std::vector<int> full(ref_scorer.units().size(), 100);
  EXPECT_EQ(ref_scorer.Total(full, {true, true}), Fraction(100));
  EXPECT_EQ(ref_scorer.Total(full, {false, true}), Fraction(95));  // 3.1 at 0: S3 70/80·40 = 35
  full[0] = -1;
  EXPECT_EQ(ref_scorer.Total(full, {true, true}), std::nullopt);
  EXPECT_EQ(ref_scorer.Total({}, {true, true}), std::nullopt);
}

}  // namespace
}  // namespace meihao::domain::rubric

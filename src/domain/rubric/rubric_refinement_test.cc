// A county's refinement: the maxima and total denominator it leads to, the
// rules it must keep (rubric_refinement.cc) and its stored JSON
// (rubric_refinement_json.cc).
#include "domain/rubric/rubric.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "domain/rubric/rubric_test_util.h"

namespace meihao::domain::rubric {
namespace {

using testing::Refined;

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

}  // namespace
}  // namespace meihao::domain::rubric

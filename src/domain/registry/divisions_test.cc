#include "domain/registry/divisions.h"

#include <gtest/gtest.h>

#include "common/resources.h"

namespace meihao::domain::registry {
namespace {

// A slice of the real file, with a BOM and CRLF line ends as Excel writes them.
constexpr std::string_view kSmall =
    "\xEF\xBB\xBF" "city_code,city_name,county_code,county_name,town_name,town_kind\r\n"
    "440700,江门市,440703,蓬江区,环市街道,street\r\n"
    "440700,江门市,440703,蓬江区,潮连街道,street\r\n"
    "440700,江门市,440703,蓬江区,荷塘镇,town\r\n"
    "440700,江门市,440705,新会区,会城街道,street\r\n"
    "440700,江门市,440705,新会区,大泽镇,town\r\n"
    "\r\n";

DivisionTree Small() {
  auto r = DivisionTree::FromCsv(kSmall);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
  return std::move(r).value();
}

std::vector<std::string> Codes(const std::vector<const Division*>& ds) {
  std::vector<std::string> out;
  for (const Division* d : ds) out.push_back(d->code);
  return out;
}

TEST(DivisionsTest, BuildsCodesInFileOrder) {
  const DivisionTree t = Small();
  EXPECT_EQ(t.size(), 1u + 2u + 5u);
  EXPECT_EQ(t.Root(), (Division{"440700", "江门市", Division::Level::kCity, ""}));
  EXPECT_EQ(Codes(t.Counties()), (std::vector<std::string>{"440703", "440705"}));
  EXPECT_EQ(Codes(t.Children("440703")),
            (std::vector<std::string>{"440703001", "440703002", "440703003"}));
  // The sequence restarts per county.
  ASSERT_NE(t.Find("440705002"), nullptr);
  EXPECT_EQ(*t.Find("440705002"), (Division{"440705002", "大泽镇", Division::Level::kTown, "440705"}));
  EXPECT_EQ(t.Find("440705003"), nullptr);
  EXPECT_TRUE(t.Children("440703001").empty());
  EXPECT_TRUE(t.Children("999999").empty());
}

TEST(DivisionsTest, Lookups) {
  const DivisionTree t = Small();
  struct C { std::string query; const char* county; };
  for (const C& c : std::vector<C>{{"蓬江区", "440703"}, {"440705", "440705"}, {"蓬江", nullptr},
                                   {"440700", nullptr}, {"440703001", nullptr}, {"", nullptr}}) {
    const Division* d = t.FindCountyByNameOrCode(c.query);
    if (c.county == nullptr) EXPECT_EQ(d, nullptr) << c.query;
    else { ASSERT_NE(d, nullptr) << c.query; EXPECT_EQ(d->code, c.county); }
  }
  struct T { std::string county, town; const char* code; };
  for (const T& c : std::vector<T>{{"440703", "荷塘镇", "440703003"},
                                   {"440703", "440703002", "440703002"},
                                   {"440705", "荷塘镇", nullptr},     // another county's town
                                   {"440705", "440703003", nullptr},  // ... also by code
                                   {"440700", "荷塘镇", nullptr},     // not a county
                                   {"999999", "荷塘镇", nullptr}}) {
    const Division* d = t.FindTown(c.county, c.town);
    if (c.code == nullptr) EXPECT_EQ(d, nullptr) << c.county << c.town;
    else { ASSERT_NE(d, nullptr) << c.town; EXPECT_EQ(d->code, c.code); }
  }
  EXPECT_EQ(t.TownNames("440705"), (std::vector<std::string>{"会城街道", "大泽镇"}));
  EXPECT_TRUE(t.TownNames("440705001").empty());
}

TEST(DivisionsTest, IsWithin) {
  const DivisionTree t = Small();
  struct C { std::string node, ancestor; bool within; };
  const std::vector<C> cases = {
      {"440703001", "440703001", true},  // itself
      {"440703001", "440703", true},
      {"440703001", "440700", true},
      {"440703", "440700", true},
      {"440700", "440700", true},
      {"440703", "440703001", false},    // an ancestor is not within its child
      {"440705001", "440703", false},
      {"440703002", "440703001", false}, // sibling town
      {"999999", "440700", false},
      {"440703", "999999", false},
  };
  for (const auto& c : cases) EXPECT_EQ(t.IsWithin(c.node, c.ancestor), c.within) << c.node << " in " << c.ancestor;
}

TEST(DivisionsTest, PathAndLevels) {
  const DivisionTree t = Small();
  EXPECT_EQ(Codes(t.Path("440705002")), (std::vector<std::string>{"440700", "440705", "440705002"}));
  EXPECT_EQ(Codes(t.Path("440700")), (std::vector<std::string>{"440700"}));
  EXPECT_TRUE(t.Path("123").empty());
  EXPECT_EQ(LevelKey(t.Find("440700")->level), "city");
  EXPECT_EQ(LevelKey(t.Find("440705")->level), "county");
  EXPECT_EQ(LevelKey(t.Find("440705001")->level), "town");
}

TEST(DivisionsTest, CopiesStayUsable) {
  const DivisionTree a = Small();
  const DivisionTree b = a;  // pointers into b must point into b
  const Division* d = b.Find("440703002");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->name, "潮连街道");
  EXPECT_EQ(b.Children("440703").front(), b.Find("440703001"));
}

TEST(DivisionsTest, RejectsMalformedFiles) {
  const std::string h = "city_code,city_name,county_code,county_name,town_name,town_kind\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "line 1"},
      {"code,name\n440700,江门市\n", "line 1"},
      {h, "no data rows"},
      {h + "440700,江门市,440703,蓬江区,环市街道\n", "line 2"},
      {h + "440700,江门市,44070X,蓬江区,环市街道,street\n", "line 2"},
      {h + "440700,江门市,440703,蓬江区,,street\n", "line 2"},
      {h + "440700,江门市,440703,蓬江区,环市街道,village\n", "line 2"},
      {h + "440700,江门市,440703,蓬江区,环市街道,street\n440800,阳江市,440803,X区,Y街道,street\n", "line 3"},
      {h + "440700,江门市,440703,蓬江区,环市街道,street\n440700,江门市,440703,篷江区,潮连街道,street\n", "line 3"},
      {h + "440700,江门市,440703,蓬江区,环市街道,street\n440700,江门市,440703,蓬江区,环市街道,street\n", "line 3"},
      {h + "440700,江门市,440703,蓬江区,\xFF,street\n", "line 1"},  // not UTF-8
  };
  for (const auto& [csv, where] : cases) {
    auto r = DivisionTree::FromCsv(csv);
    ASSERT_FALSE(r.ok()) << csv;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
    EXPECT_EQ(r.error().code, "divisions.csv.format");
    EXPECT_NE(r.error().message_en.find(where), std::string::npos) << r.error().message_en;
    EXPECT_FALSE(r.error().message_zh.empty());
  }
}

TEST(DivisionsTest, QuotedFields) {
  auto r = DivisionTree::FromCsv(
      "city_code,city_name,county_code,county_name,town_name,town_kind\n"
      "\"440700\",\"江门市\",440703,蓬江区,\"环市街道\",street\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->Find("440703001")->name, "环市街道");
}

TEST(DivisionsTest, RealFileParses) {
  const auto csv = resources::find("jiangmen-divisions.csv");
  ASSERT_TRUE(csv.has_value());
  auto r = DivisionTree::FromCsv(*csv);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  const DivisionTree& t = *r;
  EXPECT_EQ(t.Root().code, "440700");
  EXPECT_EQ(t.Root().name, "江门市");
  EXPECT_EQ(Codes(t.Counties()), (std::vector<std::string>{"440703", "440704", "440705", "440781",
                                                           "440783", "440784", "440785"}));
  size_t towns = 0;
  for (const Division* c : t.Counties()) towns += t.Children(c->code).size();
  EXPECT_EQ(towns, 75u);
  EXPECT_EQ(t.size(), 1u + 7u + 75u);
  // Counts per county from the file: 蓬江 8, 江海 3, 新会 11, 台山 17, 开平 15, 鹤山 10, 恩平 11.
  EXPECT_EQ(t.Children("440703").size(), 8u);
  EXPECT_EQ(t.Children("440781").size(), 17u);
  // First lines of the file: 蓬江区 环市街道 … 棠下镇 is the 8th.
  EXPECT_EQ(t.FindTown("440703", "环市街道")->code, "440703001");
  EXPECT_EQ(t.FindTown("440703", "棠下镇")->code, "440703008");
  EXPECT_EQ(t.FindTown("440705", "会城街道")->code, "440705001");
  EXPECT_EQ(t.FindCountyByNameOrCode("台山市")->code, "440781");
}

}  // namespace
}  // namespace meihao::domain::registry

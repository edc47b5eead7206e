#include "domain/cultivation/cultivation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace meihao::domain::cultivation {
namespace {

using TS = TaskStatus;
Date D(int y, int m, int d) { return Date{y, m, d}; }

TEST(CultivationTest, UnitTypesAndStatusesRoundTrip) {
  struct C { UnitType t; std::string key, zh; };
  const std::vector<C> units = {
      {UnitType::kStreetOffice, "street_office", "街道办/镇政府"}, {UnitType::kEnforcement, "enforcement", "执法部门"},
      {UnitType::kWater, "water", "供水"}, {UnitType::kPower, "power", "供电"},
      {UnitType::kGas, "gas", "燃气"},     {UnitType::kOther, "other", "其他"},
  };
  for (const auto& c : units) {
    EXPECT_EQ(UnitTypeKey(c.t), c.key);
    EXPECT_EQ(UnitTypeNameZh(c.t), c.zh);
    auto parsed = ParseUnitType(c.key);
    ASSERT_TRUE(parsed.ok()) << c.key;
    EXPECT_EQ(*parsed, c.t);
  }
  for (std::string bad : {"", "Water", "供水", "street office"}) {
    auto r = ParseUnitType(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "cultivation.unit_type.value");
    EXPECT_EQ(r.error().field, "unit_type");
  }
  EXPECT_EQ(*ParseTaskStatus("todo"), TS::kTodo);
  EXPECT_EQ(*ParseTaskStatus("doing"), TS::kDoing);
  EXPECT_EQ(*ParseTaskStatus("done"), TS::kDone);
  EXPECT_EQ(TaskStatusNameZh(TS::kDoing), "推进中");
  EXPECT_EQ(ParseTaskStatus("Done").error().code, "cultivation.status.value");
}

TEST(CultivationTest, StatusTransitions) {
  struct C { TS from, to; bool ok; };
  const std::vector<C> cases = {
      {TS::kTodo, TS::kTodo, true},   {TS::kTodo, TS::kDoing, true},  {TS::kTodo, TS::kDone, true},
      {TS::kDoing, TS::kTodo, true},  {TS::kDoing, TS::kDoing, true}, {TS::kDoing, TS::kDone, true},
      {TS::kDone, TS::kTodo, false},  {TS::kDone, TS::kDoing, true},  {TS::kDone, TS::kDone, true},
  };
  for (const auto& c : cases) {
    auto s = CheckTransition(c.from, c.to);
    EXPECT_EQ(s.ok(), c.ok) << TaskStatusKey(c.from) << " → " << TaskStatusKey(c.to);
    if (!s.ok()) {
      EXPECT_EQ(s.error().kind, ErrorKind::kConflict);
      EXPECT_EQ(s.error().code, "cultivation.status.transition");
    }
  }
}

TEST(CultivationTest, OverdueIsNotDoneAndDueBeforeToday) {
  const Date today = D(2023, 6, 15);
  struct C { TS s; Date due; bool overdue; int64_t days; };
  const std::vector<C> cases = {
      {TS::kTodo, D(2023, 6, 14), true, 1},    {TS::kDoing, D(2023, 5, 31), true, 15},
      {TS::kDone, D(2023, 5, 31), false, 0},   {TS::kTodo, D(2023, 6, 15), false, 0},  // due today: not yet
      {TS::kTodo, D(2023, 6, 16), false, 0},   {TS::kDoing, D(2022, 12, 31), true, 166},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsOverdue(c.s, c.due, today), c.overdue) << c.due.ToString();
    EXPECT_EQ(DaysOverdue(c.s, c.due, today), c.days) << c.due.ToString();
  }
}

TEST(CultivationTest, TextChecksTrimAndCountCharacters) {
  EXPECT_EQ(*CheckUnitName("  环市街道办事处　"), "环市街道办事处");  // ASCII and ideographic spaces
  EXPECT_EQ(CheckUnitName("   ").error().code, "cultivation.unit_name.required");
  EXPECT_EQ(CheckUnitName(std::string(100, 'a')).ok(), true);
  EXPECT_EQ(CheckUnitName(std::string(101, 'a')).error().code, "cultivation.unit_name.length");
  std::string hundred_han;
  for (int i = 0; i < 100; ++i) hundred_han += "街";  // 300 bytes, 100 characters
  EXPECT_TRUE(CheckUnitName(hundred_han).ok());
  EXPECT_EQ(CheckTaskTitle("").error().field, "title");
  EXPECT_EQ(CheckTaskTitle("\xFF\xFE").error().code, "cultivation.title.encoding");
  EXPECT_EQ(CheckReason("好").error().code, "cultivation.reason.length");  // at least 2 characters
  EXPECT_EQ(*CheckReason("群众反映强烈"), "群众反映强烈");
  auto r = CheckNoteText(std::string(2001, 'x'));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "cultivation.text.length");
  EXPECT_NE(r.error().message_zh.find("2000"), std::string::npos);
  EXPECT_FALSE(r.error().message_en.empty());
}

TEST(CultivationTest, DueDates) {
  const Date today = D(2023, 6, 15);
  struct C { std::string text; std::string code; };  // "" code: accepted
  const std::vector<C> cases = {
      {"2023-06-15", ""},          {"2023-12-31", ""},  {"2023-08-31", ""},
      {"", "cultivation.due_on.required"},            {"2023-6-30", "cultivation.due_on.format"},
      {"2023-02-30", "cultivation.due_on.format"},    {"2023-06-14", "cultivation.due_on.past"},
      {"2024-01-01", "cultivation.due_on.after_year"},
  };
  for (const auto& c : cases) {
    auto r = CheckDueOn(c.text, today, 2023);
    if (c.code.empty()) {
      ASSERT_TRUE(r.ok()) << c.text;
      EXPECT_EQ(r->ToString(), c.text);
    } else {
      ASSERT_FALSE(r.ok()) << c.text;
      EXPECT_EQ(r.error().code, c.code) << c.text;
      EXPECT_EQ(r.error().field, "due_on");
    }
  }
}

TEST(CultivationTest, DonePercentRoundsHalfUp) {
  struct C { int64_t done, total; std::optional<int64_t> pct; };
  const std::vector<C> cases = {
      {0, 0, std::nullopt}, {0, 3, 0}, {1, 3, 33}, {2, 3, 67}, {1, 8, 13},  // 12.5 → 13
      {1, 200, 1},  // 0.5 → 1
      {1, 201, 0},  // 0.497… → 0
      {3, 3, 100},
  };
  for (const auto& c : cases) EXPECT_EQ(DonePercent(c.done, c.total), c.pct) << c.done << "/" << c.total;
}

TEST(CultivationTest, ProgressByCounty) {
  const Date today = D(2023, 6, 15);
  // Two counties; B2 is listed without tasks; X9 is not listed (outside the view).
  const std::map<std::string, std::string> listed = {
      {"A1", "440703"}, {"A2", "440703"}, {"B1", "440705"}, {"B2", "440705"}};
  const std::vector<TaskFacts> tasks = {
      {"440703", "A1", TS::kDone, D(2023, 6, 1)},    // done late: not overdue
      {"440703", "A1", TS::kDoing, D(2023, 6, 14)},  // overdue
      {"440703", "A2", TS::kTodo, D(2023, 6, 15)},   // due today: not overdue
      {"440705", "B1", TS::kTodo, D(2023, 5, 1)},    // overdue
      {"440705", "X9", TS::kTodo, D(2023, 5, 1)},    // ignored
  };
  auto p = ProgressByCounty(listed, tasks, today);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p["440703"], (CountyProgress{2, 2, 3, 1, 1, 1, 1}));
  EXPECT_EQ(p["440705"], (CountyProgress{2, 1, 1, 1, 0, 0, 1}));
  EXPECT_TRUE(ProgressByCounty({}, tasks, today).empty());
}

TEST(CultivationTest, PhotosAreJudgedByContent) {
  const std::string jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10);
  const std::string png("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16);
  struct C { std::string bytes; std::string code; std::string type; };
  const std::vector<C> cases = {
      {jpeg, "", "image/jpeg"},
      {png, "", "image/png"},
      {"<!DOCTYPE html><script>alert(1)</script>", "photo.type", ""},  // HTML named .jpg
      {"GIF89a", "photo.type", ""},
      {std::string("\xFF\xD8", 2), "photo.type", ""},  // too short for the JPEG signature
      {std::string("\x89PNG\r\n", 6), "photo.type", ""},
      {"", "photo.empty", ""},
  };
  for (const auto& c : cases) {
    auto r = CheckPhoto(c.bytes);
    if (c.code.empty()) {
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(*r, c.type);
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, c.code);
      EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
    }
  }
  std::string big = jpeg + std::string(kMaxPhotoBytes - jpeg.size(), 'x');
  EXPECT_TRUE(CheckPhoto(big).ok());  // exactly 5 MiB is allowed
  big += 'x';
  EXPECT_EQ(CheckPhoto(big).error().kind, ErrorKind::kTooLarge);
  EXPECT_EQ(CheckPhoto(big).error().code, "photo.too_large");
}

TEST(CultivationTest, SafePhotoNames) {
  struct C { std::string in, mime, out; };
  const std::vector<C> cases = {
      {"整改前.jpg", "image/jpeg", "整改前.jpg"},
      {"IMG_0001.JPEG", "image/jpeg", "IMG_0001.JPEG"},
      {"../../etc/passwd", "image/png", "passwd.png"},
      {"C:\\Users\\张三\\现场.png", "image/png", "现场.png"},
      {"page.html", "image/jpeg", "page.html.jpg"},
      {"a\"b\r\n.png", "image/png", "ab.png"},
      {"", "image/jpeg", "photo.jpg"},
      {"   ", "image/png", "photo.png"},
      {"x.jpg", "image/png", "x.jpg.png"},  // the content decides the extension
  };
  for (const auto& c : cases) EXPECT_EQ(SafePhotoName(c.in, c.mime), c.out) << c.in;
  std::string long_name;
  for (int i = 0; i < 120; ++i) long_name += "照";
  std::string kept = SafePhotoName(long_name + ".jpg", "image/jpeg");
  EXPECT_EQ(kept.size(), 100 * 3 + 4);  // 100 characters, then the extension again
}

}  // namespace
}  // namespace meihao::domain::cultivation

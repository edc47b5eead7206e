#include "domain/selection/publicity.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace meihao::domain::selection {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

TEST(PublicityTest, WindowIsInclusiveFromThePublishDay) {
  struct Case {
    const char *published;
    int days;
    const char* last;
  };
  const std::vector<Case> cases = {
      {"2023-09-20", 7, "2023-09-26"},  // 20,21,…,26: seven days
      {"2023-09-28", 7, "2023-10-04"},  // across a month end
      {"2024-02-26", 7, "2024-03-03"},  // 26,27,28,29 Feb, 1,2,3 Mar (leap year)
      {"2023-02-26", 7, "2023-03-04"},  // common year
      {"2023-12-29", 7, "2024-01-04"},  // across a year end (city list)
      {"2023-09-20", 1, "2023-09-20"},  // one day: the publish day only
      {"2023-09-01", 30, "2023-09-30"},
  };
  for (const auto& c : cases) {
    const PublicityWindow w = PublicityOf(D(c.published), c.days);
    EXPECT_EQ(w.first, D(c.published));
    EXPECT_EQ(w.last, D(c.last)) << c.published << " + " << c.days;
  }
}

TEST(PublicityTest, EdgeDates) {
  const PublicityWindow w = PublicityOf(D("2023-09-20"), 7);
  struct Case {
    const char* today;
    bool in, ended;
  };
  for (const Case& c : std::vector<Case>{{"2023-09-19", false, false},
                                          {"2023-09-20", true, false},
                                          {"2023-09-26", true, false},
                                          {"2023-09-27", false, true},
                                          {"2024-01-01", false, true}}) {
    EXPECT_EQ(InPublicity(w, D(c.today)), c.in) << c.today;
    EXPECT_EQ(PublicityEnded(w, D(c.today)), c.ended) << c.today;
  }
}

TEST(PublicityTest, Objections) {
  const PublicityWindow w = PublicityOf(D("2023-09-20"), 7);
  const std::string reason2000(2000, 'x');
  std::string zh2000;
  for (int i = 0; i < 2000; ++i) zh2000 += "异";  // 2000 characters, 6000 bytes
  struct Case {
    const char* name;
    const char* today;
    bool listed;
    std::string reason, person, phone;
    const char* code;  // "" = accepted
  };
  const std::vector<Case> cases = {
      {"ok first day", "2023-09-20", true, "存在违章搭建", "张三", "13812345678", ""},
      {"ok last day", "2023-09-26", true, "存在违章搭建", "张三", "13812345678", ""},
      {"before", "2023-09-19", true, "存在违章搭建", "张三", "13812345678", "objection.not_started"},
      {"after", "2023-09-27", true, "存在违章搭建", "张三", "13812345678", "objection.ended"},
      {"not listed", "2023-09-21", false, "存在违章搭建", "张三", "13812345678", "objection.estate.not_listed"},
      {"phase before listing", "2023-09-27", false, "x", "张三", "13812345678", "objection.ended"},
      {"no reason", "2023-09-21", true, " \u3000", "张三", "13812345678", "objection.reason.required"},
      {"one char", "2023-09-21", true, "差", "张三", "13812345678", ""},
      {"2000 ascii", "2023-09-21", true, reason2000, "张三", "13812345678", ""},
      {"2000 hanzi", "2023-09-21", true, zh2000, "张三", "13812345678", ""},
      {"2001", "2023-09-21", true, zh2000 + "议", "张三", "13812345678", "objection.reason.length"},
      {"bad utf8", "2023-09-21", true, "\xff\xfe", "张三", "13812345678", "objection.reason.encoding"},
      {"no name", "2023-09-21", true, "理由", "", "13812345678", "objection.name.required"},
      {"name 50", "2023-09-21", true, "理由", std::string(50, 'n'), "13812345678", ""},
      {"name 51", "2023-09-21", true, "理由", std::string(51, 'n'), "13812345678", "objection.name.length"},
      {"no phone", "2023-09-21", true, "理由", "张三", "", "objection.phone.required"},
      {"bad phone", "2023-09-21", true, "理由", "张三", "12345", "objection.phone.format"},
  };
  for (const auto& c : cases) {
    const auto r = CheckObjection({c.reason, c.person, c.phone}, w, D(c.today), c.listed);
    EXPECT_EQ(r.ok() ? "" : r.error().code, c.code) << c.name;
  }
  EXPECT_EQ(CheckObjection({"x", "y", "13812345678"}, w, D("2023-09-27"), true).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(CheckObjection({"x", "y", "13812345678"}, w, D("2023-09-27"), true).error().message_zh,
            "公示期（2023-09-20至2023-09-26）已届满，不再受理异议");
  const auto ok = CheckObjection({" 有违建 ", " 李四 ", "138 1234 5678"}, w, D("2023-09-22"), true);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, (CheckedObjection{"有违建", "李四", "13812345678"}));
}

TEST(PublicityTest, ResolutionAndFinalisation) {
  EXPECT_EQ(*ParseObjectionOutcome("upheld"), ObjectionOutcome::kUpheld);
  EXPECT_EQ(*ParseObjectionOutcome("dismissed"), ObjectionOutcome::kDismissed);
  EXPECT_EQ(ObjectionOutcomeKey(ObjectionOutcome::kUpheld), "upheld");
  EXPECT_EQ(ParseObjectionOutcome("Upheld").error().code, "objection.outcome.value");
  EXPECT_EQ(CheckObjectionAnswer("").error().code, "objection.answer.required");
  EXPECT_EQ(CheckObjectionAnswer("否").error().code, "objection.answer.length");
  EXPECT_EQ(*CheckObjectionAnswer(" 经核查，情况属实 "), "经核查，情况属实");

  const PublicityWindow w = PublicityOf(D("2023-09-20"), 7);
  struct Case {
    const char* today;
    int64_t unresolved;
    const char* code;
  };
  for (const Case& c : std::vector<Case>{{"2023-09-26", 0, "publicity.running"},  // last day still public
                                          {"2023-09-20", 0, "publicity.running"},
                                          {"2023-09-26", 2, "publicity.running"},
                                          {"2023-09-27", 1, "publicity.objections_unresolved"},
                                          {"2023-09-27", 0, ""},
                                          {"2023-10-15", 0, ""}}) {
    const Status s = CheckFinalise(w, D(c.today), c.unresolved);
    EXPECT_EQ(s.ok() ? "" : s.error().code, c.code) << c.today << " " << c.unresolved;
    if (!s.ok()) {
      EXPECT_EQ(s.error().kind, ErrorKind::kConflict);
    }
  }
  EXPECT_EQ(CheckFinalise(w, D("2023-09-27"), 2).error().message_zh,
            "尚有2件异议未处理，处理完毕后方可确定最终名单");
}

}  // namespace
}  // namespace meihao::domain::selection

#include "domain/selection/selection.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace meihao::domain::selection {
namespace {

// One application; sat_den 0 = no satisfaction data at all.
struct Row {
  const char* name;
  int64_t score_num, score_den;
  int64_t sat_num, sat_den;
  int64_t rate_num, rate_den;
  int64_t submitted_at;
  bool eligible = true, evaluated = true;
};
struct Want {
  const char* name;
  int64_t rank;
  bool proposed;
  bool below_min_score = false;
};

std::vector<Candidate> Build(const std::vector<Row>& rows) {
  std::vector<Candidate> out;
  for (const Row& r : rows) {
    Candidate c;
    c.eligible = r.eligible, c.evaluated = r.evaluated;
    c.score = Fraction(r.score_num, r.score_den);
    if (r.sat_den) c.satisfaction_index = Fraction(r.sat_num, r.sat_den);
    c.complaint_rate = Fraction(r.rate_num, r.rate_den);
    c.submitted_at = r.submitted_at;
    out.push_back(c);
  }
  return out;
}

// `want` lists the ranked applications best first.
void Check(const char* test, const std::vector<Row>& rows, int64_t quota, std::optional<int> min_score,
           const std::vector<Want>& want) {
  const auto cs = Build(rows);
  const auto got = RankCandidates(cs, quota, min_score);
  ASSERT_EQ(got.size(), want.size()) << test;
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_STREQ(rows[got[i].index].name, want[i].name) << test << " place " << i;
    EXPECT_EQ(got[i].rank, want[i].rank) << test << " " << want[i].name;
    EXPECT_EQ(got[i].proposed, want[i].proposed) << test << " " << want[i].name;
    EXPECT_EQ(got[i].below_min_score, want[i].below_min_score) << test << " " << want[i].name;
  }
}

TEST(SelectionTest, EachKeyBreaksTiesInTurn) {
  Check("keys",
        {
            {"A", 80, 1, 90, 1, 1, 1, 3},
            {"B", 80, 1, 90, 1, 1, 1, 2},     // = A but submitted earlier → before A
            {"C", 80, 1, 90, 1, 1, 2, 4},     // = A but rate 0.5 < 1 → before A and B
            {"D", 80, 1, 91, 1, 2, 1, 5},     // index 91 > 90 → first of the 80s
            {"E", 8001, 100, 0, 0, 9, 1, 9},  // 80.01 beats every 80, whatever else
            {"F", 80, 1, 0, 0, 0, 1, 1},      // no satisfaction data → after every 80 with data
            {"G", 80, 1, 10, 1, 0, 1, 1},     // index 10 (tiny sample is irrelevant) → before F
        },
        3, std::nullopt,
        // q = 3 → E, D, C proposed; the q-th (C) ties with nobody.
        {{"E", 1, true}, {"D", 2, true}, {"C", 3, true}, {"B", 4, false}, {"A", 5, false},
         {"G", 6, false}, {"F", 7, false}});
}

TEST(SelectionTest, NoSatisfactionDataTiesOnlyWithNoData) {
  // P and Q have no data: equal on that key, so the complaint rate decides.
  Check("no data",
        {
            {"P", 70, 1, 0, 0, 5, 1, 1},
            {"Q", 70, 1, 0, 0, 3, 1, 2},
            {"R", 70, 1, 0, 1, 9, 1, 3},  // index 0 is data: before both
        },
        1, std::nullopt, {{"R", 1, true}, {"Q", 2, false}, {"P", 3, false}});
}

TEST(SelectionTest, TiesAtTheQthAreAllIn) {
  // q = 2: Y and Z tie on every key at place 2 → both in; W (rank 4) out.
  Check("tie at q",
        {
            {"X", 90, 1, 80, 1, 1, 1, 1},
            {"Y", 85, 1, 80, 1, 1, 1, 7},
            {"Z", 85, 1, 80, 1, 1, 1, 7},
            {"W", 80, 1, 99, 1, 0, 1, 0},
        },
        2, std::nullopt, {{"X", 1, true}, {"Y", 2, true}, {"Z", 2, true}, {"W", 4, false}});
  // q = 2, three tied for first → all three (rank 1 ≤ the q-th's rank 1).
  Check("tie above q",
        {
            {"A", 90, 1, 80, 1, 1, 1, 1},
            {"B", 90, 1, 80, 1, 1, 1, 1},
            {"C", 90, 1, 80, 1, 1, 1, 1},
            {"D", 89, 1, 80, 1, 1, 1, 1},
        },
        2, std::nullopt, {{"A", 1, true}, {"B", 1, true}, {"C", 1, true}, {"D", 4, false}});
  // Tied on score only: the next keys decide, so no extra entry.
  Check("score tie broken",
        {{"A", 90, 1, 80, 1, 1, 1, 2}, {"B", 90, 1, 80, 1, 1, 1, 1}}, 1, std::nullopt,
        {{"B", 1, true}, {"A", 2, false}});
}

TEST(SelectionTest, OnlyEligibleAndEvaluatedAreRanked) {
  Check("filter",
        {
            {"Inel", 99, 1, 99, 1, 0, 1, 1, false, true},
            {"Unev", 98, 1, 99, 1, 0, 1, 1, true, false},
            {"Ok1", 70, 1, 50, 1, 0, 1, 1},
            {"Ok2", 60, 1, 50, 1, 0, 1, 1},
        },
        5, std::nullopt,  // q = 5 > 2 ranked → all of them
        {{"Ok1", 1, true}, {"Ok2", 2, true}});
  Check("quota 0", {{"A", 90, 1, 80, 1, 1, 1, 1}}, 0, std::nullopt, {{"A", 1, false}});
  Check("empty", {}, 3, std::nullopt, {});
}

TEST(SelectionTest, MinScoreBarsLowerScores) {
  // min 75: 75 itself is admissible; 74.99 and 70 are ranked but barred.
  Check("min score",
        {
            {"A", 90, 1, 80, 1, 1, 1, 1},
            {"B", 75, 1, 80, 1, 1, 1, 1},
            {"C", 7499, 100, 80, 1, 1, 1, 1},
            {"D", 70, 1, 80, 1, 1, 1, 1},
        },
        3, 75,
        {{"A", 1, true}, {"B", 2, true}, {"C", 3, false, true}, {"D", 4, false, true}});
  // Without the setting the same list proposes the top 3.
  Check("no min score",
        {{"A", 90, 1, 80, 1, 1, 1, 1}, {"C", 7499, 100, 80, 1, 1, 1, 1}, {"D", 70, 1, 80, 1, 1, 1, 1}},
        2, std::nullopt, {{"A", 1, true}, {"C", 2, true}, {"D", 3, false}});
}

TEST(SelectionTest, CityQuota) {
  EXPECT_EQ(CityQuota(std::nullopt, 14), 14);  // no target: every county winner
  EXPECT_EQ(CityQuota(5, 14), 5);
  EXPECT_EQ(CityQuota(20, 14), 20);  // more than candidates: RankCandidates takes all
}

TEST(SelectionTest, ShortfallExplanation) {
  struct Case {
    std::string text;
    int64_t listed, quota;
    const char* code;  // "" = accepted
  };
  const std::string ten_zh = "名额不足原因已经说明";  // 10 characters
  const std::vector<Case> cases = {
      {"", 2, 3, "selection.explanation.required"},
      {"  \u3000 ", 2, 3, "selection.explanation.required"},
      {"名额不足原因已经说", 2, 3, "selection.explanation.length"},  // 9
      {ten_zh, 2, 3, ""},
      {std::string(2000, 'x'), 0, 1, ""},
      {std::string(2001, 'x'), 0, 1, "selection.explanation.length"},
      {"", 3, 3, ""},  // not short: optional
      {"", 4, 3, ""},
      {"太短", 3, 3, "selection.explanation.length"},  // typed text is still checked
  };
  for (const auto& c : cases) {
    const auto r = CheckShortfallExplanation(c.text, c.listed, c.quota);
    EXPECT_EQ(r.ok() ? "" : r.error().code, c.code) << c.text.substr(0, 30);
    if (!r.ok()) {
      EXPECT_EQ(r.error().field, "explanation");
    }
  }
  const auto r = CheckShortfallExplanation(" " + ten_zh + " ", 1, 2);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, ten_zh);
  const auto missing = CheckShortfallExplanation("", 1, 2);
  EXPECT_EQ(missing.error().message_zh, "拟推荐名单1个，少于推荐名额2个，须附书面说明后方可公示");
}

TEST(SelectionTest, AdditionsAndRemovals) {
  Candidate ok;
  ok.eligible = ok.evaluated = true, ok.score = 80;
  Candidate inel = ok, unev = ok, low = ok;
  inel.eligible = false;
  unev.evaluated = false;
  low.score = Fraction(7999, 100);
  const auto code = [](const Result<std::string>& r) { return r.ok() ? std::string() : r.error().code; };
  EXPECT_EQ(code(CheckAddition(ok, true, std::nullopt, "理由充分")), "selection.add.listed");
  EXPECT_EQ(code(CheckAddition(unev, false, std::nullopt, "理由充分")), "selection.add.not_evaluated");
  EXPECT_EQ(code(CheckAddition(inel, false, std::nullopt, "理由充分")), "selection.add.ineligible");
  EXPECT_EQ(code(CheckAddition(low, false, 80, "理由充分")), "selection.add.below_min_score");
  EXPECT_EQ(code(CheckAddition(low, false, std::nullopt, "理由充分")), "");
  EXPECT_EQ(code(CheckAddition(ok, false, 80, "好")), "selection.reason.length");  // 1 < 2
  EXPECT_EQ(code(CheckAddition(ok, false, 80, "")), "selection.reason.required");
  EXPECT_EQ(code(CheckAddition(ok, false, 80, std::string(501, 'x'))), "selection.reason.length");
  const auto added = CheckAddition(ok, false, 80, "  群众评价好 ");
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(*added, "群众评价好");
  EXPECT_EQ(CheckAddition(ok, true, 80, "x").error().kind, ErrorKind::kConflict);

  EXPECT_EQ(code(CheckRemoval(false, "理由充分")), "selection.remove.not_listed");
  EXPECT_EQ(code(CheckRemoval(true, "")), "selection.reason.required");
  EXPECT_EQ(code(CheckRemoval(true, "存在安全隐患")), "");
  EXPECT_EQ(CheckRemoval(true, "").error().field, "reason");
}

}  // namespace
}  // namespace meihao::domain::selection

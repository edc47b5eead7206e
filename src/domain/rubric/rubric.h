// The evaluation rubric (rules.md §6, seed Annex 2 选树参考标准) and the nine
// principles (rules.md §5, seed Annex 1): the city's reference rubric, a
// county's refinement within its frame, evaluators' score sheets and their
// exact totals. Pure: no storage, no HTTP.
//
// Points are integer tenths everywhere (8.5 points = 85): scores and maxima
// have at most one decimal, and integers keep sums and ratios exact.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/fraction.h"
#include "common/result.h"

namespace meihao::domain::rubric {

// ---- The nine principles (原则要求) ----------------------------------------

struct Principle {
  std::string_view id;       // "P1" … "P9"
  std::string_view text_zh;  // Annex 1 wording
  bool automatic;            // data decides a part (domain/indicators/gates.h)
  bool evaluator;            // evaluators decide a part, pass/fail
};
// P1 automatic only; P3, P5, P7, P9 evaluator only; P2, P4, P6, P8 both.
// (9 written out: domain/evaluation/evaluation.h names kPrincipleCount.)
const std::array<Principle, 9>& Principles();

// ---- The rubric --------------------------------------------------------------

// Items whose score follows a principle's automatic part instead of evaluators.
enum class GateLink { kNone, kP1, kP8Fee };

inline constexpr int kTenthsPerPoint = 10;
inline constexpr int kDefaultItemMaxTenths = 100;  // 10 points
inline constexpr int kMaxItemMaxTenths = 1000;     // 100 points: above is a typo
inline constexpr int kMaxSubItems = 20;            // per item
inline constexpr int kMaxSubItemNameChars = 100;   // code points

struct SubItem {
  std::string name;
  int max_tenths = 0;
  bool operator==(const SubItem&) const = default;
};

struct RubricItem {
  std::string id;       // "1.1" … "4.7"
  std::string text_zh;  // Annex 2 wording
  GateLink gate = GateLink::kNone;
  // The item's maximum; with sub-items always the sum of theirs.
  int max_tenths = kDefaultItemMaxTenths;
  std::vector<SubItem> sub_items;  // a county's refinement; empty in the reference
};

struct RubricSection {
  int number = 0;  // 1 … 4
  std::string name_zh;
  int weight = 0;  // points of the 100; fixed by the city
  std::vector<RubricItem> items;
};

struct Rubric {
  std::vector<RubricSection> sections;
};

// The city's reference rubric: 4 sections (weights 20, 20, 40, 20), 25 items of
// 10 points, 3.1 linked to P1 and 3.2 to P8's automatic part.
const Rubric& ReferenceRubric();
// nullptr when the rubric has no item with that id.
const RubricItem* FindItem(const Rubric& r, std::string_view item_id);

// Σ of the section's item maxima, in tenths.
int SectionMaxTenths(const RubricSection& s);

// Every evaluator total of this rubric is a multiple of 1/D, D = lcm over the
// sections of max/gcd(max, weight) (max in tenths). The reference's D is 420.
// Averages and variances downstream (domain/evaluation) stay exact in 64/128
// bits only while D is small, so a refinement may not push it above this.
inline constexpr int64_t kMaxTotalDenominator = 1'000'000'000'000;
int64_t TotalDenominator(const Rubric& r);

// The maxima a (refined) rubric ends up with, per section and per item, in
// tenths — what a county's refinement page shows beside the weights.
struct SectionMaxima {
  int number = 0;
  int weight = 0;
  int max_tenths = 0;
  std::vector<std::pair<std::string, int>> items;  // (item id, maximum), rubric order
  bool operator==(const SectionMaxima&) const = default;
};
std::vector<SectionMaxima> Maxima(const Rubric& r);

// ---- County refinement (细化、完善) ----------------------------------------

// One item's change. Absent fields keep the reference. Sub-items replace the
// item's maximum by their sum, so `max_tenths` and `sub_items` exclude each other.
struct ItemRefinement {
  std::string item_id;
  std::optional<int> max_tenths;
  std::vector<SubItem> sub_items;
  bool operator==(const ItemRefinement&) const = default;
};

// The changes only: what the refinement does not name is the reference. Section
// weights and item wording have no field — they are the city's.
struct Refinement {
  std::vector<ItemRefinement> items;
  bool empty() const { return items.empty(); }
  bool operator==(const Refinement&) const = default;
};

// Every broken rule, one kInvalid Error each, field "items.<id>[.max|.sub_items
// [.<n>.name|.max]]" (n from 1); empty when valid. Refused: an unknown or
// repeated item; an entry that changes nothing; max and sub-items together; a
// maximum of 0 (that would remove a reference item), below 0 or above 100
// points — for an item and for its sub-items' sum; sub-items on 3.1/3.2 (their
// score is the gate's, all or nothing); more than 20 sub-items; a sub-item with
// an empty, over-long or repeated name (after trimming) or a maximum ≤ 0;
// and (checked last) maxima so odd that TotalDenominator exceeds
// kMaxTotalDenominator ("rubric.max.denominator", field "items").
std::vector<Error> ValidateRefinement(const Refinement& r);

// The reference with the refinement applied, items in reference order; the
// first of ValidateRefinement's errors when it is invalid. Names are trimmed.
Result<Rubric> ApplyRefinement(const Refinement& r);

// The refinement as stored (the campaign setting "rubric" of a county): compact
// JSON, items in reference order, maxima as decimal strings ("12", "2.5"):
//   {"items":[{"id":"1.1","sub_items":[{"name":"…","max":"2.5"}]},{"id":"3.4","max":"12"}]}
// The empty refinement is "" (the settings' text for "none").
std::string RefinementToJson(const Refinement& r);
// Reads that form back; "" is the empty refinement. Maxima may also be JSON
// numbers (a form's 2.5). One kInvalid error for malformed JSON, an unknown
// key ("sections"/"weights" get "rubric.weights.fixed"), a wrong type or a
// maximum that is not a number with at most one decimal. Does not check the
// rules: ValidateRefinement does.
Result<Refinement> RefinementFromJson(std::string_view text);

// ---- Score sheets and totals -------------------------------------------------

// A score unit is what an evaluator scores: an item without sub-items ("3.4")
// or a sub-item ("1.1.2", numbered from 1). Gate-linked items are not units.
std::vector<std::string> ScoreUnits(const Rubric& r);

// "8", "8.5", "8.50", " 8.5 " → tenths; "8.55", "", "-1", "abc", "1e1" refused
// (kInvalid, field as given). Range is the sheet's check.
Result<int> ParsePoints(std::string_view text, const std::string& field);
// 85 → "8.5", 80 → "8".
std::string FormatTenths(int tenths);

// unit → score in tenths.
using ScoreSheet = std::map<std::string, int>;

// Every problem, field "scores.<unit>": a unit missing, unknown (including a
// gate-linked item or an item scored as a whole when it has sub-items), or
// outside 0 … its maximum. Empty when the sheet is complete.
std::vector<Error> ValidateScoreSheet(const Rubric& r, const ScoreSheet& sheet);
// Parses typed scores (ParsePoints) and validates the sheet: all problems, or the sheet.
struct ParsedSheet {
  ScoreSheet sheet;
  std::vector<Error> errors;
  bool ok() const { return errors.empty(); }
};
ParsedSheet ParseScoreSheet(const Rubric& r, const std::map<std::string, std::string>& typed);

// Whether the automatic parts behind 3.1 and 3.2 passed (Gates::p1, Gates::p8_fee).
struct GateLinkedPasses {
  bool p1 = false;
  bool p8_fee = false;
};

// The item's score in tenths: its maximum or 0 when gate-linked, the sum of its
// sub-items' scores when refined, else the sheet's. Precondition: valid sheet.
int ItemScoreTenths(const RubricItem& item, const ScoreSheet& sheet, GateLinkedPasses gates);

// An evaluator's total, exactly: Σ over sections of weight × (Σ item scores ÷
// Σ item maxima), in points of 100. The first ValidateScoreSheet error when the
// sheet is not valid.
Result<Fraction> EvaluatorTotal(const Rubric& r, const ScoreSheet& sheet, GateLinkedPasses gates);

// The same total for many sheets of one rubric (a level's recompute): the
// rubric's units, maxima and sections prepared once, a sheet given as
// tenths per unit in ScoreUnits order. Total() equals EvaluatorTotal() for
// every sheet; it answers nullopt where EvaluatorTotal refuses (a unit
// missing, -1, or outside 0 … its maximum) instead of building messages.
class SheetScorer {
 public:
  explicit SheetScorer(const Rubric& r);
  const std::vector<std::string>& units() const { return units_; }
  // The unit's index in units(), or -1.
  int UnitIndex(std::string_view unit) const;
  std::optional<Fraction> Total(const std::vector<int>& tenths, GateLinkedPasses gates) const;

 private:
  struct Section {
    int weight = 0, max_tenths = 0;
    int p1_tenths = 0, p8_tenths = 0;  // maxima of its gate-linked items
    std::vector<int> units;            // indexes into units_
  };
  std::vector<std::string> units_;
  std::vector<int> maxima_;
  std::vector<Section> sections_;
};

}  // namespace meihao::domain::rubric

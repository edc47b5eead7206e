// Score sheets and their exact totals: the units an evaluator scores, the
// sheet's checks, typed scores, EvaluatorTotal and the prepared SheetScorer.
#include "domain/rubric/rubric.h"

#include <cassert>
#include <map>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace meihao::domain::rubric {

// ---- Scores ---------------------------------------------------------------------------

namespace {

// unit → (maximum, item) for every unit an evaluator scores.
std::map<std::string, int> UnitMaxima(const Rubric& r) {
  std::map<std::string, int> out;
  for (const auto& s : r.sections)
    for (const auto& i : s.items) {
      if (i.gate != GateLink::kNone) continue;
      if (i.sub_items.empty()) out[i.id] = i.max_tenths;
      for (size_t n = 0; n < i.sub_items.size(); ++n)
        out[i.id + "." + std::to_string(n + 1)] = i.sub_items[n].max_tenths;
    }
  return out;
}

}  // namespace

std::vector<std::string> ScoreUnits(const Rubric& r) {
  // Rubric order ("1.10" would sort before "1.2" in a map).
  std::vector<std::string> out;
  for (const auto& s : r.sections)
    for (const auto& i : s.items) {
      if (i.gate != GateLink::kNone) continue;
      if (i.sub_items.empty()) out.push_back(i.id);
      for (size_t n = 0; n < i.sub_items.size(); ++n) out.push_back(i.id + "." + std::to_string(n + 1));
    }
  return out;
}

std::vector<Error> ValidateScoreSheet(const Rubric& r, const ScoreSheet& sheet) {
  std::vector<Error> out;
  const auto maxima = UnitMaxima(r);
  for (const auto& unit : ScoreUnits(r)) {
    const int max = maxima.at(unit);
    const auto it = sheet.find(unit);
    if (it == sheet.end())
      out.push_back(Error::Invalid("rubric.score.missing", "第" + unit + "项尚未打分",
                                   "Item " + unit + " has no score", "scores." + unit));
    else if (it->second < 0 || it->second > max)
      out.push_back(Error::Invalid("rubric.score.range",
                                   "第" + unit + "项的得分须在0至" + FormatTenths(max) + "分之间（现为" +
                                       FormatTenths(it->second) + "分）",
                                   "Item " + unit + " is scored 0 … " + FormatTenths(max) + " (is " +
                                       FormatTenths(it->second) + ")",
                                   "scores." + unit));
  }
  for (const auto& [unit, score] : sheet) {
    if (maxima.contains(unit)) continue;
    const RubricItem* item = FindItem(r, unit);
    std::string zh = "评分表中没有第“" + unit + "”项";
    std::string en = "The rubric has no score unit \"" + unit + "\"";
    if (item && item->gate != GateLink::kNone) {
      zh = "第" + unit + "项根据原则要求自动计分（达到得满分，否则0分），评审专家无需打分";
      en = "Item " + unit + " is scored from its principle, not by evaluators";
    } else if (item) {
      zh = "第" + unit + "项已细化为子项，请按子项打分";
      en = "Item " + unit + " has sub-items; score those";
    }
    out.push_back(Error::Invalid("rubric.score.unknown", zh, en, "scores." + unit));
  }
  return out;
}

ParsedSheet ParseScoreSheet(const Rubric& r, const std::map<std::string, std::string>& typed) {
  ParsedSheet out;
  for (const auto& [unit, text] : typed) {
    auto t = ParsePoints(text, "scores." + unit);
    if (t)
      out.sheet[unit] = *t;
    else
      out.errors.push_back(t.error());
  }
  // Range, missing and unknown units; a unit whose text was refused is not "missing" too.
  for (auto& e : ValidateScoreSheet(r, out.sheet)) {
    const std::string unit = e.field.substr(std::string("scores.").size());
    if (e.code == "rubric.score.missing" && typed.contains(unit)) continue;
    out.errors.push_back(std::move(e));
  }
  return out;
}

int ItemScoreTenths(const RubricItem& item, const ScoreSheet& sheet, GateLinkedPasses gates) {
  switch (item.gate) {
    case GateLink::kP1: return gates.p1 ? item.max_tenths : 0;
    case GateLink::kP8Fee: return gates.p8_fee ? item.max_tenths : 0;
    case GateLink::kNone: break;
  }
  if (item.sub_items.empty()) return sheet.at(item.id);
  int sum = 0;
  for (size_t n = 0; n < item.sub_items.size(); ++n) sum += sheet.at(item.id + "." + std::to_string(n + 1));
  return sum;
}

Result<Fraction> EvaluatorTotal(const Rubric& r, const ScoreSheet& sheet, GateLinkedPasses gates) {
  if (auto errors = ValidateScoreSheet(r, sheet); !errors.empty()) return errors.front();
  // Σ weight × got / max as one fraction, reduced at each step. Bounds: a
  // section's maximum ≤ 8 items × 1000 tenths, so the common denominator is at
  // most 8000⁴ < 2^52 and the numerator at most 100 times that.
  __int128 num = 0, den = 1;
  for (const auto& s : r.sections) {
    int got = 0;
    for (const auto& i : s.items) got += ItemScoreTenths(i, sheet, gates);
    const int max = SectionMaxTenths(s);
    assert(max > 0);
    num = num * max + static_cast<__int128>(s.weight) * got * den;
    den *= max;
    const int64_t g = std::gcd(static_cast<int64_t>(num), static_cast<int64_t>(den));
    num /= g, den /= g;
  }
  return Fraction(static_cast<int64_t>(num), static_cast<int64_t>(den));
}

SheetScorer::SheetScorer(const Rubric& r) {
  for (const auto& s : r.sections) {
    Section out;
    out.weight = s.weight;
    out.max_tenths = SectionMaxTenths(s);
    for (const auto& i : s.items) {
      if (i.gate == GateLink::kP1) out.p1_tenths += i.max_tenths;
      if (i.gate == GateLink::kP8Fee) out.p8_tenths += i.max_tenths;
      if (i.gate != GateLink::kNone) continue;
      auto add = [&](std::string unit, int max) {
        out.units.push_back(static_cast<int>(units_.size()));
        units_.push_back(std::move(unit));
        maxima_.push_back(max);
      };
      if (i.sub_items.empty()) add(i.id, i.max_tenths);
      for (size_t n = 0; n < i.sub_items.size(); ++n) add(i.id + "." + std::to_string(n + 1), i.sub_items[n].max_tenths);
    }
    sections_.push_back(std::move(out));
  }
}

int SheetScorer::UnitIndex(std::string_view unit) const {
  for (size_t i = 0; i < units_.size(); ++i)
    if (units_[i] == unit) return static_cast<int>(i);
  return -1;
}

std::optional<Fraction> SheetScorer::Total(const std::vector<int>& tenths, GateLinkedPasses gates) const {
  if (tenths.size() != units_.size()) return std::nullopt;
  // The same arithmetic as EvaluatorTotal, section by section.
  __int128 num = 0, den = 1;
  for (const Section& s : sections_) {
    int got = (gates.p1 ? s.p1_tenths : 0) + (gates.p8_fee ? s.p8_tenths : 0);
    for (int u : s.units) {
      const int t = tenths[static_cast<size_t>(u)];
      if (t < 0 || t > maxima_[static_cast<size_t>(u)]) return std::nullopt;
      got += t;
    }
    num = num * s.max_tenths + static_cast<__int128>(s.weight) * got * den;
    den *= s.max_tenths;
    const int64_t g = std::gcd(static_cast<int64_t>(num), static_cast<int64_t>(den));
    num /= g, den /= g;
  }
  return Fraction(static_cast<int64_t>(num), static_cast<int64_t>(den));
}

}  // namespace meihao::domain::rubric

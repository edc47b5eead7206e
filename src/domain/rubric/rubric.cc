// The nine principles, the city's reference rubric (Annex 2) with its maxima
// and total denominator, and points as text. Beside this file: the refinement
// checks (rubric_refinement.cc), the refinement as JSON
// (rubric_refinement_json.cc), score sheets and totals (rubric_scores.cc).
#include "domain/rubric/rubric.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <utility>

#include "common/text.h"
#include "domain/rubric/rubric_internal.h"

namespace meihao::domain::rubric {

// ---- Principles ----------------------------------------------------------------

const std::array<Principle, 9>& Principles() {
  // Annex 1, verbatim. Automatic/evaluator parts: rules.md §5's table.
  static const std::array<Principle, 9> kAll = {{
      {"P1", "小区业主对物业管理满意度高，满意度位于全县（市、区）前 5%(或者小区物业管理投诉率位于全市后 5%)。",
       true, false},
      {"P2", "小区党组织健全，所在街道社区充分发挥党建引领物业管理的作用，所在小区建立社区居民委员会、业主委员会（物业管理委员会等）、物业服务企业等多方参与的协调运行机制。",
       true, true},
      {"P3", "小区组织开展精神文明活动，宣传党的二十大精神和社会主义核心价值观，丰富群众文化生活。开展“物业服务+生活服务”模式，满足居民美好生活需要。",
       false, true},
      {"P4", "小区选举产生业主委员会或组建物业管理委员会等自治组织，业主委员会或物业管理委员会等运行规范。",
       true, true},
      {"P5", "小区显著位置公示相关部门投诉、咨询电话。相关部门执法进小区，形成良好的部门协作机制。",
       false, true},
      {"P6", "小区实施专业化物业管理，物业服务规范，重大公共事件应急机制健全，物业服务企业 1 年内无行政处罚记录。",
       true, true},
      {"P7", "小区环境整洁，共有设施设备维护到位，无违章搭建、占用堵塞消防车通道等现象，实现垃圾分类投放和收集。",
       false, true},
      {"P8", "小区物业服务标准和收费等信息公示规范，物业费收费率不低于 95%。", true, true},
      {"P9", "结合群众需求，从建设电动汽车充电设施、设置电动自行车充电设施、增设休闲设施、举办小区文娱活动、提供便民服务等群众身边事做起，至少为群众办一件实事。",
       false, true},
  }};
  return kAll;
}

// ---- Reference rubric ------------------------------------------------------------

namespace {

using namespace internal;

RubricSection Section(int number, std::string name, int weight,
                      std::vector<std::string> texts) {
  RubricSection s{number, std::move(name), weight, {}};
  for (size_t i = 0; i < texts.size(); ++i)
    s.items.push_back({std::to_string(number) + "." + std::to_string(i + 1), std::move(texts[i]),
                       GateLink::kNone, kDefaultItemMaxTenths, {}});
  return s;
}

Rubric MakeReference() {
  // Annex 2, verbatim except two artefacts of the seed's conversion (docs/decisions.md):
  // 1.5's " and " is "和" (Annex 1 P3 has the same sentence), 3.2's "$\geq 95\%$" is "≥95%".
  Rubric r;
  r.sections.push_back(Section(1, "党建引领机制完善", 20, {
      "所在街道健全街道党（工）委统一协调，相关部门联动执法，协同解决物业管理问题的工作机制",
      "多方联动机制或联席会议制度有效落实，对涉及物业管理的重大事项、重要问题、重点工作能共同协商解决",
      "小区有党建活动场所，通过社区物业党建联建或选派党建指导员等方式，实现党的工作覆盖",
      "小区建立社区党组织领导下的社区居民委员会、业主委员会、物业服务企业协调运行机制",
      "小区组织开展精神文明活动，宣传党的二十大精神和社会主义核心价值观，丰富群众文化生活",
      "结合群众需求，从建设电动汽车充电设施、设置电动自行车充电设施、增设休闲设施、举办小区文娱活动、提供便民服务等群众身边事做起，至少为群众办一件实事",
  }));
  r.sections.push_back(Section(2, "业主委员会和物业管理委员会等运行规范", 20, {
      "街道社区党组织做好业委会人选推荐把关工作，组织业主成立业主大会，选举产生业主委员会，或指导组建物业管理委员会，临时代行业主委员会部分职责",
      "业主委员会或物业管理委员会成员中的党员占比较高",
      "业主委员会或物业管理委员会至少每年向业主公布业主共有部分经营与收益、维修资金使用、经费开支等信息",
      "定期召开业主委员会或物业管理委员会会议，及时组织召集业主共同决策小区重要公共事务，并报告社区党组织和居民委员会",
  }));
  r.sections.push_back(Section(3, "物业管理服务规范高效", 40, {
      "小区业主满意度位于全县（市、区）前5%或小区物业管理投诉位于全县（市、区）后5%",
      "小区物业费收费率≥95%",
      "小区物业服务标准和收费等信息公开规范",
      "小区环境卫生良好",
      "小区绿化养护良好",
      "小区共有设施设备维护良好",
      "开展“物业服务+生活服务”情况",
      "对于小区内违法违规行爲，履行巡查、劝阻、报告职责的情况",
  }));
  r.sections.push_back(Section(4, "部门执法和专项服务进小区", 20, {
      "小区显著位置公示相关部门投诉、咨询电话",
      "小区显著位置公示供水、排水、供电、供气、供热等专业运营单位联系电话",
      "相关部门执法进小区，专业运营单位服务进小区",
      "小区无占用堵塞公共和消防通道况",
      "小区电动自行车停放、充电规范",
      "小区实施生活垃圾分类情况",
      "小区违规饲养动物情况",
  }));
  r.sections[2].items[0].gate = GateLink::kP1;
  r.sections[2].items[1].gate = GateLink::kP8Fee;
  return r;
}

}  // namespace

const Rubric& ReferenceRubric() {
  static const Rubric kReference = MakeReference();
  return kReference;
}

const RubricItem* FindItem(const Rubric& r, std::string_view item_id) {
  return FindItemIn(r, item_id);
}

int SectionMaxTenths(const RubricSection& s) {
  int sum = 0;
  for (const auto& i : s.items) sum += i.max_tenths;
  return sum;
}

int64_t TotalDenominator(const Rubric& r) {
  int64_t d = 1;
  for (const auto& s : r.sections) {
    const int64_t max = SectionMaxTenths(s);
    d = std::lcm(d, max / std::gcd(max, int64_t{s.weight}));  // ≤ 6000·4000·8000·7000, fits
  }
  return d;
}

std::vector<SectionMaxima> Maxima(const Rubric& r) {
  std::vector<SectionMaxima> out;
  for (const auto& s : r.sections) {
    SectionMaxima m{s.number, s.weight, SectionMaxTenths(s), {}};
    for (const auto& i : s.items) m.items.emplace_back(i.id, i.max_tenths);
    out.push_back(std::move(m));
  }
  return out;
}

// ---- Points as text ----------------------------------------------------------------

std::string FormatTenths(int tenths) {
  std::string sign = tenths < 0 ? "-" : "";
  const int a = std::abs(tenths);
  std::string out = sign + std::to_string(a / 10);
  if (a % 10) out += "." + std::to_string(a % 10);
  return out;
}

Result<int> ParsePoints(std::string_view text, const std::string& field) {
  const std::string t = Trim(text);
  auto bad = [&] {
    return Error::Invalid("rubric.points.format",
                          "分值“" + std::string(text) + "”格式不正确，应为不小于0、最多一位小数的数字（如 8 或 8.5）",
                          "\"" + std::string(text) + "\" is not a number ≥ 0 with at most one decimal",
                          field);
  };
  const size_t dot = t.find('.');
  const std::string whole = t.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1);
  auto digits = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  // "8." and ".5" are refused: a clerk's slip, not a number to guess at.
  if (whole.empty() || whole.size() > 6 || !digits(whole) || !digits(frac) ||
      (dot != std::string::npos && frac.empty()))
    return bad();
  while (frac.size() > 1 && frac.back() == '0') frac.pop_back();  // "8.50" is 8.5
  if (frac.size() > 1)
    return Error::Invalid("rubric.points.decimals",
                          "分值“" + std::string(text) + "”最多保留一位小数",
                          "\"" + std::string(text) + "\" has more than one decimal", field);
  return std::stoi(whole) * kTenthsPerPoint + (frac.empty() ? 0 : frac[0] - '0');
}

}  // namespace meihao::domain::rubric

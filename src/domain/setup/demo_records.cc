#include "domain/setup/demo_records.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "domain/setup/demo_random.h"

namespace meihao::domain::setup {
namespace {

using Words = std::vector<std::string>;
using Rows = std::vector<std::vector<std::string>>;

// The import templates' Chinese headers, as a bureau's sheets carry them.
const Words kComplaintHeader = {"投诉编号", "小区编码", "投诉日期", "投诉类别", "是否物业管理类", "是否有效"};
const Words kSatisfactionHeader = {"小区编码", "样本量", "满意度得分", "测评日期", "测评机构"};
const Words kFeeHeader = {"小区编码", "年度", "应收金额", "实收金额"};
const Words kPenaltyHeader = {"处罚决定书文号", "统一社会信用代码", "企业名称", "处罚日期", "处罚事由"};
const Words kPropertyCategories = {"环境卫生", "绿化养护", "设施设备维护", "电梯故障", "安全秩序",
                                   "停车管理", "收费问题", "装修管理", "维修不及时", "服务态度"};
const Words kOtherCategories = {"噪音扰民", "市政道路", "供水供电", "违章建筑", "邻里纠纷", "燃气报修"};
const Words kSurveyors = {"江门市五邑民意调查中心", "广东粤信社会调查有限公司", "江门市侨乡数据咨询有限公司"};
const Words kPenaltyReasons = {"未按规定公示物业服务收费项目和标准", "未履行消防安全管理职责，消防通道长期堵塞",
                               "擅自改变物业管理区域内共用部位用途", "未按规定建立和保管物业服务档案",
                               "电梯维护保养不到位，存在安全隐患", "退出物业管理区域时未按规定办理交接"};

bool IsManaged(const registry::Estate& e) { return e.mode != registry::ManagementMode::kNone; }

// 12345 → "123.45": yuan from fen, or a score from hundredths.
std::string TwoDecimals(int64_t hundredths) {
  const int64_t frac = hundredths % 100;
  return std::to_string(hundredths / 100) + (frac < 10 ? ".0" : ".") + std::to_string(frac);
}

// A day in [from, to).
Date DayIn(DemoRandom& rng, Date from, Date to) {
  return from.AddDays(rng.Between(0, to.DayNumber() - from.DayNumber() - 1));
}

Table Sheet(Words header, Rows rows) {
  Table t{std::move(header), std::move(rows), {}};
  for (size_t i = 0; i < t.rows.size(); ++i) t.row_numbers.push_back(static_cast<int>(i) + 2);
  return t;
}

// Valid property-management complaints of one estate in the window: most
// estates have none or a few; a few troubled ones have many.
int ValidComplaintCount(DemoRandom& rng, const registry::Estate& e) {
  const size_t r = rng.Below(100);
  if (!IsManaged(e)) return r < 60 ? 0 : r < 85 ? 1 : static_cast<int>(rng.Between(2, 4));
  if (r < 40) return 0;
  if (r < 65) return 1;
  if (r < 80) return 2;
  if (r < 90) return 3;
  if (r < 97) return static_cast<int>(rng.Between(4, 8));
  return static_cast<int>(rng.Between(10, 40));
}

struct Window { Date from, to; };  // [from, to)

Table Complaints(DemoRandom& rng, const std::vector<registry::Estate>& estates, Window w) {
  struct Complaint { Date on; std::string estate; std::vector<std::string> cells; };
  std::vector<Complaint> all;
  auto add = [&](const registry::Estate& e, Date on, bool property, bool valid) {
    const std::string category = property ? (rng.Percent(5) ? "" : rng.Pick(kPropertyCategories)) : rng.Pick(kOtherCategories);
    // The hotline leaves 是否有效 empty for most accepted work orders (empty = valid).
    const std::string valid_cell = !valid ? "否" : rng.Percent(30) ? "" : "是";
    all.push_back({on, e.code, {"", e.code, on.ToString(), category, property ? "是" : "否", valid_cell}});
  };
  for (const registry::Estate& e : estates) {
    for (int i = ValidComplaintCount(rng, e); i > 0; --i) add(e, DayIn(rng, w.from, w.to), true, true);
    if (rng.Percent(30))
      for (int64_t i = rng.Between(1, 2); i > 0; --i) add(e, DayIn(rng, w.from, w.to), false, true);
    if (rng.Percent(15)) add(e, DayIn(rng, w.from, w.to), true, false);  // 重复或不属实
    if (rng.Percent(20)) add(e, DayIn(rng, w.from.AddDays(-183), w.from), true, true);
    if (rng.Percent(5)) add(e, DayIn(rng, w.to, w.to.AddDays(61)), true, true);
  }
  // The window's edges: its first and last day count, the days beside them do not.
  for (Date d : {w.from.AddDays(-1), w.from, w.to.AddDays(-1), w.to}) add(rng.Pick(estates), d, true, true);
  // Hotline work orders are numbered in the order they arrive.
  std::stable_sort(all.begin(), all.end(), [](const Complaint& a, const Complaint& b) { return a.on < b.on; });
  Rows rows;
  for (size_t i = 0; i < all.size(); ++i) {
    std::string date = all[i].on.ToString(), seq = std::to_string(i + 1);
    date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
    all[i].cells[0] = "12345-" + date + "-" + std::string(6 - std::min<size_t>(6, seq.size()), '0') + seq;
    rows.push_back(std::move(all[i].cells));
  }
  return Sheet(kComplaintHeader, std::move(rows));
}

Table Satisfaction(DemoRandom& rng, const std::vector<registry::Estate>& estates, Window w) {
  Rows rows;
  std::set<std::tuple<std::string, Date, std::string>> keys;  // the import's key: one result per estate, day, surveyor
  auto add = [&](const registry::Estate& e, Date on) {
    const std::string surveyor = rng.Pick(kSurveyors);
    if (!keys.emplace(e.code, on, surveyor).second) return false;
    // Mean of two draws: scores gather around 79, few near 60 or 98.
    const int64_t score = (rng.Between(6000, 9800) + rng.Between(6000, 9800)) / 2;
    rows.push_back({e.code, std::to_string(rng.Between(20, 150)), TwoDecimals(score), on.ToString(), surveyor});
    return true;
  };
  for (const registry::Estate& e : estates) {
    if (rng.Percent(60)) add(e, DayIn(rng, w.from, w.to));
    if (rng.Percent(8)) add(e, DayIn(rng, w.from.AddDays(-120), w.from));  // last year's round
  }
  for (Date d : {w.from.AddDays(-1), w.from, w.to.AddDays(-1), w.to})
    while (!add(rng.Pick(estates), d)) {}
  return Sheet(kSatisfactionHeader, std::move(rows));
}

// A fee collection rate in basis points: mostly 80–100%.
int64_t FeeRateBp(DemoRandom& rng) {
  const size_t r = rng.Below(100);
  if (r < 10) return 10000;
  if (r < 75) return rng.Between(9000, 9999);
  if (r < 92) return rng.Between(8000, 8999);
  return rng.Between(5000, 7999);
}

Table Fees(DemoRandom& rng, const std::vector<registry::Estate>& estates, int fee_year) {
  struct Fee { std::string estate; int year; int64_t due, collected; };
  std::vector<Fee> all;
  std::vector<size_t> of_fee_year;
  for (const registry::Estate& e : estates) {
    if (!IsManaged(e) || !rng.Percent(90)) continue;
    // 50–250 yuan per household and month, so the year's due is whole yuan.
    const int64_t due = e.households * rng.Between(50, 250) * 12 * 100;
    of_fee_year.push_back(all.size());
    all.push_back({e.code, fee_year, due, due * FeeRateBp(rng) / 10000});
    if (rng.Percent(30)) all.push_back({e.code, fee_year - 1, due, due * FeeRateBp(rng) / 10000});
  }
  // P8's threshold exactly, and a fen below it (95% is compared as a fraction).
  if (of_fee_year.size() >= 2) {
    Fee& at = all[of_fee_year[rng.Below(of_fee_year.size())]];
    at.collected = at.due * 95 / 100;
    Fee* below = &at;
    while (below == &at) below = &all[of_fee_year[rng.Below(of_fee_year.size())]];
    below->collected = below->due * 95 / 100 - 1;
  }
  Rows rows;
  for (const Fee& f : all) rows.push_back({f.estate, std::to_string(f.year), TwoDecimals(f.due), TwoDecimals(f.collected)});
  return Sheet(kFeeHeader, std::move(rows));
}

Table Penalties(DemoRandom& rng, const std::vector<registry::Estate>& estates, Window w) {
  std::map<std::string, std::string> companies;  // credit code → name, in code order
  for (const registry::Estate& e : estates)
    if (!e.company_uscc.empty()) companies.emplace(e.company_uscc, e.company_name);
  if (companies.empty()) return Sheet(kPenaltyHeader, {});
  const std::vector<std::pair<std::string, std::string>> list(companies.begin(), companies.end());
  std::vector<Date> days;
  for (int i = 0; i < 4; ++i) days.push_back(DayIn(rng, w.from, w.to));
  days.push_back(w.from);                                       // first day of the window: counts
  days.push_back(w.to);                                         // the reference date itself: does not
  days.push_back(DayIn(rng, w.from.AddDays(-365), w.from));     // before the window
  std::sort(days.begin(), days.end());
  Rows rows;
  std::map<int, int> numbers;  // decisions are numbered per year
  for (Date d : days) {
    const auto& [uscc, name] = list[rng.Below(list.size())];
    const std::string no = "江建罚〔" + std::to_string(d.year) + "〕" + std::to_string(++numbers[d.year]) + "号";
    rows.push_back({no, uscc, name, d.ToString(), rng.Pick(kPenaltyReasons)});
  }
  return Sheet(kPenaltyHeader, std::move(rows));
}

}  // namespace

DemoRecords GenerateDemoRecords(const std::vector<registry::Estate>& estates, Date reference_date, int fee_year,
                                uint64_t seed) {
  if (estates.empty())
    return {Sheet(kComplaintHeader, {}), Sheet(kSatisfactionHeader, {}), Sheet(kFeeHeader, {}), Sheet(kPenaltyHeader, {})};
  const Window w{reference_date.AddYears(-1), reference_date};
  // One stream per sheet, so that changing one sheet's recipe leaves the others as they were.
  DemoRandom complaints(seed ^ 0xC0), satisfaction(seed ^ 0x5A), fees(seed ^ 0xFE), penalties(seed ^ 0x9E);
  return {Complaints(complaints, estates, w), Satisfaction(satisfaction, estates, w),
          Fees(fees, estates, fee_year), Penalties(penalties, estates, w)};
}

}  // namespace meihao::domain::setup

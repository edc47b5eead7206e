#include "domain/campaigns/campaign.h"

#include <functional>
#include <string>
#include <utility>

namespace meihao::domain::campaigns {

std::string_view ComplaintScopeKey(ComplaintScope c) {
  return c == ComplaintScope::kCity ? "city" : "county";
}

std::optional<ComplaintScope> ParseComplaintScope(std::string_view key) {
  if (key == "county") return ComplaintScope::kCounty;
  if (key == "city") return ComplaintScope::kCity;
  return std::nullopt;
}

Result<CampaignSettings> DefaultSettings(int year) {
  if (year < kMinCampaignYear || year > kMaxCampaignYear)
    return Error::Invalid("settings.year.range", "活动年度须在2000至2100之间",
                          "The campaign year must be between 2000 and 2100", "year");
  auto d = [year](int m, int day) { return Date{year, m, day}; };
  CampaignSettings s;
  s.year = year;
  s.phase(PhaseKey::kMobilise) = {d(5, 1), d(5, 31), std::nullopt};
  s.phase(PhaseKey::kCultivate) = {d(5, 1), d(8, 31), std::nullopt};
  s.phase(PhaseKey::kApply) = {d(9, 1), d(9, 20), std::nullopt};
  s.phase(PhaseKey::kCountyReview) = {d(9, 1), d(9, 30), std::nullopt};
  s.phase(PhaseKey::kCityReview) = {d(10, 1), d(11, 30), std::nullopt};
  s.phase(PhaseKey::kSummary) = {d(10, 1), d(12, 31), std::nullopt};
  s.reference_date = d(9, 1);
  s.fee_year = year - 1;
  s.survey_from = d(5, 1);
  s.survey_to = d(8, 31);
  s.deadlines = {d(9, 30), d(10, 15), d(12, 31)};
  return s;
}

namespace {

// ---- The field table: one row per setting key, in audit order. ----------
// Lock table (why each phase):
//   year                                   never (the campaign is that year)
//   phases.<P>.from / to / reopened_until  P (its own window; `to` may grow)
//   reference_date, fee_year,              cultivate: rankings (top/bottom
//   complaint_scope, top_percent,            5%, sample rule) build the
//   bottom_percent, min_sample_cap           cultivation list from cultivate on
//   survey_window.from / to                cultivate: the survey runs then
//   rubric (outside this struct),          apply: applications are scored
//   min_evaluators, disagreement_stddev      against them from apply on
//   quota_percent, min_score,              county_review: the county list is
//   publicity_days, deadlines.county_list    proposed and published then
//   city_target                            city_review
//   deadlines.county_report, .city_list    summary: reports and the city list
struct Field {
  SettingInfo info;
  std::function<bool(const CampaignSettings&, const CampaignSettings&)> same;
  std::function<std::string(const CampaignSettings&)> text;
  std::function<Status(CampaignSettings&, std::string_view)> set;
};

// Settings as text: dates YYYY-MM-DD, numbers in decimal, "" for none.
std::string ToText(int v) { return std::to_string(v); }
std::string ToText(const Date& d) { return d.ToString(); }
std::string ToText(ComplaintScope c) { return std::string(ComplaintScopeKey(c)); }
template <typename T>
std::string ToText(const std::optional<T>& v) { return v ? ToText(*v) : ""; }

bool FromText(std::string_view t, int& out) {
  if (t.empty() || t.size() > 9) return false;
  int v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}
bool FromText(std::string_view t, Date& out) {
  auto d = Date::Parse(t);
  if (d) out = *d;
  return d.has_value();
}
bool FromText(std::string_view t, ComplaintScope& out) {
  auto c = ParseComplaintScope(t);
  if (c) out = *c;
  return c.has_value();
}
template <typename T>
bool FromText(std::string_view t, std::optional<T>& out) {
  if (t.empty()) { out.reset(); return true; }
  T v{};
  if (!FromText(t, v)) return false;
  out = v;
  return true;
}

// `ref` gives the field inside a settings object; comparing, printing and
// parsing all go through it, so a setting is described once, in this table.
template <typename Ref>
Field Make(std::string key, std::string zh, std::optional<PhaseKey> lock, Ref ref) {
  using CS = CampaignSettings;
  auto get = [ref](const CS& s) -> decltype(auto) { return ref(const_cast<CS&>(s)); };  // read only
  Field f{{key, zh, lock}, nullptr, nullptr, nullptr};
  f.same = [get](const CS& a, const CS& b) { return get(a) == get(b); };
  f.text = [get](const CS& s) { return ToText(get(s)); };
  f.set = [ref, key, zh](CS& s, std::string_view v) -> Status {
    if (FromText(v, ref(s))) return OkStatus();
    return Error::Invalid("settings.value", "设置“" + zh + "”（" + key + "）的取值“" + std::string(v) + "”格式不正确",
                          "Setting " + key + ": \"" + std::string(v) + "\" is not a valid value", key);
  };
  return f;
}

const std::vector<Field>& Fields() {
  static const std::vector<Field> fields = [] {
    using K = PhaseKey;
    using S = CampaignSettings&;
    std::vector<Field> f;
    f.push_back(Make("year", "活动年度", std::nullopt, [](S s) -> auto& { return s.year; }));
    for (PhaseKey p : kAllPhases) {
      std::string key = "phases." + std::string(PhaseKeyString(p));
      std::string zh = "“" + std::string(PhaseNameZh(p)) + "”阶段";
      f.push_back(Make(key + ".from", zh + "开始日期", p, [p](S s) -> auto& { return s.phase(p).from; }));
      f.push_back(Make(key + ".to", zh + "结束日期", p, [p](S s) -> auto& { return s.phase(p).to; }));
      f.push_back(Make(key + ".reopened_until", zh + "重新开放截止日期", p,
                       [p](S s) -> auto& { return s.phase(p).reopened_until; }));
    }
    f.push_back(Make("reference_date", "参考日期", K::kCultivate, [](S s) -> auto& { return s.reference_date; }));
    f.push_back(Make("fee_year", "物业费收缴年度", K::kCultivate, [](S s) -> auto& { return s.fee_year; }));
    f.push_back(Make("complaint_scope", "投诉率排名范围", K::kCultivate,
                     [](S s) -> auto& { return s.complaint_scope; }));
    f.push_back(Make("survey_window.from", "满意度调查开始日期", K::kCultivate,
                     [](S s) -> auto& { return s.survey_from; }));
    f.push_back(Make("survey_window.to", "满意度调查结束日期", K::kCultivate,
                     [](S s) -> auto& { return s.survey_to; }));
    f.push_back(Make("top_percent", "满意度前列比例", K::kCultivate, [](S s) -> auto& { return s.top_percent; }));
    f.push_back(Make("bottom_percent", "投诉率后列比例", K::kCultivate,
                     [](S s) -> auto& { return s.bottom_percent; }));
    f.push_back(Make("quota_percent", "县级名额比例", K::kCountyReview,
                     [](S s) -> auto& { return s.quota_percent; }));
    f.push_back(Make("min_sample_cap", "满意度排名最低样本数", K::kCultivate,
                     [](S s) -> auto& { return s.min_sample_cap; }));
    f.push_back(Make("min_evaluators", "最少评审专家人数", K::kApply,
                     [](S s) -> auto& { return s.min_evaluators; }));
    f.push_back(Make("disagreement_stddev", "评分分歧标准差阈值", K::kApply,
                     [](S s) -> auto& { return s.disagreement_stddev; }));
    f.push_back(Make("publicity_days", "公示天数", K::kCountyReview,
                     [](S s) -> auto& { return s.publicity_days; }));
    f.push_back(Make("min_score", "最低分数线", K::kCountyReview, [](S s) -> auto& { return s.min_score; }));
    f.push_back(Make("city_target", "市级“美好家园”小区数量", K::kCityReview,
                     [](S s) -> auto& { return s.city_target; }));
    f.push_back(Make("deadlines.county_list", "县级名单公布期限", K::kCountyReview,
                     [](S s) -> auto& { return s.deadlines.county_list; }));
    f.push_back(Make("deadlines.county_report", "县级工作报告报送期限", K::kSummary,
                     [](S s) -> auto& { return s.deadlines.county_report; }));
    f.push_back(Make("deadlines.city_list", "市级名单公布期限", K::kSummary,
                     [](S s) -> auto& { return s.deadlines.city_list; }));
    // Not a CampaignSettings field: the county's rubric refinement (§6).
    f.push_back({{"rubric", "选树参考标准细化", K::kApply}, nullptr, nullptr, nullptr});
    return f;
  }();
  return fields;
}

// ---- Validation helpers ---------------------------------------------------

void Bad(std::vector<Error>& out, const std::string& field, std::string code, std::string zh,
         std::string en) {
  out.push_back(Error::Invalid(std::move(code), std::move(zh), std::move(en), field));
}

std::string NameZh(const std::string& key) {
  const SettingInfo* info = FindSetting(key);
  return info ? info->name_zh : key;
}

void InYear(std::vector<Error>& out, const std::string& field, Date d, int year) {
  if (d.year == year) return;
  Bad(out, field, "settings.date.year",
      NameZh(field) + "（" + d.ToString() + "）须在" + std::to_string(year) + "年内",
      field + " (" + d.ToString() + ") must fall within " + std::to_string(year));
}

void InRange(std::vector<Error>& out, const std::string& field, int v, int lo, int hi) {
  if (v >= lo && v <= hi) return;
  std::string range = std::to_string(lo) + "…" + std::to_string(hi);
  Bad(out, field, "settings.range",
      NameZh(field) + "须在" + std::to_string(lo) + "至" + std::to_string(hi) + "之间（当前为" +
          std::to_string(v) + "）",
      field + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
          " (it is " + std::to_string(v) + ")");
}

}  // namespace

std::vector<Error> ValidateSettings(const CampaignSettings& s) {
  std::vector<Error> out;
  const int y = s.year;
  InRange(out, "year", y, kMinCampaignYear, kMaxCampaignYear);

  const PhaseWindow* previous = nullptr;
  for (PhaseKey p : kAllPhases) {
    const PhaseWindow& w = s.phase(p);
    const std::string key = "phases." + std::string(PhaseKeyString(p));
    InYear(out, key + ".from", w.from, y);
    InYear(out, key + ".to", w.to, y);
    if (w.from > w.to)
      Bad(out, key + ".to", "settings.window.order",
          NameZh(key + ".to") + "不得早于开始日期（" + w.from.ToString() + "）",
          key + ".to must not be before " + key + ".from (" + w.from.ToString() + ")");
    if (w.reopened_until && (*w.reopened_until <= w.to || w.reopened_until->year > y + 1))
      Bad(out, key + ".reopened_until", "settings.reopen.range",
          NameZh(key + ".reopened_until") + "须晚于结束日期（" + w.to.ToString() + "）且不晚于" +
              std::to_string(y + 1) + "年底",
          key + ".reopened_until must be after " + w.to.ToString() + " and no later than the end of " +
              std::to_string(y + 1));
    if (previous && w.from < previous->from)
      Bad(out, key + ".from", "settings.phase.sequence",
          NameZh(key + ".from") + "不得早于上一阶段的开始日期（" + previous->from.ToString() + "）",
          key + ".from must not be before the previous phase starts (" +
              previous->from.ToString() + ")");
    previous = &w;
  }

  InYear(out, "reference_date", s.reference_date, y);
  const Date apply_from = s.phase(PhaseKey::kApply).from;
  if (s.reference_date > apply_from)
    Bad(out, "reference_date", "settings.reference.after_apply",
        "参考日期不得晚于申报阶段开始日期（" + apply_from.ToString() + "）",
        "reference_date must not be after the apply phase opens (" + apply_from.ToString() + ")");
  InRange(out, "fee_year", s.fee_year, y - 2, y);

  // The survey feeds the satisfaction index, which counts only responses
  // inside the assessment window [reference − 1 year, reference).
  const Date window_from = s.reference_date.AddYears(-1);
  if (s.survey_from > s.survey_to)
    Bad(out, "survey_window.to", "settings.window.order",
        "满意度调查结束日期不得早于开始日期（" + s.survey_from.ToString() + "）",
        "survey_window.to must not be before survey_window.from (" + s.survey_from.ToString() + ")");
  const std::string assess_zh = "考核期（" + window_from.ToString() + "至" +
                                s.reference_date.AddDays(-1).ToString() + "）";
  const std::string assess_en = "the assessment window (" + window_from.ToString() + " to " +
                                s.reference_date.AddDays(-1).ToString() + ")";
  for (auto [field, d] : {std::pair{"survey_window.from", s.survey_from},
                          std::pair{"survey_window.to", s.survey_to}}) {
    if (d >= window_from && d < s.reference_date) continue;
    Bad(out, field, "settings.survey.outside_assessment",
        NameZh(field) + "（" + d.ToString() + "）须在" + assess_zh + "内",
        std::string(field) + " (" + d.ToString() + ") must lie inside " + assess_en);
  }

  InRange(out, "top_percent", s.top_percent, 1, 100);
  InRange(out, "bottom_percent", s.bottom_percent, 1, 100);
  InRange(out, "quota_percent", s.quota_percent, 1, 100);
  InRange(out, "min_sample_cap", s.min_sample_cap, 1, 10000);
  InRange(out, "min_evaluators", s.min_evaluators, 1, 50);
  InRange(out, "disagreement_stddev", s.disagreement_stddev, 1, 100);
  InRange(out, "publicity_days", s.publicity_days, 1, 30);
  if (s.min_score) InRange(out, "min_score", *s.min_score, 0, 100);
  if (s.city_target && *s.city_target < 1)
    Bad(out, "city_target", "settings.range", "市级“美好家园”小区数量须至少为1",
        "city_target must be at least 1");
  InYear(out, "deadlines.county_list", s.deadlines.county_list, y);
  InYear(out, "deadlines.county_report", s.deadlines.county_report, y);
  InYear(out, "deadlines.city_list", s.deadlines.city_list, y);
  return out;
}

std::vector<std::string> ChangedSettings(const CampaignSettings& before,
                                         const CampaignSettings& after) {
  std::vector<std::string> keys;
  for (const Field& f : Fields())
    if (f.same && !f.same(before, after)) keys.push_back(f.info.key);
  return keys;
}

std::vector<std::pair<std::string, std::string>> SettingsAsText(const CampaignSettings& s) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Field& f : Fields())
    if (f.text) out.emplace_back(f.info.key, f.text(s));
  return out;
}

Status SetSettingText(CampaignSettings& s, std::string_view key, std::string_view value) {
  for (const Field& f : Fields()) {
    if (f.info.key != key || !f.set) continue;
    if (key == "year" && value != std::to_string(s.year))
      return Error::Invalid("settings.year.fixed", "活动年度不能修改", "The campaign year cannot change", "year");
    return f.set(s, value);
  }
  return Error::Invalid("settings.unknown", "没有名为“" + std::string(key) + "”的设置",
                        "No setting named " + std::string(key), std::string(key));
}

const SettingInfo* FindSetting(std::string_view key) {
  for (const Field& f : Fields())
    if (f.info.key == key) return &f.info;
  return nullptr;
}

}  // namespace meihao::domain::campaigns

#include "service/figures/figures.h"

#include <algorithm>


namespace meihao::service::figures {
namespace {

// estate_figures' columns in the order of Fields(); grouped by the raw table
// that feeds them.
constexpr size_t kColumnCount = 14;
constexpr std::array<const char*, kColumnCount> kColumns = {
    "survey_responses",   "survey_points",       "sum_sanitation",      "sum_greening",
    "sum_facilities",     "sum_safety",          "sum_fees_disclosure", "sum_responsiveness",
    "third_party_sample", "third_party_points",  "complaint_count",     "fee_rows",
    "fee_due_fen",        "fee_collected_fen"};

std::array<int64_t*, kColumnCount> Fields(KeptFigures& f) {
  auto& s = f.sums;
  auto& d = f.dimension_sums;
  return {&s.survey_responses, &s.survey_points, &d[0], &d[1], &d[2], &d[3], &d[4], &d[5],
          &s.third_party_sample, &s.third_party_points, &s.complaint_count, &s.fee_rows, &s.fee_due_fen,
          &s.fee_collected_fen};
}

struct Group {
  size_t first, count;
};
constexpr Group kSurvey{0, 8}, kThirdParty{8, 2}, kComplaints{10, 1}, kFees{11, 3};

std::string ColumnList(Group g) {
  std::string out;
  for (size_t i = g.first; i < g.first + g.count; ++i) out += std::string(out.empty() ? "" : ", ") + kColumns[i];
  return out;
}

// Sequential scans aggregated here rather than GROUP BY: the planner would
// walk the by-estate indexes and fetch every row at random (`+ 0` keeps it
// off them).
void AddSurvey(storage::Connection& c, int year, FiguresByEstate& out) {
  c.Query("SELECT estate_code, overall, sanitation, greening, facilities, safety, fees_disclosure, responsiveness "
          "FROM survey_responses WHERE campaign_year + 0 = ?",
          {int64_t(year)}, [&](const storage::Row& r) {
            auto& f = out[r.Text(0)];
            ++f.sums.survey_responses;
            f.sums.survey_points += domain::survey::PointsOf(int(r.Int(1)));
            for (int i = 0; i < 6; ++i) f.dimension_sums[i] += r.Int(2 + i);
          });
}

void AddThirdParty(storage::Connection& c, const domain::indicators::Window& w, FiguresByEstate& out) {
  c.Query("SELECT estate_code, sample_size, score_hundredths FROM satisfaction_results "
          "WHERE surveyed_on >= ? AND surveyed_on < ?",
          {w.from.ToString(), w.to.ToString()}, [&](const storage::Row& r) {
            auto& f = out[r.Text(0)];
            f.sums.third_party_sample += r.Int(1);
            f.sums.third_party_points += r.Int(1) * r.Int(2);
          });
}

void AddComplaints(storage::Connection& c, const domain::indicators::Window& w, FiguresByEstate& out) {
  c.Query("SELECT estate_code FROM complaints WHERE valid = 1 AND property_related = 1 "
          "AND received_on >= ? AND received_on < ?",
          {w.from.ToString(), w.to.ToString()}, [&](const storage::Row& r) { ++out[r.Text(0)].sums.complaint_count; });
}

void AddFees(storage::Connection& c, int fee_year, FiguresByEstate& out) {
  c.Query("SELECT estate_code, due_fen, collected_fen FROM fee_records WHERE year = ?", {int64_t(fee_year)},
          [&](const storage::Row& r) {
            auto& f = out[r.Text(0)];
            ++f.sums.fee_rows;
            f.sums.fee_due_fen += r.Int(1);
            f.sums.fee_collected_fen += r.Int(2);
          });
}

// Replaces the group's columns of campaign `year` by `fresh`'s values.
void WriteGroup(storage::Connection& c, int year, Group g, FiguresByEstate& fresh) {
  std::string zero, excluded, marks;
  for (size_t i = g.first; i < g.first + g.count; ++i) {
    std::string col = kColumns[i];
    zero += std::string(zero.empty() ? "" : ", ") + col + " = 0";
    excluded += std::string(excluded.empty() ? "" : ", ") + col + " = excluded." + col;
    marks += ",?";
  }
  c.Exec("UPDATE estate_figures SET " + zero + " WHERE campaign_year = ?", {int64_t(year)});
  const std::string insert = "INSERT INTO estate_figures(campaign_year, estate_code, " + ColumnList(g) +
                             ") VALUES (?,?" + marks + ") ON CONFLICT(campaign_year, estate_code) DO UPDATE SET " +
                             excluded;
  for (auto& [code, f] : fresh) {
    auto fields = Fields(f);
    storage::Params p{int64_t(year), code};
    bool any = false;
    for (size_t i = g.first; i < g.first + g.count; ++i) {
      p.push_back(*fields[i]);
      any |= *fields[i] != 0;
    }
    if (any) c.Exec(insert, p);
  }
}

}  // namespace

FiguresByEstate LoadKeptFigures(storage::Connection& c, int year) {
  FiguresByEstate out;
  std::string cols;
  for (size_t i = 0; i < kColumnCount; ++i) cols += std::string(", ") + kColumns[i];
  c.Query("SELECT estate_code" + cols + " FROM estate_figures WHERE campaign_year = ?", {int64_t(year)},
          [&](const storage::Row& r) {
            auto fields = Fields(out[r.Text(0)]);
            for (size_t i = 0; i < kColumnCount; ++i) *fields[i] = r.Int(int(i) + 1);
          });
  return out;
}

FiguresByEstate FiguresFromRecords(storage::Connection& c, const domain::campaigns::CampaignSettings& s) {
  FiguresByEstate out;
  const auto window = domain::indicators::Window::Before(s.reference_date);
  AddSurvey(c, s.year, out);
  AddThirdParty(c, window, out);
  AddComplaints(c, window, out);
  AddFees(c, s.fee_year, out);
  return out;
}

void RefreshImportedFigures(storage::Connection& c, Feed feed, const domain::campaigns::CampaignSettings& s) {
  const auto window = domain::indicators::Window::Before(s.reference_date);
  FiguresByEstate fresh;
  if (feed == Feed::kThirdParty) {
    AddThirdParty(c, window, fresh);
    WriteGroup(c, s.year, kThirdParty, fresh);
  } else if (feed == Feed::kComplaints) {
    AddComplaints(c, window, fresh);
    WriteGroup(c, s.year, kComplaints, fresh);
  } else {
    AddFees(c, s.fee_year, fresh);
    WriteGroup(c, s.year, kFees, fresh);
  }
}

void RefreshCampaignFigures(storage::Connection& c, const domain::campaigns::CampaignSettings& s) {
  const auto window = domain::indicators::Window::Before(s.reference_date);
  FiguresByEstate fresh;
  AddThirdParty(c, window, fresh);
  AddComplaints(c, window, fresh);
  AddFees(c, s.fee_year, fresh);
  for (Group g : {kThirdParty, kComplaints, kFees}) WriteGroup(c, s.year, g, fresh);
}

void AddResponseToFigures(storage::Connection& c, int year, const std::string& estate_code,
                          const domain::survey::SurveyAnswers& a) {
  const auto& d = a.dimensions;
  c.Exec("INSERT INTO estate_figures(campaign_year, estate_code, " + ColumnList(kSurvey) +
             ") VALUES (?,?,1,?,?,?,?,?,?,?) ON CONFLICT(campaign_year, estate_code) DO UPDATE SET "
             "survey_responses = survey_responses + 1, survey_points = survey_points + excluded.survey_points, "
             "sum_sanitation = sum_sanitation + excluded.sum_sanitation, "
             "sum_greening = sum_greening + excluded.sum_greening, "
             "sum_facilities = sum_facilities + excluded.sum_facilities, "
             "sum_safety = sum_safety + excluded.sum_safety, "
             "sum_fees_disclosure = sum_fees_disclosure + excluded.sum_fees_disclosure, "
             "sum_responsiveness = sum_responsiveness + excluded.sum_responsiveness",
         {int64_t(year), estate_code, int64_t(domain::survey::PointsOf(a.overall)), int64_t(d[0]), int64_t(d[1]),
          int64_t(d[2]), int64_t(d[3]), int64_t(d[4]), int64_t(d[5])});
}

RebuildReport CompareFigures(const FiguresByEstate& kept, const FiguresByEstate& fresh) {
  RebuildReport report;
  std::vector<std::string> codes;
  for (const auto& [code, f] : fresh) codes.push_back(code);
  for (const auto& [code, f] : kept)
    if (!fresh.count(code)) codes.push_back(code);
  std::sort(codes.begin(), codes.end());
  static const KeptFigures kZero{};
  for (const auto& code : codes) {
    auto k = kept.count(code) ? kept.at(code) : kZero;
    auto f = fresh.count(code) ? fresh.at(code) : kZero;
    if (f != kZero) ++report.estates;
    if (k == f) continue;
    ++report.differing_estates;
    auto kf = Fields(k), ff = Fields(f);
    for (size_t i = 0; i < kColumnCount; ++i)
      if (*kf[i] != *ff[i] && report.differences.size() < 100)
        report.differences.push_back({code, kColumns[i], *kf[i], *ff[i]});
  }
  return report;
}

void ReplaceKeptFigures(storage::Connection& c, int year, FiguresByEstate fresh) {
  c.Exec("DELETE FROM estate_figures WHERE campaign_year = ?", {int64_t(year)});
  std::string marks;
  for (size_t i = 0; i < kColumnCount; ++i) marks += ",?";
  std::string cols;
  for (size_t i = 0; i < kColumnCount; ++i) cols += std::string(", ") + kColumns[i];
  const std::string insert = "INSERT INTO estate_figures(campaign_year, estate_code" + cols + ") VALUES (?,?" + marks + ")";
  for (auto& [code, f] : fresh) {
    storage::Params p{int64_t(year), code};
    for (auto* v : Fields(f)) p.push_back(*v);
    c.Exec(insert, p);
  }
}

}  // namespace meihao::service::figures

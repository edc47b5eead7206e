#include "service/indicators/estate_sheet.h"

#include "service/registry/estate_sql.h"

namespace meihao::service::indicators {

Result<EstateSheet> EstateSheetOf(const Context& ctx, const Actor& actor, int year, const std::string& estate_code) {
  auto ranking = RankingForActor(ctx, actor, year);
  if (!ranking) return ranking.error();
  auto c = ctx.db.Acquire();
  if (auto visible = registry::LoadVisible(*c, ctx, actor, estate_code); !visible) return visible.error();
  const auto& all = ranking->all;
  size_t i = 0;
  while (i < all.estates.size() && all.estates[i].code != estate_code) ++i;
  if (i == all.estates.size())
    return Error::NotFound("estate.not_found", "小区不存在", "No such estate");
  EstateSheet sheet{all.settings, all.estates[i], all.indicators[i], all.standings[i], {}, {}, {}, {}};
  if (auto it = all.figures.find(estate_code); it != all.figures.end()) sheet.figures = it->second;
  const auto window = domain::indicators::Window::Before(all.settings.reference_date);
  const storage::Params in_window{estate_code, window.from.ToString(), window.to.ToString()};
  c->Query("SELECT surveyed_on, surveyor, sample_size, score_hundredths FROM satisfaction_results "
           "WHERE estate_code = ? AND surveyed_on >= ? AND surveyed_on < ? ORDER BY surveyed_on, surveyor",
           in_window, [&](const storage::Row& r) {
             sheet.third_party.push_back({r.Text(0), r.Text(1), r.Int(2), r.Int(3)});
           });
  if (sheet.estate.mode == domain::registry::ManagementMode::kProfessional && !sheet.estate.company_uscc.empty()) {
    c->Query("SELECT decision_no, decided_on, company_name FROM penalties "
             "WHERE company_uscc = ? AND decided_on >= ? AND decided_on < ? ORDER BY decided_on",
             {sheet.estate.company_uscc, window.from.ToString(), window.to.ToString()},
             [&](const storage::Row& r) { sheet.penalties.push_back({r.Text(0), r.Text(1), r.Text(2)}); });
  }
  auto codes = survey::HouseholdCodeCounts(ctx, actor, year, estate_code);
  if (codes) sheet.codes = *codes;
  return sheet;
}

}  // namespace meihao::service::indicators

// Estate exports (machine CSV with English keys, people's .xlsx with Chinese
// headers and labels) and the import template. Both export shapes import
// back unchanged.
#include <boost/json.hpp>

#include "service/audit/audit.h"
#include "service/registry/estate_import.h"
#include "io/table_writer.h"
#include "domain/registry/uscc.h"

namespace meihao::service::registry {
namespace {

std::vector<std::string> EstateRow(const EstateRecord& r, bool for_people) {
  const domain::registry::Estate& e = r.estate;
  auto yes_no = [&](bool b) -> std::string { return for_people ? (b ? "是" : "否") : (b ? "1" : "0"); };
  return {e.code,
          e.name,
          for_people ? std::string(r.county_name) : e.county_code,
          std::string(r.town_name),
          e.community,
          e.address,
          std::to_string(e.households),
          std::string(for_people ? domain::registry::ManagementModeLabel(e.mode) : domain::registry::ManagementModeKey(e.mode)),
          e.company_name,
          e.company_uscc,
          std::string(for_people ? domain::registry::OwnersOrgLabel(e.owners_org) : domain::registry::OwnersOrgKey(e.owners_org)),
          yes_no(e.party_org),
          yes_no(e.demonstration)};
}

std::vector<io::XlsxColumn> EstateXlsxColumns(const domain::registry::DivisionTree& tree) {
  std::vector<io::XlsxColumn> cols;
  for (const auto& [key, zh] : domain::registry::EstateColumns()) {
    io::XlsxColumn col;
    col.header = zh;
    col.width = (key == "name" || key == "address" || key == "company_name") ? 28 : 16;
    if (key == "county")
      for (const auto* d : tree.Counties()) col.choices.push_back(d->name);
    // Every town of the city (the import checks it belongs to the row's county).
    if (key == "town")
      for (const auto* d : tree.Counties())
        for (auto& t : tree.TownNames(d->code)) col.choices.push_back(std::move(t));
    if (key == "management_mode") col.choices = {"专业化物业管理", "业主自行管理", "无物业管理"};
    if (key == "owners_org") col.choices = {"业主委员会", "物业管理委员会", "无"};
    if (key == "party_org" || key == "demonstration") col.choices = {"是", "否"};
    if (key == "households") col.numeric = true;
    cols.push_back(std::move(col));
  }
  return cols;
}

}  // namespace

Result<std::string> ExportEstates(const Context& ctx, const Actor& actor, const EstateFilter& f,
                                  ExportFormat format, const ProgressFn& progress) {
  auto rows = AllEstates(ctx, actor, f);
  if (!rows) return rows.error();
  bool people = format == ExportFormat::kXlsx;
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows->size());
  for (const auto& r : *rows) cells.push_back(EstateRow(r, people));
  std::string out;
  if (people) {
    io::XlsxSheet sheet{"小区台账", EstateXlsxColumns(ctx.tree), std::move(cells)};
    sheet.validation_rows = 0;
    auto x = io::WriteXlsx(sheet, progress ? [&](size_t d, size_t t) { progress("write", d, t); }
                                           : std::function<void(size_t, size_t)>{});
    if (!x) return x.error();
    out = std::move(*x);
  } else {
    std::vector<std::string> header;
    for (const auto& [key, zh] : domain::registry::EstateColumns()) header.push_back(key);
    out = io::WriteCsv(header, cells, true);
  }
  auto c = ctx.db.Acquire();
  storage::Transaction tx(*c, true);
  boost::json::object after{{"format", people ? "xlsx" : "csv"}, {"rows", rows->size()}};
  audit::AppendAudit(*c, {actor.user_id, actor.username, "estate.export", "estates", std::nullopt,
                   boost::json::serialize(after), actor.client, "ok"});
  tx.Commit();
  return out;
}

Result<std::string> EstateTemplate(const domain::registry::DivisionTree& tree) {
  io::XlsxSheet sheet{"小区台账", EstateXlsxColumns(tree), {}};
  const auto* county = tree.Counties().front();
  auto towns = tree.TownNames(county->code);
  sheet.rows.push_back({"JM0001", "示例花园", county->name, towns.empty() ? "" : towns.front(), "示例社区",
                        "示例路 1 号", "500", "专业化物业管理", "江门市示例物业管理有限公司",
                        std::string("91440700MA4UL1234") + *domain::registry::UsccCheckChar("91440700MA4UL1234"), "业主委员会", "是", "否"});
  return io::WriteXlsx(sheet);
}

}  // namespace meihao::service::registry

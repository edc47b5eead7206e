// meihao import <records> | export rankings|gates|quotas | indicators rebuild.
#include "cli/commands.h"

#include <filesystem>
#include <chrono>
#include <iomanip>
#include <iostream>

#include "cli/command_support.h"
#include "service/indicators/figures_rebuild.h"
#include "service/indicators/rankings.h"
#include "service/indicators/record_import.h"
#include "service/setup/setup.h"

namespace meihao::cli {
namespace fs = std::filesystem;

int ImportRecords(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto bytes = ReadImportFile(o.file);
  if (!bytes) return 1;
  auto kind = service::indicators::ParseRecordKind(o.kind);
  if (!kind) throw std::logic_error("unknown record kind " + o.kind);
  auto r = service::indicators::ImportRecords(ctx, service::Actor::System(), *kind, *bytes, fs::path(o.file).filename().string(),
                                  o.dry_run, TerminalProgress());
  return PrintImportReport(r, o.dry_run);
}

int ExportRankingTable(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto fmt = ExportFormatOf(o);
  if (!fmt) return 2;
  return WriteExport(o, service::indicators::ExportRankingTable(ctx, service::Actor::System(), o.year,
                                                    *service::indicators::ParseRankingTable(o.kind), *fmt));
}

int IndicatorsRebuild(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto start = std::chrono::steady_clock::now();
  auto r = service::indicators::RebuildFigures(ctx, service::Actor::System(), o.year);
  if (!r) { PrintError(r.error()); return 1; }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& d : r->differences)
    std::cout << d.estate_code << "\t" << d.field << "\t保存值 kept " << d.kept << "\t重算值 fresh " << d.fresh << "\n";
  std::cout << "已重算 " << r->estates << " 个小区的指标，" << r->differing_estates << " 个与原保存值不同（用时 "
            << std::fixed << std::setprecision(2) << seconds << " 秒） / rebuilt the figures of " << r->estates
            << " estates; " << r->differing_estates << " differed from the kept figures (" << seconds << " s)\n";
  if (r->differing_estates > int64_t(r->differences.size()))
    std::cout << "（只列出前 " << r->differences.size() << " 项差异 / only the first " << r->differences.size()
              << " differences are listed）\n";
  return 0;
}

}  // namespace meihao::cli

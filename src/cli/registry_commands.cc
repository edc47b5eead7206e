// meihao import estates | export estates: the estate register in and out.
#include "cli/commands.h"

#include <filesystem>

#include "cli/command_support.h"
#include "service/registry/estate_import.h"
#include "service/setup/setup.h"

namespace meihao::cli {
namespace fs = std::filesystem;

int ImportEstates(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto bytes = ReadImportFile(o.file);
  if (!bytes) return 1;
  auto r = service::registry::ImportEstates(ctx, service::Actor::System(), *bytes, fs::path(o.file).filename().string(),
                                  o.dry_run, TerminalProgress());
  return PrintImportReport(r, o.dry_run);
}

int ExportEstates(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto fmt = ExportFormatOf(o);
  if (!fmt) return 2;
  return WriteExport(o, service::registry::ExportEstates(ctx, service::Actor::System(), service::registry::EstateFilter{}, *fmt,
                                               TerminalProgress()));
}

}  // namespace meihao::cli

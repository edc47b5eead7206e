// meihao export selection: a level's applications with scores, ranks, principles and outcomes.
#include "cli/commands.h"

#include "cli/command_support.h"
#include "service/selection/selection.h"
#include "service/setup/setup.h"

namespace meihao::cli {

int ExportSelection(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto fmt = ExportFormatOf(o);
  if (!fmt) return 2;
  return WriteExport(o, service::selection::ExportSelection(ctx, service::Actor::System(), o.year, o.level, o.unit, o.format));
}

}  // namespace meihao::cli

// What the subcommands (cli/*_commands.cc) share.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "common/result.h"
#include "service/registry/estate_import.h"
#include "service/registry/estates.h"
#include "storage/database.h"

namespace meihao::cli {

// The whole file ("-" or /dev/stdin: standard input, also a pipe or socket);
// throws std::runtime_error (both languages) when it cannot be read.
std::string ReadFile(const std::string& path);
// A password from a file, without its trailing newline; "" for no file.
std::string ReadPasswordFile(const std::string& path);
// Opens the database, applies migrations and loads divisions (idempotent).
std::unique_ptr<storage::Database> Open(const Options& o);
void PrintError(const Error& e);
// Progress on a terminal only, so that scripts get clean output.
service::registry::ProgressFn TerminalProgress();
// Problems to stderr (exit 1) or the counts to stdout (exit 0).
int PrintImportReport(const service::registry::ImportReport& r, bool dry_run);
// The file's bytes, or nullopt after printing why.
std::optional<std::string> ReadImportFile(const std::string& path);
// The export's format, or nullopt (after saying why) when an .xlsx would go to a terminal.
std::optional<service::registry::ExportFormat> ExportFormatOf(const Options& o);
// The file to --out (or standard output); 1 with the error when there is none.
int WriteExport(const Options& o, const Result<std::string>& bytes);

}  // namespace meihao::cli

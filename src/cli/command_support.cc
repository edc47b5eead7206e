// What the subcommands share: reading files, opening the database, printing
// errors, progress and import reports, writing exports (cli/command_support.h).
#include "cli/command_support.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>

#include "service/setup/setup.h"

namespace meihao::cli {

std::string ReadFile(const std::string& path) {
  // "-" and /dev/stdin read standard input itself: when it is a socket (as a
  // process spawned by another program may get) /dev/stdin cannot be opened.
  if (path == "-" || path == "/dev/stdin")
    return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  // Read to the end rather than ask for the size first: a pipe has none.
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("无法读取文件 / cannot read " + path);
  std::string out{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
  if (f.bad()) throw std::runtime_error("无法读取文件 / cannot read " + path);
  return out;
}

std::string ReadPasswordFile(const std::string& path) {
  if (path.empty()) return {};
  std::string pw = ReadFile(path);
  while (!pw.empty() && (pw.back() == '\n' || pw.back() == '\r')) pw.pop_back();
  return pw;
}

// Opens the database, applies migrations and loads divisions (idempotent).
std::unique_ptr<storage::Database> Open(const Options& o) {
  auto db = storage::OpenSqlite(o.db);
  service::setup::PrepareDatabase(*db, service::setup::BuiltinDivisions());
  return db;
}

void PrintError(const Error& e) {
  std::cerr << "错误：" << e.message_zh << "\nerror: " << e.message_en;
  if (!e.field.empty()) std::cerr << " (" << e.field << ")";
  std::cerr << "\n";
}

// Progress on a terminal only, so that scripts get clean output.
service::registry::ProgressFn TerminalProgress() {
  if (!isatty(STDERR_FILENO)) return {};
  return [](std::string_view stage, size_t done, size_t total) {
    std::cerr << "\r" << stage << ": " << done << " / " << total << "        " << std::flush;
    if (stage == "done") std::cerr << "\n";
  };
}

// Problems to stderr (exit 1) or the counts to stdout (exit 0).
int PrintImportReport(const service::registry::ImportReport& r, bool dry_run) {
  if (r.error) {
    PrintError(*r.error);
    for (const auto& p : r.problems) {
      std::cerr << "第 " << p.row << " 行 row " << p.row << ", 列 column " << p.column << ", 值 value \"" << p.value
                << "\": " << p.message_zh << " / " << p.message_en;
      if (!p.suggestion.empty()) std::cerr << "  建议 suggestion: " << p.suggestion;
      std::cerr << "\n";
    }
    if (r.problem_count > r.problems.size())
      std::cerr << "……另有 " << r.problem_count - r.problems.size() << " 处问题未列出 / "
                << r.problem_count - r.problems.size() << " more not listed\n";
    return 1;
  }
  std::cout << (dry_run ? "预检通过（未写入）/ dry run OK (nothing written): " : "导入成功 / imported: ") << r.rows
            << " 行 rows; 新增 created " << r.created << ", 更新 updated " << r.updated << ", 未变 unchanged "
            << r.unchanged << "\n";
  return 0;
}

std::optional<std::string> ReadImportFile(const std::string& path) {
  std::string bytes = ReadFile(path);
  if (bytes.size() > service::registry::kMaxImportBytes) {
    std::cerr << "错误：文件超过 20 MiB / error: file larger than 20 MiB\n";
    return std::nullopt;
  }
  return bytes;
}

// The export's format, or nullopt (after saying why) when an .xlsx would go to a terminal.
std::optional<service::registry::ExportFormat> ExportFormatOf(const Options& o) {
  auto fmt = o.format == "xlsx" ? service::registry::ExportFormat::kXlsx : service::registry::ExportFormat::kCsv;
  if (fmt == service::registry::ExportFormat::kXlsx && o.out.empty() && isatty(STDOUT_FILENO)) {
    std::cerr << "错误：xlsx 须用 --out 指定输出文件 / error: give --out for xlsx\n";
    return std::nullopt;
  }
  return fmt;
}

// The file to --out (or standard output); 1 with the error when there is none.
int WriteExport(const Options& o, const Result<std::string>& bytes) {
  if (!bytes) {
    PrintError(bytes.error());
    return 1;
  }
  if (o.out.empty()) {
    std::cout << *bytes;
    return 0;
  }
  std::ofstream f(o.out, std::ios::binary);
  f << *bytes;
  if (!f) throw std::runtime_error("无法写入 / cannot write " + o.out);
  std::cerr << "已导出 / exported to " << o.out << "\n";
  return 0;
}

}  // namespace meihao::cli

#include "cli/commands.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <chrono>
#include <iomanip>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/crypto.h"
#include "common/date.h"
#include "domain/campaigns/phases.h"
#include "http/app.h"
#include "http/server.h"
#include "service/audit/audit.h"
#include "service/campaigns/campaigns.h"
#include "service/indicators/figures_rebuild.h"
#include "service/survey/survey_codes.h"
#include "domain/survey/survey.h"
#include "io/survey/slips_pdf.h"
#include "service/indicators/rankings.h"
#include "service/selection/selection.h"
#include "service/registry/estate_import.h"
#include "service/indicators/record_import.h"
#include "service/setup/setup.h"
#include "service/accounts/users.h"

namespace meihao::cli {
namespace fs = std::filesystem;
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  if (!f) throw std::runtime_error("无法读取文件 / cannot read " + path);
  std::string out(size_t(f.tellg()), '\0');
  f.seekg(0);
  f.read(out.data(), std::streamsize(out.size()));
  if (!f) throw std::runtime_error("无法读取文件 / cannot read " + path);
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

}  // namespace

int Init(const Options& o) {
  bool existed = fs::exists(o.db);
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto pw = service::setup::CreateFirstAdmin(ctx, ReadPasswordFile(o.password_file));
  if (!pw) {
    if (existed && pw.error().kind == ErrorKind::kConflict) {
      std::cout << "数据库已存在，已应用迁移 / database exists; migrations applied\n";
      return 0;
    }
    PrintError(pw.error());
    return 1;
  }
  std::cout << "已创建数据库 / created database: " << o.db << "\n";
  if (o.password_file.empty())
    std::cout << "管理员 admin 的初始密码（仅显示这一次，首次登录须修改）/ initial password of admin "
                 "(shown once; must be changed at first login):\n  "
              << *pw << "\n";
  return 0;
}

int Demo(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto n = service::setup::LoadDemo(ctx, o.count);
  if (!n) {
    PrintError(n.error());
    return 1;
  }
  std::cout << "已载入演示数据 / demo loaded: " << n->estates << " 个小区 estates, " << n->users
            << " 个演示用户 demo users\n"
            << n->campaign_year << " 年度活动 campaign: " << n->complaints << " 条投诉 complaints, " << n->satisfaction
            << " 条满意度测评 satisfaction results, " << n->fees << " 条物业费收缴 fee rows, " << n->penalties
            << " 条行政处罚 penalties\n";
  return 0;
}

int Serve(const Options& o) {
  spdlog::set_level(spdlog::level::from_str(o.log_level));
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions(), fs::absolute(o.db).parent_path().string()};  // uploads beside the DB
  std::string web = o.web_dir;
  if (web.empty()) {
    fs::path exe = fs::read_symlink("/proc/self/exe").parent_path();
    web = fs::exists(exe / "web" / "index.html") ? (exe / "web").string() : "web/dist";
  }
  http::App app(ctx, web, o.survey_batch);
  app.set_public_url(o.public_url);
  http::ServerOptions opts;
  auto colon = o.listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen 须为 host:port / must be host:port");
  opts.address = o.listen.substr(0, colon);
  opts.port = static_cast<unsigned short>(std::stoi(o.listen.substr(colon + 1)));
  opts.threads = o.threads;
  if (auto d = TodayOverride())
    std::cout << "MEIHAO_TODAY：活动日期按 " << d->ToString() << " 计算 / campaign dates use " << d->ToString()
              << " as today" << std::endl;
  opts.on_listening = [&](unsigned short port) {
    std::cout << "meihao 已启动 / serving on http://" << opts.address << ":" << port << "  (web: " << web << ")"
              << std::endl;
  };
  return http::Serve(opts, [&](http::Request& r) { return app.Handle(r); },
                     [&](const std::string& target) { return app.BodyLimit(target); });
}

namespace {

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

}  // namespace

int ImportEstates(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto bytes = ReadImportFile(o.file);
  if (!bytes) return 1;
  auto r = service::registry::ImportEstates(ctx, service::Actor::System(), *bytes, fs::path(o.file).filename().string(),
                                  o.dry_run, TerminalProgress());
  return PrintImportReport(r, o.dry_run);
}

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

namespace {

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

}  // namespace

int ExportEstates(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto fmt = ExportFormatOf(o);
  if (!fmt) return 2;
  return WriteExport(o, service::registry::ExportEstates(ctx, service::Actor::System(), service::registry::EstateFilter{}, *fmt,
                                               TerminalProgress()));
}

int ExportRankingTable(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto fmt = ExportFormatOf(o);
  if (!fmt) return 2;
  return WriteExport(o, service::indicators::ExportRankingTable(ctx, service::Actor::System(), o.year,
                                                    *service::indicators::ParseRankingTable(o.kind), *fmt));
}

int ExportSelection(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto fmt = ExportFormatOf(o);
  if (!fmt) return 2;
  return WriteExport(o, service::selection::ExportSelection(ctx, service::Actor::System(), o.year, o.level, o.unit, o.format));
}

int UserAdd(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  std::string pw = ReadPasswordFile(o.password_file);
  bool generated = pw.empty();
  if (generated) pw = crypto::RandomPassword();
  service::accounts::NewUser u{o.username, o.display_name.empty() ? o.username : o.display_name, o.role, o.scope, pw, true};
  auto r = service::accounts::CreateUser(ctx, service::Actor::System(), u);
  if (!r) {
    PrintError(r.error());
    return 1;
  }
  std::cout << "已创建用户 / created user " << r->username << " (id " << r->id << ")\n";
  if (generated) std::cout << "初始密码（首次登录须修改）/ initial password (change at first login): " << pw << "\n";
  return 0;
}

int UserList(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto users = service::accounts::ListUsers(ctx, service::Actor::System());
  std::cout << "id\tusername\trole\tscope\tdisabled\tdisplay_name\n";
  for (const auto& u : *users)
    std::cout << u.id << "\t" << u.username << "\t" << policy::RoleKey(u.role) << "\t" << u.scope_code << "\t"
              << (u.disabled ? 1 : 0) << "\t" << u.display_name << "\n";
  return 0;
}

int UserDisable(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto u = service::accounts::FindUser(ctx, o.username);
  if (!u) { PrintError(u.error()); return 1; }
  auto r = service::accounts::SetUserDisabled(ctx, service::Actor::System(), u->id, true);
  if (!r) { PrintError(r.error()); return 1; }
  std::cout << "已停用 / disabled " << o.username << "\n";
  return 0;
}

int UserReset(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto u = service::accounts::FindUser(ctx, o.username);
  if (!u) { PrintError(u.error()); return 1; }
  std::string pw = ReadPasswordFile(o.password_file);
  bool generated = pw.empty();
  if (generated) pw = crypto::RandomPassword();
  auto r = service::accounts::ResetPassword(ctx, service::Actor::System(), u->id, pw);
  if (!r) { PrintError(r.error()); return 1; }
  std::cout << "已重置密码 / password reset for " << o.username << "\n";
  if (generated) std::cout << "新密码（下次登录须修改）/ new password (change at next login): " << pw << "\n";
  return 0;
}

int AuditVerify(const Options& o) {
  auto db = storage::OpenSqlite(o.db);
  auto c = db->Acquire();
  auto v = service::audit::VerifyAudit(*c);
  if (v.ok) {
    std::cout << "审计链完整 / audit chain intact: " << v.checked << " 条记录 records\n";
    return 0;
  }
  std::cout << "审计链已被篡改 / audit chain BROKEN at record " << *v.first_broken << ": " << v.reason << "\n";
  return 1;
}

int Migrate(const Options& o) {
  auto db = storage::OpenSqlite(o.db);
  int n = db->Migrate();
  service::setup::PrepareDatabase(*db, service::setup::BuiltinDivisions());
  std::cout << "已应用 " << n << " 个迁移 / applied " << n << " migration(s)\n";
  return 0;
}

namespace {
void PrintSettings(const domain::campaigns::CampaignSettings& s) {
  std::cout << "key\tvalue\tname\tlocked_from\n";
  for (const auto& [key, value] : domain::campaigns::SettingsAsText(s)) {
    const auto* info = domain::campaigns::FindSetting(key);
    std::string lock;
    if (info && info->locked_by) {
      const auto& w = s.phase(*info->locked_by);
      lock = std::string(domain::campaigns::PhaseNameZh(*info->locked_by)) + " " + w.from.ToString();
    }
    std::cout << key << "\t" << value << "\t" << (info ? info->name_zh : "") << "\t" << lock << "\n";
  }
}
}  // namespace

int CampaignCreate(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto s = service::campaigns::CreateCampaign(ctx, service::Actor::System(), o.year);
  if (!s) { PrintError(s.error()); return 1; }
  std::cout << "已设立 " << o.year << " 年度活动，设置为 rules.md 的默认值 / created the " << o.year
            << " campaign with the default settings\n";
  PrintSettings(*s);
  return 0;
}

int CampaignShow(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto s = service::campaigns::GetCampaign(ctx, o.year);
  if (!s) { PrintError(s.error()); return 1; }
  PrintSettings(*s);
  return 0;
}

int CampaignSet(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  std::vector<std::pair<std::string, std::string>> changes;
  for (const auto& a : o.assignments) {
    auto eq = a.find('=');
    if (eq == std::string::npos) {
      std::cerr << "错误：须写成 设置名=值，例如 publicity_days=10 / error: write KEY=VALUE, e.g. publicity_days=10\n";
      return 2;
    }
    changes.emplace_back(a.substr(0, eq), a.substr(eq + 1));
  }
  auto s = service::campaigns::ChangeCampaignSettings(ctx, service::Actor::System(), o.year, changes, o.reopen, TodayInChina());
  if (!s) { PrintError(s.error()); return 1; }
  std::cout << "已保存 / saved\n";
  PrintSettings(*s);
  return 0;
}

int SurveyIssue(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  if (o.out.empty() && o.codes_out.empty())
    throw std::runtime_error("请用 --slips 或 --codes-out 指定输出 / give --slips or --codes-out: the codes are shown only once");
  auto issued = service::survey::IssueHouseholdCodes(ctx, service::Actor::System(), o.year, o.estate, o.code_count);
  if (!issued) { PrintError(issued.error()); return 1; }
  if (!o.codes_out.empty()) {
    std::ofstream file;
    if (o.codes_out != "-") file.open(o.codes_out);
    std::ostream& out = o.codes_out == "-" ? std::cout : file;
    for (const auto& code : issued->codes) out << code << "\n";
    out.flush();
    if (!out) throw std::runtime_error("无法写入 / cannot write " + o.codes_out);
    if (o.out.empty()) return 0;
  }
  io::survey::SlipSheet sheet{issued->estate_name, issued->county_town, {}};
  for (const auto& code : issued->codes)
    sheet.slips.push_back({code, o.base_url + "/survey/" + *domain::survey::NormaliseCode(code)});
  auto pdf = io::survey::RenderSlipsPdf(sheet);
  if (!pdf) { PrintError(pdf.error()); return 1; }
  std::ofstream f(o.out, std::ios::binary);
  f << *pdf;
  if (!f) throw std::runtime_error("无法写入 / cannot write " + o.out);
  std::cout << "已发放 " << issued->codes.size() << " 个住户码，调查单已写入 / issued " << issued->codes.size()
            << " household codes; slips written to " << o.out << "\n"
            << "住户码只在调查单上出现一次，请妥善保管该文件 / the codes exist only on these slips\n";
  return 0;
}

int SurveyVoid(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto s = service::survey::VoidHouseholdCode(ctx, service::Actor::System(), o.year, o.code);
  if (!s) { PrintError(s.error()); return 1; }
  std::cout << "已作废 / voided\n";
  return 0;
}

int SurveyCounts(const Options& o) {
  auto db = Open(o);
  service::Context ctx{*db, service::setup::BuiltinDivisions()};
  auto n = service::survey::HouseholdCodeCounts(ctx, service::Actor::System(), o.year, o.estate);
  if (!n) { PrintError(n.error()); return 1; }
  std::cout << "issued\t" << n->issued << "\nused\t" << n->used << "\nvoid\t" << n->voided << "\nresponses\t"
            << n->responses << "\npaper\t" << n->paper << "\n";
  return 0;
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

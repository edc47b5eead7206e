// meihao init | demo | serve | migrate: a database set up, the demo loaded, the server started.
#include "cli/commands.h"

#include <spdlog/spdlog.h>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/command_support.h"
#include "common/date.h"
#include "http/app.h"
#include "http/server.h"
#include "service/setup/demo_story.h"
#include "service/setup/setup.h"

namespace meihao::cli {
namespace fs = std::filesystem;

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
  // Uploads (photos of the story's cases and nominations) beside the DB, as serve keeps them.
  service::Context ctx{*db, service::setup::BuiltinDivisions(), fs::absolute(o.db).parent_path().string()};
  // The story's register and records are there before its first step (05-20).
  std::optional<ScopedToday> before_story;
  if (o.story) before_story.emplace(Date{service::setup::kDemoCampaignYear, 5, 20});
  auto n = service::setup::LoadDemo(ctx, o.count);
  before_story.reset();
  if (!n) {
    PrintError(n.error());
    return 1;
  }
  std::cout << "已载入演示数据 / demo loaded: " << n->estates << " 个小区 estates, " << n->users
            << " 个演示用户 demo users\n"
            << n->campaign_year << " 年度活动 campaign: " << n->complaints << " 条投诉 complaints, " << n->satisfaction
            << " 条满意度测评 satisfaction results, " << n->fees << " 条物业费收缴 fee rows, " << n->penalties
            << " 条行政处罚 penalties\n";
  if (!o.story) return 0;
  auto story = service::setup::WalkDemoCampaign(ctx);
  if (!story) {
    PrintError(story.error());
    return 1;
  }
  std::cout << "演示流程 / demo story: " << story->cultivation_lists << " 份培育名单 cultivation lists, " << story->tasks
            << " 项培育任务 tasks, " << story->codes << " 个调查码 survey codes, " << story->applications
            << " 份申报 applications, " << story->sheets << " 张评分表 score sheets, " << story->county_lists
            << " 份县级名单 county lists, " << story->objections << " 条异议 objections, " << story->city_listed
            << " 个市级“美好家园”小区 city winners\n";
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

int Migrate(const Options& o) {
  auto db = storage::OpenSqlite(o.db);
  int n = db->Migrate();
  service::setup::PrepareDatabase(*db, service::setup::BuiltinDivisions());
  std::cout << "已应用 " << n << " 个迁移 / applied " << n << " migration(s)\n";
  return 0;
}

}  // namespace meihao::cli

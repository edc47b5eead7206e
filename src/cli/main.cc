// The one binary: `meihao <command>`. Every command calls the same services
// as the HTTP API. CLI11 is expensive to compile, so it lives only here.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "common/crypto.h"

namespace mc = meihao::cli;

// Read by jemalloc (linked into this binary) at start-up. Transparent huge
// pages: on the virtual machines we run on, a page fault costs microseconds,
// and a bulk import touches hundreds of megabytes; huge pages cut the import
// by a third (docs/performance.md).
extern "C" {
const char* malloc_conf = "thp:always,metadata_thp:always";
}

int main(int argc, char** argv) {
  meihao::crypto::InitCrypto();
  CLI::App app{"美好家园 小区治理平台 meihao — 擦亮“红色管家”品牌 选树“美好家园”小区\n"
               "Platform for the Jiangmen 'Beautiful Home' estates campaign"};
  app.require_subcommand(1);
  // The configuration file belongs to the top level so that its [serve]
  // section fills serve's options; fallthrough lets `meihao serve --config F`.
  app.set_config("--config", "", "配置文件（INI/TOML，[serve] 一节） / Configuration file ([serve] section)");
  app.fallthrough();
  app.set_help_all_flag("--help-all", "显示全部子命令的帮助 / Help for every subcommand");
  mc::Options o;

  auto db_opt = [&](CLI::App* c) {
    c->add_option("--db", o.db, "数据库文件路径 / Database file path")->required();
  };

  auto* init = app.add_subcommand("init", "新建数据库：迁移、行政区划、管理员 admin / Create a database with divisions and the admin user");
  db_opt(init);
  init->add_option("--admin-password-file", o.password_file, "从文件读取 admin 初始密码（- 或 /dev/stdin 为标准输入）/ Read admin's initial password from a file (- or /dev/stdin: standard input)");

  auto* demo = app.add_subcommand("demo", "载入演示数据（确定性） / Load the deterministic demo data");
  db_opt(demo);
  demo->add_option("--estates", o.count, "演示小区数量 / Number of demo estates")->check(CLI::Range(1, 200000));
  demo->add_flag("--story", o.story,
                 "再按日期走完演示活动的各阶段（培育、申报、评价、公示、市级名单、总结） / Also walk the demo campaign "
                 "through its phases, each on its own day (cultivation, applications, evaluation, lists, summary)");

  auto* serve = app.add_subcommand("serve", "启动 Web 服务 / Start the web server");
  serve->add_option("--db", o.db, "数据库文件路径 / Database file path")->required();
  serve->add_option("--listen", o.listen, "监听地址 / Listen address (host:port)");
  serve->add_option("--web", o.web_dir, "Web 界面目录 / Directory of the built web UI");
  serve->add_option("--threads", o.threads, "工作线程数（0 = CPU 核数） / Worker threads (0 = cores)");
  serve->add_option("--survey-batch", o.survey_batch,
                    "每次提交最多合并的问卷数（1 = 每份问卷单独提交） / Most survey answers per commit (1: one each)")
      ->check(CLI::Range(1, 100000));
  serve->add_option("--public-url", o.public_url,
                    "居民访问本系统的地址，用于调查单二维码，如 https://meihao.example.gov.cn / Public address for the slips' QR links")
      ->check([](const std::string& v) -> std::string {
        bool scheme = v.rfind("https://", 0) == 0 || v.rfind("http://", 0) == 0;
        if (!scheme || v.back() == '/' || v.find_first_of(" \t\"'<>") != std::string::npos)
          return "须以 http:// 或 https:// 开头、末尾不带 / / must start with http:// or https:// and not end with /";
        return "";
      });
  serve->add_option("--log-level", o.log_level, "日志级别 / Log level (debug, info, warn, error)");

  auto* imp = app.add_subcommand("import", "导入数据 / Import data");
  imp->require_subcommand(1);
  auto* imp_estates = imp->add_subcommand("estates", "导入小区台账（.csv/.xlsx） / Import estates");
  imp_estates->add_option("FILE", o.file, "文件 / File")->required()->check(CLI::ExistingFile);
  db_opt(imp_estates);
  imp_estates->add_flag("--dry-run", o.dry_run, "只检查，不写入 / Check only, write nothing");
  const std::pair<const char*, const char*> kRecordKinds[] = {
      {"complaints", "导入投诉记录（12345 热线等） / Import complaint records"},
      {"satisfaction", "导入第三方满意度测评结果 / Import third-party satisfaction results"},
      {"fees", "导入物业费收缴情况 / Import fee collection"},
      {"penalties", "导入行政处罚记录 / Import administrative penalties"}};
  std::vector<CLI::App*> imp_records;
  for (const auto& [key, help] : kRecordKinds) {
    auto* sub = imp->add_subcommand(key, help);
    sub->add_option("FILE", o.file, "文件（.csv/.xlsx） / File")->required()->check(CLI::ExistingFile);
    db_opt(sub);
    sub->add_flag("--dry-run", o.dry_run, "只检查，不写入 / Check only, write nothing");
    sub->callback([&o, k = std::string(key)] { o.kind = k; });
    imp_records.push_back(sub);
  }

  auto* exp = app.add_subcommand("export", "导出数据 / Export data");
  exp->require_subcommand(1);
  auto* exp_estates = exp->add_subcommand("estates", "导出小区台账 / Export estates");
  db_opt(exp_estates);
  exp_estates->add_option("--format", o.format, "csv 或 xlsx / csv or xlsx")->check(CLI::IsMember({"csv", "xlsx"}));
  exp_estates->add_option("--out", o.out, "输出文件（缺省为标准输出） / Output file (default stdout)");

  std::vector<CLI::App*> exp_tables;
  for (const auto& [key, help] : {std::pair{"rankings", "导出排名表 / Export the rankings table"},
                                  std::pair{"gates", "导出自动核验表 / Export the automatic gate checks"},
                                  std::pair{"quotas", "导出各县（市、区）名额 / Export the county quotas"}}) {
    auto* sub = exp->add_subcommand(key, help);
    db_opt(sub);
    sub->add_option("--campaign", o.year, "活动年度 / Campaign year")->required()->check(CLI::Range(2000, 2100));
    sub->add_option("--format", o.format, "csv 或 xlsx / csv or xlsx")->check(CLI::IsMember({"csv", "xlsx"}));
    sub->add_option("--out", o.out, "输出文件（缺省为标准输出） / Output file (default stdout)");
    sub->callback([&o, k = std::string(key)] { o.kind = k; });
    exp_tables.push_back(sub);
  }

  auto* exp_selection = exp->add_subcommand("selection", "导出评选结果（得分、排名、原则要求、结果） / Export the selection results");
  db_opt(exp_selection);
  exp_selection->add_option("--campaign", o.year, "活动年度 / Campaign year")->required()->check(CLI::Range(2000, 2100));
  exp_selection->add_option("--level", o.level, "county（县级）或 city（市级） / county or city")
      ->check(CLI::IsMember({"county", "city"}));
  exp_selection->add_option("--unit", o.unit, "县（市、区）代码（缺省为全部） / County code (default: every county)");
  exp_selection->add_option("--format", o.format, "csv 或 xlsx / csv or xlsx")->check(CLI::IsMember({"csv", "xlsx"}));
  exp_selection->add_option("--out", o.out, "输出文件（缺省为标准输出） / Output file (default stdout)");

  auto* user = app.add_subcommand("user", "用户管理 / Manage users");
  user->require_subcommand(1);
  auto* uadd = user->add_subcommand("add", "新增用户 / Add a user");
  db_opt(uadd);
  uadd->add_option("--username", o.username, "用户名 / Username")->required();
  uadd->add_option("--role", o.role, "角色 / Role")
      ->required()
      ->check(CLI::IsMember({"city_admin", "county_admin", "street_staff", "applicant", "evaluator", "auditor", "assessor"}));
  uadd->add_option("--scope", o.scope, "范围：行政区划代码或小区编码 / Scope: division code or estate code")->required();
  uadd->add_option("--display-name", o.display_name, "姓名 / Display name");
  uadd->add_option("--password-file", o.password_file, "从文件读取初始密码（缺省随机生成） / Initial password file");
  auto* ulist = user->add_subcommand("list", "列出用户 / List users");
  db_opt(ulist);
  auto* udis = user->add_subcommand("disable", "停用用户 / Disable a user");
  db_opt(udis);
  udis->add_option("--username", o.username, "用户名 / Username")->required();
  auto* ureset = user->add_subcommand("reset-password", "重置密码（下次登录须修改） / Reset a password");
  db_opt(ureset);
  ureset->add_option("--username", o.username, "用户名 / Username")->required();
  ureset->add_option("--password-file", o.password_file, "从文件读取新密码（缺省随机生成） / New password file");

  auto* audit = app.add_subcommand("audit", "审计日志 / Audit trail");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "校验哈希链 / Verify the hash chain");
  db_opt(verify);

  auto* campaign = app.add_subcommand("campaign", "年度活动及其设置 / Yearly campaigns and their settings");
  campaign->require_subcommand(1);
  auto* ccreate = campaign->add_subcommand("create", "设立年度活动（采用默认设置） / Create a year's campaign with the defaults");
  auto* cshow = campaign->add_subcommand("show", "显示活动设置 / Show a campaign's settings");
  auto* cset = campaign->add_subcommand("set", "修改活动设置：设置名=值 … / Change settings: KEY=VALUE …");
  for (auto* sub : {ccreate, cshow, cset}) {
    db_opt(sub);
    sub->add_option("--year", o.year, "活动年度 / Campaign year")->required()->check(CLI::Range(2000, 2100));
  }
  cset->add_option("SETTINGS", o.assignments, "设置名=值，如 publicity_days=10 / KEY=VALUE pairs")->required();
  cset->add_flag("--reopen", o.reopen, "市级管理员重新开放已锁定的设置（记入审计） / Override the phase locks (audited)");

  auto* survey = app.add_subcommand("survey", "满意度调查住户码 / Survey household codes");
  survey->require_subcommand(1);
  auto* sissue = survey->add_subcommand("issue", "为小区发放住户码并生成调查单 PDF / Issue codes and print slips");
  auto* svoid = survey->add_subcommand("void", "作废遗失的住户码 / Void a lost code");
  auto* scounts = survey->add_subcommand("counts", "住户码发放、使用、作废数 / Codes issued, used, void");
  for (auto* sub : {sissue, svoid, scounts}) {
    db_opt(sub);
    sub->add_option("--campaign", o.year, "活动年度 / Campaign year")->required()->check(CLI::Range(2000, 2100));
  }
  for (auto* sub : {sissue, scounts}) sub->add_option("--estate", o.estate, "小区编码 / Estate code")->required();
  sissue->add_option("--count", o.code_count, "数量（缺省每户一个） / How many (default one per household)");
  sissue->add_option("--slips", o.out, "调查单 PDF 输出文件 / Output PDF of the slips");
  sissue->add_option("--codes-out", o.codes_out,
                     "另将住户码逐行写入文本文件（- 为标准输出），供邮件合并等 / Also write the codes, one per line (- for stdout)");
  sissue->add_option("--base-url", o.base_url, "调查页面地址 / Base URL of the survey page");
  svoid->add_option("CODE", o.code, "住户码 / The household code")->required();

  auto* indicators = app.add_subcommand("indicators", "指标 / Indicators");
  indicators->require_subcommand(1);
  auto* rebuild = indicators->add_subcommand(
      "rebuild", "由原始记录重算全部指标并报告与现有数值的差异 / Recompute the kept figures from the raw records and report differences");
  db_opt(rebuild);
  rebuild->add_option("--campaign", o.year, "活动年度 / Campaign year")->required()->check(CLI::Range(2000, 2100));

  auto* migrate = app.add_subcommand("migrate", "执行数据库迁移 / Apply schema migrations");
  db_opt(migrate);
  auto* version = app.add_subcommand("version", "显示版本 / Show the version");

  CLI11_PARSE(app, argc, argv);
  try {
    if (*init) return mc::Init(o);
    if (*demo) return mc::Demo(o);
    if (*serve) return mc::Serve(o);
    if (*imp_estates) return mc::ImportEstates(o);
    for (auto* sub : imp_records)
      if (*sub) return mc::ImportRecords(o);
    if (*exp_estates) return mc::ExportEstates(o);
    for (auto* sub : exp_tables)
      if (*sub) return mc::ExportRankingTable(o);
    if (*exp_selection) return mc::ExportSelection(o);
    if (*uadd) return mc::UserAdd(o);
    if (*ulist) return mc::UserList(o);
    if (*udis) return mc::UserDisable(o);
    if (*ureset) return mc::UserReset(o);
    if (*verify) return mc::AuditVerify(o);
    if (*ccreate) return mc::CampaignCreate(o);
    if (*sissue) return mc::SurveyIssue(o);
    if (*svoid) return mc::SurveyVoid(o);
    if (*scounts) return mc::SurveyCounts(o);
    if (*rebuild) return mc::IndicatorsRebuild(o);
    if (*cshow) return mc::CampaignShow(o);
    if (*cset) return mc::CampaignSet(o);
    if (*migrate) return mc::Migrate(o);
    if (*version) {
      std::cout << "meihao " << MEIHAO_VERSION << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "错误 / error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

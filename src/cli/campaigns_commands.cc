// meihao campaign create | show | set.
#include "cli/commands.h"

#include <iostream>

#include "cli/command_support.h"
#include "common/date.h"
#include "domain/campaigns/phases.h"
#include "service/campaigns/campaigns.h"
#include "service/setup/setup.h"

namespace meihao::cli {
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

}  // namespace meihao::cli

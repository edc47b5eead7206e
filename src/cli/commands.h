// The subcommands' bodies, apart from the CLI11 parsing in main.cc.
#pragma once
#include <string>
#include <vector>

namespace meihao::cli {

struct Options {
  std::string db, listen = "127.0.0.1:8080", web_dir, log_level = "info", config;
  std::string file, format = "csv", out, kind;
  std::string username, role, scope, display_name, password_file;
  bool dry_run = false, reopen = false;
  int year = 0;
  std::vector<std::string> assignments;  // campaign set: KEY=VALUE
  std::string estate, code, base_url = "http://127.0.0.1:8080";
  int64_t code_count = 0;
  int threads = 0;
  size_t survey_batch = 256;
  std::string codes_out;
  std::string public_url;
  size_t count = 3000;
  bool story = false;  // demo --story: the demo campaign walked through the year
  std::string level = "county", unit;  // export selection
};

int Init(const Options& o);
int Demo(const Options& o);
int Serve(const Options& o);
int ImportEstates(const Options& o);
// complaints | satisfaction | fees | penalties, per o.kind
int ImportRecords(const Options& o);
int ExportEstates(const Options& o);
// rankings | gates | quotas of campaign o.year, per o.kind
int ExportRankingTable(const Options& o);
// The selection export of campaign o.year at o.level (o.unit: one unit, else every county / the city).
int ExportSelection(const Options& o);
int UserAdd(const Options& o);
int UserList(const Options& o);
int UserDisable(const Options& o);
int UserReset(const Options& o);
int AuditVerify(const Options& o);
int Migrate(const Options& o);
int CampaignCreate(const Options& o);
int CampaignShow(const Options& o);
int CampaignSet(const Options& o);
int SurveyIssue(const Options& o);
int SurveyVoid(const Options& o);
int SurveyCounts(const Options& o);
int IndicatorsRebuild(const Options& o);

}  // namespace meihao::cli

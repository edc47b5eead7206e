// meihao survey issue | void | counts: household codes and their printed slips.
#include "cli/commands.h"

#include <fstream>
#include <iostream>

#include "cli/command_support.h"
#include "domain/survey/survey.h"
#include "io/survey/slips_pdf.h"
#include "service/setup/setup.h"
#include "service/survey/survey_codes.h"

namespace meihao::cli {

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

}  // namespace meihao::cli

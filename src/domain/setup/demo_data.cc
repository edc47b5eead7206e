#include "domain/setup/demo_data.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "domain/setup/demo_random.h"
#include "domain/registry/uscc.h"

namespace meihao::domain::setup {
namespace {

using Words = std::vector<std::string>;
const Words kBrands = {"碧桂园", "万科", "保利", "雅居乐", "金地", "越秀", "中海", "时代"};
const Words kStems = {"翠湖", "星河", "江华", "丽景", "帝景", "锦绣", "君悦", "御景", "滨江", "东湖",
                      "紫荆", "凤凰", "海逸", "金汇", "骏景", "华景", "天悦", "龙湾", "明珠", "盈富",
                      "新城", "书香", "朝阳", "康乐", "利民", "侨乡", "五邑", "白沙", "蓬莱", "荷塘"};
const Words kSuffixes = {"花园", "苑", "豪庭", "名苑", "雅苑", "新村", "山庄", "公馆", "家园", "华庭",
                         "湾", "名都", "小区", "广场"};
const Words kPhases = {"二期", "三期", "四期", "五期", "六期", "A座", "B座", "C座"};
const Words kCommunities = {"紫茶", "跃进", "丰乐", "胜利", "建设", "东华", "江滨", "白石", "篁庄", "农林",
                            "联和", "城南", "城西", "东湖", "西湖", "北郊", "新民", "长安", "和平", "富美"};
const Words kRoads = {"港口路", "建设路", "迎宾大道", "胜利路", "五邑路", "江华路", "白沙大道", "东华路",
                      "跃进路", "发展大道", "人民路", "中山路", "环城路", "新桥路", "华园路", "龙湾路",
                      "丰乐路", "农林路", "光明路", "侨乡路"};
const Words kCompanyWords = {"侨都", "五邑", "江华", "丽景", "恒福", "嘉和", "骏业", "锦华", "宏达", "信诚",
                             "安居", "乐家", "美城", "华盛", "金穗", "广信", "粤华", "新时代", "康泰", "德信",
                             "顺景", "悦和", "城发", "邑美", "东升", "银湖", "翠山", "海联", "鸿基", "富润",
                             "众和", "明德", "泰安", "永利", "利华", "雅居", "万家", "君安", "盈信", "天成"};

// Relative size of each county (roughly its urban housing stock).
int CountyWeight(const std::string& code) {
  static const std::map<std::string, int> kWeights = {
      {"440703", 30}, {"440704", 10}, {"440705", 22}, {"440781", 12},
      {"440783", 10}, {"440784", 9},  {"440785", 7}};
  const auto it = kWeights.find(code);
  return it == kWeights.end() ? 5 : it->second;
}

// Picks an index with probability proportional to weights[i].
size_t Weighted(DemoRandom& rng, const std::vector<int>& weights) {
  int total = 0;
  for (int w : weights) total += w;
  int r = static_cast<int>(rng.Below(static_cast<size_t>(total)));
  for (size_t i = 0; i < weights.size(); ++i)
    if ((r -= weights[i]) < 0) return i;
  return weights.size() - 1;
}

struct Company { std::string name, uscc; };

std::vector<Company> MakeCompanies(DemoRandom& rng, const std::vector<const registry::Division*>& counties) {
  static const std::string kOrgChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::vector<Company> out;
  std::set<std::string> used;
  for (size_t i = 0; i < kCompanyWords.size(); ++i) {
    const std::string area = counties[rng.Below(counties.size())]->code;
    std::string first17;
    do {
      first17 = "91" + area;  // 9 = market regulator, 1 = enterprise, then the county
      for (int k = 0; k < 9; ++k) first17 += kOrgChars[rng.Below(k < 7 ? 10 : kOrgChars.size())];
    } while (!used.insert(first17).second);
    const std::string kind = i % 3 == 0 ? "物业服务有限公司" : "物业管理有限公司";
    out.push_back({"江门市" + kCompanyWords[i] + kind, first17 + *registry::UsccCheckChar(first17)});
  }
  return out;
}

std::string UniqueName(DemoRandom& rng, std::set<std::string>& used) {
  const std::string stem = rng.Pick(kStems) + rng.Pick(kSuffixes);
  const std::string base = rng.Percent(25) ? rng.Pick(kBrands) + "·" + stem : stem;
  if (used.insert(base).second) return base;
  for (const std::string& p : kPhases)
    if (used.insert(base + p).second) return base + p;
  for (int n = 7;; ++n)
    if (used.insert(base + std::to_string(n) + "期").second) return base + std::to_string(n) + "期";
}

// 40 … 3000, most estates small: the cube of a uniform draw.
int Households(DemoRandom& rng) {
  const uint64_t u = rng.Below(1000);
  return 40 + static_cast<int>(2960 * u * u * u / (999ULL * 999 * 999));
}

registry::OwnersOrg PickOwnersOrg(DemoRandom& rng, registry::ManagementMode mode) {
  const int committee = mode == registry::ManagementMode::kNone ? 15 : 50;
  const int management = 25;
  const size_t r = rng.Below(100);
  if (r < static_cast<size_t>(committee)) return registry::OwnersOrg::kOwnersCommittee;
  if (r < static_cast<size_t>(committee + management)) return registry::OwnersOrg::kManagementCommittee;
  return registry::OwnersOrg::kNone;
}

std::string Seq5(int n) {
  std::string s = std::to_string(n);
  return std::string(5 - std::min<size_t>(5, s.size()), '0') + s;
}

}  // namespace

std::vector<registry::Estate> GenerateDemoEstates(const registry::DivisionTree& tree, size_t count, uint64_t seed) {
  std::vector<const registry::Division*> counties;
  for (const registry::Division* c : tree.Counties()) if (!tree.Children(c->code).empty()) counties.push_back(c);
  if (counties.empty()) return {};
  DemoRandom rng(seed);
  const std::vector<Company> companies = MakeCompanies(rng, counties);
  std::vector<int> county_weights;
  for (const registry::Division* c : counties) county_weights.push_back(CountyWeight(c->code));
  std::map<std::string, int> next_seq;
  std::set<std::string> names;
  std::vector<registry::Estate> out;
  for (size_t i = 0; i < count; ++i) {
    const registry::Division& county = *counties[Weighted(rng, county_weights)];
    const std::vector<const registry::Division*> towns = tree.Children(county.code);
    std::vector<int> town_weights;
    for (const registry::Division* t : towns) town_weights.push_back(t->name.ends_with("街道") ? 4 : 1);
    const registry::Division& town = *towns[Weighted(rng, town_weights)];
    registry::Estate e;
    e.code = "JM" + county.code + Seq5(++next_seq[county.code]);
    e.name = UniqueName(rng, names);
    e.county_code = county.code;
    e.town_code = town.code;
    e.community = rng.Pick(kCommunities) + "社区";
    e.address = town.name + rng.Pick(kRoads) + std::to_string(1 + rng.Below(300)) + "号";
    e.households = Households(rng);
    const size_t m = rng.Below(100);
    e.mode = m < 65 ? registry::ManagementMode::kProfessional : m < 85 ? registry::ManagementMode::kSelf : registry::ManagementMode::kNone;
    if (e.mode == registry::ManagementMode::kProfessional) {
      const Company& c = companies[rng.Skewed(companies.size())];  // a few big firms manage many
      e.company_name = c.name;
      e.company_uscc = c.uscc;
    }
    e.owners_org = PickOwnersOrg(rng, e.mode);
    e.party_org = rng.Percent(55);
    e.demonstration = rng.Percent(5);
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const registry::Estate& a, const registry::Estate& b) { return a.code < b.code; });
  return out;
}

}  // namespace meihao::domain::setup

#include "domain/registry/estate.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "common/text.h"
#include "domain/registry/uscc.h"

namespace meihao::domain::registry {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Error Bad(std::string field, std::string rule, std::string zh, std::string en) {
  return Error::Invalid("estate." + field + "." + rule, std::move(zh), std::move(en), field);
}

bool IsCodeChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

// A free-text field: valid UTF-8 and at most `max` characters.
void CheckText(const std::string& value, const std::string& field, const std::string& label,
               size_t max, std::vector<Error>* out) {
  if (!IsValidUtf8(value)) {
    out->push_back(Bad(field, "encoding", label + "含有无法识别的字符（编码错误）",
                       field + " contains bytes that are not valid UTF-8"));
  } else if (CodePointCount(value) > max) {
    out->push_back(Bad(field, "too_long", label + "不能超过" + std::to_string(max) + "个字",
                       field + " must be at most " + std::to_string(max) + " characters"));
  }
}

void CheckCode(const Estate& e, std::vector<Error>* out) {
  if (e.code.empty()) {
    out->push_back(Bad("code", "required", "小区编码不能为空", "estate code is required"));
  } else if (e.code.size() > kMaxEstateCode || !std::all_of(e.code.begin(), e.code.end(), IsCodeChar)) {
    out->push_back(Bad("code", "format", "小区编码应为1至32位字母、数字、“-”或“_”",
                       "estate code must be 1-32 characters of A-Z, a-z, 0-9, '-' and '_'"));
  }
}

void CheckPlace(const Estate& e, const DivisionTree& tree, std::vector<Error>* out) {
  const Division* county = tree.Find(e.county_code);
  if (county == nullptr || county->level != Division::Level::kCounty) {
    out->push_back(Bad("county_code", "unknown", "所属县（市、区）不存在",
                       "county is not a county-level division of the city"));
    return;  // the town cannot be judged without its county
  }
  if (tree.FindTown(e.county_code, e.town_code) == nullptr || tree.Find(e.town_code) == nullptr) {
    out->push_back(Bad("town_code", "unknown", "所属镇街不在" + county->name + "辖区内",
                       "town is not a town/street of " + county->code));
  }
}

void CheckCompany(const Estate& e, std::vector<Error>* out) {
  if (e.mode != ManagementMode::kProfessional) {
    const std::string label(ManagementModeLabel(e.mode));
    if (!e.company_name.empty())
      out->push_back(Bad("company_name", "not_allowed", label + "的小区不应填写物业服务企业",
                         "only professionally managed estates have a property service company"));
    if (!e.company_uscc.empty())
      out->push_back(Bad("company_uscc", "not_allowed", label + "的小区不应填写统一社会信用代码",
                         "only professionally managed estates have a company credit code"));
    return;
  }
  if (Trim(e.company_name).empty())
    out->push_back(Bad("company_name", "required", "专业化物业管理的小区必须填写物业服务企业",
                       "a professionally managed estate needs its property service company"));
  else
    CheckText(e.company_name, "company_name", "物业服务企业名称", kMaxCompanyName, out);
  if (e.company_uscc.empty())
    out->push_back(Bad("company_uscc", "required", "专业化物业管理的小区必须填写物业服务企业统一社会信用代码",
                       "a professionally managed estate needs the company's unified social credit code"));
  else if (!IsValidUscc(e.company_uscc))
    out->push_back(Bad("company_uscc", "invalid",
                       "统一社会信用代码无效：应为18位大写字母或数字（不含I、O、Z、S、V）且校验位正确",
                       "unified social credit code is invalid: 18 upper-case characters "
                       "(no I, O, Z, S, V) with a correct GB 32100-2015 check character"));
}

}  // namespace

std::string_view ManagementModeKey(ManagementMode m) {
  switch (m) {
    case ManagementMode::kProfessional: return "professional";
    case ManagementMode::kSelf: return "self";
    case ManagementMode::kNone: return "none";
  }
  return "none";
}

std::string_view ManagementModeLabel(ManagementMode m) {
  switch (m) {
    case ManagementMode::kProfessional: return "专业化物业管理";
    case ManagementMode::kSelf: return "业主自行管理";
    case ManagementMode::kNone: return "无物业管理";
  }
  return "无物业管理";
}

std::string_view OwnersOrgKey(OwnersOrg o) {
  switch (o) {
    case OwnersOrg::kOwnersCommittee: return "owners_committee";
    case OwnersOrg::kManagementCommittee: return "management_committee";
    case OwnersOrg::kNone: return "none";
  }
  return "none";
}

std::string_view OwnersOrgLabel(OwnersOrg o) {
  switch (o) {
    case OwnersOrg::kOwnersCommittee: return "业主委员会";
    case OwnersOrg::kManagementCommittee: return "物业管理委员会";
    case OwnersOrg::kNone: return "无";
  }
  return "无";
}

std::optional<ManagementMode> ParseManagementMode(std::string_view key_or_label) {
  const std::string s = Trim(key_or_label), lower = Lower(s);
  for (ManagementMode m : {ManagementMode::kProfessional, ManagementMode::kSelf, ManagementMode::kNone})
    if (lower == ManagementModeKey(m) || s == ManagementModeLabel(m)) return m;
  return std::nullopt;
}

std::optional<OwnersOrg> ParseOwnersOrg(std::string_view key_or_label) {
  const std::string s = Trim(key_or_label), lower = Lower(s);
  for (OwnersOrg o : {OwnersOrg::kOwnersCommittee, OwnersOrg::kManagementCommittee, OwnersOrg::kNone})
    if (lower == OwnersOrgKey(o) || s == OwnersOrgLabel(o)) return o;
  return std::nullopt;
}

std::vector<Error> ValidateEstate(const Estate& e, const DivisionTree& tree) {
  std::vector<Error> out;
  CheckCode(e, &out);
  if (Trim(e.name).empty())
    out.push_back(Bad("name", "required", "小区名称不能为空", "estate name is required"));
  else
    CheckText(e.name, "name", "小区名称", kMaxEstateName, &out);
  CheckPlace(e, tree, &out);
  CheckText(e.community, "community", "社区", kMaxCommunity, &out);
  CheckText(e.address, "address", "地址", kMaxAddress, &out);
  if (e.households < 1 || e.households > kMaxHouseholds)
    out.push_back(Bad("households", "range", "户数应为1至100000之间的整数",
                      "households must be an integer from 1 to 100000"));
  CheckCompany(e, &out);
  return out;
}

bool ParseYesNo(std::string_view s, bool* out) {
  const std::string v = Lower(Trim(s));
  if (v == "是" || v == "yes" || v == "y" || v == "true" || v == "1") { *out = true; return true; }
  if (v == "否" || v == "no" || v == "n" || v == "false" || v == "0") { *out = false; return true; }
  return false;
}

std::optional<std::string> ParseDate(std::string_view input) {
  const std::string s = Trim(input);
  // Reads 1..max digits at s[*pos]; -1 when there are none or too many.
  const auto number = [&](size_t* pos, size_t min_len, size_t max_len) {
    size_t start = *pos;
    int v = 0;
    while (*pos < s.size() && std::isdigit(static_cast<unsigned char>(s[*pos])) && *pos - start < max_len)
      v = v * 10 + (s[(*pos)++] - '0');
    const size_t len = *pos - start;
    return len >= min_len && len <= max_len ? v : -1;
  };
  size_t pos = 0;
  const int y = number(&pos, 4, 4);
  if (y < 0 || pos >= s.size() || (s[pos] != '-' && s[pos] != '/')) return std::nullopt;
  const char sep = s[pos++];
  const int m = number(&pos, 1, 2);
  if (m < 0 || pos >= s.size() || s[pos++] != sep) return std::nullopt;
  const int d = number(&pos, 1, 2);
  if (d < 0 || pos != s.size()) return std::nullopt;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return std::nullopt;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  char buf[32];  // values are range-checked above; the size only quiets -Wformat-truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

}  // namespace meihao::domain::registry

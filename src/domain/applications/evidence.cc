#include "domain/applications/evidence.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"
#include "domain/forms/file_types.h"
#include "domain/forms/text_fields.h"

namespace meihao::domain::applications {
namespace {

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - suffix.size(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
}

// The first n code points of valid UTF-8 text.
std::string FirstChars(const std::string& s, size_t n) {
  std::string cut;
  size_t chars = 0, i = 0;
  while (i < s.size() && chars < n) {
    size_t len = 1;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) len = 4; else if (c >= 0xE0) len = 3; else if (c >= 0xC0) len = 2;
    cut.append(s, i, len);
    i += len;
    ++chars;
  }
  return cut;
}

}  // namespace

std::optional<std::string_view> SniffEvidenceType(std::string_view bytes) {
  if (auto image = forms::SniffImageType(bytes)) return image;
  if (bytes.substr(0, 5) == "%PDF-") return "application/pdf";
  return std::nullopt;
}

Result<std::string_view> CheckEvidence(std::string_view bytes) {
  if (bytes.empty()) return Error::Invalid("evidence.empty", "证明材料文件为空，请重新选择", "The file is empty", "file");
  if (bytes.size() > kMaxEvidenceBytes)
    return Error{ErrorKind::kTooLarge, "evidence.too_large", "每个证明材料文件不能超过 10 MiB，请压缩或拆分后再上传",
                 "An evidence file may be at most 10 MiB", "file"};
  auto type = SniffEvidenceType(bytes);
  if (!type)
    return Error::Invalid("evidence.type",
                          "证明材料只能是 JPEG、PNG 图片或 PDF 文件（按文件内容判断，改扩展名无效）",
                          "Only JPEG, PNG or PDF files are accepted (judged by content, not by the name)", "file");
  return *type;
}

Status CheckEvidenceCount(int64_t files_already) {
  if (files_already >= kMaxEvidenceFiles)
    return Error::Invalid("evidence.count", "每份申报材料最多上传20个证明材料文件，请删除不需要的文件后再上传",
                          "At most 20 evidence files per application", "file");
  return OkStatus();
}

std::string SafeEvidenceName(std::string_view uploaded, std::string_view mime) {
  auto slash = uploaded.find_last_of("/\\");
  if (slash != std::string_view::npos) uploaded.remove_prefix(slash + 1);
  std::string kept;
  for (char c : uploaded)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F && c != '"') kept += c;
  std::string name = IsValidUtf8(kept) ? Trim(kept) : std::string();
  if (CodePointCount(name) > 100) name = FirstChars(name, 100);
  const bool pdf = mime == "application/pdf", png = mime == "image/png";
  const std::string ext = pdf ? ".pdf" : png ? ".png" : ".jpg";
  if (name.empty()) return "evidence" + ext;
  const bool ext_ok = pdf   ? EndsWithNoCase(name, ".pdf")
                      : png ? EndsWithNoCase(name, ".png")
                            : EndsWithNoCase(name, ".jpg") || EndsWithNoCase(name, ".jpeg");
  return ext_ok ? name : name + ext;
}

namespace {
struct TypeInfo {
  ApplicantType type;
  std::string_view key, zh;
};
constexpr TypeInfo kTypes[] = {
    {ApplicantType::kPartyOrganisation, "party_organisation", "小区党组织"},
    {ApplicantType::kOwnersCommittee, "owners_committee", "业主委员会"},
    {ApplicantType::kManagementCommittee, "management_committee", "物业管理委员会"},
    {ApplicantType::kPropertyCompany, "property_company", "物业服务企业"},
};
}  // namespace

std::string_view ApplicantTypeKey(ApplicantType t) {
  for (const auto& i : kTypes)
    if (i.type == t) return i.key;
  return "";
}
std::string_view ApplicantTypeNameZh(ApplicantType t) {
  for (const auto& i : kTypes)
    if (i.type == t) return i.zh;
  return "";
}

Result<ApplicantType> ParseApplicantType(std::string_view key) {
  if (key.empty())
    return Error::Invalid("application.applicant_type.required", "请选择申报主体类型", "applicant_type is required",
                          "applicant_type");
  for (const auto& i : kTypes)
    if (i.key == key) return i.type;
  return Error::Invalid("application.applicant_type.value",
                        "申报主体类型须为小区党组织（party_organisation）、业主委员会（owners_committee）、"
                        "物业管理委员会（management_committee）或物业服务企业（property_company）",
                        "applicant_type must be party_organisation, owners_committee, management_committee or "
                        "property_company",
                        "applicant_type");
}

Result<std::string> CheckApplicantText(std::string_view text, std::string_view field) {
  const bool contact = field == "contact_name";
  return forms::CheckWrittenText(text, "application." + std::string(field), field, contact ? "联系人姓名" : "申报主体名称",
                          contact ? "The contact's name" : "The applicant's name", 1, kMaxApplicantNameChars);
}

Result<std::string> CheckContactPhone(std::string_view text) {
  auto phone = forms::CheckPhone(text);
  if (phone) return phone;
  Error e = phone.error();
  const bool required = e.code.ends_with(".required");
  e.code = required ? "application.contact_phone.required" : "application.contact_phone.format";
  e.field = "contact_phone";
  e.message_zh = required ? "请填写联系电话"
                          : "联系电话格式不正确：请填写11位手机号码，或带区号的固定电话（如0750-3201234），不含分机号";
  e.message_en = required ? "contact_phone is required"
                          : "contact_phone must be a mobile number or a landline with its area code, no extension";
  return e;
}

Result<std::string> CheckSelfAssessment(const rubric::Rubric& r, std::string_view item_id, std::string_view text) {
  const std::string field = "items." + std::string(item_id);
  const rubric::RubricItem* item = rubric::FindItem(r, item_id);
  if (!item)
    return Error::Invalid("application.item.unknown", "评价标准中没有第" + std::string(item_id) + "项",
                          "The rubric has no item " + std::string(item_id), field);
  if (item->gate != rubric::GateLink::kNone)
    return Error::Invalid("application.item.gate",
                          "第" + item->id + "项按原则要求的自动核验结果计分，无需填写自评",
                          "Item " + item->id + " is scored from the automatic principle check; it takes no self-assessment",
                          field);
  if (Trim(text).empty()) return std::string();
  return forms::CheckWrittenText(text, "application.item", field, "第" + item->id + "项的自评", "The self-assessment of item " + item->id,
                          1, kMaxSelfAssessmentChars);
}

std::vector<Error> MissingSelfAssessments(const rubric::Rubric& r, const std::map<std::string, std::string>& texts) {
  std::vector<Error> out;
  for (const auto& s : r.sections)
    for (const auto& item : s.items) {
      if (item.gate != rubric::GateLink::kNone) continue;
      auto it = texts.find(item.id);
      if (it != texts.end() && !Trim(it->second).empty()) continue;
      out.push_back(Error::Invalid("application.item.missing", "第" + item.id + "项尚未填写自评，请填写后再提交",
                                  "Item " + item.id + " has no self-assessment yet", "items." + item.id));
    }
  return out;
}

std::string_view ApplicationStatusKey(ApplicationStatus s) {
  switch (s) {
    case ApplicationStatus::kDraft: return "draft";
    case ApplicationStatus::kSubmitted: return "submitted";
    case ApplicationStatus::kWithdrawn: return "withdrawn";
  }
  return "";
}
std::string_view ApplicationStatusNameZh(ApplicationStatus s) {
  switch (s) {
    case ApplicationStatus::kDraft: return "草稿";
    case ApplicationStatus::kSubmitted: return "已提交";
    case ApplicationStatus::kWithdrawn: return "已撤回";
  }
  return "";
}
std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view key) {
  for (auto s : {ApplicationStatus::kDraft, ApplicationStatus::kSubmitted, ApplicationStatus::kWithdrawn})
    if (ApplicationStatusKey(s) == key) return s;
  return std::nullopt;
}

Status CheckEditable(ApplicationStatus s) {
  if (s == ApplicationStatus::kSubmitted)
    return Error::Conflict("application.frozen", "申报材料已提交，不能再修改；如需修改，请在评审开始前撤回后重新提交",
                           "The application is submitted and frozen; withdraw it (before review starts) to change it");
  return OkStatus();
}

Status CheckWithdrawable(ApplicationStatus s, bool county_sheet_submitted) {
  if (s != ApplicationStatus::kSubmitted)
    return Error::Conflict("application.status", "只有已提交的申报材料可以撤回（当前为" +
                                                     std::string(ApplicationStatusNameZh(s)) + "）",
                           "Only a submitted application can be withdrawn (it is " +
                               std::string(ApplicationStatusKey(s)) + ")");
  if (county_sheet_submitted)
    return Error::Conflict("application.under_review", "县级评审专家已提交评分，申报材料已进入评审，不能撤回",
                           "A county evaluator has submitted a score sheet; the application is under review and "
                           "cannot be withdrawn");
  return OkStatus();
}

}  // namespace meihao::domain::applications

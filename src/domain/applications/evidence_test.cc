#include "domain/applications/evidence.h"

#include <gtest/gtest.h>

namespace meihao::domain::applications {
namespace {

const std::string kJpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10);
const std::string kPng("\x89PNG\r\n\x1A\n\0\0", 10);
const std::string kPdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj";

TEST(EvidenceTest, TypeByContentOnly) {
  struct Case {
    std::string bytes;
    std::optional<std::string_view> type;
  };
  const Case cases[] = {
      {kJpeg, "image/jpeg"},
      {kPng, "image/png"},
      {kPdf, "application/pdf"},
      {"%PDF-", "application/pdf"},
      {"%PDF", std::nullopt},                 // cut short
      {"%pdf-1.4", std::nullopt},             // the marker is case-sensitive
      {" %PDF-1.4", std::nullopt},            // not at the start
      {"<!DOCTYPE html><script>", std::nullopt},
      {"GIF89a", std::nullopt},
      {"PK\x03\x04", std::nullopt},           // a .docx
      {std::string("\xFF\xD8", 2), std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.bytes);
    EXPECT_EQ(SniffEvidenceType(c.bytes), c.type);
  }
}

TEST(EvidenceTest, CheckEvidenceRefusals) {
  struct Case {
    std::string bytes;
    std::string code;  // "" = accepted
    ErrorKind kind = ErrorKind::kInvalid;
  };
  const std::string at_limit = kPdf + std::string(kMaxEvidenceBytes - kPdf.size(), 'x');
  const Case cases[] = {
      {kPdf, ""},
      {at_limit, ""},
      {at_limit + "x", "evidence.too_large", ErrorKind::kTooLarge},
      {"", "evidence.empty"},
      {"hello", "evidence.type"},
      {"<html>%PDF-", "evidence.type"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.code + " " + std::to_string(c.bytes.size()));
    auto r = CheckEvidence(c.bytes);
    if (c.code.empty()) {
      EXPECT_TRUE(r.ok());
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, c.code);
      EXPECT_EQ(r.error().kind, c.kind);
      EXPECT_EQ(r.error().field, "file");
    }
  }
  EXPECT_EQ(kMaxEvidenceBytes, 10u * 1024 * 1024);
}

TEST(EvidenceTest, Count) {
  EXPECT_TRUE(CheckEvidenceCount(0).ok());
  EXPECT_TRUE(CheckEvidenceCount(19).ok());
  ASSERT_FALSE(CheckEvidenceCount(20).ok());
  EXPECT_EQ(CheckEvidenceCount(20).error().code, "evidence.count");
}

TEST(EvidenceTest, SafeNames) {
  struct Case {
    std::string uploaded, mime, kept;
  };
  const Case cases[] = {
      {"党建台账.pdf", "application/pdf", "党建台账.pdf"},
      {"REPORT.PDF", "application/pdf", "REPORT.PDF"},
      {"scan.jpg", "application/pdf", "scan.jpg.pdf"},        // the content decides
      {"photo.JPEG", "image/jpeg", "photo.JPEG"},
      {"photo.png", "image/jpeg", "photo.png.jpg"},
      {"../../etc/passwd", "image/png", "passwd.png"},
      {"C:\\Users\\王\\活动.png", "image/png", "活动.png"},
      {"a\"b\r\n.pdf", "application/pdf", "ab.pdf"},
      {"  ", "application/pdf", "evidence.pdf"},
      {"", "image/png", "evidence.png"},
      {"", "image/jpeg", "evidence.jpg"},
      {std::string("\xFF\xFE.pdf"), "application/pdf", "evidence.pdf"},  // not UTF-8
      {std::string(150, 'a') + ".pdf", "application/pdf", std::string(100, 'a') + ".pdf"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.uploaded);
    EXPECT_EQ(SafeEvidenceName(c.uploaded, c.mime), c.kept);
  }
}

TEST(EvidenceTest, ApplicantTypes) {
  for (auto t : {ApplicantType::kPartyOrganisation, ApplicantType::kOwnersCommittee,
                 ApplicantType::kManagementCommittee, ApplicantType::kPropertyCompany}) {
    auto back = ParseApplicantType(ApplicantTypeKey(t));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, t);
  }
  EXPECT_EQ(ApplicantTypeNameZh(ApplicantType::kPropertyCompany), "物业服务企业");
  struct Case {
    std::string key, code;
  };
  for (const auto& c : std::vector<Case>{{"", "application.applicant_type.required"},
                                         {"Property_Company", "application.applicant_type.value"},
                                         {"物业服务企业", "application.applicant_type.value"}}) {
    auto r = ParseApplicantType(c.key);
    ASSERT_FALSE(r.ok()) << c.key;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().field, "applicant_type");
  }
}

TEST(EvidenceTest, ApplicantTextAndPhone) {
  struct Case {
    std::string text, field, code, kept;
  };
  const Case cases[] = {
      {" 幸福小区党支部 ", "applicant_name", "", "幸福小区党支部"},
      {"", "applicant_name", "application.applicant_name.required", ""},
      {std::string(100 * 3, 'x').substr(0, 100), "contact_name", "", std::string(100, 'x')},
      {std::string(101, 'x'), "contact_name", "application.contact_name.length", ""},
  };
  for (const auto& c : cases) {
    auto r = CheckApplicantText(c.text, c.field);
    if (c.code.empty()) {
      ASSERT_TRUE(r.ok()) << c.text;
      EXPECT_EQ(*r, c.kept);
    } else {
      ASSERT_FALSE(r.ok()) << c.text;
      EXPECT_EQ(r.error().code, c.code);
      EXPECT_EQ(r.error().field, c.field);
    }
  }
  struct Phone {
    std::string text, code, kept;
  };
  const Phone phones[] = {
      {"138 1234 5678", "", "13812345678"},
      {"0750-3201234", "", "0750-3201234"},
      {"", "application.contact_phone.required", ""},
      {"12345", "application.contact_phone.format", ""},
      {"0750-3201234-801", "application.contact_phone.format", ""},
  };
  for (const auto& p : phones) {
    auto r = CheckContactPhone(p.text);
    if (p.code.empty()) {
      ASSERT_TRUE(r.ok()) << p.text;
      EXPECT_EQ(*r, p.kept);
    } else {
      ASSERT_FALSE(r.ok()) << p.text;
      EXPECT_EQ(r.error().code, p.code);
      EXPECT_EQ(r.error().field, "contact_phone");
    }
  }
}

TEST(EvidenceTest, SelfAssessment) {
  const rubric::Rubric& r = rubric::ReferenceRubric();
  struct Case {
    std::string item, text, code, kept;
  };
  const Case cases[] = {
      {"1.1", "  建立了小区党支部。 ", "", "建立了小区党支部。"},
      {"4.7", "", "", ""},  // clearing is allowed
      {"1.1", std::string(2000, 'a'), "", std::string(2000, 'a')},
      {"1.1", std::string(2001, 'a'), "application.item.length", ""},
      {"1.1", "\xFF\xFE", "application.item.encoding", ""},
      {"3.1", "满意度很高", "application.item.gate", ""},
      {"3.2", "", "application.item.gate", ""},
      {"5.1", "x", "application.item.unknown", ""},
      {"1.1.1", "x", "application.item.unknown", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.item + " " + c.code);
    auto res = CheckSelfAssessment(r, c.item, c.text);
    if (c.code.empty()) {
      ASSERT_TRUE(res.ok());
      EXPECT_EQ(*res, c.kept);
    } else {
      ASSERT_FALSE(res.ok());
      EXPECT_EQ(res.error().code, c.code);
      EXPECT_EQ(res.error().field, "items." + c.item);
    }
  }
}

TEST(EvidenceTest, MissingSelfAssessments) {
  const rubric::Rubric& r = rubric::ReferenceRubric();
  std::map<std::string, std::string> texts;
  EXPECT_EQ(MissingSelfAssessments(r, texts).size(), 23u);  // 25 items, 3.1 and 3.2 are the gates'
  for (const auto& s : r.sections)
    for (const auto& item : s.items) texts[item.id] = "已落实";
  texts.erase("3.1");
  texts.erase("3.2");
  EXPECT_TRUE(MissingSelfAssessments(r, texts).empty());
  texts["2.3"] = "  ";
  texts.erase("4.7");
  auto missing = MissingSelfAssessments(r, texts);
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0].field, "items.2.3");
  EXPECT_EQ(missing[1].field, "items.4.7");
  EXPECT_EQ(missing[0].code, "application.item.missing");
}

TEST(EvidenceTest, StatusRules) {
  using S = ApplicationStatus;
  struct Case {
    S status;
    bool sheet;
    std::string edit, withdraw;  // "" = allowed
  };
  const Case cases[] = {
      {S::kDraft, false, "", "application.status"},
      {S::kWithdrawn, false, "", "application.status"},
      {S::kSubmitted, false, "application.frozen", ""},
      {S::kSubmitted, true, "application.frozen", "application.under_review"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(ApplicationStatusKey(c.status)) + (c.sheet ? " sheet" : ""));
    auto e = CheckEditable(c.status);
    EXPECT_EQ(e.ok() ? "" : e.error().code, c.edit);
    auto w = CheckWithdrawable(c.status, c.sheet);
    EXPECT_EQ(w.ok() ? "" : w.error().code, c.withdraw);
    if (!w.ok()) {
      EXPECT_EQ(w.error().kind, ErrorKind::kConflict);
    }
    EXPECT_EQ(ParseApplicationStatus(ApplicationStatusKey(c.status)), c.status);
  }
  EXPECT_EQ(ParseApplicationStatus("Draft"), std::nullopt);
}

}  // namespace
}  // namespace meihao::domain::applications

#include "service/applications/applications.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "service/campaigns/campaigns.h"
#include "service/rubric/rubric_store.h"
#include "service/rubric/rubrics.h"
#include "service/testing/test_database.h"

namespace meihao::service::applications {
namespace {

namespace fs = std::filesystem;
using domain::applications::ApplicationStatus;

Date D(const char* iso) { return *Date::Parse(iso); }
const std::string kPdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

class ApplicationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("meihao-apps-" + std::to_string(getpid()) + "-" + crypto::RandomToken(4));
    fs::create_directories(dir);
    ctx = std::make_unique<Context>(Context{t.db(), t.ctx().tree, dir.string()});
    ASSERT_TRUE(campaigns::CreateCampaign(*ctx, Actor::System(), 2023).ok());
    auto c = t.db().Acquire();
    for (auto [code, county, town] : {std::tuple{"E1", "440703", "440703001"}, {"E2", "440703", "440703002"},
                                      {"E3", "440705", "440705001"}})
      c->Exec("INSERT INTO estates(code, name, county_code, town_code, households, management_mode, owners_org, "
              "party_org, demonstration, created_at, updated_at) VALUES (?, ?, ?, ?, 100, 'professional', "
              "'owners_committee', 1, 0, '2023-01-01', '2023-01-01')",
              {std::string(code), "小区" + std::string(code), std::string(county), std::string(town)});
    int64_t id = 10;
    for (auto [name, role, scope] : {std::tuple{"city", "city_admin", "440700"}, {"pj", "county_admin", "440703"},
                                     {"xh", "county_admin", "440705"}, {"street", "street_staff", "440703001"},
                                     {"street2", "street_staff", "440703002"}, {"eval", "evaluator", "440700"},
                                     {"audit", "auditor", "440700"}, {"app", "applicant", "E1"},
                                     {"app2", "applicant", "E2"}}) {
      c->Exec("INSERT INTO users(id, username, display_name, role, scope_code, password_hash, created_at) "
              "VALUES (?, ?, ?, ?, ?, 'x', '2023-01-01')",
              {id, std::string(name), std::string(name), std::string(role), std::string(scope)});
      actors[name] = Actor{id, name, {id, *policy::RoleFromKey(role), scope}, "test"};
      ++id;
    }
  }
  void TearDown() override {
    ctx.reset();
    fs::remove_all(dir);
  }
  const Actor& A(const std::string& name) { return actors.at(name); }
  ApplicantFields Body() { return {"owners_committee", "幸福小区业主委员会", "张三", "138 1234 5678"}; }
  int64_t Create() {
    auto r = CreateApplication(*ctx, A("app"), 2023, "E1", Body(), apply);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
    return r.ok() ? r->app.id : 0;
  }
  // Every item that takes a self-assessment.
  std::map<std::string, std::string> AllItems() {
    std::map<std::string, std::string> items;
    for (const auto& s : domain::rubric::ReferenceRubric().sections)
      for (const auto& i : s.items)
        if (i.gate == domain::rubric::GateLink::kNone) items[i.id] = "第" + i.id + "项已落实。";
    return items;
  }
  int64_t Version(int64_t id) {
    return *t.db().Acquire()->QueryInt("SELECT version FROM applications WHERE id = ?", {id});
  }
  int64_t Count(const std::string& sql, storage::Params p = {}) { return *t.db().Acquire()->QueryInt(sql, p); }

  TestDatabase t{"applications"};
  fs::path dir;
  std::unique_ptr<Context> ctx;
  std::map<std::string, Actor> actors;
  const Date apply = D("2023-09-05");
};

TEST_F(ApplicationsTest, CreateRefusals) {
  struct Case {
    std::string actor, estate;
    Date today;
    std::string code;
  };
  const Case cases[] = {
      {"pj", "E1", apply, "forbidden"},
      {"city", "E1", apply, "forbidden"},
      {"eval", "E1", apply, "forbidden"},
      {"street", "E1", apply, "forbidden"},
      {"app", "E2", apply, "estate.not_found"},    // another estate
      {"app", "NOPE", apply, "estate.not_found"},
      {"app", "E1", D("2023-08-31"), "phase.closed"},
      {"app", "E1", D("2023-09-21"), "phase.closed"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.actor + " " + c.estate + " " + c.today.ToString());
    auto r = CreateApplication(*ctx, A(c.actor), 2023, c.estate, Body(), c.today);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, c.code);
  }
  auto bad = Body();
  bad.applicant_type = "tenant";
  auto r = CreateApplication(*ctx, A("app"), 2023, "E1", bad, apply);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "applicant_type");
  bad = Body();
  bad.contact_phone = "110";
  r = CreateApplication(*ctx, A("app"), 2023, "E1", bad, apply);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "application.contact_phone.format");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications"), 0);
}

TEST_F(ApplicationsTest, CreateOnceWithHistoryAndAudit) {
  const int64_t id = Create();
  auto d = GetApplication(*ctx, A("app"), 2023, id, apply);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->app.status, ApplicationStatus::kDraft);
  EXPECT_EQ(d->app.contact_phone, "13812345678");
  EXPECT_EQ(d->app.county_name, "蓬江区");
  EXPECT_EQ(d->items.size(), 25u);
  ASSERT_EQ(d->history.size(), 1u);
  EXPECT_EQ(d->history[0].event, "created");
  EXPECT_EQ(d->history[0].username, "app");
  EXPECT_FALSE(d->automatic_frozen);
  ASSERT_TRUE(d->automatic.has_value());
  ASSERT_EQ(d->principles.size(), 9u);
  EXPECT_TRUE(*d->principles[1].automatic_passed);  // party organisation registered
  EXPECT_NE(d->principles[0].automatic_zh.find("没有满意度测评数据"), std::string::npos);
  EXPECT_NE(d->principles[7].automatic_zh.find("没有物业费收缴数据"), std::string::npos);
  EXPECT_FALSE(*d->principles[7].automatic_passed);
  EXPECT_FALSE(d->principles[2].automatic_passed.has_value());  // P3: evaluators only
  auto again = CreateApplication(*ctx, A("app"), 2023, "E1", Body(), apply);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "application.exists");
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'application.create'"), 1);
}

TEST_F(ApplicationsTest, WhoReads) {
  const int64_t id = Create();
  struct Case {
    std::string actor, code;
  };
  const Case cases[] = {
      {"app", ""},     {"city", ""},  {"pj", ""},   {"street", ""}, {"audit", ""},
      {"xh", "application.not_found"},  {"street2", "application.not_found"},
      {"app2", "application.not_found"}, {"eval", "application.not_found"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.actor);
    auto r = GetApplication(*ctx, A(c.actor), 2023, id, apply);
    EXPECT_EQ(r.ok() ? "" : r.error().code, c.code);
  }
  t.db().Acquire()->Exec("INSERT INTO assignments(application_id, level, evaluator_id, assigned_at) "
                         "VALUES (?, 'city', ?, 'x')",
                         {id, *A("eval").user_id});
  EXPECT_TRUE(GetApplication(*ctx, A("eval"), 2023, id, apply).ok());
  EXPECT_EQ(GetApplication(*ctx, A("city"), 2023, id + 1, apply).error().code, "application.not_found");
  EXPECT_EQ(GetApplication(*ctx, A("city"), 2024, id, apply).error().code, "campaign.not_found");

  auto list = ListApplications(*ctx, A("eval"), 2023, {});
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, "forbidden");
  EXPECT_EQ(ListApplications(*ctx, A("xh"), 2023, {})->size(), 0u);
  EXPECT_EQ(ListApplications(*ctx, A("app2"), 2023, {})->size(), 0u);
  EXPECT_EQ(ListApplications(*ctx, A("pj"), 2023, {"440703", "draft"})->size(), 1u);
  EXPECT_EQ(ListApplications(*ctx, A("city"), 2023, {"", "submitted"})->size(), 0u);
  EXPECT_EQ(ListApplications(*ctx, A("city"), 2023, {"440799", ""}).error().code, "county.not_found");
  EXPECT_EQ(ListApplications(*ctx, A("city"), 2023, {"", "open"}).error().code, "application.status.value");
}

TEST_F(ApplicationsTest, EditCollectsEveryProblemAndLocksByVersion) {
  const int64_t id = Create();
  ApplicationEdit edit;
  edit.version = Version(id);
  edit.items = {{"1.1", "建立了党支部"}, {"3.1", "满意度高"}, {"9.9", "x"}, {"2.1", std::string(2001, 'a')}};
  edit.fields.contact_name = "";
  std::vector<Error> problems;
  auto r = UpdateApplication(*ctx, A("app"), 2023, id, edit, apply, &problems);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& p : problems) fields.push_back(p.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"contact_name", "items.2.1", "items.3.1", "items.9.9"}));
  EXPECT_EQ(r.error().field, "contact_name");
  EXPECT_EQ(problems[2].code, "application.item.gate");
  EXPECT_EQ(problems[3].code, "application.item.unknown");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_items"), 0) << "nothing written";

  edit = {};
  edit.items = {{"1.1", " 建立了党支部 "}};
  edit.fields.applicant_name = "幸福小区党支部";
  edit.fields.applicant_type = "party_organisation";
  auto missing_version = UpdateApplication(*ctx, A("app"), 2023, id, edit, apply, nullptr);
  EXPECT_EQ(missing_version.error().code, "version.required");
  edit.version = Version(id);
  auto ok = UpdateApplication(*ctx, A("app"), 2023, id, edit, apply, nullptr);
  ASSERT_TRUE(ok.ok()) << ok.error().message_en;
  EXPECT_EQ(ok->items[0].self_assessment, "建立了党支部");
  EXPECT_EQ(ok->app.applicant_name, "幸福小区党支部");
  EXPECT_EQ(ok->app.contact_name, "张三");  // absent: unchanged
  EXPECT_EQ(ok->app.version, *edit.version + 1);
  EXPECT_EQ(ok->history.back().event, "edited");
  auto stale = UpdateApplication(*ctx, A("app"), 2023, id, edit, apply, nullptr);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "application.version.stale");
  // Clearing an item removes it.
  edit.version = Version(id);
  edit.items = {{"1.1", ""}};
  ASSERT_TRUE(UpdateApplication(*ctx, A("app"), 2023, id, edit, apply, nullptr).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_items"), 0);
  // Others may not edit; outside the phase nobody may.
  EXPECT_EQ(UpdateApplication(*ctx, A("pj"), 2023, id, edit, apply, nullptr).error().code, "forbidden");
  EXPECT_EQ(UpdateApplication(*ctx, A("app2"), 2023, id, edit, apply, nullptr).error().code, "application.not_found");
  EXPECT_EQ(UpdateApplication(*ctx, A("app"), 2023, id, edit, D("2023-09-21"), nullptr).error().code, "phase.closed");
}

TEST_F(ApplicationsTest, SubmitFreezesWithdrawReopens) {
  // 蓬江区 refined its rubric before apply: 1.1 in two sub-items.
  const std::string refinement = R"({"items":[{"id":"1.1","sub_items":[{"name":"组织","max":"6"},{"name":"机制","max":"4"}]}]})";
  ASSERT_TRUE(rubric::PutUnitRubric(*ctx, A("pj"), 2023, "440703", refinement, 0, false, D("2023-08-01"), nullptr).ok());
  const int64_t id = Create();
  std::vector<Error> problems;
  auto early = SubmitApplication(*ctx, A("app"), 2023, id, std::nullopt, apply, &problems);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "application.item.missing");
  EXPECT_EQ(problems.size(), 23u);
  EXPECT_EQ(problems.front().field, "items.1.1");

  ApplicationEdit edit;
  edit.items = AllItems();
  edit.items.erase("4.7");
  edit.version = Version(id);
  ASSERT_TRUE(UpdateApplication(*ctx, A("app"), 2023, id, edit, apply, nullptr).ok());
  problems.clear();
  auto one_missing = SubmitApplication(*ctx, A("app"), 2023, id, std::nullopt, apply, &problems);
  ASSERT_FALSE(one_missing.ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "items.4.7");
  edit.items = {{"4.7", "开展了消防演练。"}};
  edit.version = Version(id);
  ASSERT_TRUE(UpdateApplication(*ctx, A("app"), 2023, id, edit, apply, nullptr).ok());

  EXPECT_EQ(SubmitApplication(*ctx, A("app"), 2023, id, Version(id) - 1, apply, nullptr).error().code,
            "application.version.stale");
  EXPECT_EQ(SubmitApplication(*ctx, A("city"), 2023, id, std::nullopt, apply, nullptr).error().code, "forbidden");
  EXPECT_EQ(SubmitApplication(*ctx, A("app"), 2023, id, std::nullopt, D("2023-09-21"), nullptr).error().code,
            "phase.closed");
  auto sub = SubmitApplication(*ctx, A("app"), 2023, id, Version(id), apply, nullptr);
  ASSERT_TRUE(sub.ok()) << sub.error().message_en;
  EXPECT_EQ(sub->app.status, ApplicationStatus::kSubmitted);
  ASSERT_TRUE(sub->app.submitted_ms.has_value());
  EXPECT_GT(*sub->app.submitted_ms, int64_t{1'600'000'000'000});
  EXPECT_TRUE(sub->automatic_frozen);
  EXPECT_TRUE(sub->rubric_frozen);
  EXPECT_EQ(sub->items[0].item.sub_items.size(), 2u);
  EXPECT_EQ(sub->history.back().event, "submitted");
  auto c = t.db().Acquire();
  EXPECT_EQ(c->QueryText("SELECT rubric FROM applications WHERE id = ?", {id}),
            std::optional<std::string>(rubric::LoadRefinementJson(*c, 2023, "440703")));
  auto automatic = c->QueryText("SELECT automatic FROM applications WHERE id = ?", {id});
  ASSERT_TRUE(automatic.has_value());
  EXPECT_TRUE(evaluation::AutomaticChecksFromJson(*automatic).ok());

  // Frozen: no edit, no file, no second submit.
  edit.version = Version(id);
  EXPECT_EQ(UpdateApplication(*ctx, A("app"), 2023, id, edit, apply, nullptr).error().code, "application.frozen");
  EXPECT_EQ(AddEvidence(*ctx, A("app"), 2023, id, "1.1", kPdf, "a.pdf", apply).error().code, "application.frozen");
  EXPECT_EQ(SubmitApplication(*ctx, A("app"), 2023, id, std::nullopt, apply, nullptr).error().code,
            "application.frozen");

  // A county evaluator's submitted sheet bars withdrawing; a draft sheet or a city one does not.
  c->Exec("INSERT INTO score_sheets(application_id, level, evaluator_id, status, scores, principles, saved_at) "
          "VALUES (?, 'county', ?, 'draft', '{}', '{}', 'x')",
          {id, *A("eval").user_id});
  c->Exec("INSERT INTO score_sheets(application_id, level, evaluator_id, status, scores, principles, saved_at) "
          "VALUES (?, 'city', ?, 'submitted', '{}', '{}', 'x')",
          {id, *A("city").user_id});
  auto w = WithdrawApplication(*ctx, A("app"), 2023, id, std::nullopt, apply);
  ASSERT_TRUE(w.ok()) << w.error().message_en;
  EXPECT_EQ(w->app.status, ApplicationStatus::kWithdrawn);
  EXPECT_FALSE(w->automatic_frozen);
  EXPECT_EQ(WithdrawApplication(*ctx, A("app"), 2023, id, std::nullopt, apply).error().code, "application.status");
  // Edited again: back to draft; resubmitted; then under review.
  edit.items = {{"2.1", "补充：业委会按期换届。"}};
  edit.version = Version(id);
  auto again = UpdateApplication(*ctx, A("app"), 2023, id, edit, apply, nullptr);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->app.status, ApplicationStatus::kDraft);
  ASSERT_TRUE(SubmitApplication(*ctx, A("app"), 2023, id, std::nullopt, apply, nullptr).ok());
  c->Exec("UPDATE score_sheets SET status = 'submitted' WHERE level = 'county'");
  EXPECT_EQ(WithdrawApplication(*ctx, A("app"), 2023, id, std::nullopt, apply).error().code,
            "application.under_review");

  auto history = GetApplicationHistory(*ctx, A("pj"), 2023, id);
  ASSERT_TRUE(history.ok());
  std::vector<std::string> events;
  for (const auto& h : *history) events.push_back(h.event);
  EXPECT_EQ(events, (std::vector<std::string>{"created", "edited", "edited", "submitted", "withdrawn", "edited",
                                              "submitted"}));
  EXPECT_NE(history->at(3).snapshot.find("\"status\":\"submitted\""), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'application.%'"), 7);
}

TEST_F(ApplicationsTest, EvidenceFiles) {
  const int64_t id = Create();
  auto f = AddEvidence(*ctx, A("app"), 2023, id, "1.1", kPdf, "../台账.PDF", apply);
  ASSERT_TRUE(f.ok()) << f.error().message_en;
  EXPECT_EQ(f->mime, "application/pdf");
  EXPECT_EQ(f->original_name, "台账.PDF");
  EXPECT_EQ(f->size, int64_t(kPdf.size()));
  EXPECT_EQ(f->sha256, crypto::Sha256Hex(kPdf));
  std::vector<std::string> stored;
  for (const auto& e : fs::directory_iterator(dir / "files" / "evidence")) stored.push_back(e.path().filename());
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].size(), 32u);

  struct Case {
    std::string actor, item, bytes, code;
  };
  const Case cases[] = {
      {"app", "1.1", "<html>", "evidence.type"},
      {"app", "1.1", "", "evidence.empty"},
      {"app", "3.1", kPdf, "application.item.gate"},
      {"app", "9.9", kPdf, "application.item.unknown"},
      {"app", "", kPdf, "evidence.item.required"},
      {"pj", "1.1", kPdf, "forbidden"},
      {"app2", "1.1", kPdf, "application.not_found"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.actor + " " + c.item + " " + c.code);
    auto r = AddEvidence(*ctx, A(c.actor), 2023, id, c.item, c.bytes, "x.pdf", apply);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, c.code);
  }
  EXPECT_EQ(AddEvidence(*ctx, A("app"), 2023, id, "1.1", kPdf, "x.pdf", D("2023-09-21")).error().code, "phase.closed");

  auto got = GetEvidence(*ctx, A("street"), 2023, id, f->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->bytes, kPdf);
  EXPECT_EQ(got->name, "台账.PDF");
  EXPECT_EQ(GetEvidence(*ctx, A("xh"), 2023, id, f->id).error().code, "application.not_found");
  EXPECT_EQ(GetEvidence(*ctx, A("pj"), 2023, id, f->id + 100).error().code, "evidence.not_found");

  // 20 per application.
  for (int i = 2; i <= 20; ++i) ASSERT_TRUE(AddEvidence(*ctx, A("app"), 2023, id, "2.1", kPdf, "p.pdf", apply).ok());
  EXPECT_EQ(AddEvidence(*ctx, A("app"), 2023, id, "2.1", kPdf, "p.pdf", apply).error().code, "evidence.count");
  auto d = GetApplication(*ctx, A("app"), 2023, id, apply);
  EXPECT_EQ(d->items[0].files.size(), 1u);
  EXPECT_EQ(d->items[6].files.size(), 19u);  // 2.1 is the seventh item

  EXPECT_EQ(DeleteEvidence(*ctx, A("pj"), 2023, id, f->id, apply).error().code, "forbidden");
  EXPECT_EQ(DeleteEvidence(*ctx, A("app"), 2023, id, 99999, apply).error().code, "evidence.not_found");
  ASSERT_TRUE(DeleteEvidence(*ctx, A("app"), 2023, id, f->id, apply).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_files"), 19);
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir / "files" / "evidence")) files += e.is_regular_file();
  EXPECT_EQ(files, 19u);
  EXPECT_EQ(GetEvidence(*ctx, A("app"), 2023, id, f->id).error().code, "evidence.not_found");
}

TEST(PrincipleChecksTest, SentencesCarryTheFigures) {
  evaluation::AutomaticChecks a;
  a.fee_year = 2022;
  a.gates = {true, true, false, true, false, Fraction(9651, 10000), true, false};
  a.satisfaction_sample = 120;
  a.satisfaction_index = Fraction(87535, 1000);
  a.satisfaction_rank = 2;
  a.satisfaction_n = 40;
  a.satisfaction_k = 2;
  a.complaint_count = 3;
  a.complaint_rate = Fraction(3 * 1000, 200);
  a.complaint_rank = 17;
  a.complaint_n = 45;
  a.complaint_k = 3;
  auto p = PrincipleChecks(&a);
  ASSERT_EQ(p.size(), 9u);
  EXPECT_EQ(p[0].automatic_zh,
            "满意度指数87.54（有效问卷120份），在本县（市、区）40个参与排名的小区中排第2名（前2名符合）；"
            "投诉率15.00件/千户（3件），在45个小区中由低到高排第17名（前3名符合）。满意度或投诉率排名符合要求。");
  EXPECT_TRUE(*p[0].automatic_passed);
  EXPECT_FALSE(*p[3].automatic_passed);
  EXPECT_NE(p[3].automatic_zh.find("未成立"), std::string::npos);
  EXPECT_FALSE(*p[5].automatic_passed);  // professional, but a penalty
  EXPECT_NE(p[5].automatic_zh.find("受到行政处罚"), std::string::npos);
  EXPECT_EQ(p[7].automatic_zh, "2022年度物业费收缴率96.51%，达到95%。");
  EXPECT_TRUE(*p[7].automatic_passed);
  for (int i : {2, 4, 6, 8}) EXPECT_FALSE(p[size_t(i)].automatic_passed.has_value());
  EXPECT_FALSE(PrincipleChecks(nullptr)[0].automatic_passed.has_value());
}

}  // namespace
}  // namespace meihao::service::applications

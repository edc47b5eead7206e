#include "service/audit/audit.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "common/crypto.h"

namespace meihao::service::audit {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::InitCrypto();
    path_ = std::filesystem::temp_directory_path() / ("meihao-audit-" + std::to_string(getpid()) + ".db");
    std::filesystem::remove(path_);
    db_ = storage::OpenSqlite(path_.string());
    db_->Migrate();
    c_ = db_->Acquire();
    for (int i = 1; i <= 5; ++i) {
      storage::Transaction tx(*c_, true);
      AppendAudit(*c_, {i, "user" + std::to_string(i), "estate.update", "estate:E" + std::to_string(i),
                        "{\"n\":1}", "{\"n\":2}", "127.0.0.1", "ok"});
      tx.Commit();
    }
  }
  void TearDown() override {
    c_.reset();
    db_.reset();
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  std::filesystem::path path_;
  std::unique_ptr<storage::Database> db_;
  std::shared_ptr<storage::Connection> c_;
};

TEST_F(AuditTest, IntactChainVerifies) {
  auto v = VerifyAudit(*c_);
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.checked, 5);
}

TEST_F(AuditTest, EditedRecordIsNamed) {
  c_->Exec("UPDATE audit_log SET after_json = '{\"n\":3}' WHERE id = 3");
  auto v = VerifyAudit(*c_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken, 3);
}

TEST_F(AuditTest, DeletedMiddleRecordIsNamed) {
  c_->Exec("DELETE FROM audit_log WHERE id = 2");
  auto v = VerifyAudit(*c_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken, 3);  // the record after the gap
}

TEST_F(AuditTest, DeletedLastRecordIsDetected) {
  c_->Exec("DELETE FROM audit_log WHERE id = 5");
  auto v = VerifyAudit(*c_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken, 5);
}

TEST_F(AuditTest, RecomputedHashStillBreaksTheNextLink) {
  // A forger who edits a record and fixes its own hash breaks the next record's prev_hash.
  c_->Exec("UPDATE audit_log SET username = 'mallory', hash = 'x' WHERE id = 4");
  auto v = VerifyAudit(*c_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken, 4);
}

TEST_F(AuditTest, ListFiltersAndPages) {
  auto page = ListAudit(*c_, {1, 2, "estate.update", ""});
  EXPECT_EQ(page.total, 5);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].id, 5);  // newest first
  auto one = ListAudit(*c_, {1, 50, "", "user2"});
  EXPECT_EQ(one.total, 1);
  EXPECT_EQ(one.items.at(0).object, "estate:E2");
}

}  // namespace
}  // namespace meihao::service::audit

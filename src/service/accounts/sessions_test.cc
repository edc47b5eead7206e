#include <gtest/gtest.h>

#include "common/clock.h"
#include "service/testing/test_database.h"
#include "service/accounts/users.h"

namespace meihao::service::accounts {
namespace {

class SessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(setup::CreateFirstAdmin(*ctx_, "first-admin-password").ok());
    auto login = Login(*ctx_, "admin", "first-admin-password", "127.0.0.1");
    ASSERT_TRUE(login.ok());
    token_ = login->token;
  }
  // Moves the session's clocks back by the given number of seconds.
  void Age(int64_t since_created, int64_t since_seen) {
    db_->Acquire()->Exec("UPDATE sessions SET created_at = ?, last_seen_at = ?",
                         {NowUnix() - since_created, NowUnix() - since_seen});
  }

  TestDatabase t_{"sessions"};
  storage::Database* db_ = &t_.db();
  const Context* ctx_ = &t_.ctx();
  std::string token_;
};

TEST_F(SessionsTest, FreshSessionAuthenticatesAndIsStoredOnlyAsAHash) {
  auto s = Authenticate(*ctx_, token_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->user.username, "admin");
  EXPECT_TRUE(s->user.must_change_password);
  EXPECT_FALSE(db_->Acquire()->QueryInt("SELECT 1 FROM sessions WHERE token_hash = ?", {token_}).has_value());
  EXPECT_TRUE(db_->Acquire()->QueryInt("SELECT 1 FROM sessions WHERE token_hash = ?", {crypto::Sha256Hex(token_)}));
}

TEST_F(SessionsTest, IdleAndAbsoluteTimeouts) {
  struct Case {
    int64_t since_created, since_seen;
    bool valid;
  };
  const Case cases[] = {
      {60, 60, true},
      {3600, 29 * 60, true},              // idle 29 min: still in
      {3600, 31 * 60, false},             // idle 31 min: out
      {11 * 3600 + 3500, 10, true},       // 11 h 58 min old, active
      {12 * 3600 + 60, 10, false},        // over 12 h, however active
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.since_created) + "/" + std::to_string(c.since_seen));
    auto fresh = Login(*ctx_, "admin", "first-admin-password", "127.0.0.1");
    ASSERT_TRUE(fresh.ok());
    token_ = fresh->token;
    db_->Acquire()->Exec("DELETE FROM sessions WHERE token_hash <> ?", {crypto::Sha256Hex(token_)});
    Age(c.since_created, c.since_seen);
    auto s = Authenticate(*ctx_, token_);
    EXPECT_EQ(s.ok(), c.valid);
    if (!c.valid) {
      EXPECT_EQ(s.error().kind, ErrorKind::kUnauthenticated);
    }
  }
}

TEST_F(SessionsTest, ForgedAndEmptyTokensAreRefused) {
  EXPECT_FALSE(Authenticate(*ctx_, "").ok());
  EXPECT_FALSE(Authenticate(*ctx_, std::string(200, 'a')).ok());
  EXPECT_FALSE(Authenticate(*ctx_, crypto::RandomToken()).ok());
}

TEST_F(SessionsTest, UnknownUserAndWrongPasswordLookAlike) {
  auto a = Login(*ctx_, "nobody", "whatever-password", "127.0.0.1");
  auto b = Login(*ctx_, "admin", "wrong-password-1", "127.0.0.1");
  ASSERT_FALSE(a.ok());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(a.error().code, b.error().code);
  EXPECT_EQ(a.error().message_zh, b.error().message_zh);
  EXPECT_EQ(a.error().message_en, b.error().message_en);
}

TEST_F(SessionsTest, ChangingThePasswordClearsTheFirstLoginFlag) {
  auto s = Authenticate(*ctx_, token_);
  ASSERT_TRUE(s.ok());
  Actor me{s->user.id, "admin", {s->user.id, policy::Role::kCityAdmin, "440700"}, "127.0.0.1"};
  EXPECT_EQ(ChangePassword(*ctx_, me, "wrong-old-password", "a-new-password-1").error().field, "old_password");
  EXPECT_EQ(ChangePassword(*ctx_, me, "first-admin-password", "short").error().field, "new_password");
  ASSERT_TRUE(ChangePassword(*ctx_, me, "first-admin-password", "a-new-password-1").ok());
  EXPECT_FALSE(Authenticate(*ctx_, token_)->user.must_change_password);
  EXPECT_FALSE(Login(*ctx_, "admin", "first-admin-password", "x").ok());
  EXPECT_TRUE(Login(*ctx_, "admin", "a-new-password-1", "x").ok());
}

}  // namespace
}  // namespace meihao::service::accounts

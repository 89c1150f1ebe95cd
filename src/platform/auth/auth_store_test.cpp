// Sessions, API tokens and login throttling against every backend, with the clock
// under the test's control.
#include "platform/auth/auth_store.hpp"

#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "org/org_store.hpp"
#include "platform/auth/password.hpp"
#include "support/backends.hpp"
#include "support/seed.hpp"

namespace harmoni::auth {
namespace {

constexpr int64_t kStart = 1'790'000'000'000;  // ms, November 2026

class AuthStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    set_password_cost(PasswordCost::kTest);
    t_ = test::open_backend(GetParam());
    std::string hash = hash_password("correct horse battery").value();
    auto id = t_.db->write([&](db::Tx& tx) -> Result<int64_t> {
      TRY(test::insert_sambas(tx));
      accounts::UserDraft d{
          "siti@sambas.go.id", "Siti", "auditor", "KAB-SAMBAS", "", "", "id", true, ""};
      return accounts::insert_user(tx, d, hash, 1);
    });
    ASSERT_TRUE(id.ok()) << id.error().internal_detail;
    user_id_ = id.value();
    settings_.idle_timeout_s = 30 * 60;
    settings_.absolute_timeout_s = 12 * 3600;
    store_ = std::make_unique<AuthStore>(*t_.db, clock_, random_, settings_);
  }
  void advance_minutes(int64_t m) { clock_.advance_ms(m * 60 * 1000); }

  test::TestDatabase t_;
  ManualClock clock_{kStart};
  SeededRandom random_{7};
  AuthSettings settings_;
  std::unique_ptr<AuthStore> store_;
  int64_t user_id_ = 0;
};

TEST_P(AuthStoreTest, SessionsExpireWhenIdleAndAtTheirAbsoluteEnd) {
  auto s = store_->login("  SITI@sambas.go.id", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->principal.role, Role::kAuditor);
  EXPECT_FALSE(s->principal.csrf_token.empty());
  advance_minutes(29);
  ASSERT_TRUE(store_->session(s->token).value().has_value()) << "used within the idle limit";
  // Keep it busy until the absolute limit ends it.
  for (int i = 0; i < 24; ++i) {
    advance_minutes(29);
    auto again = store_->session(s->token).value();
    if (i < 23) {
      ASSERT_TRUE(again.has_value()) << i;
    }
  }
  EXPECT_FALSE(store_->session(s->token).value().has_value()) << "12 hours after login";
  auto fresh = store_->login("siti@sambas.go.id", "correct horse battery", "10.0.0.1").value();
  advance_minutes(31);
  EXPECT_FALSE(store_->session(fresh.token).value().has_value()) << "idle for 31 minutes";
}

TEST_P(AuthStoreTest, EachLoginGetsANewSessionAndLogoutEndsIt) {
  auto a = store_->login("siti@sambas.go.id", "correct horse battery", "10.0.0.1").value();
  auto b = store_->login("siti@sambas.go.id", "correct horse battery", "10.0.0.1").value();
  EXPECT_NE(a.token, b.token);
  ASSERT_TRUE(store_->logout(a.token).ok());
  EXPECT_FALSE(store_->session(a.token).value().has_value());
  EXPECT_TRUE(store_->session(b.token).value().has_value());
  auto stored =
      t_.db->read([](db::Tx& tx) { return tx.query("SELECT id_hash FROM sessions"); }).value();
  for (const auto& row : stored) EXPECT_NE(row.text(0), b.token) << "only hashes are stored";
}

TEST_P(AuthStoreTest, ThrottlingBlocksThenForgives) {
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(store_->login("siti@sambas.go.id", "wrong", "10.0.0.2").error().key,
              "auth.bad_credentials");
  }
  EXPECT_EQ(store_->login("siti@sambas.go.id", "wrong", "10.0.0.2").error().key,
            "auth.bad_credentials");
  auto blocked = store_->login("siti@sambas.go.id", "correct horse battery", "10.0.0.3");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().key, "auth.throttled");
  EXPECT_EQ(blocked.error().args.at("seconds"), "30");
  advance_minutes(1);
  EXPECT_TRUE(store_->login("siti@sambas.go.id", "correct horse battery", "10.0.0.3").ok());
  EXPECT_EQ(store_->login("nobody@sambas.go.id", "x", "10.0.0.4").error().key,
            "auth.bad_credentials")
      << "unknown e-mail: the same answer";
}

TEST_P(AuthStoreTest, ApiTokensAreStoredHashedAndCanBeRevoked) {
  auto token =
      t_.db->write([&](db::Tx& tx) { return store_->create_api_token(tx, user_id_, "laporan"); })
          .value();
  EXPECT_EQ(token.rfind("hrm_", 0), 0u);
  auto p = store_->api_token(token).value();
  ASSERT_TRUE(p.has_value());
  EXPECT_TRUE(p->via_api_token);
  EXPECT_TRUE(p->csrf_token.empty());
  EXPECT_FALSE(store_->api_token(token + "x").value().has_value());
  auto listed = t_.db->read([&](db::Tx& tx) { return list_api_tokens(tx, user_id_); }).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].name, "laporan");
  auto revoke = [&](int64_t user) {
    return t_.db->write([&](db::Tx& tx) { return revoke_api_token(tx, user, listed[0].id, 5); })
        .value();
  };
  EXPECT_FALSE(revoke(user_id_ + 1)) << "only the owner revokes";
  EXPECT_TRUE(store_->api_token(token).value().has_value());
  EXPECT_TRUE(revoke(user_id_));
  EXPECT_FALSE(revoke(user_id_)) << "once";
  EXPECT_FALSE(store_->api_token(token).value().has_value());
  EXPECT_TRUE(t_.db->read([&](db::Tx& tx) { return list_api_tokens(tx, user_id_); })->empty());
}

TEST_P(AuthStoreTest, DeactivatedUsersLoseEverything) {
  auto s = store_->login("siti@sambas.go.id", "correct horse battery", "10.0.0.1").value();
  auto token =
      t_.db->write([&](db::Tx& tx) { return store_->create_api_token(tx, user_id_, "t"); }).value();
  ASSERT_TRUE(t_.db
                  ->write([&](db::Tx& tx) -> Status {
                    TRY(tx.exec("UPDATE users SET active = 0 WHERE id = ?", {user_id_}));
                    return {};
                  })
                  .ok());
  EXPECT_FALSE(store_->session(s.token).value().has_value());
  EXPECT_FALSE(store_->api_token(token).value().has_value());
  EXPECT_FALSE(store_->login("siti@sambas.go.id", "correct horse battery", "10.0.0.1").ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthStoreTest, ::testing::ValuesIn(test::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace harmoni::auth

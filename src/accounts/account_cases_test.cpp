// User administration's use cases on every backend: an instansi admin manages the accounts
// of their own instansi only, never a system administrator; a refused account leaves
// nothing behind, an accepted one its audit entry.
#include "accounts/account_cases.hpp"

#include <gtest/gtest.h>

#include <set>

#include "accounts/account_store.hpp"
#include "org/org_store.hpp"
#include "support/seed.hpp"

namespace harmoni::accounts {
namespace {

class AccountCases : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto ok = world_.db().write([&](db::Tx& tx) -> Status {
      sambas_ = TRY(test::insert_sambas(tx));
      TRY(org::insert_unit(tx, sambas_, std::nullopt, "DUKCAPIL", "Dinas Dukcapil", 1));
      pontianak_ = TRY(test::insert_pontianak(tx));
      TRY(org::insert_unit(tx, pontianak_, std::nullopt, "DUKCAPIL", "Dinas Dukcapil", 1));
      for (auto [email, code] : {std::pair{"siti@sambas.go.id", "KAB-SAMBAS"},
                                 std::pair{"budi@pontianak.go.id", "KOTA-PONTIANAK"}}) {
        UserDraft d{
            .email = email, .display_name = email, .role = "auditor", .instansi_code = code};
        ids_.push_back(TRY(insert_user(tx, d, "not-a-hash", 1)));
      }
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
    admin_ =
        auth::Principal{.user_id = 90, .role = auth::Role::kInstansiAdmin, .instansi_id = sambas_};
    root_ = auth::Principal{.user_id = 91, .role = auth::Role::kSystemAdmin};
  }

  static UserDraft officer_of(const char* instansi) {
    return UserDraft{.email = "petugas.baru@sambas.go.id",
                     .display_name = "Petugas Baru",
                     .role = "officer",
                     .instansi_code = instansi,
                     .unit_code = "dukcapil",
                     .password = "kata sandi yang panjang"};
  }
  int64_t users() {
    return world_.db()
        .read([](db::Tx& tx) { return tx.scalar_i64("SELECT COUNT(*) FROM users"); })
        .value();
  }

  test::CaseWorld world_{GetParam(), 1'795'143'600'000};
  int64_t sambas_ = 0, pontianak_ = 0;
  std::vector<int64_t> ids_;
  auth::Principal admin_, root_;
};

TEST_P(AccountCases, AnInstansiAdminSeesOnlyTheirOwnInstansisAccounts) {
  // Naming another instansi does not widen an instansi admin's list.
  auto listed = managed_users(world_.env(), world_.as(admin_), "KOTA-PONTIANAK");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].email, "siti@sambas.go.id");
  EXPECT_TRUE(managed_user(world_.env(), world_.as(admin_), ids_[0]).ok());
  auto foreign = managed_user(world_.env(), world_.as(admin_), ids_[1]);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().kind, ErrorKind::kNotFound);

  // A system administrator filters by instansi, or sees everyone.
  auto filtered = managed_users(world_.env(), world_.as(root_), "kota-pontianak");
  ASSERT_TRUE(filtered.ok());
  ASSERT_EQ(filtered->size(), 1u);
  EXPECT_EQ((*filtered)[0].email, "budi@pontianak.go.id");
  EXPECT_EQ(managed_users(world_.env(), world_.as(root_), "")->size(), 2u);
}

TEST_P(AccountCases, ARefusedAccountLeavesNothingBehind) {
  auto elsewhere = create_user(world_.env(), world_.as(admin_), officer_of("KOTA-PONTIANAK"));
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().key, "user.manage_forbidden");

  UserDraft root = officer_of("");
  root.role = "system_admin";
  root.unit_code.clear();
  auto promoted = create_user(world_.env(), world_.as(admin_), root);
  ASSERT_FALSE(promoted.ok());
  EXPECT_EQ(promoted.error().key, "user.manage_forbidden");

  UserDraft unitless = officer_of("KAB-SAMBAS");
  unitless.unit_code.clear();
  unitless.password = "pendek";
  auto invalid = create_user(world_.env(), world_.as(admin_), unitless);
  ASSERT_FALSE(invalid.ok());
  std::set<std::string> fields;
  for (const auto& f : invalid.error().fields) fields.insert(f.field);
  EXPECT_TRUE(fields.contains("unit"));
  EXPECT_TRUE(fields.contains("password"));

  EXPECT_EQ(users(), 2);
  EXPECT_EQ(world_.audited("user.create"), 0);
}

TEST_P(AccountCases, AnAcceptedAccountIsAuditedInItsInstansi) {
  auto id = create_user(world_.env(), world_.as(admin_), officer_of("kab-sambas"));
  ASSERT_TRUE(id.ok()) << id.error().key;
  auto user = managed_user(world_.env(), world_.as(admin_), *id);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->instansi_id, sambas_);
  EXPECT_EQ(user->unit_code, "DUKCAPIL");
  EXPECT_EQ(world_.db()
                .read([&](db::Tx& tx) {
                  return tx.scalar_i64(
                      "SELECT COUNT(*) FROM audit_log WHERE action = 'user.create' AND "
                      "instansi_id = ? AND detail LIKE '%officer%'",
                      {sambas_});
                })
                .value(),
            1);
  // The same address twice is a field error, not a second account.
  auto twice = create_user(world_.env(), world_.as(admin_), officer_of("KAB-SAMBAS"));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(users(), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountCases, ::testing::ValuesIn(test::backend_names()));

}  // namespace
}  // namespace harmoni::accounts

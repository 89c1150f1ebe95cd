// The service point's use cases on every backend: a unit outside the caller's scope is
// "not found" whatever the id's spelling, citizens reach only published desks, a kiosk
// link works until it is replaced, and a service is stored with its audit entry or not
// at all.
#include "desk/desk_cases.hpp"

#include <gtest/gtest.h>

#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "support/seed.hpp"

namespace harmoni::desk {
namespace {

class DeskCases : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto ok = world_.db().write([&](db::Tx& tx) -> Status {
      int64_t sambas = TRY(test::insert_sambas(tx));
      int64_t dukcapil =
          TRY(org::insert_unit(tx, sambas, std::nullopt, "DUKCAPIL", "Dinas Dukcapil", 1));
      unit_ = *TRY(org::find_unit_by_id(tx, dukcapil));
      int64_t dinkes =
          TRY(org::insert_unit(tx, sambas, std::nullopt, "DINKES", "Dinas Kesehatan", 1));
      sibling_ = *TRY(org::find_unit_by_id(tx, dinkes));
      int64_t pontianak = TRY(test::insert_pontianak(tx));
      int64_t elsewhere =
          TRY(org::insert_unit(tx, pontianak, std::nullopt, "DUKCAPIL", "Dinas Dukcapil", 1));
      foreign_ = *TRY(org::find_unit_by_id(tx, elsewhere));
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
    admin_ = auth::Principal{
        .user_id = 1, .role = auth::Role::kInstansiAdmin, .instansi_id = unit_.instansi_id};
    head_ = auth::Principal{.user_id = 2,
                            .role = auth::Role::kUnitHead,
                            .instansi_id = unit_.instansi_id,
                            .unit_id = unit_.id,
                            .unit_path = unit_.path};
    auditor_ = auth::Principal{
        .user_id = 3, .role = auth::Role::kAuditor, .instansi_id = unit_.instansi_id};
  }

  static std::string id_of(const org::Unit& u) { return std::to_string(u.id); }
  int64_t services() {
    return world_.db()
        .read([](db::Tx& tx) { return tx.scalar_i64("SELECT COUNT(*) FROM services"); })
        .value();
  }
  void unpublish(const org::Unit& u) {
    ASSERT_TRUE(world_.db()
                    .write([&](db::Tx& tx) {
                      return save_desk(tx, Desk{.unit_id = u.id, .published = false}, 1);
                    })
                    .ok());
  }

  test::CaseWorld world_{GetParam(), 1'795'143'600'000};
  org::Unit unit_, sibling_, foreign_;
  auth::Principal admin_, head_, auditor_;
};

TEST_P(DeskCases, AUnitOutsideTheCallersScopeIsNotFoundWhateverTheIdsSpelling) {
  auto env = world_.env();
  EXPECT_TRUE(staff_unit(env, world_.as(admin_), id_of(unit_)).ok());
  EXPECT_TRUE(staff_unit(env, world_.as(head_), id_of(unit_)).ok());
  for (const std::string& text : {std::string("abc"), std::string("0"), std::string("-1"),
                                  id_of(unit_) + "x", std::string(""), std::string("999999")}) {
    auto r = staff_unit(env, world_.as(admin_), text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().key, "unit.not_found") << text;
  }
  // Another instansi's unit, a sibling outside the head's subtree, and nobody signed in:
  // the same answer as a unit that does not exist.
  for (auto [who, unit] : {std::pair{world_.as(admin_), foreign_},
                           std::pair{world_.as(head_), sibling_}, std::pair{Actor{}, unit_}}) {
    auto r = staff_unit(env, who, id_of(unit));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().key, "unit.not_found");
  }
}

TEST_P(DeskCases, AUnitInScopeWithoutThePermissionIsForbidden) {
  auto r =
      staff_unit(world_.env(), world_.as(auditor_), id_of(unit_), auth::Permission::kDeskManage);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(
      staff_unit(world_.env(), world_.as(head_), id_of(unit_), auth::Permission::kDeskManage).ok());
}

TEST_P(DeskCases, CitizensReachOnlyPublishedDesks) {
  EXPECT_TRUE(public_unit(world_.env(), id_of(unit_)).ok());
  unpublish(unit_);
  auto r = public_unit(world_.env(), id_of(unit_));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "unit.not_found");
}

TEST_P(DeskCases, AKioskLinkWorksUntilItIsReplacedAndIsAudited) {
  auto first = new_kiosk_key(world_.env(), world_.as(head_), unit_);
  ASSERT_TRUE(first.ok());
  auto found = kiosk_unit(world_.env(), *first);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, unit_.id);

  auto second = new_kiosk_key(world_.env(), world_.as(head_), unit_);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*first, *second);
  auto old = kiosk_unit(world_.env(), *first);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().key, "queue.kiosk_unknown");
  EXPECT_TRUE(kiosk_unit(world_.env(), *second).ok());
  EXPECT_EQ(world_.audited("desk.kiosk_link"), 2);

  // Unpublishing the desk closes its kiosk too.
  unpublish(unit_);
  EXPECT_FALSE(kiosk_unit(world_.env(), *second).ok());
}

TEST_P(DeskCases, AServiceIsStoredWithItsAuditEntryOrNotAtAll) {
  Service ktp{.code = "ktp-el",
              .name = "KTP elektronik",
              .standard_minutes = 60,
              .cost = "Gratis",
              .product = "KTP-el"};
  auto saved = save_service(world_.env(), world_.as(head_), unit_, ktp);
  ASSERT_TRUE(saved.ok()) << saved.error().key;
  EXPECT_EQ(saved->code, "KTP-EL");
  EXPECT_EQ(saved->unit_id, unit_.id);
  EXPECT_EQ(world_.audited("service.create"), 1);

  // A second service with the same code: a field error on "code", nothing written.
  auto twice = save_service(world_.env(), world_.as(head_), unit_, ktp);
  ASSERT_FALSE(twice.ok());
  ASSERT_EQ(twice.error().fields.size(), 1u);
  EXPECT_EQ(twice.error().fields[0].field, "code");
  EXPECT_EQ(services(), 1);
  EXPECT_EQ(world_.audited("service.create"), 1);

  // An invalid change is refused before anything is written.
  Service broken = *saved;
  broken.standard_minutes = 0;
  auto refused = save_service(world_.env(), world_.as(head_), unit_, broken);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.error().is_users_fault());
  EXPECT_EQ(service_of(world_.env(), unit_, "ktp-el")->standard_minutes, 60);
  EXPECT_EQ(world_.audited("service.update"), 0);

  Service faster = *saved;
  faster.standard_minutes = 30;
  ASSERT_TRUE(save_service(world_.env(), world_.as(head_), unit_, faster).ok());
  EXPECT_EQ(service_of(world_.env(), unit_, "KTP-EL")->standard_minutes, 30);
  EXPECT_EQ(world_.audited("service.update"), 1);
  auto missing = service_of(world_.env(), unit_, "KK");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().key, "service.unknown");
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskCases, ::testing::ValuesIn(test::backend_names()));

}  // namespace
}  // namespace harmoni::desk

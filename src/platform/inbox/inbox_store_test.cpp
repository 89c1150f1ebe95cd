// The staff inbox on every backend: a user sees only their own items, newest first, and
// reading marks them read.
#include "platform/inbox/inbox_store.hpp"

#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "support/seed.hpp"

namespace harmoni::inbox {
namespace {

class Inbox : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto ok = world_.db().write([&](db::Tx& tx) -> Status {
      TRY(test::insert_sambas(tx));
      for (const char* email : {"siti@sambas.go.id", "budi@sambas.go.id"}) {
        accounts::UserDraft d{.email = email,
                              .display_name = email,
                              .role = "case_handler",
                              .instansi_code = "KAB-SAMBAS"};
        users_.push_back(TRY(accounts::insert_user(tx, d, "not-a-hash", 1)));
      }
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
  }
  test::CaseWorld world_{GetParam(), 1'796'277'600'000};
  std::vector<int64_t> users_;
};

TEST_P(Inbox, AUserSeesOnlyTheirItemsNewestFirstAndReadsThem) {
  ASSERT_TRUE(world_.db()
                  .write([&](db::Tx& tx) -> Status {
                    TRY(notify(tx, users_[0], "complaint.inbox_assigned", {{"id", "7"}},
                               "/complaints/7", 1000));
                    TRY(notify(tx, users_[0], "complaint.inbox_overdue", {{"id", "8"}},
                               "/complaints/8", 2000));
                    return notify(tx, users_[1], "complaint.inbox_assigned", {{"id", "9"}},
                                  "/complaints/9", 3000);
                  })
                  .ok());
  auto items = world_.db().read([&](db::Tx& tx) { return list_items(tx, users_[0], 10); }).value();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].link, "/complaints/8");
  EXPECT_EQ(items[1].args.at("id"), "7");
  EXPECT_EQ(world_.db().read([&](db::Tx& tx) { return unread_count(tx, users_[0]); }).value(), 2);
  ASSERT_TRUE(world_.db()
                  .write([&](db::Tx& tx) { return mark_read(tx, users_[0], items[1].id, 4000); })
                  .ok());
  EXPECT_EQ(world_.db().read([&](db::Tx& tx) { return unread_count(tx, users_[0]); }).value(), 1);
  // Another user's item cannot be marked from here.
  ASSERT_TRUE(world_.db()
                  .write([&](db::Tx& tx) { return mark_read(tx, users_[1], items[0].id, 4000); })
                  .ok());
  EXPECT_EQ(world_.db().read([&](db::Tx& tx) { return unread_count(tx, users_[0]); }).value(), 1);
  ASSERT_TRUE(world_.db()
                  .write([&](db::Tx& tx) { return mark_read(tx, users_[0], std::nullopt, 5000); })
                  .ok());
  EXPECT_EQ(world_.db().read([&](db::Tx& tx) { return unread_count(tx, users_[0]); }).value(), 0);
  EXPECT_EQ(world_.db().read([&](db::Tx& tx) { return unread_count(tx, users_[1]); }).value(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, Inbox, ::testing::ValuesIn(test::backend_names()));

}  // namespace
}  // namespace harmoni::inbox

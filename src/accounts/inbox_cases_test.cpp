// The inbox on every backend: one's own items only, opening one reads it and answers
// where it leads, and another user's item is not found.
#include "accounts/inbox_cases.hpp"

#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "support/seed.hpp"

namespace harmoni::accounts {
namespace {

class InboxCases : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto ok = world_.db().write([&](db::Tx& tx) -> Status {
      TRY(test::insert_sambas(tx));
      for (auto* p : {&siti_, &budi_}) {
        const std::string email = p == &siti_ ? "siti@sambas.go.id" : "budi@sambas.go.id";
        p->user_id = TRY(insert_user(tx,
                                     {.email = email,
                                      .display_name = email.substr(0, 4),
                                      .role = "case_handler",
                                      .instansi_code = "KAB-SAMBAS"},
                                     "x", 1));
        p->role = auth::Role::kCaseHandler;
      }
      TRY(inbox::notify(tx, siti_.user_id, "inbox.complaint_overdue", {{"id", "7"}},
                        "/complaints/7", 10));
      TRY(inbox::notify(tx, siti_.user_id, "inbox.complaint_drafted", {{"id", "8"}},
                        "/complaints/8", 20));
      TRY(inbox::notify(tx, budi_.user_id, "inbox.complaint_drafted", {{"id", "9"}},
                        "/complaints/9", 30));
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().key << ok.error().internal_detail;
  }

  test::CaseWorld world_{GetParam(), 1'796'263'200'000};
  auth::Principal siti_, budi_;
};

TEST_P(InboxCases, OnlyOnesOwnItemsAreSeenAndOpened) {
  auto page = own_inbox(world_.env(), world_.as(siti_), 50).value();
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.unread, 2);
  EXPECT_EQ(page.items[0].link, "/complaints/8");  // newest first
  const int64_t budis = own_inbox(world_.env(), world_.as(budi_), 50).value().items[0].id;
  EXPECT_EQ(open_inbox_item(world_.env(), world_.as(siti_), budis).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(own_inbox(world_.env(), world_.as(budi_), 50).value().unread, 1);
  EXPECT_EQ(open_inbox_item(world_.env(), world_.as(siti_), page.items[1].id).value(),
            "/complaints/7");
  EXPECT_EQ(own_inbox(world_.env(), world_.as(siti_), 50).value().unread, 1);
  ASSERT_TRUE(mark_inbox_read(world_.env(), world_.as(siti_)).ok());
  EXPECT_EQ(own_inbox(world_.env(), world_.as(siti_), 50).value().unread, 0);
  EXPECT_EQ(own_inbox(world_.env(), world_.as(budi_), 50).value().unread, 1);
  EXPECT_EQ(own_inbox(world_.env(), Actor{}, 50).error().kind, ErrorKind::kUnauthorized);
}

INSTANTIATE_TEST_SUITE_P(Backends, InboxCases, ::testing::ValuesIn(test::backend_names()));

}  // namespace
}  // namespace harmoni::accounts

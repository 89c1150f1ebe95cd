// The outbox on every backend: a mail leaves only if its step commits, is sealed while it
// waits and emptied once sent, and a relay that is down is tried again later, then given up.
#include "platform/mail/delivery.hpp"

#include <gtest/gtest.h>

#include "platform/mail/outbox_store.hpp"
#include "support/ports.hpp"
#include "support/seed.hpp"
#include "support/smtp_server.hpp"

namespace harmoni::mail {
namespace {

class Delivery : public ::testing::TestWithParam<std::string> {
 protected:
  Status queue(const Outgoing& m) {
    return world_.db().write([&](db::Tx& tx) {
      return enqueue(tx, test::test_vault(), world_.random, m, world_.clock.now_ms());
    });
  }
  OutboxCounts counts() {
    return world_.db().read([](db::Tx& tx) { return outbox_counts(tx); }).value();
  }
  DeliverySettings to(const std::string& relay) {
    DeliverySettings s{.relay = parse_relay(relay).value(),
                       .from = "Harmoni <noreply@sambas.go.id>",
                       .id_domain = "sambas.go.id",
                       .max_attempts = 3};
    s.relay.timeout = std::chrono::milliseconds(2000);
    return s;
  }

  test::CaseWorld world_{GetParam(), 1'796'277'600'000};
  const Outgoing receipt_{.to = "warga@example.org",
                          .subject = "Laporan diterima",
                          .body = "Kode pelacakan: K7QM-4XD2-9"};
};

TEST_P(Delivery, AMailLeavesOnlyIfItsStepCommitsAndIsEmptiedOnceSent) {
  test::SmtpServer server;
  // A step that fails after queueing its mail: the mail goes with it.
  Status rolled_back = world_.db().write([&](db::Tx& tx) -> Status {
    TRY(enqueue(tx, test::test_vault(), world_.random, receipt_, world_.clock.now_ms()));
    return Error::invalid("step.refused");
  });
  ASSERT_FALSE(rolled_back.ok());
  EXPECT_EQ(counts().pending, 0);

  ASSERT_TRUE(queue(receipt_).ok());
  // Sealed while it waits: the code is nowhere in the table.
  EXPECT_EQ(world_.db()
                .read([](db::Tx& tx) {
                  return tx.scalar_i64(
                      "SELECT COUNT(*) FROM outbox WHERE body_sealed LIKE '%K7QM%' OR "
                      "recipient_sealed LIKE '%warga%'");
                })
                .value(),
            0);
  auto report = deliver_due(world_.env(), to(server.relay()));
  ASSERT_TRUE(report.ok()) << report.error().internal_detail;
  EXPECT_EQ(report->sent, 1);
  auto got = server.wait_for(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(test::decoded_body(got[0]), receipt_.body);
  EXPECT_EQ(counts().sent, 1);
  EXPECT_EQ(world_.db()
                .read([](db::Tx& tx) {
                  return tx.scalar_i64("SELECT COUNT(*) FROM outbox WHERE body_sealed <> ''");
                })
                .value(),
            0);
  // Sent once: the next run finds nothing due.
  EXPECT_EQ(deliver_due(world_.env(), to(server.relay()))->sent, 0);
}

TEST_P(Delivery, ARelayThatIsDownIsTriedLaterThenGivenUp) {
  ASSERT_TRUE(queue(receipt_).ok());
  const std::string down = "127.0.0.1:" + std::to_string(test::free_port());
  auto first = deliver_due(world_.env(), to(down));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->retrying, 1);
  // Not due again at once: the first wait is a minute.
  EXPECT_EQ(deliver_due(world_.env(), to(down))->retrying, 0);
  world_.clock.advance_ms(61'000);
  EXPECT_EQ(deliver_due(world_.env(), to(down))->retrying, 1);
  world_.clock.advance_ms(121'000);
  EXPECT_EQ(deliver_due(world_.env(), to(down))->given_up, 1);
  EXPECT_EQ(counts().failed, 1);
  EXPECT_EQ(counts().pending, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, Delivery, ::testing::ValuesIn(test::backend_names()));

}  // namespace
}  // namespace harmoni::mail

// Limits on anonymous sources on every backend: a source gets `max` acts per window and a
// clear wait after, other sources and the next window start afresh, and no source is
// stored in the clear.
#include "platform/limits/rate_limit_store.hpp"

#include <gtest/gtest.h>

#include "support/seed.hpp"

namespace harmoni::limits {
namespace {

constexpr RateLimit kThreePerHour{"complaint.submit", 3, 3'600'000};

class RateLimits : public ::testing::TestWithParam<std::string> {
 protected:
  Status act(std::string_view source) {
    return world_.db().write([&](db::Tx& tx) {
      return take(tx, test::test_vault(), kThreePerHour, source, world_.clock.now_ms(),
                  "complaint.flood");
    });
  }
  test::CaseWorld world_{GetParam(), 1'796'277'600'000};  // 06:00 UTC, a window's start
};

TEST_P(RateLimits, ASourceGetsItsShareThenAClearWait) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(act("addr:10.1.2.3").ok()) << i;
  world_.clock.advance_ms(20 * 60'000);
  Status refused = act("addr:10.1.2.3");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kTooMany);
  EXPECT_EQ(refused.error().key, "complaint.flood");
  EXPECT_EQ(refused.error().args.at("minutes"), "40");
  EXPECT_TRUE(act("addr:10.1.2.4").ok()) << "another source";
  // A check does not count.
  EXPECT_TRUE(world_.db()
                  .read([&](db::Tx& tx) {
                    return check(tx, test::test_vault(), kThreePerHour, "addr:10.1.2.4",
                                 world_.clock.now_ms(), "complaint.flood");
                  })
                  .ok());
  world_.clock.advance_ms(40 * 60'000);
  EXPECT_TRUE(act("addr:10.1.2.3").ok()) << "the next window";
  EXPECT_EQ(
      world_.db()
          .read([](db::Tx& tx) {
            return tx.scalar_i64("SELECT COUNT(*) FROM rate_limits WHERE limit_key LIKE '%10.1%'");
          })
          .value(),
      0);
  auto swept = world_.db().write([&](db::Tx& tx) { return sweep(tx, world_.clock.now_ms()); });
  EXPECT_EQ(swept.value(), 2) << "the ended window's two sources";
}

INSTANTIATE_TEST_SUITE_P(Backends, RateLimits, ::testing::ValuesIn(test::backend_names()));

}  // namespace
}  // namespace harmoni::limits

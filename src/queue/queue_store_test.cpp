// Queue storage on every backend: numbering, calling by policy, steps, concurrent
// counters, and a restart in the middle of the day.
#include "queue/queue_store.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "support/backends.hpp"
#include "support/seed.hpp"

namespace harmoni::queue {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kNine = 1795413600000;  // 2026-11-23 09:00 WIB

class QueueStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = test::open_backend(GetParam());
    auto ok = db().write([&](db::Tx& tx) -> Status {
      int64_t instansi = TRY(test::insert_sambas(tx));
      unit_ = TRY(org::insert_unit(tx, instansi, std::nullopt, "MPP", "Mal Pelayanan Publik", 1));
      ktp_ = TRY(test::insert_ktp_service(tx, unit_, 30));
      kk_ = ktp_;
      kk_.code = "KK";
      kk_.ticket_prefix = "B";
      kk_.id = TRY(desk::insert_service(tx, kk_, 1));
      for (int i = 1; i <= 8; ++i) {
        counters_.push_back(
            TRY(desk::insert_counter(tx,
                                     desk::Counter{0, unit_, "LOKET-" + std::to_string(i),
                                                   "Loket " + std::to_string(i), true},
                                     1)));
      }
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
  }
  db::Database& db() { return *t_.db; }

  Ticket issue(TicketClass c, int64_t at_ms, const desk::Service* service = nullptr,
               const char* day = "2026-11-23") {
    IssueRequest q{.unit_id = unit_,
                   .service = service ? service : &ktp_,
                   .ticket_class = c,
                   .day = day,
                   .now_ms = at_ms,
                   .survey_token_hash = "hash-" + std::to_string(++tokens_)};
    auto t = db().write([&](db::Tx& tx) { return issue_ticket(tx, q); });
    EXPECT_TRUE(t.ok()) << t.error().internal_detail;
    return *t;
  }
  Result<std::optional<Ticket>> call(size_t counter, int64_t at_ms) {
    CallRequest q{
        .unit_id = unit_, .counter_id = counters_[counter], .day = "2026-11-23", .now_ms = at_ms};
    return db().write([&](db::Tx& tx) { return call_next(tx, q); });
  }
  Result<Ticket> step(int64_t ticket, Step s, size_t counter, int64_t at_ms) {
    StepRequest q{
        .ticket_id = ticket, .step = s, .counter_id = counters_[counter], .now_ms = at_ms};
    return db().write([&](db::Tx& tx) { return apply_ticket_step(tx, q); });
  }

  test::TestDatabase t_;
  int64_t unit_ = 0;
  int tokens_ = 0;
  desk::Service ktp_, kk_;
  std::vector<int64_t> counters_;
};

TEST_P(QueueStore, NumbersPerDayWithTheServicePrefix) {
  EXPECT_EQ(issue(TicketClass::kRegular, kNine).label, "A-001");
  EXPECT_EQ(issue(TicketClass::kElderly, kNine + 1, &kk_).label, "B-002");
  EXPECT_EQ(issue(TicketClass::kRegular, kNine + 24 * 60 * kMinute, &ktp_, "2026-11-24").label,
            "A-001");
}

TEST_P(QueueStore, CallsByPolicyAndRecordsWhy) {
  Ticket regular = issue(TicketClass::kRegular, kNine);
  Ticket elderly = issue(TicketClass::kElderly, kNine + 5 * kMinute);
  auto called = call(0, kNine + 6 * kMinute);
  ASSERT_TRUE(called.ok());
  ASSERT_TRUE(called->has_value());
  EXPECT_EQ((*called)->id, elderly.id);  // 15-minute head start beats 6 minutes of waiting
  EXPECT_EQ((*called)->status, TicketStatus::kCalled);
  EXPECT_NE((*called)->call_reason.find("queue.why.priority_head_start"), std::string::npos);
  // The counter must deal with its ticket before calling again.
  auto busy = call(0, kNine + 7 * kMinute);
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().key, "queue.counter_busy");
  EXPECT_TRUE(step(elderly.id, Step::kRecall, 0, kNine + 7 * kMinute).ok());
  EXPECT_TRUE(step(elderly.id, Step::kStart, 0, kNine + 8 * kMinute).ok());
  auto done = step(elderly.id, Step::kFinish, 0, kNine + 20 * kMinute);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->status, TicketStatus::kDone);
  EXPECT_EQ(done->recalls, 1);
  EXPECT_EQ(done->started_at_ms, kNine + 8 * kMinute);
  EXPECT_EQ(done->finished_at_ms, kNine + 20 * kMinute);
  auto next = call(0, kNine + 21 * kMinute);
  EXPECT_EQ((*next)->id, regular.id);
  EXPECT_FALSE(call(1, kNine + 21 * kMinute)->has_value());  // nobody left
  auto events = db().read([&](db::Tx& tx) {
    return tx.scalar_i64("SELECT count(*) FROM ticket_events WHERE ticket_id = ?", {elderly.id});
  });
  EXPECT_EQ(events.value(), 5);  // issued, called, recall, start, finish
}

TEST_P(QueueStore, StepsFollowTheTicketLifecycle) {
  Ticket t = issue(TicketClass::kRegular, kNine);
  auto not_called = step(t.id, Step::kStart, 0, kNine);
  ASSERT_FALSE(not_called.ok());
  EXPECT_EQ(not_called.error().key, "queue.not_your_ticket");
  ASSERT_TRUE(call(0, kNine + kMinute).ok());
  auto other_counter = step(t.id, Step::kFinish, 1, kNine);
  EXPECT_EQ(other_counter.error().key, "queue.not_your_ticket");
  ASSERT_TRUE(step(t.id, Step::kNoShow, 0, kNine + 2 * kMinute).ok());
  auto after = step(t.id, Step::kFinish, 0, kNine + 3 * kMinute);
  EXPECT_EQ(after.error().key, "queue.step_not_allowed");
}

TEST_P(QueueStore, TransferKeepsTheOriginalTimeAndCanTargetACounter) {
  Ticket first = issue(TicketClass::kRegular, kNine);
  Ticket later = issue(TicketClass::kRegular, kNine + 10 * kMinute);
  ASSERT_TRUE(call(0, kNine + 11 * kMinute).ok());
  StepRequest q{.ticket_id = first.id,
                .step = Step::kTransfer,
                .counter_id = counters_[0],
                .to_service_id = kk_.id,
                .to_counter_id = counters_[2],
                .now_ms = kNine + 12 * kMinute};
  auto moved = db().write([&](db::Tx& tx) { return apply_ticket_step(tx, q); });
  ASSERT_TRUE(moved.ok()) << moved.error().internal_detail;
  EXPECT_EQ(moved->status, TicketStatus::kWaiting);
  EXPECT_EQ(moved->service_id, kk_.id);
  // Counter 2 (index 1) does not get it: it waits for counter 3.
  EXPECT_EQ(call(1, kNine + 13 * kMinute).value()->id, later.id);
  EXPECT_EQ(call(2, kNine + 13 * kMinute).value()->id, first.id);
}

TEST_P(QueueStore, ConcurrentCountersNeverShareATicket) {
  for (int i = 0; i < 40; ++i)
    issue(i % 5 ? TicketClass::kRegular : TicketClass::kPregnant, kNine + i * 1000);
  std::vector<std::vector<int64_t>> got(counters_.size());
  std::vector<std::thread> threads;
  for (size_t c = 0; c < counters_.size(); ++c) {
    threads.emplace_back([&, c] {
      for (int round = 0; round < 10; ++round) {
        auto t = call(c, kNine + kMinute);
        if (!t.ok() || !t->has_value()) continue;
        got[c].push_back((*t)->id);
        (void)step((*t)->id, Step::kFinish, c, kNine + kMinute);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<int64_t> seen;
  size_t total = 0;
  for (const auto& ids : got) {
    total += ids.size();
    seen.insert(ids.begin(), ids.end());
  }
  EXPECT_EQ(seen.size(), total) << "a ticket was handed to two counters";
  EXPECT_EQ(total, 40u);
}

TEST_P(QueueStore, QueueSurvivesARestart) {
  Ticket a = issue(TicketClass::kRegular, kNine);
  issue(TicketClass::kRegular, kNine + kMinute);
  ASSERT_TRUE(call(0, kNine + 2 * kMinute).ok());
  t_.db.reset();
  auto reopened = db::open_database(t_.url);
  ASSERT_TRUE(reopened.ok());
  t_.db = std::move(reopened.value());
  auto held = db().read([&](db::Tx& tx) { return counter_ticket(tx, counters_[0]); });
  ASSERT_TRUE(held.ok());
  EXPECT_EQ((*held)->id, a.id);
  auto view = db().read([&](db::Tx& tx) { return queue_view(tx, unit_, "2026-11-23"); });
  ASSERT_EQ(view->waiting.size(), 1u);
  EXPECT_EQ(view->waiting[0].label, "A-002");
  ASSERT_EQ(view->recent_calls.size(), 1u);
  EXPECT_EQ(view->recent_counter_names[0], "Loket 1");
  EXPECT_EQ(issue(TicketClass::kRegular, kNine + 3 * kMinute).label, "A-003");
}

TEST_P(QueueStore, TimesPerServiceClassAndOfficer) {
  Ticket a = issue(TicketClass::kRegular, kNine);
  Ticket b = issue(TicketClass::kElderly, kNine + 2 * kMinute);
  // Elderly called first (head start): waited 1 minute, served in 20 (within 30).
  CallRequest q{.unit_id = unit_,
                .counter_id = counters_[0],
                .day = "2026-11-23",
                .now_ms = kNine + 3 * kMinute};
  ASSERT_TRUE(db().write([&](db::Tx& tx) { return call_next(tx, q); }).ok());
  ASSERT_TRUE(step(b.id, Step::kStart, 0, kNine + 4 * kMinute).ok());
  ASSERT_TRUE(step(b.id, Step::kFinish, 0, kNine + 24 * kMinute).ok());
  // The regular ticket waited 25 minutes and did not come.
  ASSERT_TRUE(call(0, kNine + 25 * kMinute).ok());
  ASSERT_TRUE(step(a.id, Step::kNoShow, 0, kNine + 27 * kMinute).ok());
  auto stats = db().read([&](db::Tx& tx) {
    return time_stats(tx, unit_, "2026-11-23", "2026-11-23", StatsBy::kServiceAndClass);
  });
  ASSERT_TRUE(stats.ok()) << stats.error().internal_detail;
  ASSERT_EQ(stats->size(), 2u);
  const TimeStats& elderly =
      (*stats)[0].ticket_class == TicketClass::kElderly ? (*stats)[0] : (*stats)[1];
  const TimeStats& regular =
      (*stats)[0].ticket_class == TicketClass::kElderly ? (*stats)[1] : (*stats)[0];
  EXPECT_EQ(elderly.served, 1);
  EXPECT_DOUBLE_EQ(elderly.avg_wait_ms, 1.0 * kMinute);
  EXPECT_DOUBLE_EQ(elderly.avg_service_ms, 20.0 * kMinute);
  EXPECT_EQ(elderly.within_standard, 1);
  EXPECT_EQ(regular.no_show, 1);
  EXPECT_EQ(regular.served, 0);
  EXPECT_DOUBLE_EQ(regular.avg_wait_ms, 25.0 * kMinute);
}

INSTANTIATE_TEST_SUITE_P(Backends, QueueStore, ::testing::ValuesIn(test::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace harmoni::queue

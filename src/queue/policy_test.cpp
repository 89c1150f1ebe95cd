#include "queue/policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace harmoni::queue {
namespace {

constexpr int64_t kMinute = 60'000;

WaitingTicket ticket(int64_t id, TicketClass c, int64_t minute) {
  return {id, c, minute * kMinute};
}

TEST(QueuePolicy, ClassAndPolicyNamesRoundTrip) {
  for (TicketClass c : enum_values<TicketClass>())
    EXPECT_EQ(parse_enum<TicketClass>(enum_name(c)), c);
  EXPECT_FALSE(parse_enum<TicketClass>("vip").has_value());
  EXPECT_EQ(parse_enum<PolicyKind>("ratio"), PolicyKind::kRatio);
  EXPECT_EQ(parse_enum<PolicyKind>(enum_name(PolicyKind::kWeightedWait)),
            PolicyKind::kWeightedWait);
  EXPECT_FALSE(is_priority(TicketClass::kRegular));
  EXPECT_TRUE(is_priority(TicketClass::kAppointment));
}

TEST(QueuePolicy, ValidateNamesTheBadField) {
  QueuePolicy p;
  EXPECT_TRUE(validate(p).ok());
  p.ratio_regular = 0;
  p.max_wait_s = 60;
  auto st = validate(p);
  ASSERT_FALSE(st.ok());
  ASSERT_EQ(st.error().fields.size(), 2u);
  EXPECT_EQ(st.error().fields[0].field, "max_wait_minutes");
  EXPECT_EQ(st.error().fields[1].field, "ratio_regular");
}

TEST(QueuePolicy, WeightedGivesPriorityAHeadStartNotAJump) {
  QueuePolicy p;  // 15 min head start, 45 min bound
  std::vector<WaitingTicket> w = {ticket(1, TicketClass::kRegular, 0),
                                  ticket(2, TicketClass::kElderly, 10)};
  auto d = choose_next(w, p, {}, 12 * kMinute);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->index, 1u);  // arrived 10 min later, counts as 5 min earlier
  EXPECT_EQ(d->reason_key, "queue.why.priority_head_start");
  EXPECT_EQ(d->args.at("class"), "elderly");
  EXPECT_EQ(d->args.at("head_start"), "15");
  // Twenty minutes later than the regular ticket is more than the head start.
  w[1] = ticket(2, TicketClass::kElderly, 20);
  d = choose_next(w, p, {}, 21 * kMinute);
  EXPECT_EQ(d->index, 0u);
  EXPECT_EQ(d->reason_key, "queue.why.oldest_waiting");
  EXPECT_EQ(d->args.at("minutes"), "21");
}

TEST(QueuePolicy, WeightedBoundGoesFirst) {
  QueuePolicy p;
  p.priority_weight_s = 120 * 60;  // a huge head start
  std::vector<WaitingTicket> w = {ticket(7, TicketClass::kPregnant, 40),
                                  ticket(3, TicketClass::kRegular, 0)};
  auto d = choose_next(w, p, {}, 44 * kMinute);
  EXPECT_EQ(d->index, 0u);  // priority, within the bound for everyone
  d = choose_next(w, p, {}, 45 * kMinute);
  EXPECT_EQ(d->index, 1u);  // the regular ticket reached 45 minutes
  EXPECT_EQ(d->reason_key, "queue.why.wait_bound");
  EXPECT_EQ(d->args.at("bound"), "45");
}

TEST(QueuePolicy, AppointmentsWaitForTheirTime) {
  QueuePolicy p;
  std::vector<WaitingTicket> w = {ticket(1, TicketClass::kAppointment, 30)};
  EXPECT_FALSE(choose_next(w, p, {}, 29 * kMinute).has_value());
  EXPECT_TRUE(choose_next(w, p, {}, 30 * kMinute).has_value());
  EXPECT_FALSE(choose_next({}, p, {}, 0).has_value());
}

TEST(QueuePolicy, TiesGoToTheLowerId) {
  QueuePolicy p;
  std::vector<WaitingTicket> w = {ticket(9, TicketClass::kRegular, 0),
                                  ticket(4, TicketClass::kRegular, 0)};
  EXPECT_EQ(choose_next(w, p, {}, kMinute)->index, 1u);
}

TEST(QueuePolicy, RatioCallsOnePriorityAfterNRegular) {
  QueuePolicy p;
  p.kind = PolicyKind::kRatio;
  p.ratio_regular = 2;
  std::vector<WaitingTicket> w;
  int64_t id = 0;
  for (int i = 0; i < 6; ++i) w.push_back(ticket(++id, TicketClass::kRegular, i));
  for (int i = 0; i < 3; ++i) w.push_back(ticket(++id, TicketClass::kDisability, 10 + i));
  QueueState state;
  std::string order;
  while (auto d = choose_next(w, p, state, 60 * kMinute)) {
    order += is_priority(w[d->index].ticket_class) ? 'P' : 'R';
    if (order.size() == 1) {
      EXPECT_EQ(d->reason_key, "queue.why.ratio_regular_turn");
    } else if (order.size() == 3) {
      EXPECT_EQ(d->reason_key, "queue.why.ratio_priority_turn");
      EXPECT_EQ(d->args.at("n"), "2");
    }
    state = d->next_state;
    w.erase(w.begin() + static_cast<std::ptrdiff_t>(d->index));
  }
  EXPECT_EQ(order, "RRPRRPRRP");
  // A regular ticket that came after the priority ticket does not pass it.
  w = {ticket(1, TicketClass::kChild, 0), ticket(2, TicketClass::kRegular, 1)};
  auto d = choose_next(w, p, {}, 2 * kMinute);
  EXPECT_EQ(d->index, 0u);
  EXPECT_EQ(d->reason_key, "queue.why.oldest_waiting");
}

// Property: the choice among all waiting tickets equals the choice among just the
// oldest ticket of each kind (what the store reads), for any line and state.
TEST(QueuePolicyProperty, OnlyTheOldestOfEachKindMatter) {
  std::mt19937 rng(99);
  std::uniform_int_distribution<int64_t> minute(0, 120);
  std::uniform_int_distribution<int> kind(0, 7), size(1, 40), banked(0, 6);
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<WaitingTicket> all;
    int n = size(rng);
    for (int i = 0; i < n; ++i)
      all.push_back({i + 1, static_cast<TicketClass>(kind(rng)), minute(rng) * kMinute});
    std::vector<WaitingTicket> two;
    for (bool priority : {false, true}) {
      const WaitingTicket* best = nullptr;
      for (const auto& t : all) {
        if (is_priority(t.ticket_class) != priority || t.eligible_at_ms > 90 * kMinute) continue;
        if (!best || t.eligible_at_ms < best->eligible_at_ms ||
            (t.eligible_at_ms == best->eligible_at_ms && t.id < best->id)) {
          best = &t;
        }
      }
      if (best) two.push_back(*best);
    }
    QueueState state{banked(rng)};
    for (const QueuePolicy& policy :
         {QueuePolicy{}, QueuePolicy{.kind = PolicyKind::kRatio, .ratio_regular = 2}}) {
      auto full = choose_next(all, policy, state, 90 * kMinute);
      auto short_list = choose_next(two, policy, state, 90 * kMinute);
      ASSERT_EQ(full.has_value(), short_list.has_value());
      if (!full) continue;
      ASSERT_EQ(all[full->index].id, two[short_list->index].id) << "trial " << trial;
      ASSERT_EQ(full->reason_key, short_list->reason_key);
      ASSERT_EQ(full->next_state.regular_calls_banked, short_list->next_state.regular_calls_banked);
    }
  }
}

// ---- simulation ---------------------------------------------------------------

struct Arrival {
  int64_t at_ms;
  TicketClass ticket_class;
  int64_t service_ms;
};

struct Served {
  TicketClass ticket_class;
  int64_t arrived_ms;
  int64_t wait_ms;
  size_t call_order;  // 0 for the first ticket called
};

// `counters` counters call with the policy whenever they are free, until every
// arrival has been served. Returns one record per ticket, in arrival order.
std::vector<Served> simulate(const std::vector<Arrival>& arrivals, const QueuePolicy& policy,
                             int counters) {
  std::vector<int64_t> free_at(static_cast<size_t>(counters), 0);
  std::vector<WaitingTicket> waiting;
  std::vector<Served> served(arrivals.size());
  QueueState state;
  size_t next_arrival = 0;
  size_t done = 0;
  while (done < arrivals.size()) {
    auto counter = std::min_element(free_at.begin(), free_at.end());
    int64_t now = *counter;
    while (next_arrival < arrivals.size() && arrivals[next_arrival].at_ms <= now) {
      const auto& a = arrivals[next_arrival];
      waiting.push_back({static_cast<int64_t>(next_arrival), a.ticket_class, a.at_ms});
      ++next_arrival;
    }
    auto d = choose_next(waiting, policy, state, now);
    if (!d) {  // idle until the next arrival
      *counter = arrivals[next_arrival].at_ms;
      continue;
    }
    const WaitingTicket t = waiting[d->index];
    waiting.erase(waiting.begin() + static_cast<std::ptrdiff_t>(d->index));
    state = d->next_state;
    const auto& a = arrivals[static_cast<size_t>(t.id)];
    served[static_cast<size_t>(t.id)] = {t.ticket_class, a.at_ms, now - a.at_ms, done};
    *counter = now + a.service_ms;
    ++done;
  }
  return served;
}

// Poisson arrivals for `minutes`, with the given share of priority tickets, at a load
// of `utilisation` for `counters` counters serving in 2..8 minutes (5 on average).
std::vector<Arrival> arrivals(std::mt19937& rng, int minutes, double priority_share,
                              double utilisation, int counters) {
  std::exponential_distribution<double> gap(utilisation * counters / 5.0);  // per minute
  std::uniform_real_distribution<double> unit(0, 1);
  std::uniform_int_distribution<int64_t> service(2 * kMinute, 8 * kMinute);
  std::uniform_int_distribution<int> kind(1, 6);
  std::vector<Arrival> out;
  for (double t = gap(rng); t < minutes; t += gap(rng)) {
    TicketClass c =
        unit(rng) < priority_share ? static_cast<TicketClass>(kind(rng)) : TicketClass::kRegular;
    out.push_back({static_cast<int64_t>(t * kMinute), c, service(rng)});
  }
  return out;
}

QueuePolicy weighted() { return QueuePolicy{}; }
QueuePolicy ratio() { return QueuePolicy{.kind = PolicyKind::kRatio, .ratio_regular = 3}; }

double mean_wait(const std::vector<Served>& s, bool priority) {
  double sum = 0;
  int n = 0;
  for (const auto& x : s) {
    if (is_priority(x.ticket_class) != priority) continue;
    sum += static_cast<double>(x.wait_ms);
    ++n;
  }
  return n ? sum / n : 0;
}

// Tickets that arrived after served[i] but were called before it.
std::vector<size_t> overtakers(const std::vector<Served>& s, size_t i) {
  std::vector<size_t> out;
  for (size_t j = 0; j < s.size(); ++j) {
    if (s[j].arrived_ms > s[i].arrived_ms && s[j].call_order < s[i].call_order) out.push_back(j);
  }
  return out;
}

// Property: on ordinary days (85% load, a fifth of visitors in a priority group)
// priority tickets are served sooner on average under either policy: over ten
// simulated days for each number of counters.
TEST(QueuePolicyProperty, PriorityServedSoonerOnAverage) {
  for (const QueuePolicy& policy : {weighted(), ratio()}) {
    for (int counters = 1; counters <= 4; ++counters) {
      std::vector<Served> days;
      for (unsigned seed = 1; seed <= 10; ++seed) {
        std::mt19937 rng(seed * 31 + static_cast<unsigned>(counters));
        auto served = simulate(arrivals(rng, 8 * 60, 0.2, 0.85, counters), policy, counters);
        days.insert(days.end(), served.begin(), served.end());
      }
      double p = mean_wait(days, true), r = mean_wait(days, false);
      EXPECT_LT(p, 0.8 * r) << enum_name(policy.kind) << ", " << counters << " counters: priority "
                            << p / 60000 << " min, regular " << r / 60000 << " min";
    }
  }
}

// Property (no starvation): a ticket is never overtaken by an unbounded number of
// later arrivals. Weighted: only a regular ticket is overtaken, and only by priority
// tickets that arrived within the head start after it. Ratio: a ticket of the sparse
// kind in a flood of the other is overtaken at most N + counters times, however long
// the flood (a plain priority-first rule fails both: a regular ticket waits for the
// whole flood).
TEST(QueuePolicyProperty, NoTicketStarvesUnderAFlood) {
  for (const QueuePolicy& policy : {weighted(), ratio()}) {
    for (bool flood_is_priority : {true, false}) {
      for (unsigned seed = 1; seed <= 10; ++seed) {
        std::mt19937 rng(seed * 7919);
        const int counters = 2;
        // The flood alone is 1.3 times what the counters can serve, for eight hours.
        std::vector<Arrival> all =
            arrivals(rng, 8 * 60, flood_is_priority ? 1.0 : 0.0, 1.3, counters);
        for (int m = 5; m < 8 * 60; m += 20) {
          all.push_back({m * kMinute,
                         flood_is_priority ? TicketClass::kRegular : TicketClass::kElderly,
                         5 * kMinute});
        }
        std::stable_sort(all.begin(), all.end(),
                         [](const Arrival& a, const Arrival& b) { return a.at_ms < b.at_ms; });
        auto served = simulate(all, policy, counters);
        std::string what =
            std::string(enum_name(policy.kind)) +
            (flood_is_priority ? " priority flood, seed " : " regular flood, seed ") +
            std::to_string(seed);
        for (size_t i = 0; i < served.size(); ++i) {
          auto later = overtakers(served, i);
          if (policy.kind == PolicyKind::kWeightedWait) {
            for (size_t j : later) {
              ASSERT_FALSE(is_priority(served[i].ticket_class)) << what;
              ASSERT_TRUE(is_priority(served[j].ticket_class)) << what;
              ASSERT_LT(served[j].arrived_ms - served[i].arrived_ms,
                        policy.priority_weight_s * 1000)
                  << what;
            }
          } else if (is_priority(served[i].ticket_class) != flood_is_priority) {
            ASSERT_LE(later.size(), static_cast<size_t>(policy.ratio_regular + counters)) << what;
          }
        }
      }
    }
  }
}

// Property: the weighted bound holds whenever the counters keep up, whatever the mix.
TEST(QueuePolicyProperty, WeightedBoundHoldsWhileCountersKeepUp) {
  std::mt19937 meta(42);
  std::uniform_real_distribution<double> share(0.0, 0.9);
  for (int trial = 0; trial < 60; ++trial) {
    std::mt19937 rng(static_cast<unsigned>(meta()));
    int counters = 1 + trial % 5;
    auto served = simulate(arrivals(rng, 8 * 60, share(meta), 0.6, counters), weighted(), counters);
    int64_t longest = 0;
    for (const auto& x : served) longest = std::max(longest, x.wait_ms);
    // Called at the latest when a counter frees after the 45-minute mark: one service (8 min).
    EXPECT_LE(longest, (45 + 8) * kMinute) << "trial " << trial;
  }
}

}  // namespace
}  // namespace harmoni::queue

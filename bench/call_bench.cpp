// Calling the next ticket with many counters at once: 200 counters of one service
// mall unit each call, then finish, in a loop, on a queue of thousands of tickets.
// Reports the latency of the call as the counter's request handler sees it: choose,
// mark the ticket called, append the audit entry, commit (durable).
// With a think time each counter pauses that long on average (uniformly 0..2x)
// between calls, as officers serving citizens do; 0 calls back to back (saturation).
//   call_bench [counters] [calls-per-counter] [think-ms] [db-url]   (default: a temporary SQLite
//   file)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "demo/demo_store.hpp"
#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/password.hpp"
#include "platform/db/migrate.hpp"
#include "platform/util/clock.hpp"
#include "platform/util/date.hpp"
#include "queue/queue_store.hpp"

using namespace harmoni;

namespace {

int fail(const Error& e) {
  std::fprintf(stderr, "failed: %s %s\n", e.key.c_str(), e.internal_detail.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const int counters = argc > 1 ? std::stoi(argv[1]) : 200;
  const int calls = argc > 2 ? std::stoi(argv[2]) : 25;
  std::string dir =
      (std::filesystem::temp_directory_path() / ("harmoni-call-bench-" + std::to_string(getpid())))
          .string();
  std::filesystem::create_directories(dir);
  const int think_ms = argc > 3 ? std::stoi(argv[3]) : 0;
  std::string url = argc > 4 ? argv[4] : "sqlite:" + dir + "/bench.db";
  auth::set_password_cost(auth::PasswordCost::kTest);
  SystemClock clock;
  db::DatabaseOptions options;
  if (const char* sync = std::getenv("SYNC"))
    options.sqlite_synchronous = sync;  // FULL (default) or NORMAL
  auto opened = db::open_database(url, options);
  if (!opened.ok()) return fail(opened.error());
  auto& database = *opened.value();
  if (auto m = db::migrate(database, clock); !m.ok()) return fail(m.error());
  // A key of its own: the bench's database is thrown away with it.
  SystemRandom random;
  std::string key(Vault::kKeyBytes, '\0');
  random.fill({reinterpret_cast<unsigned char*>(key.data()), key.size()});
  const Vault vault = Vault::from_key(key).release_value();
  if (auto d = demo::build_demo(database, clock, vault, 1, 0); !d.ok()) return fail(d.error());

  const std::string day = format_date(date_in_wib(clock.now_ms()));
  std::vector<int64_t> counter_ids;
  int64_t unit_id = 0;
  desk::Service service;
  auto setup = database.write([&](db::Tx& tx) -> Status {
    auto sambas = TRY(org::find_instansi_by_code(tx, "KAB-SAMBAS"));
    unit_id = TRY(org::find_unit(tx, sambas->id, "MPP-SAMBAS-DUKCAPIL"))->id;
    service = *TRY(desk::find_service(tx, unit_id, "KTP-EL"));
    for (int c = 0; c < counters; ++c) {
      counter_ids.push_back(
          TRY(desk::insert_counter(tx,
                                   desk::Counter{.unit_id = unit_id,
                                                 .code = "BENCH-" + std::to_string(c),
                                                 .name = "Bench " + std::to_string(c)},
                                   1)));
    }
    const int64_t now = clock.now_ms();
    for (int i = 0; i < counters * calls; ++i) {
      queue::IssueRequest q{
          .unit_id = unit_id,
          .service = &service,
          .ticket_class = i % 5 == 0 ? queue::TicketClass::kElderly : queue::TicketClass::kRegular,
          .day = day,
          .now_ms = now - (counters * calls - i) * 100,
          .survey_token_hash = auth::sha256_hex("bench-" + std::to_string(i))};
      TRY(queue::issue_ticket(tx, q));
    }
    return {};
  });
  if (!setup.ok()) return fail(setup.error());

  std::vector<std::vector<double>> latencies(static_cast<size_t>(counters));
  std::vector<std::thread> threads;
  auto started = std::chrono::steady_clock::now();
  for (int c = 0; c < counters; ++c) {
    threads.emplace_back([&, c] {
      SeededRandom pause(static_cast<uint64_t>(c) + 1);
      for (int k = 0; k < calls; ++k) {
        if (think_ms > 0) {
          std::this_thread::sleep_for(
              std::chrono::milliseconds(pause.next() % static_cast<uint64_t>(2 * think_ms)));
        }
        auto t0 = std::chrono::steady_clock::now();
        queue::CallRequest q{.unit_id = unit_id,
                             .counter_id = counter_ids[static_cast<size_t>(c)],
                             .day = day,
                             .now_ms = clock.now_ms()};
        auto ticket = database.write([&](db::Tx& tx) -> Result<std::optional<queue::Ticket>> {
          auto t = TRY(queue::call_next(tx, q));
          if (t) {
            audit::Entry e{.actor = "bench",
                           .action = "ticket.call",
                           .object_type = "ticket",
                           .object_id = std::to_string(t->id),
                           .source = "bench",
                           .request_id = "-"};
            TRY(audit::append(tx, e, clock.now_ms()));
          }
          return t;
        });
        auto t1 = std::chrono::steady_clock::now();
        if (!ticket.ok() || !ticket.value()) break;
        latencies[static_cast<size_t>(c)].push_back(
            std::chrono::duration<double, std::milli>(t1 - t0).count());
        queue::StepRequest s{.ticket_id = (*ticket.value()).id,
                             .step = queue::Step::kFinish,
                             .counter_id = counter_ids[static_cast<size_t>(c)],
                             .now_ms = clock.now_ms()};
        (void)database.write([&](db::Tx& tx) { return queue::apply_ticket_step(tx, s); });
      }
    });
  }
  for (auto& t : threads) t.join();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto at = [&](double q) {
    return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<size_t>(q * all.size()))];
  };
  std::printf(
      "%s: think %d ms, %d counters, %zu calls (+ as many finishes) in %.2f s; call latency p50 "
      "%.2f ms, p99 %.2f ms, max %.2f ms\n",
      url.substr(0, url.find(':')).c_str(), think_ms, counters, all.size(), seconds, at(0.5),
      at(0.99), all.empty() ? 0.0 : all.back());
  std::filesystem::remove_all(dir);
  return all.size() == static_cast<size_t>(counters * calls) ? 0 : 1;
}

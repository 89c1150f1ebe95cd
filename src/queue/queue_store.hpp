// Storage of the queue: issuing tickets, calling the next one under the unit's
// policy, and each later step, every one time-stamped in ticket_events. Calls for one
// unit are serialised on its queue_settings row (a row lock in PostgreSQL, the single
// writer in SQLite), so two counters calling at the same moment never get the same ticket.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "desk/desk.hpp"
#include "platform/db/database.hpp"
#include "queue/ticket.hpp"

namespace harmoni::queue {

struct IssueRequest {
  int64_t unit_id = 0;
  const desk::Service* service = nullptr;
  TicketClass ticket_class = TicketClass::kRegular;
  std::string channel = "kiosk";  // kiosk | triage | appointment
  std::string day;                // today's office day, 'YYYY-MM-DD'
  int64_t now_ms = 0;
  std::optional<int64_t> appointment_ms;  // appointment tickets: when they may be called
  std::string survey_token_hash;          // SHA-256 of the token in the ticket's QR
  std::optional<int64_t> user_id;         // staff at the triage desk
};
Result<Ticket> issue_ticket(db::Tx& tx, const IssueRequest& request);

// The unit's ordering policy (the defaults when it never set one).
Result<QueuePolicy> load_policy(db::Tx& tx, int64_t unit_id);
Status save_policy(db::Tx& tx, int64_t unit_id, const QueuePolicy& policy, int64_t now);

struct CallRequest {
  int64_t unit_id = 0;
  int64_t counter_id = 0;
  std::optional<int64_t> officer_asn_id;  // the officer at the counter, for per-officer results
  std::optional<int64_t> user_id;
  std::vector<int64_t> service_ids;  // services this counter serves; empty: all
  std::string day;
  int64_t now_ms = 0;
};
// The next ticket by the unit's policy, now called to this counter; nothing when no
// ticket is waiting. A counter with a ticket still called or in service must finish
// it first ("queue.counter_busy").
Result<std::optional<Ticket>> call_next(db::Tx& tx, const CallRequest& request);

struct StepRequest {
  int64_t ticket_id = 0;
  Step step = Step::kFinish;
  int64_t counter_id = 0;  // the counter acting (must hold the ticket)
  std::optional<int64_t> user_id;
  std::optional<int64_t> to_service_id;  // transfer
  std::optional<int64_t> to_counter_id;  // transfer
  int64_t now_ms = 0;
};
Result<Ticket> apply_ticket_step(db::Tx& tx, const StepRequest& request);

Result<std::optional<Ticket>> find_ticket(db::Tx& tx, int64_t id);
struct TicketWithService {
  Ticket ticket;
  desk::Service service;
};
// The ticket (and its service) whose page and survey this token opens; nothing for an
// unknown or malformed token.
Result<std::optional<TicketWithService>> find_ticket_by_token(db::Tx& tx, std::string_view token);
// The ticket a counter is dealing with (called or serving), if any.
Result<std::optional<Ticket>> counter_ticket(db::Tx& tx, int64_t counter_id);

// What the display board and the public page show for a unit's day.
struct QueueView {
  std::vector<Ticket> waiting;       // in ticket order
  std::vector<Ticket> recent_calls;  // newest first, at most 8, with the names of their counters
  std::vector<std::string> recent_counter_names;  // as citizens read and hear them ("Loket 1")
};
Result<QueueView> queue_view(db::Tx& tx, int64_t unit_id, const std::string& day);

// Waiting and service times of a unit's tickets in [from, to], compared with each
// service's standard time. Times in milliseconds; averages over the tickets that
// reached that step.
struct TimeStats {
  int64_t service_id = 0;  // 0 when grouped by officer
  TicketClass ticket_class = TicketClass::kRegular;
  int64_t officer_asn_id = 0;  // 0 when grouped by service and class
  int64_t tickets = 0;
  int64_t served = 0;
  int64_t no_show = 0;
  double avg_wait_ms = 0;       // eligible -> called
  double avg_service_ms = 0;    // started (or called) -> finished
  int64_t within_standard = 0;  // served, issued -> finished within the service's standard time
};
enum class StatsBy { kServiceAndClass, kOfficer };
Result<std::vector<TimeStats>> time_stats(db::Tx& tx, int64_t unit_id, const std::string& from,
                                          const std::string& to, StatsBy by);

}  // namespace harmoni::queue

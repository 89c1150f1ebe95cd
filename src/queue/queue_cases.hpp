// Use cases of the queue: issuing a ticket, a citizen's view of it, the counter console,
// calling the next ticket and each later step. Each owns its transaction and audit entry.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "desk/desk.hpp"
#include "org/org.hpp"
#include "platform/cases/env.hpp"
#include "queue/queue_store.hpp"

namespace harmoni::queue {

// Today's office day in western Indonesian time, 'YYYY-MM-DD'.
std::string office_day(const Env& env);

struct IssueInput {
  std::string service_code;
  TicketClass ticket_class = TicketClass::kRegular;
  std::string channel = "kiosk";          // kiosk | triage | appointment
  std::optional<int64_t> appointment_ms;  // appointment tickets: when they may be called
};
struct IssuedTicket {
  Ticket ticket;
  std::string token;  // opens the ticket's page and survey; shown once, stored hashed
};
// Staff issuing (triage) is audited; a citizen at the kiosk is not a person on record.
Result<IssuedTicket> issue(const Env& env, const Actor& actor, const org::Unit& unit,
                           const IssueInput& input);

// A ticket as its holder sees it: where it stands in today's line.
struct TicketView {
  Ticket ticket;
  desk::Service service;
  org::Unit unit;
  int ahead = 0;  // waiting tickets before it
};
Result<TicketView> ticket_view(const Env& env, std::string_view token);

Result<QueueView> today(const Env& env, const org::Unit& unit);

// What the counter console shows: the ticket the counter deals with, what it may transfer
// to, and how many wait.
struct CounterView {
  std::optional<Ticket> current;
  std::vector<desk::Service> services;
  size_t waiting = 0;
};
Result<CounterView> counter_view(const Env& env, const org::Unit& unit,
                                 const desk::Counter& counter);

// The next ticket by the unit's policy, called to this counter by the signed-in officer;
// nothing when nobody waits.
Result<std::optional<Ticket>> call_next_ticket(const Env& env, const Actor& actor,
                                               const org::Unit& unit, const desk::Counter& counter);

struct StepInput {
  int64_t ticket_id = 0;
  Step step = Step::kFinish;
  std::string to_service_code;  // transfer: the service to send it to
};
Result<Ticket> take_step(const Env& env, const Actor& actor, const org::Unit& unit,
                         const desk::Counter& counter, const StepInput& input);

Result<QueuePolicy> policy_of(const Env& env, int64_t unit_id);

}  // namespace harmoni::queue

#include "queue/queue_cases.hpp"

#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "platform/auth/password.hpp"
#include "platform/util/date.hpp"

namespace harmoni::queue {

std::string office_day(const Env& env) { return format_date(date_in_wib(env.now_ms())); }

Result<IssuedTicket> issue(const Env& env, const Actor& actor, const org::Unit& unit,
                           const IssueInput& input) {
  std::string token = env.random.token(24);
  Ticket t = TRY(env.db.write([&](db::Tx& tx) -> Result<Ticket> {
    auto service = TRY(desk::find_service(tx, unit.id, org::upper_code(input.service_code)));
    if (!service || !service->active) return Error::field("service", "service.unknown");
    IssueRequest q{
        .unit_id = unit.id,
        .service = &*service,
        .ticket_class = input.ticket_class,
        .channel = input.channel,
        .day = office_day(env),
        .now_ms = env.now_ms(),
        .appointment_ms = input.appointment_ms,
        .survey_token_hash = auth::sha256_hex(token),
        .user_id = actor.signed_in() ? std::optional(actor.user().user_id) : std::nullopt};
    Ticket issued = TRY(issue_ticket(tx, q));
    if (actor.signed_in()) {
      TRY(audit::append(
          tx, actor.audit("ticket.issue", "ticket", std::to_string(issued.id), unit.instansi_id),
          env.now_ms()));
    }
    return issued;
  }));
  return IssuedTicket{t, token};
}

Result<TicketView> ticket_view(const Env& env, std::string_view token) {
  return env.db.read([&](db::Tx& tx) -> Result<TicketView> {
    auto found = TRY(find_ticket_by_token(tx, token));
    if (!found) return Error::not_found("queue.ticket_unknown");
    auto unit = TRY(org::find_unit_by_id(tx, found->ticket.unit_id));
    if (!unit) return Error::internal("ticket without its unit");
    QueueView view = TRY(queue_view(tx, found->ticket.unit_id, found->ticket.day));
    TicketView out{found->ticket, found->service, *unit, 0};
    for (const auto& w : view.waiting) {
      if (w.id != out.ticket.id && w.eligible_at_ms <= out.ticket.eligible_at_ms) ++out.ahead;
    }
    return out;
  });
}

Result<QueueView> today(const Env& env, const org::Unit& unit) {
  return env.db.read([&](db::Tx& tx) { return queue_view(tx, unit.id, office_day(env)); });
}

Result<CounterView> counter_view(const Env& env, const org::Unit& unit,
                                 const desk::Counter& counter) {
  return env.db.read([&](db::Tx& tx) -> Result<CounterView> {
    CounterView out;
    out.current = TRY(counter_ticket(tx, counter.id));
    out.services = TRY(desk::list_services(tx, unit.id, false));
    out.waiting = TRY(queue_view(tx, unit.id, office_day(env))).waiting.size();
    return out;
  });
}

Result<std::optional<Ticket>> call_next_ticket(const Env& env, const Actor& actor,
                                               const org::Unit& unit,
                                               const desk::Counter& counter) {
  const auto& p = actor.user();
  CallRequest q{.unit_id = unit.id,
                .counter_id = counter.id,
                .officer_asn_id = p.asn_id,
                .user_id = p.user_id,
                .day = office_day(env),
                .now_ms = env.now_ms()};
  return env.db.write([&](db::Tx& tx) -> Result<std::optional<Ticket>> {
    auto t = TRY(call_next(tx, q));
    if (t) {
      TRY(audit::append(
          tx, actor.audit("ticket.call", "ticket", std::to_string(t->id), unit.instansi_id),
          env.now_ms()));
    }
    return t;
  });
}

Result<Ticket> take_step(const Env& env, const Actor& actor, const org::Unit& unit,
                         const desk::Counter& counter, const StepInput& input) {
  StepRequest q{.ticket_id = input.ticket_id,
                .step = input.step,
                .counter_id = counter.id,
                .user_id = actor.user().user_id,
                .now_ms = env.now_ms()};
  return env.db.write([&](db::Tx& tx) -> Result<Ticket> {
    if (q.step == Step::kTransfer && !input.to_service_code.empty()) {
      auto s = TRY(desk::find_service(tx, unit.id, org::upper_code(input.to_service_code)));
      if (!s || !s->active) return Error::field("to_service", "service.unknown");
      q.to_service_id = s->id;
    }
    Ticket t = TRY(apply_ticket_step(tx, q));
    TRY(audit::append(tx,
                      actor.audit("ticket." + std::string(enum_name(q.step)), "ticket",
                                  std::to_string(t.id), unit.instansi_id),
                      env.now_ms()));
    return t;
  });
}

Result<QueuePolicy> policy_of(const Env& env, int64_t unit_id) {
  return env.db.read([&](db::Tx& tx) { return load_policy(tx, unit_id); });
}

}  // namespace harmoni::queue

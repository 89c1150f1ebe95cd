#include "queue/queue_store.hpp"

#include <nlohmann/json.hpp>

#include "desk/desk_store.hpp"
#include "platform/auth/password.hpp"
#include "platform/db/row_map.hpp"

namespace harmoni::queue {
namespace {

const db::RowMap<Ticket> kTicketRow{{"t.id", &Ticket::id},
                                    {"t.unit_id", &Ticket::unit_id},
                                    {"t.service_id", &Ticket::service_id},
                                    {"t.day", &Ticket::day},
                                    {"t.number", &Ticket::number},
                                    {"t.label", &Ticket::label},
                                    {"t.ticket_class", &Ticket::ticket_class},
                                    {"t.channel", &Ticket::channel},
                                    {"t.status", &Ticket::status},
                                    {"t.issued_at_ms", &Ticket::issued_at_ms},
                                    {"t.eligible_at_ms", &Ticket::eligible_at_ms},
                                    {"t.called_at_ms", &Ticket::called_at_ms},
                                    {"t.started_at_ms", &Ticket::started_at_ms},
                                    {"t.finished_at_ms", &Ticket::finished_at_ms},
                                    {"t.counter_id", &Ticket::counter_id},
                                    {"t.officer_asn_id", &Ticket::officer_asn_id},
                                    {"t.recalls", &Ticket::recalls},
                                    {"t.call_reason", &Ticket::call_reason}};
const std::string kTicketSelect = "SELECT " + kTicketRow.columns() + " FROM tickets t ";

Result<std::optional<Ticket>> one_ticket(db::Tx& tx, const std::string& where,
                                         const db::Params& params) {
  return kTicketRow.one(tx, kTicketSelect + "WHERE " + where, params);
}

Status add_event(db::Tx& tx, int64_t ticket_id, int64_t at_ms, std::string_view kind,
                 std::optional<int64_t> counter_id, std::optional<int64_t> user_id,
                 const std::string& detail = "{}") {
  TRY(
      tx.exec("INSERT INTO ticket_events (ticket_id, at_ms, kind, counter_id, user_id, detail) "
              "VALUES (?, ?, ?, ?, ?, ?)",
              {ticket_id, at_ms, kind, counter_id, user_id, detail}));
  return {};
}

// The unit's queue row, locked (made with the defaults when the unit has none): calls and
// issues for one unit serialise on it.
struct LockedQueue {
  QueuePolicy policy;
  QueueState state;
  std::string day;  // the day next_number counts for
  int next_number = 1;
};
const db::RowMap<LockedQueue> kLockedQueueRow{
    {"policy",
     [](LockedQueue& q, const db::Row& r, size_t i) {
       if (auto k = parse_enum<PolicyKind>(r.text(i))) q.policy.kind = *k;
     }},
    {"priority_weight_s",
     [](LockedQueue& q, const db::Row& r, size_t i) { q.policy.priority_weight_s = r.i64(i); }},
    {"max_wait_s",
     [](LockedQueue& q, const db::Row& r, size_t i) { q.policy.max_wait_s = r.i64(i); }},
    {"ratio_regular", [](LockedQueue& q, const db::Row& r,
                         size_t i) { q.policy.ratio_regular = static_cast<int>(r.i64(i)); }},
    {"regular_calls_banked",
     [](LockedQueue& q, const db::Row& r, size_t i) {
       q.state.regular_calls_banked = static_cast<int>(r.i64(i));
     }},
    {"queue_day", &LockedQueue::day},
    {"next_number", &LockedQueue::next_number}};

Result<LockedQueue> lock_queue(db::Tx& tx, int64_t unit_id, int64_t now_ms) {
  TRY(tx.exec(
      "INSERT INTO queue_settings (unit_id, updated_at) VALUES (?, ?) ON CONFLICT (unit_id) DO "
      "NOTHING",
      {unit_id, now_ms / 1000}));
  auto locked = TRY(kLockedQueueRow.one(
      tx,
      "UPDATE queue_settings SET updated_at = updated_at WHERE unit_id = ? RETURNING " +
          kLockedQueueRow.columns(),
      {unit_id}));
  if (!locked) return Error::internal("queue row missing after insert");
  return *locked;
}

}  // namespace

Result<Ticket> issue_ticket(db::Tx& tx, const IssueRequest& q) {
  if (!q.service || !q.service->active) return Error::field("service", "service.unknown");
  LockedQueue queue = TRY(lock_queue(tx, q.unit_id, q.now_ms));
  int number = queue.day == q.day ? queue.next_number : 1;
  TRY(tx.exec("UPDATE queue_settings SET queue_day = ?, next_number = ? WHERE unit_id = ?",
              {q.day, number + 1, q.unit_id}));
  Ticket t;
  t.unit_id = q.unit_id;
  t.service_id = q.service->id;
  t.day = q.day;
  t.number = number;
  t.label = ticket_label(q.service->ticket_prefix, number);
  t.ticket_class = q.ticket_class;
  t.channel = q.channel;
  t.issued_at_ms = q.now_ms;
  t.eligible_at_ms = q.appointment_ms.value_or(q.now_ms);
  t.id = TRY(tx.insert_returning_id(
      "INSERT INTO tickets (unit_id, service_id, day, number, label, ticket_class, channel, "
      "status, issued_at_ms, "
      "eligible_at_ms, survey_token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?) "
      "RETURNING id",
      {t.unit_id, t.service_id, t.day, t.number, t.label, enum_name(t.ticket_class), t.channel,
       t.issued_at_ms, t.eligible_at_ms, q.survey_token_hash}));
  TRY(add_event(tx, t.id, q.now_ms, "issued", std::nullopt, q.user_id));
  return t;
}

Result<std::optional<Ticket>> call_next(db::Tx& tx, const CallRequest& q) {
  LockedQueue queue = TRY(lock_queue(tx, q.unit_id, q.now_ms));
  if (TRY(counter_ticket(tx, q.counter_id))) return Error::conflict("queue.counter_busy");

  // The policy only ever calls the oldest eligible ticket of one kind (regular or
  // priority), so those two candidates are all it needs to see, however long the line.
  std::string filter =
      " FROM tickets WHERE unit_id = ? AND day = ? AND status = 'waiting' AND eligible_at_ms <= ? "
      "AND (counter_id IS NULL OR counter_id = ?)";
  db::Params params{q.unit_id, q.day, q.now_ms, q.counter_id};
  if (!q.service_ids.empty()) {
    filter += " AND service_id IN (";
    for (size_t i = 0; i < q.service_ids.size(); ++i) {
      filter += i ? ", ?" : "?";
      params.emplace_back(q.service_ids[i]);
    }
    filter += ")";
  }
  std::vector<WaitingTicket> waiting;
  for (const char* kind : {" AND ticket_class = 'regular'", " AND ticket_class <> 'regular'"}) {
    auto row = TRY(tx.query_one("SELECT id, ticket_class, eligible_at_ms" + filter + kind +
                                    " ORDER BY eligible_at_ms, id LIMIT 1",
                                params));
    if (row)
      waiting.push_back({row->i64(0),
                         parse_enum<TicketClass>(row->text(1)).value_or(TicketClass::kRegular),
                         row->i64(2)});
  }
  auto decision = choose_next(waiting, queue.policy, queue.state, q.now_ms);
  if (!decision) return std::optional<Ticket>{};
  const int64_t id = waiting[decision->index].id;
  nlohmann::json reason = {{"key", decision->reason_key}, {"args", decision->args}};
  TRY(
      tx.exec("UPDATE tickets SET status = 'called', called_at_ms = ?, counter_id = ?, "
              "officer_asn_id = ?, call_reason = ? "
              "WHERE id = ? AND status = 'waiting'",
              {q.now_ms, q.counter_id, q.officer_asn_id, reason.dump(), id}));
  TRY(tx.exec("UPDATE queue_settings SET regular_calls_banked = ? WHERE unit_id = ?",
              {decision->next_state.regular_calls_banked, q.unit_id}));
  TRY(add_event(tx, id, q.now_ms, "called", q.counter_id, q.user_id, reason.dump()));
  return find_ticket(tx, id);
}

Result<Ticket> apply_ticket_step(db::Tx& tx, const StepRequest& q) {
  auto found = TRY(find_ticket(tx, q.ticket_id));
  if (!found) return Error::not_found("queue.ticket_unknown");
  Ticket t = *found;
  if (t.counter_id != q.counter_id || t.status == TicketStatus::kWaiting) {
    return Error::conflict("queue.not_your_ticket");
  }
  TicketStatus next = TRY(apply_step(t.status, q.step));
  nlohmann::json detail = nlohmann::json::object();
  switch (q.step) {
    case Step::kRecall:
      TRY(tx.exec("UPDATE tickets SET recalls = recalls + 1 WHERE id = ?", {t.id}));
      break;
    case Step::kStart:
      TRY(tx.exec("UPDATE tickets SET status = ?, started_at_ms = ? WHERE id = ?",
                  {enum_name(next), q.now_ms, t.id}));
      break;
    case Step::kFinish:
    case Step::kNoShow:
      TRY(tx.exec("UPDATE tickets SET status = ?, finished_at_ms = ? WHERE id = ?",
                  {enum_name(next), q.now_ms, t.id}));
      break;
    case Step::kTransfer: {
      if (!q.to_service_id && !q.to_counter_id)
        return Error::field("to_service", "queue.transfer_target");
      int64_t service = q.to_service_id.value_or(t.service_id);
      detail = {{"from_service", t.service_id}, {"to_service", service}};
      if (q.to_counter_id) detail["to_counter"] = *q.to_counter_id;
      // Back to waiting with its original time, so it is not sent to the end of the line;
      // a target counter keeps it for that counter.
      TRY(
          tx.exec("UPDATE tickets SET status = 'waiting', service_id = ?, counter_id = ?, "
                  "called_at_ms = NULL, "
                  "started_at_ms = NULL, officer_asn_id = NULL WHERE id = ?",
                  {service, q.to_counter_id, t.id}));
      break;
    }
  }
  TRY(add_event(tx, t.id, q.now_ms, enum_name(q.step), q.counter_id, q.user_id, detail.dump()));
  return *TRY(find_ticket(tx, t.id));
}

Result<std::optional<Ticket>> find_ticket(db::Tx& tx, int64_t id) {
  return one_ticket(tx, "t.id = ?", {id});
}

Result<std::optional<TicketWithService>> find_ticket_by_token(db::Tx& tx, std::string_view token) {
  if (token.size() < 16 || token.size() > 64) return std::optional<TicketWithService>{};
  auto t = TRY(one_ticket(tx, "t.survey_token_hash = ?", {auth::sha256_hex(token)}));
  if (!t) return std::optional<TicketWithService>{};
  auto s = TRY(desk::find_service_by_id(tx, t->service_id));
  if (!s) return Error::internal("ticket without its service");
  return std::optional<TicketWithService>{TicketWithService{*t, *s}};
}

Result<QueuePolicy> load_policy(db::Tx& tx, int64_t unit_id) {
  auto row = TRY(kLockedQueueRow.one(
      tx, "SELECT " + kLockedQueueRow.columns() + " FROM queue_settings WHERE unit_id = ?",
      {unit_id}));
  return row ? row->policy : QueuePolicy{};
}

Status save_policy(db::Tx& tx, int64_t unit_id, const QueuePolicy& p, int64_t now) {
  TRY(tx.exec(
      "INSERT INTO queue_settings (unit_id, policy, priority_weight_s, max_wait_s, "
      "ratio_regular, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id) DO UPDATE SET "
      "policy = excluded.policy, priority_weight_s = excluded.priority_weight_s, "
      "max_wait_s = excluded.max_wait_s, ratio_regular = excluded.ratio_regular, "
      "updated_at = excluded.updated_at",
      {unit_id, enum_name(p.kind), p.priority_weight_s, p.max_wait_s, p.ratio_regular, now}));
  return {};
}

Result<std::optional<Ticket>> counter_ticket(db::Tx& tx, int64_t counter_id) {
  return one_ticket(tx, "t.counter_id = ? AND t.status IN ('called', 'serving')", {counter_id});
}

Result<QueueView> queue_view(db::Tx& tx, int64_t unit_id, const std::string& day) {
  QueueView view;
  view.waiting = TRY(kTicketRow.all(
      tx,
      kTicketSelect +
          "WHERE t.unit_id = ? AND t.day = ? AND t.status = 'waiting' ORDER BY t.number",
      {unit_id, day}));
  TRY(tx.each("SELECT " + kTicketRow.columns() +
                  ", c.name FROM tickets t JOIN counters c ON c.id = t.counter_id "
                  "WHERE t.unit_id = ? AND t.day = ? AND t.called_at_ms IS NOT NULL "
                  "ORDER BY t.called_at_ms DESC, t.id DESC LIMIT 8",
              {unit_id, day}, [&](const db::Row& r) {
                view.recent_calls.push_back(kTicketRow.read(r));
                view.recent_counter_names.push_back(r.text(kTicketRow.size()));
                return true;
              }));
  return view;
}

Result<std::vector<TimeStats>> time_stats(db::Tx& tx, int64_t unit_id, const std::string& from,
                                          const std::string& to, StatsBy by) {
  const bool by_officer = by == StatsBy::kOfficer;
  const std::string keys =
      by_officer ? "0, 'regular', t.officer_asn_id" : "t.service_id, t.ticket_class, 0";
  const std::string group = by_officer ? "t.officer_asn_id" : "t.service_id, t.ticket_class";
  std::string sql = "SELECT " + keys +
                    ", COUNT(*), SUM(CASE WHEN t.status = 'done' THEN 1 ELSE 0 END), "
                    "SUM(CASE WHEN t.status = 'no_show' THEN 1 ELSE 0 END), "
                    "CAST(AVG(CASE WHEN t.called_at_ms IS NOT NULL THEN t.called_at_ms - "
                    "t.eligible_at_ms END) AS DOUBLE PRECISION), "
                    "CAST(AVG(CASE WHEN t.status = 'done' THEN t.finished_at_ms - "
                    "COALESCE(t.started_at_ms, t.called_at_ms) END) "
                    "AS DOUBLE PRECISION), "
                    "SUM(CASE WHEN t.status = 'done' AND t.finished_at_ms - t.issued_at_ms <= "
                    "s.standard_minutes * 60000 THEN 1 "
                    "ELSE 0 END) "
                    "FROM tickets t JOIN services s ON s.id = t.service_id WHERE t.unit_id = ? AND "
                    "t.day >= ? AND t.day <= ?" +
                    std::string(by_officer ? " AND t.officer_asn_id IS NOT NULL" : "") +
                    " GROUP BY " + group + " ORDER BY " + group;
  std::vector<TimeStats> out;
  TRY(tx.each(sql, {unit_id, from, to}, [&](const db::Row& r) {
    TimeStats st;
    st.service_id = r.i64(0);
    st.ticket_class = parse_enum<TicketClass>(r.text(1)).value_or(TicketClass::kRegular);
    st.officer_asn_id = r.i64(2);
    st.tickets = r.i64(3);
    st.served = r.i64(4);
    st.no_show = r.i64(5);
    st.avg_wait_ms = r.f64(6);
    st.avg_service_ms = r.f64(7);
    st.within_standard = r.i64(8);
    out.push_back(st);
    return true;
  }));
  return out;
}

}  // namespace harmoni::queue

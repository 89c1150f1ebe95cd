#include "queue/visits_store.hpp"

#include "queue/queue_store.hpp"

namespace harmoni::queue {

Result<std::optional<Visit>> find_visit(db::Tx& tx, std::string_view token) {
  auto found = TRY(find_ticket_by_token(tx, token));
  if (!found) return std::optional<Visit>{};
  const Ticket& t = found->ticket;
  return std::optional<Visit>{Visit{.ticket_id = t.id,
                                    .unit_id = t.unit_id,
                                    .service_id = t.service_id,
                                    .service_name = found->service.name,
                                    .ticket_label = t.label,
                                    .day = t.day,
                                    .waiting = t.status == TicketStatus::kWaiting,
                                    .officer_asn_id = t.officer_asn_id}};
}

Result<int64_t> count_served_visits(db::Tx& tx, const ServedVisits& q) {
  std::string sql =
      "SELECT COUNT(*) FROM tickets t JOIN units un ON un.id = t.unit_id "
      "WHERE t.status = 'done' AND t.day >= ? AND t.day <= ?";
  db::Params p{q.from, q.to};
  if (q.unit_id) {
    sql += " AND t.unit_id = ?";
    p.emplace_back(*q.unit_id);
  } else if (q.instansi_id && !q.officer_asn_id) {
    sql += " AND un.instansi_id = ?";
    p.emplace_back(*q.instansi_id);
  }
  if (q.service_id) {
    sql += " AND t.service_id = ?";
    p.emplace_back(*q.service_id);
  }
  if (q.officer_asn_id) {
    sql += " AND t.officer_asn_id = ?";
    p.emplace_back(*q.officer_asn_id);
  }
  return tx.scalar_i64(sql, p);
}

}  // namespace harmoni::queue

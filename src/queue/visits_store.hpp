// What other capabilities may read of the queue: a citizen's visit (a ticket) and how
// many visits were served. The survey asks through this header alone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/db/database.hpp"

namespace harmoni::queue {

struct Visit {
  int64_t ticket_id = 0;
  int64_t unit_id = 0;
  int64_t service_id = 0;
  std::string service_name;
  std::string ticket_label;               // "A-012"
  std::string day;                        // 'YYYY-MM-DD'
  bool waiting = false;                   // not yet called to a counter
  std::optional<int64_t> officer_asn_id;  // who served it, once called
};

// The visit whose ticket carries this token; nothing for an unknown or malformed token.
Result<std::optional<Visit>> find_visit(db::Tx& tx, std::string_view token);

// Tickets served to the end (status done) in [from, to], 'YYYY-MM-DD': of a unit, else of
// an instansi; narrowed to a service and/or the officer who served.
struct ServedVisits {
  std::optional<int64_t> unit_id;
  std::optional<int64_t> instansi_id;
  std::optional<int64_t> service_id;
  std::optional<int64_t> officer_asn_id;
  std::string from, to;
};
Result<int64_t> count_served_visits(db::Tx& tx, const ServedVisits& q);

}  // namespace harmoni::queue

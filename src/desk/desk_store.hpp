// Storage of desks, services and counters. Functions take a transaction so callers
// can combine a change with its audit entry. SQL stays in this file's .cpp.
#pragma once

#include <optional>
#include <vector>

#include "desk/desk.hpp"
#include "platform/db/database.hpp"

namespace harmoni::desk {

// The unit's desk; a unit that never set one up gets the defaults (not stored).
Result<Desk> load_desk(db::Tx& tx, int64_t unit_id);
Status save_desk(db::Tx& tx, const Desk& desk, int64_t now);
// Stores the hash of a new kiosk link secret (replacing any earlier one).
Status set_kiosk_key_hash(db::Tx& tx, int64_t unit_id, const std::string& key_hash, int64_t now);
// The unit whose kiosk link secret hashes to this.
Result<std::optional<int64_t>> unit_for_kiosk_key(db::Tx& tx, const std::string& key_hash);

Result<std::vector<Service>> list_services(db::Tx& tx, int64_t unit_id, bool include_inactive);
Result<std::optional<Service>> find_service(db::Tx& tx, int64_t unit_id, const std::string& code);
Result<std::optional<Service>> find_service_by_id(db::Tx& tx, int64_t id);
// A duplicate code is a field error on "code".
Result<int64_t> insert_service(db::Tx& tx, const Service& service, int64_t now);
Status update_service(db::Tx& tx, const Service& service, int64_t now);

Result<std::vector<Counter>> list_counters(db::Tx& tx, int64_t unit_id);
Result<std::optional<Counter>> find_counter(db::Tx& tx, int64_t unit_id, const std::string& code);
Result<int64_t> insert_counter(db::Tx& tx, const Counter& counter, int64_t now);

}  // namespace harmoni::desk

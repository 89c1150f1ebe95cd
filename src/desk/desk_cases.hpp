// Use cases of the service point: which unit a request is about and whether the caller
// may act on it, the unit's services and counters, and its kiosk link.
//
// A unit the caller may not see answers "not found", so its existence does not leak.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "desk/desk.hpp"
#include "org/org.hpp"
#include "platform/cases/env.hpp"

namespace harmoni::desk {

// The unit with this id (path parameter text) if the signed-in caller sees it and, when
// given, holds the permission.
Result<org::Unit> staff_unit(const Env& env, const Actor& actor, std::string_view id_text,
                             std::optional<auth::Permission> permission = std::nullopt);
// The unit with this id if it is active and its desk is published (citizen pages).
Result<org::Unit> public_unit(const Env& env, std::string_view id_text);
// The unit whose kiosk link carries this secret (public, like public_unit).
Result<org::Unit> kiosk_unit(const Env& env, std::string_view key);

Result<Desk> desk_of(const Env& env, int64_t unit_id);
// The unit's services in display order; switched-off ones too when asked (staff).
Result<std::vector<Service>> services_of(const Env& env, int64_t unit_id, bool include_inactive);
Result<Service> service_of(const Env& env, const org::Unit& unit, std::string_view code);
// Checks and stores a new or changed service (`s.id` set) with its audit entry.
Result<Service> save_service(const Env& env, const Actor& actor, const org::Unit& unit, Service s);
// An active counter of the unit by code.
Result<Counter> counter_of(const Env& env, const org::Unit& unit, std::string_view code);

// A new kiosk link secret, shown once (only its hash is kept); the old link stops.
Result<std::string> new_kiosk_key(const Env& env, const Actor& actor, const org::Unit& unit);

}  // namespace harmoni::desk

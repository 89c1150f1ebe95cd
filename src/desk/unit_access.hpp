// Finding the unit a service-desk route is about, and whether the caller may act on it.
// A unit the caller may not see answers "not found", so its existence does not leak.
#pragma once

#include <optional>
#include <string_view>

#include "org/org.hpp"
#include "platform/web/app.hpp"

namespace harmoni::desk {

// The unit with this id (path parameter text) if the logged-in caller sees it and,
// when given, holds the permission.
Result<org::Unit> staff_unit(const web::Context& ctx, std::string_view id_text,
                             std::optional<auth::Permission> permission = std::nullopt);
// The unit with this id if it is active and its desk is published (citizen pages).
Result<org::Unit> public_unit(const web::Context& ctx, std::string_view id_text);

// The unit whose kiosk link carries this secret (public, like public_unit).
Result<org::Unit> kiosk_unit(const web::Context& ctx, std::string_view key);

}  // namespace harmoni::desk

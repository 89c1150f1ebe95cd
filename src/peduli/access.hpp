// Who runs a Peduli activity and who evaluates the programme. Pure: no I/O.
#pragma once

#include <optional>
#include <string>

#include "peduli/activity.hpp"
#include "platform/auth/principal.hpp"

namespace harmoni::peduli {

// Who confirms attendance and closes an activity: its coordinator, or HR.
bool coordinates(const auth::Principal& principal, const Activity& activity);
// The part of the instansi whose evaluation the caller reads: "" for HR, a unit head's
// subtree; none for others.
std::optional<std::string> evaluation_scope(const auth::Principal& principal);

}  // namespace harmoni::peduli

#pragma once

#include "platform/web/app.hpp"

namespace harmoni::office {

// The staff desk page (services, counters, queue policy, survey order, triage tickets),
// the public unit page, and a unit's results.
void register_routes(web::App& app);

}  // namespace harmoni::office

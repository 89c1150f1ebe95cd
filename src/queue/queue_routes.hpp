#pragma once

#include "platform/web/app.hpp"

namespace harmoni::queue {

// The counter side of the service desk: the public unit page, the ticket kiosk, the
// ticket page with its survey QR, the staff desk page (triage, kiosk link, settings)
// and the counter console.
void register_routes(web::App& app);

}  // namespace harmoni::queue

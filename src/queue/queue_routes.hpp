#pragma once

#include "platform/web/app.hpp"

namespace harmoni::queue {

// The ticket kiosk, the ticket page with its survey QR, the display board and its live
// feed, and the counter console.
void register_routes(web::App& app);

}  // namespace harmoni::queue

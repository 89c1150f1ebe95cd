#pragma once

#include "platform/web/app.hpp"

namespace harmoni::calendar {

// The days-off calendar: its page and API (read by any user, kept by system admins).
void register_routes(web::App& app);

}  // namespace harmoni::calendar

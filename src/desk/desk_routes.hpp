#pragma once

#include "platform/web/app.hpp"

namespace harmoni::desk {

// Services and their standards (API and pages), the kiosk link.
void register_routes(web::App& app);

}  // namespace harmoni::desk

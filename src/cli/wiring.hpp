// Wires every capability's routes into the application (used by `serve` and by
// the tests that walk all routes).
#pragma once

#include "platform/web/app.hpp"

namespace harmoni::cli {

void register_all_routes(web::App& app);

}  // namespace harmoni::cli

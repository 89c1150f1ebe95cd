#pragma once

#include "platform/web/app.hpp"

namespace harmoni::peduli {

// The social-care programme: activities, sign-ups, confirmation, reflections, evaluation.
void register_routes(web::App& app);

}  // namespace harmoni::peduli

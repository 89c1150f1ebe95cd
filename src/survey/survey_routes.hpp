#pragma once

#include "platform/web/app.hpp"

namespace harmoni::survey {

// Survey responses (staff entry, API) and the index (IKM).
void register_routes(web::App& app);

}  // namespace harmoni::survey

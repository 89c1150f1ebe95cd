// Pages and API of disharmony cases and the knowledge base.
#pragma once

#include "platform/web/app.hpp"

namespace harmoni::harmony {

void register_routes(web::App& app);
// The knowledge base's pages and API (kb_routes.cpp).
void register_kb_routes(web::App& app);

}  // namespace harmoni::harmony

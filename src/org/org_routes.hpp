#pragma once

#include "platform/web/app.hpp"

namespace harmoni::org {

// Regions, instansi, units, positions, ASN and the ASN CSV import: pages and API.
void register_routes(web::App& app);

}  // namespace harmoni::org

#pragma once

#include "platform/web/app.hpp"

namespace harmoni::competency {

// 360-degree campaigns, raters' forms, results, the heat map and development plans.
void register_routes(web::App& app);

}  // namespace harmoni::competency

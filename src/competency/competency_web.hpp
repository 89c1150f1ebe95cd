// The competency capability's route tables, registered by competency_routes.cpp.
#pragma once

#include <span>

#include "platform/web/router.hpp"

namespace harmoni::competency {

std::span<const web::RouteDef> campaign_routes();  // campaigns, own items, assignments, progress
std::span<const web::RouteDef> rating_routes();    // a rater's inbox and forms
std::span<const web::RouteDef> result_routes();    // results, heat map, development plans

}  // namespace harmoni::competency

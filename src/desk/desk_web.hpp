// Pieces of the service point that pages above it (the queue's, the office's) show too.
#pragma once

#include <nlohmann/json.hpp>

#include "desk/desk.hpp"

namespace harmoni::desk {

// A service and its published standard, as the API returns it and pages show it.
nlohmann::json service_json(const Service& s);

}  // namespace harmoni::desk

#pragma once

#include "platform/web/app.hpp"

namespace harmoni::complaints {

// Complaint handling: the citizen's pages and API (report_routes.cpp) and the staff's.
void register_routes(web::App& app);
void register_report_routes(web::App& app);

}  // namespace harmoni::complaints

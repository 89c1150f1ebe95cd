// The competency capability's routes, registered by competency_routes.cpp, with
// helpers its route files share.
#pragma once

#include "competency/competency_store.hpp"
#include "platform/web/app.hpp"

namespace harmoni::competency {

void register_campaign_routes(web::App& app);  // campaigns, own items, assignments, progress
void register_rating_routes(web::App& app);    // a rater's inbox and forms
void register_result_routes(web::App& app);    // results, heat map, development plans

// Today in western Indonesian time.
Date today_wib(const web::Context& ctx);
// 422 for invalid input, otherwise the error's own status: forms shown again with errors.
int form_status(const Error* error);

}  // namespace harmoni::competency

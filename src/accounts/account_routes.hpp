#pragma once

#include "platform/web/app.hpp"

namespace harmoni::accounts {

// Login, logout, preferences, home, own account, user administration.
void register_routes(web::App& app);
// The user's inbox (inbox_routes.cpp).
void register_inbox_routes(web::App& app);

}  // namespace harmoni::accounts

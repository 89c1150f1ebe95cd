#pragma once

#include "platform/web/app.hpp"

namespace harmoni::learning {

// Learning programmes and classes, the JP ledger (one's own, compliance, imports),
// self-learning claims, certificates.
void register_routes(web::App& app);

}  // namespace harmoni::learning

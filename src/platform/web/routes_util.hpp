// Small helpers shared by capability routes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "platform/web/app.hpp"

namespace harmoni::web {

// Appends one audit entry in its own transaction (for acts with no other write).
Status record_audit(Context& ctx, const audit::Entry& entry);
// Parses a positive integer path parameter; nullopt when malformed.
std::optional<int64_t> id_param(const Context& ctx, std::string_view name);
// The value of the "next" target after login, if it is a local path.
std::string local_path_or(std::string_view candidate, std::string fallback);
// Page size from ?limit= (1..max, default def).
int limit_param(const Context& ctx, int def = 50, int max = 500);

}  // namespace harmoni::web

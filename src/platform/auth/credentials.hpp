// The rules an account's e-mail address and password follow. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace harmoni::auth {

// Normalises an e-mail address for lookup (trimmed, lower case).
std::string normalize_email(std::string_view email);

// At least 10 characters, at most 256, not only one repeated character, valid UTF-8.
Status check_password_rule(std::string_view password);

}  // namespace harmoni::auth

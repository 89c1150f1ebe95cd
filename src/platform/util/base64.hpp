// Base64 (the standard alphabet, with padding), for binary values kept as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace harmoni {

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace harmoni

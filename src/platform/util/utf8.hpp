// Whether text is well-formed UTF-8 (no overlong forms, surrogates or values past
// U+10FFFF): checked on everything that comes in before it is stored or shown.
#pragma once

#include <cstddef>
#include <string_view>

namespace harmoni {

bool is_valid_utf8(std::string_view text);
// Number of Unicode code points in valid UTF-8 text.
size_t utf8_length(std::string_view text);

}  // namespace harmoni

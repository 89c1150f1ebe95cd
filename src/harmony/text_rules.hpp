// Length checks shared by the harmony records: characters (not bytes) within bounds,
// reported by field. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace harmoni::harmony {

// Adds "input.required", "input.too_short" or "input.too_long" for `field` when the
// text's length in characters is outside min..max (min 0: optional).
void check_length(std::vector<FieldError>& errors, std::string field, std::string_view text,
                  size_t min, size_t max);
// The errors as one validation error, or success when there are none.
Status errors_or_ok(std::vector<FieldError> errors);

// The lines of a text area with their spaces trimmed, blank ones dropped (a why-chain,
// reflection questions).
std::vector<std::string> nonblank_lines(std::string_view text);

}  // namespace harmoni::harmony

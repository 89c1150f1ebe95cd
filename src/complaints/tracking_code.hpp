// The code a reporter follows a report by, without an account: 10 random characters of
// Crockford's base32 (50 bits: unguessable, the more so as misses are rate-limited) and a
// check character, shown in groups ("7K3M-QP9D-X2A"). Typing is forgiving: case, spaces
// and dashes do not matter, and O, I and L read as 0, 1 and 1. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/util/clock.hpp"

namespace harmoni::complaints {

inline constexpr size_t kTrackingCodeLength = 11;  // with the check character

// A new code, normalised (no dashes).
std::string new_tracking_code(Random& random);
// The normalised code of what a person typed; nullopt when its length or check
// character is wrong (a typo is caught before any lookup).
std::optional<std::string> normalise_tracking_code(std::string_view typed);
// "7K3MQP9DX2A" as "7K3M-QP9D-X2A".
std::string display_tracking_code(std::string_view code);

}  // namespace harmoni::complaints

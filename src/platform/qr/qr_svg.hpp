// QR codes as inline SVG (libqrencode), for tickets and posters: crisp at any size,
// printable, and no image request on a slow link.
#pragma once

#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace harmoni::qr {

// An <svg> of the QR code for `text` (error correction M, a 4-module quiet zone),
// labelled for screen readers with `label`.
Result<std::string> svg(std::string_view text, std::string_view label);

}  // namespace harmoni::qr

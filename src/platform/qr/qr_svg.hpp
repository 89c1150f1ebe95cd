// QR codes as inline SVG (libqrencode), for tickets and posters: crisp at any size,
// printable, and no image request on a slow link.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace harmoni::qr {

// The modules of the QR code for `text` (error correction M), row by row: dark[y * size + x].
struct Matrix {
  int size = 0;
  std::vector<bool> dark;
};
Result<Matrix> matrix(std::string_view text);

// An <svg> of the QR code for `text` (a 4-module quiet zone), labelled for screen
// readers with `label`.
Result<std::string> svg(std::string_view text, std::string_view label);

}  // namespace harmoni::qr

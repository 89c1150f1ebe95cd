#pragma once

#include <string>
#include <string_view>

namespace harmoni::http {

// gzip-encodes data (zlib, default level).
std::string gzip(std::string_view data);
// Whether an Accept-Encoding header value allows gzip (q=0 refuses it).
bool accepts_gzip(std::string_view accept_encoding);
// Whether a Content-Type is worth compressing (text, JSON, SVG, JS, CSS).
bool is_compressible(std::string_view content_type);

}  // namespace harmoni::http

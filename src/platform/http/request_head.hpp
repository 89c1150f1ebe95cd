// Turning a parsed request head into a Request: free of Beast types so the server,
// the unit tests and the fuzz target share it.
#pragma once

#include <string_view>

#include "platform/http/message.hpp"

namespace harmoni::http {

struct HeadOptions {
  bool trust_proxy = false;  // take the client address and scheme from X-Forwarded-*
};

// Fills request.path (percent-decoded), request.query and, behind a trusted proxy,
// remote_addr and tls, from request.target and request.headers (lower-cased names).
// Returns false when the target is not a valid origin-form path (answer 400).
bool complete_request_head(Request& request, const HeadOptions& options);
// A client-supplied X-Request-Id is kept only if it is 1-64 of [A-Za-z0-9_-].
bool is_valid_request_id(std::string_view id);

}  // namespace harmoni::http

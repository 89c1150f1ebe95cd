// Logging setup. Every line carries the request id of the request the thread is
// serving (or "-"), so one request's lines can be found together.
// Personal data (names, NIP, e-mail, addresses) never goes into a log line.
#pragma once

#include <string>
#include <string_view>

namespace harmoni::logging {

// level: trace, debug, info, warn, error. Lines go to stderr.
void init(std::string_view level);
// The request id logged by this thread from now on ("" clears it).
void set_request_id(std::string_view id);
const std::string& request_id();

// Sets the thread's request id for a scope.
class RequestScope {
 public:
  explicit RequestScope(std::string_view id) { set_request_id(id); }
  ~RequestScope() { set_request_id(""); }
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;
};

// Writes one JSON line to the access log (stdout).
void access(const std::string& json_line);

}  // namespace harmoni::logging

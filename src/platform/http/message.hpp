// HTTP request and response as the application sees them, free of Beast types so
// capability code compiles fast and can be tested without a socket.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/result.hpp"

namespace harmoni::http {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // upper case, e.g. "GET"
  std::string target;  // as sent, e.g. "/asn?q=budi"
  std::string path;    // percent-decoded path, e.g. "/asn"
  std::string query;   // raw query string without '?'
  Fields headers;      // names lower-cased
  std::string body;
  // Upload routes receive the body in this temporary file instead (removed after the
  // handler returns).
  std::string body_file;
  std::string remote_addr;
  std::string request_id;
  bool tls = false;  // reached us over TLS (directly or via a trusted proxy)

  // First header with this lower-case name, or "".
  std::string_view header(std::string_view name) const;
  // First query parameter with this name, decoded.
  std::optional<std::string> query_param(std::string_view name) const;
  std::string cookie(std::string_view name) const;
  bool is_write() const { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }
};

// Called by a streaming body to send one chunk; returns false once the client is gone.
using ChunkWriter = std::function<bool(std::string_view)>;
// Produces a streamed body on a worker thread; the response is sent chunked.
using BodyStream = std::function<Status(const ChunkWriter&)>;

// A server-sent event stream (text/event-stream). It waits on the network thread, not
// on a worker, so a display board left open all day costs a socket and a coroutine.
// The server calls start() once, then take() whenever wake() was called, and sends
// what take() returns; it sends a comment as a heartbeat when nothing came for a while.
class EventSource {
 public:
  virtual ~EventSource() = default;
  // `wake` may be called from any thread, any number of times, until this is destroyed;
  // it must not block.
  virtual void start(std::function<void()> wake) = 0;
  // The frames ready to send now ("" when none); never blocks.
  virtual std::string take() = 0;
};

struct Response {
  int status = 200;
  Fields headers;
  std::string body;
  BodyStream stream;                    // when set, replaces body
  std::shared_ptr<EventSource> events;  // when set, replaces body: a long-lived event stream
  // The route pattern that answered ("/api/v1/asn/{nip}"), for the access log and
  // metrics: never the raw path, which may hold personal data. Not sent.
  std::string route;

  void set_header(std::string name, std::string value);
  std::string_view header(std::string_view name) const;
  void set_cookie(std::string_view name, std::string_view value, const std::string& attributes);

  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  static Response html(int status, std::string body);
  static Response json(int status, std::string body);
  static Response redirect(std::string location, int status = 303);
};

// Percent-decoding; nullopt on a malformed escape. plus_as_space for form data.
std::optional<std::string> percent_decode(std::string_view in, bool plus_as_space);
std::string percent_encode(std::string_view in);
// Parses application/x-www-form-urlencoded (also query strings). Malformed pairs are
// reported as an error naming the problem.
Result<Fields> parse_form(std::string_view body);
std::string_view reason_phrase(int status);

}  // namespace harmoni::http

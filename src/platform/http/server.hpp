// The HTTP/1.1 server (Boost.Beast, C++20 coroutines).
//
// Network I/O runs on a few I/O threads; a handler runs on a separate worker pool
// only once its whole request has arrived, so a slow client holds a coroutine, never
// a worker. Routes that never block (RouteLimits::run_inline) run on the I/O thread. Keep-alive and
// pipelining, header and body limits, read and idle timeouts, Expect: 100-continue, gzip, chunked
// streaming bodies, and a graceful stop: on SIGTERM/SIGINT it stops accepting, closes idle
// connections, lets in-flight requests finish (up to shutdown_grace) and returns from run().
// Server-sent event streams (Response::events) wait on the network thread and end at once on a
// stop.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "platform/http/message.hpp"

namespace harmoni::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 1;
  int worker_threads = 8;
  size_t header_limit = 16 * 1024;
  size_t max_connections = 10000;
  std::chrono::seconds read_timeout{30};   // to receive one whole request once it started
  std::chrono::seconds idle_timeout{60};   // between requests on a kept-alive connection
  std::chrono::seconds write_timeout{60};  // to send one response
  std::chrono::seconds shutdown_grace{30};
  // Event streams: a comment this often keeps proxies and dead-peer detection going;
  // after the lifetime the stream ends and the browser reconnects.
  std::chrono::seconds event_heartbeat{15};
  std::chrono::seconds event_stream_lifetime{3600};
  std::string upload_dir = "/tmp";
  // Honour X-Forwarded-For / X-Forwarded-Proto (only behind a proxy you run).
  bool trust_proxy = false;
};

// What the application says about a route before its body is read.
struct RouteLimits {
  size_t body_limit = 1024 * 1024;
  bool upload_to_file = false;  // body goes to Request::body_file
  bool run_inline = false;      // handler never blocks: run it on the network thread
};

class Server {
 public:
  using Handler = std::function<Response(Request&)>;
  using LimitsFn = std::function<RouteLimits(std::string_view method, std::string_view path)>;
  // Called with the access-log fields once a response has been sent.
  struct Exchange {
    const Request* request;
    const Response* response;
    uint64_t bytes_sent;
    double seconds;
  };
  using AccessFn = std::function<void(const Exchange&)>;

  Server(ServerOptions options, Handler handler, LimitsFn limits, AccessFn access);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the bound port.
  Result<uint16_t> listen();
  // Serves until stop() or a termination signal; returns after the graceful drain.
  void run();
  // Starts the graceful stop; thread-safe.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace harmoni::http

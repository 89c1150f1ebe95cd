// Boost 1.74 with g++ 12 needs <utility> before Asio's coroutine headers.
#include "platform/http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <utility>

#include "platform/http/beast_request.hpp"
#include "platform/http/gzip.hpp"
#include "platform/http/request_head.hpp"
#include "platform/log.hpp"
#include "platform/metrics.hpp"
#include "platform/util/clock.hpp"

namespace harmoni::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr size_t kGzipMinimum = 860;  // below this, gzip rarely pays
constexpr size_t kStreamQueueBytes = 1 << 20;

using ConnectionStrand = asio::strand<asio::io_context::executor_type>;

// A connection and whether it is waiting for the next request (so a graceful stop
// may close it). `idle` is touched only on the connection's strand.
struct Connection {
  Connection(tcp::socket socket, ConnectionStrand s)
      : strand(std::move(s)), stream(std::move(socket)) {}
  ConnectionStrand strand;
  beast::tcp_stream stream;
  bool idle = true;
  // While an event stream is sent: the timer it waits on between events (so a stop
  // can end the wait).
  std::shared_ptr<asio::steady_timer> event_wait;
};

// Hands chunks from a streaming body (worker thread) to the connection (strand).
struct StreamChannel {
  explicit StreamChannel(asio::any_io_executor ex) : wake(ex) {}
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::string> chunks;
  size_t queued = 0;
  bool done = false;
  bool client_gone = false;
  Status result;
  asio::steady_timer wake;
};

const boost::system::error_category& http_category() {
  return bhttp::make_error_code(bhttp::error::bad_target).category();
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  LimitsFn limits;
  AccessFn access;
  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  // Serialises stop actions (begin_stop, the grace timer, its cancellation).
  asio::strand<asio::io_context::executor_type> control;
  std::unique_ptr<asio::steady_timer> grace;
  std::atomic<bool> stopping{false};
  std::atomic<size_t> connections{0};
  std::mutex registry_mu;
  std::unordered_set<std::shared_ptr<Connection>> registry;
  SystemRandom random;

  Impl(ServerOptions opts, Handler h, LimitsFn l, AccessFn a)
      : options(std::move(opts)),
        handler(std::move(h)),
        limits(std::move(l)),
        access(std::move(a)),
        ioc(std::max(1, options.io_threads)),
        workers(std::max(1, options.worker_threads)),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM),
        control(asio::make_strand(ioc)) {}

  // Runs fn on the worker pool; the coroutine resumes on its connection's strand.
  template <class T, class F>
  awaitable<T> offload(F fn) {
    co_return co_await asio::co_spawn(
        workers, [fn = std::move(fn)]() mutable -> awaitable<T> { co_return fn(); }, use_awaitable);
  }

  // Runs on `control`.
  void begin_stop() {
    if (stopping.exchange(true)) return;
    spdlog::info("stopping: no new connections, finishing in-flight requests");
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel();
    std::vector<std::shared_ptr<Connection>> open;
    {
      std::lock_guard lock(registry_mu);
      open.assign(registry.begin(), registry.end());
    }
    for (auto& conn : open) {
      asio::post(conn->strand, [conn] {
        if (conn->idle) conn->stream.socket().close();
        if (conn->event_wait) conn->event_wait->cancel();
      });
    }
    // Whatever still runs after the grace period is cut off.
    if (open.empty()) return;
    grace = std::make_unique<asio::steady_timer>(control, options.shutdown_grace);
    grace->async_wait([this](beast::error_code ec) {
      if (ec) return;
      std::lock_guard lock(registry_mu);
      for (auto& conn : registry) {
        asio::post(conn->strand, [conn] { conn->stream.socket().close(); });
      }
    });
  }

  awaitable<void> accept_loop() {
    for (;;) {
      beast::error_code ec;
      ConnectionStrand strand = asio::make_strand(ioc);
      tcp::socket socket =
          co_await acceptor.async_accept(strand, asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (stopping) co_return;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      if (connections >= options.max_connections) {
        socket.close(ec);
        Metrics::global().count("harmoni_http_refused_connections_total",
                                "Connections closed at once because max_connections was reached.");
        continue;
      }
      auto conn = std::make_shared<Connection>(std::move(socket), strand);
      {
        std::lock_guard lock(registry_mu);
        registry.insert(conn);
      }
      ++connections;
      Metrics::global().add_connection(1);
      asio::co_spawn(conn->strand, serve_connection(conn), [this, conn](std::exception_ptr error) {
        if (error) {
          try {
            std::rethrow_exception(error);
          } catch (const std::exception& e) {
            spdlog::error("connection failed: {}", e.what());
          }
        }
        std::lock_guard lock(registry_mu);
        registry.erase(conn);
        --connections;
        Metrics::global().add_connection(-1);
        if (stopping && registry.empty()) {
          asio::post(control, [this] {
            if (grace) grace->cancel();
          });
        }
      });
    }
  }

  // Sends a small response that the server makes itself (400, 413, 431).
  awaitable<void> send_plain(beast::tcp_stream& stream, bhttp::status status, bool close) {
    bhttp::response<bhttp::string_body> res{status, 11};
    res.set(bhttp::field::content_type, "text/plain; charset=utf-8");
    res.body() = std::string(reason_phrase(static_cast<int>(status))) + "\n";
    res.keep_alive(!close);
    res.prepare_payload();
    beast::error_code ec;
    stream.expires_after(options.write_timeout);
    co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
  }

  awaitable<void> serve_connection(std::shared_ptr<Connection> conn) {
    beast::tcp_stream& stream = conn->stream;
    beast::flat_buffer buffer;
    std::string remote;
    {
      beast::error_code ec;
      auto endpoint = stream.socket().remote_endpoint(ec);
      if (!ec) remote = endpoint.address().to_string();
    }
    bool first = true;
    for (;;) {
      if (stopping) break;
      conn->idle = true;
      std::optional<bhttp::request_parser<bhttp::empty_body>> header_parser(std::in_place);
      header_parser->header_limit(static_cast<std::uint32_t>(options.header_limit));
      header_parser->body_limit(
          std::numeric_limits<std::uint64_t>::max());  // decided per route below
      stream.expires_after(first && buffer.size() == 0 ? options.read_timeout
                                                       : options.idle_timeout);
      first = false;
      beast::error_code ec;
      co_await bhttp::async_read_header(stream, buffer, *header_parser,
                                        asio::redirect_error(use_awaitable, ec));
      conn->idle = false;
      if (ec) {
        spdlog::debug("request header rejected: {}", ec.message());
        if (ec == bhttp::error::header_limit) {
          co_await send_plain(stream, bhttp::status::request_header_fields_too_large, true);
        } else if (ec.category() == http_category() && ec != bhttp::error::end_of_stream) {
          co_await send_plain(stream, bhttp::status::bad_request, true);
        }
        break;
      }
      auto started = std::chrono::steady_clock::now();
      Request request;
      request.remote_addr = remote;
      copy_request_head(header_parser->get(), request);
      if (!complete_request_head(request, HeadOptions{options.trust_proxy})) {
        co_await send_plain(stream, bhttp::status::bad_request, true);
        break;
      }
      std::string_view incoming_id = request.header("x-request-id");
      request.request_id =
          is_valid_request_id(incoming_id) ? std::string(incoming_id) : random.hex(8);

      RouteLimits route_limits = limits(request.method, request.path);
      auto content_length = header_parser->content_length();
      if (content_length && *content_length > route_limits.body_limit) {
        co_await send_plain(stream, bhttp::status::payload_too_large, true);
        break;
      }
      if (header_parser->get()[bhttp::field::expect] == "100-continue") {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
        stream.expires_after(options.write_timeout);
        co_await bhttp::async_write(stream, go_on, asio::redirect_error(use_awaitable, ec));
        if (ec) break;
      }

      bool keep_alive = false;
      // A large body is read in 64 KiB steps, not in steps of the header's small buffer.
      if (content_length && *content_length > 16 * 1024) buffer.reserve(64 * 1024);
      stream.expires_after(options.read_timeout);
      if (route_limits.upload_to_file) {
        std::optional<bhttp::request_parser<bhttp::file_body>> parser;
        parser.emplace(std::move(*header_parser));
        parser->body_limit(route_limits.body_limit);
        request.body_file =
            (std::filesystem::path(options.upload_dir) / ("harmoni-upload-" + random.hex(12)))
                .string();
        parser->get().body().open(request.body_file.c_str(), beast::file_mode::write, ec);
        if (ec) {
          spdlog::error("cannot open upload file: {}", ec.message());
          co_await send_plain(stream, bhttp::status::service_unavailable, true);
          break;
        }
        co_await bhttp::async_read(stream, buffer, *parser,
                                   asio::redirect_error(use_awaitable, ec));
        parser->get().body().close();
        keep_alive = parser->keep_alive();
      } else {
        std::optional<bhttp::request_parser<bhttp::string_body>> parser;
        parser.emplace(std::move(*header_parser));
        parser->body_limit(route_limits.body_limit);
        co_await bhttp::async_read(stream, buffer, *parser,
                                   asio::redirect_error(use_awaitable, ec));
        request.body = std::move(parser->get().body());
        keep_alive = parser->keep_alive();
      }
      if (ec) {
        if (!request.body_file.empty()) {
          std::error_code ignored;
          std::filesystem::remove(request.body_file, ignored);
        }
        if (ec == bhttp::error::body_limit) {
          co_await send_plain(stream, bhttp::status::payload_too_large, true);
        } else if (ec.category() == http_category()) {
          spdlog::debug("request body rejected: {}", ec.message());
          co_await send_plain(stream, bhttp::status::bad_request, true);
        }
        break;
      }

      Metrics::global().add_in_flight(1);
      auto handle = [this, &request] {
        logging::RequestScope scope(request.request_id);
        return handler(request);
      };
      // (An if, not ?:, because g++ 12 miscompiles co_await inside a conditional expression.)
      Response response;
      if (route_limits.run_inline) {
        response = handle();
      } else {
        response = co_await offload<Response>(handle);
      }
      Metrics::global().add_in_flight(-1);
      if (!request.body_file.empty()) {
        std::error_code ignored;
        std::filesystem::remove(request.body_file, ignored);
      }
      keep_alive = keep_alive && !stopping;
      uint64_t sent = 0;
      bool write_ok = false;
      if (response.events) {
        write_ok = co_await write_events(*conn, request, response, sent);
      } else if (response.stream) {
        write_ok = co_await write_streamed(*conn, request, response, keep_alive, sent);
      } else {
        write_ok = co_await write_whole(stream, request, response, keep_alive, sent);
      }
      if (access) {
        std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
        access(Exchange{&request, &response, sent, elapsed.count()});
      }
      if (!write_ok || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
  }

  void fill_header(bhttp::response_header<>& header, const Request& request,
                   const Response& response, bool keep_alive) {
    header.result(static_cast<unsigned>(response.status));
    header.version(11);
    for (const auto& [name, value] : response.headers) header.insert(name, value);
    header.set("X-Request-Id", request.request_id);
    if (!keep_alive) header.set(bhttp::field::connection, "close");
  }

  awaitable<bool> write_whole(beast::tcp_stream& stream, const Request& request, Response& response,
                              bool keep_alive, uint64_t& sent) {
    bhttp::response<bhttp::string_body> res;
    fill_header(res.base(), request, response, keep_alive);
    std::string_view content_type = response.header("Content-Type");
    if (response.body.size() >= kGzipMinimum && is_compressible(content_type) &&
        response.header("Content-Encoding").empty()) {
      res.set(bhttp::field::vary, "Accept-Encoding");
      if (accepts_gzip(request.header("accept-encoding"))) {
        res.body() = gzip(response.body);
        res.set(bhttp::field::content_encoding, "gzip");
      }
    }
    if (res.body().empty()) res.body() = std::move(response.body);
    res.prepare_payload();
    if (request.method == "HEAD" || response.status == 304 || response.status == 204) {
      res.body().clear();
    }
    beast::error_code ec;
    stream.expires_after(options.write_timeout);
    sent = co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
    co_return !ec;
  }

  // Sends a server-sent event stream until the client goes, the stream's lifetime ends
  // or the server stops. Waits on a timer on the connection's strand: no worker is held.
  // Always ends the connection (returns false).
  // Sends the header of a chunked response; false when the body is not to follow (an
  // error, or a HEAD request).
  awaitable<bool> write_chunked_header(beast::tcp_stream& stream, const Request& request,
                                       const Response& response, bool keep_alive, uint64_t& sent) {
    bhttp::response<bhttp::empty_body> res;
    fill_header(res.base(), request, response, keep_alive);
    res.chunked(true);
    beast::error_code ec;
    stream.expires_after(options.write_timeout);
    bhttp::response_serializer<bhttp::empty_body> serializer(res);
    sent = co_await bhttp::async_write_header(stream, serializer,
                                              asio::redirect_error(use_awaitable, ec));
    co_return !ec && request.method != "HEAD";
  }

  awaitable<bool> write_events(Connection& conn, const Request& request, Response& response,
                               uint64_t& sent) {
    beast::tcp_stream& stream = conn.stream;
    if (!co_await write_chunked_header(stream, request, response, false, sent)) co_return false;
    beast::error_code ec;

    auto wait = std::make_shared<asio::steady_timer>(conn.strand);
    auto woken = std::make_shared<std::atomic<bool>>(true);
    conn.event_wait = wait;
    Metrics::global().count("harmoni_http_event_streams_total",
                            "Server-sent event streams opened.");
    // The wake-up may come from any thread; the cancel runs on the strand, so it lands
    // in the wait below (or the flag is seen before the next wait starts).
    response.events->start([wait, woken, ex = conn.strand] {
      woken->store(true);
      asio::post(ex, [wait] { wait->cancel(); });
    });
    auto now = [] { return std::chrono::steady_clock::now(); };
    const auto end_at = now() + options.event_stream_lifetime;
    auto heartbeat_at = now() + options.event_heartbeat;
    bool ok = true;
    while (ok && !stopping && now() < end_at) {
      std::string out = woken->exchange(false) ? response.events->take() : std::string();
      if (out.empty() && now() >= heartbeat_at) out = ": keep-alive\n\n";
      if (out.empty()) {
        stream.expires_never();
        wait->expires_at(std::min(heartbeat_at, end_at));
        co_await wait->async_wait(asio::redirect_error(use_awaitable, ec));
        continue;
      }
      stream.expires_after(options.write_timeout);
      sent += co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(out)),
                                         asio::redirect_error(use_awaitable, ec));
      ok = !ec;
      heartbeat_at = now() + options.event_heartbeat;
    }
    conn.event_wait.reset();
    if (ok) {
      stream.expires_after(options.write_timeout);
      sent += co_await asio::async_write(stream, bhttp::make_chunk_last(),
                                         asio::redirect_error(use_awaitable, ec));
    }
    co_return false;
  }

  // Runs the body stream on a worker and sends its chunks as they come.
  awaitable<bool> write_streamed(Connection& conn, const Request& request, Response& response,
                                 bool keep_alive, uint64_t& sent) {
    beast::tcp_stream& stream = conn.stream;
    if (!co_await write_chunked_header(stream, request, response, keep_alive, sent))
      co_return false;
    beast::error_code ec;

    auto channel = std::make_shared<StreamChannel>(conn.strand);
    ConnectionStrand ex = conn.strand;
    ChunkWriter writer = [channel, ex](std::string_view chunk) {
      if (chunk.empty()) return true;
      std::unique_lock lock(channel->mu);
      if (channel->client_gone) return false;
      channel->chunks.emplace_back(chunk);
      channel->queued += chunk.size();
      asio::post(ex, [channel] { channel->wake.cancel(); });
      channel->cv.wait(lock,
                       [&] { return channel->queued < kStreamQueueBytes || channel->client_gone; });
      return !channel->client_gone;
    };
    asio::post(workers, [channel, ex, writer, body = response.stream, id = request.request_id]() {
      logging::RequestScope scope(id);
      Status result;
      try {
        result = body(writer);
      } catch (const std::exception& e) {
        result = Error::internal(e.what());
      }
      if (!result.ok()) spdlog::error("streamed body failed: {}", result.error().internal_detail);
      std::lock_guard lock(channel->mu);
      channel->done = true;
      channel->result = std::move(result);
      asio::post(ex, [channel] { channel->wake.cancel(); });
    });

    bool ok = true;
    for (;;) {
      std::string chunk;
      bool finished = false;
      {
        std::lock_guard lock(channel->mu);
        if (!channel->chunks.empty()) {
          chunk = std::move(channel->chunks.front());
          channel->chunks.pop_front();
          channel->queued -= chunk.size();
          channel->cv.notify_all();
        } else if (channel->done) {
          finished = true;
          ok = channel->result.ok();
        }
      }
      if (finished) break;
      if (chunk.empty()) {
        channel->wake.expires_after(std::chrono::hours(1));
        co_await channel->wake.async_wait(asio::redirect_error(use_awaitable, ec));
        continue;
      }
      stream.expires_after(options.write_timeout);
      sent += co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(chunk)),
                                         asio::redirect_error(use_awaitable, ec));
      if (ec) {
        std::lock_guard lock(channel->mu);
        channel->client_gone = true;
        channel->cv.notify_all();
        // Wait for the producer to notice, so it never outlives what it writes to.
        ok = false;
      }
    }
    if (!ok) {
      // A failed body must not look complete: end without the last chunk.
      std::unique_lock lock(channel->mu);
      channel->client_gone = true;
      channel->cv.notify_all();
      co_return false;
    }
    sent += co_await asio::async_write(stream, bhttp::make_chunk_last(),
                                       asio::redirect_error(use_awaitable, ec));
    co_return !ec;
  }
};

Server::Server(ServerOptions options, Handler handler, LimitsFn limits, AccessFn access)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(limits),
                                   std::move(access))) {}

Server::~Server() { impl_->workers.join(); }

Result<uint16_t> Server::listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return Error::invalid("config.listen_invalid", {{"value", impl_->options.host}});
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    Error e = Error::unavailable("server.listen_failed", ec.message());
    e.args = {{"address", impl_->options.host + ":" + std::to_string(impl_->options.port)},
              {"reason", ec.message()}};
    return e;
  }
  return acceptor.local_endpoint().port();
}

void Server::run() {
  auto& impl = *impl_;
  impl.signals.async_wait([&impl](beast::error_code ec, int) {
    if (!ec) asio::post(impl.control, [&impl] { impl.begin_stop(); });
  });
  asio::co_spawn(impl.ioc, impl.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < std::max(1, impl.options.io_threads); ++i) {
    threads.emplace_back([&impl] { impl.ioc.run(); });
  }
  impl.ioc.run();
  for (auto& t : threads) t.join();
  impl.workers.join();
  spdlog::info("stopped");
}

void Server::stop() {
  asio::post(impl_->control, [impl = impl_.get()] { impl->begin_stop(); });
}

}  // namespace harmoni::http

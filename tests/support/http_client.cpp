#include "support/http_client.hpp"

#include <poll.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <functional>
#include <regex>
#include <utility>

#include "platform/http/message.hpp"

namespace harmoni::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

std::vector<std::string> HttpResponse::all(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : headers) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += http::percent_encode(k) + "=" + http::percent_encode(v);
  }
  return out;
}

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 std::vector<std::pair<std::string, std::string>> headers) {
  try {
    return exchange(method, target, body, headers);
  } catch (const std::exception& e) {
    // A failed exchange names its request, so a test failure says which call broke.
    throw std::runtime_error(method + " " + target + " (" + std::to_string(body.size()) +
                             " bytes): " + e.what());
  }
}

HttpResponse HttpClient::exchange(const std::string& method, const std::string& target,
                                  const std::string& body,
                                  const std::vector<std::pair<std::string, std::string>>& headers) {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)});
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
  std::string cookie;
  for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
  if (!cookie.empty()) req.set(bhttp::field::cookie, cookie);
  if (!bearer_.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer_);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(socket, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  bhttp::read(socket, buffer, parser);
  auto& res = parser.get();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace_back(name, std::string(f.value()));
  }
  out.body = res.body();
  for (const auto& set : out.all("set-cookie")) {
    auto eq = set.find('=');
    auto semi = set.find(';');
    std::string name = set.substr(0, eq);
    std::string value =
        set.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
    if (set.find("Max-Age=0") != std::string::npos)
      cookies_.erase(name);
    else
      cookies_[name] = value;
  }
  static const std::regex csrf(R"(name="_csrf" value="([^"]+)\")");
  std::smatch m;
  if (std::regex_search(out.body, m, csrf)) last_csrf_ = m[1];
  return out;
}

std::string HttpClient::csrf_token() { return last_csrf_; }

HttpResponse HttpClient::post_form(const std::string& target,
                                   const std::vector<std::pair<std::string, std::string>>& fields) {
  auto all = fields;
  all.emplace_back("_csrf", last_csrf_);
  return request("POST", target, form_encode(all),
                 {{"content-type", "application/x-www-form-urlencoded"},
                  {"origin", "http://127.0.0.1:" + std::to_string(port_)}});
}

HttpResponse HttpClient::json(const std::string& method, const std::string& target,
                              const std::string& body) {
  std::vector<std::pair<std::string, std::string>> headers = {{"content-type", "application/json"},
                                                              {"accept", "application/json"}};
  // A logged-in browser session proves itself with its CSRF token; a bearer token needs none.
  if (bearer_.empty() && !last_csrf_.empty()) {
    headers.emplace_back("x-csrf-token", last_csrf_);
    headers.emplace_back("origin", "http://127.0.0.1:" + std::to_string(port_));
  }
  return request(method, target, body, headers);
}

int HttpClient::login(const std::string& email, const std::string& password) {
  get("/login");
  return post_form("/login", {{"email", email}, {"password", password}, {"next", "/"}}).status;
}

std::string raw_exchange(int port, const std::string& bytes, int timeout_ms) {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  asio::write(socket, asio::buffer(bytes));
  std::string out;
  char buf[65536];
  for (;;) {
    pollfd p{socket.native_handle(), POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) break;
    beast::error_code ec;
    size_t n = socket.read_some(asio::buffer(buf), ec);
    if (ec || n == 0) break;
    out.append(buf, n);
  }
  return out;
}

EventStreamClient::EventStreamClient(int port, const std::string& target,
                                     const std::string& last_event_id) {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  std::string head = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                     "\r\nAccept: text/event-stream\r\n";
  if (!last_event_id.empty()) head += "Last-Event-ID: " + last_event_id + "\r\n";
  asio::write(socket, asio::buffer(head + "\r\n"));
  fd_ = socket.release();
}

EventStreamClient::~EventStreamClient() {
  if (fd_ >= 0) ::close(fd_);
}

// Reads what arrives until `done` holds or the deadline passes; whether `done` held. A
// closed stream ends the wait too: then `done` decides once more.
bool EventStreamClient::read_until(const std::function<bool(bool closed)>& done, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  char buf[16384];
  for (;;) {
    if (done(false)) return true;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) return done(true);
    received_.append(buf, static_cast<size_t>(n));
  }
}

bool EventStreamClient::wait_for(const std::string& needle, int timeout_ms, size_t from) {
  return read_until(
      [&](bool) {
        return received_.find(needle, std::min(from, received_.size())) != std::string::npos;
      },
      timeout_ms);
}

bool EventStreamClient::wait_closed(int timeout_ms) {
  return read_until([](bool closed) { return closed; }, timeout_ms);
}

}  // namespace harmoni::test

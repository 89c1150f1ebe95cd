// A small blocking HTTP/1.1 client with a cookie jar, for end-to-end tests.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace harmoni::test {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
};

class HttpClient {
 public:
  explicit HttpClient(int port) : port_(port) {}
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::string& body = "",
                       std::vector<std::pair<std::string, std::string>> headers = {});
  HttpResponse get(const std::string& target) { return request("GET", target); }
  // Posts an urlencoded form with the session's CSRF token and a same-origin Origin.
  HttpResponse post_form(const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& fields);
  // A JSON request; with a session (no bearer token) it carries the session's CSRF token.
  HttpResponse json(const std::string& method, const std::string& target, const std::string& body);
  // Logs in through the login form; returns the final response status.
  int login(const std::string& email, const std::string& password);
  std::string csrf_token();  // from the last page with a logout form or login form
  void set_bearer(std::string token) { bearer_ = std::move(token); }
  std::map<std::string, std::string>& cookies() { return cookies_; }
  int port() const { return port_; }

 private:
  HttpResponse exchange(const std::string& method, const std::string& target,
                        const std::string& body,
                        const std::vector<std::pair<std::string, std::string>>& headers);
  int port_;
  std::map<std::string, std::string> cookies_;
  std::string bearer_;
  std::string last_csrf_;
};

// An open server-sent event stream, read as it arrives (raw text, chunk framing and
// all). Closes on destruction.
class EventStreamClient {
 public:
  EventStreamClient(int port, const std::string& target, const std::string& last_event_id = "");
  ~EventStreamClient();
  EventStreamClient(const EventStreamClient&) = delete;
  EventStreamClient& operator=(const EventStreamClient&) = delete;
  // Reads until `needle` occurs after the first `from` bytes received or timeout_ms
  // passes; returns whether it occurred.
  bool wait_for(const std::string& needle, int timeout_ms = 10000, size_t from = 0);
  const std::string& received() const { return received_; }
  // Reads until the server ends the stream or timeout_ms passes; true if it ended.
  bool wait_closed(int timeout_ms);

 private:
  bool read_until(const std::function<bool(bool closed)>& done, int timeout_ms);

  int fd_ = -1;
  std::string received_;
};

// Sends raw bytes on a fresh connection and returns everything read until the
// server closes or timeout_ms passes quietly.
std::string raw_exchange(int port, const std::string& bytes, int timeout_ms = 3000);
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace harmoni::test

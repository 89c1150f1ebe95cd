// A real SMTP server for tests: Debian's aiosmtpd (python3-aiosmtpd) on a free loopback
// port, storing what it receives in a Maildir. Stopped when destroyed.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace harmoni::test {

class SmtpServer {
 public:
  SmtpServer();  // throws when it cannot start
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  int port() const { return port_; }
  std::string relay() const { return "127.0.0.1:" + std::to_string(port_); }
  // Every message received so far, as sent (headers and body), oldest first.
  std::vector<std::string> messages() const;
  // Waits until at least `count` messages arrived (or timeout_ms passed).
  std::vector<std::string> wait_for(size_t count, int timeout_ms = 10'000) const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// The body of a message sent base64-encoded, decoded.
std::string decoded_body(const std::string& message);

}  // namespace harmoni::test

// Server configuration. Each field can come from the command line, an environment
// variable HARMONI_<NAME> or a config file (--config, INI/TOML "name = value"),
// in that order of precedence (see src/cli/, docs/operations.md).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "platform/result.hpp"

namespace harmoni {

struct Config {
  std::string db_url = "sqlite:var/harmoni.db";
  std::string listen = "127.0.0.1:8080";
  // Where users reach the server, e.g. "https://harmoni.kalbarprov.go.id". An https
  // URL makes cookies Secure; its origin is the one accepted on state changes.
  std::string public_url;
  int io_threads = 0;  // 0: one per CPU core
  int worker_threads = 16;
  std::string log_level = "info";
  bool access_log = true;
  std::string sqlite_synchronous = "FULL";
  int sqlite_readers = 4;
  int sqlite_mmap_mb = 1024;
  int postgres_pool = 8;
  bool trust_proxy = false;
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  std::string password_cost = "interactive";  // interactive | moderate | test
  // The vault's master key (see platform/crypto/vault_file.hpp); made when missing.
  std::string secret_key_file = "var/harmoni.key";
  // The SMTP relay mail leaves through ("host:port"); empty: mail is queued, not sent.
  std::string smtp_relay;
  std::string mail_from = "Harmoni <noreply@harmoni.local>";
  std::string upload_dir = "/tmp";
  int max_upload_mb = 256;
  int shutdown_grace_seconds = 30;
  int read_timeout_seconds = 30;  // to receive a whole request
  int idle_timeout_seconds = 60;  // a kept-alive connection waiting for its next request
};

// Splits "HOST:PORT" ("[::1]:8080" for IPv6).
Result<std::pair<std::string, uint16_t>> parse_listen(std::string_view listen);
// Checks ranges and combinations; the error names the setting.
Status validate(const Config& config);

}  // namespace harmoni

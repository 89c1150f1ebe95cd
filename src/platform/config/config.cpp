#include "platform/config/config.hpp"

#include <charconv>

#include "platform/mail/smtp.hpp"

namespace harmoni {

Result<std::pair<std::string, uint16_t>> parse_listen(std::string_view listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Error::field("listen", "config.listen_invalid", {{"value", std::string(listen)}});
  }
  std::string host(listen.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  std::string_view port_text = listen.substr(colon + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return Error::field("listen", "config.listen_invalid", {{"value", std::string(listen)}});
  }
  return std::pair{host, static_cast<uint16_t>(port)};
}

Status validate(const Config& c) {
  TRY(parse_listen(c.listen));
  auto range = [](std::string_view name, int value, int min, int max) -> Status {
    if (value < min || value > max) {
      return Error::field(std::string(name), "config.out_of_range",
                          {{"name", std::string(name)},
                           {"min", std::to_string(min)},
                           {"max", std::to_string(max)}});
    }
    return {};
  };
  TRY(range("io-threads", c.io_threads, 0, 64));
  TRY(range("worker-threads", c.worker_threads, 1, 256));
  TRY(range("sqlite-readers", c.sqlite_readers, 1, 64));
  TRY(range("sqlite-mmap-mb", c.sqlite_mmap_mb, 0, 1 << 20));
  TRY(range("postgres-pool", c.postgres_pool, 1, 256));
  TRY(range("session-idle-minutes", c.session_idle_minutes, 1, 24 * 60));
  TRY(range("session-absolute-hours", c.session_absolute_hours, 1, 24 * 30));
  TRY(range("max-upload-mb", c.max_upload_mb, 1, 4096));
  TRY(range("shutdown-grace-seconds", c.shutdown_grace_seconds, 0, 600));
  TRY(range("read-timeout-seconds", c.read_timeout_seconds, 1, 3600));
  TRY(range("idle-timeout-seconds", c.idle_timeout_seconds, 1, 3600));
  if (c.password_cost != "interactive" && c.password_cost != "moderate" &&
      c.password_cost != "test") {
    return Error::field("password-cost", "config.choice_invalid", {{"name", "password-cost"}});
  }
  if (!c.smtp_relay.empty() && !mail::parse_relay(c.smtp_relay).ok()) {
    return Error::field("smtp-relay", "mail.relay_invalid");
  }
  if (c.mail_from.find('@') == std::string::npos) {
    return Error::field("mail-from", "config.mail_from_invalid");
  }
  if (!c.public_url.empty() && !c.public_url.starts_with("http://") &&
      !c.public_url.starts_with("https://")) {
    return Error::field("public-url", "config.public_url_invalid");
  }
  return {};
}

}  // namespace harmoni

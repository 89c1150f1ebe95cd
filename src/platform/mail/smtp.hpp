// Mail through the operator's SMTP relay (a local Postfix, the agency's mail server): plain
// SMTP to a relay that accepts this host, which then carries the mail on with TLS. One
// message per connection; the outbox (outbox_store.hpp) retries what fails.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "platform/result.hpp"

namespace harmoni::mail {

struct SmtpRelay {
  std::string host;
  uint16_t port = 25;
  std::string helo = "harmoni";
  std::chrono::milliseconds timeout{20'000};  // for each step of the dialogue
};

// "HOST:PORT" (or "HOST", port 25); "mail.relay_invalid" otherwise.
Result<SmtpRelay> parse_relay(std::string_view text);

struct Message {
  std::string from;  // "Harmoni <noreply@example.go.id>" or a bare address
  std::string to;    // a bare address
  std::string subject;
  std::string body;        // plain UTF-8 text
  std::string message_id;  // "<id@host>"
  int64_t date_ms = 0;
};

// The message as sent (RFC 5322 with MIME): the subject encoded for UTF-8, the body in
// base64 lines, CRLF line ends. Pure.
std::string format_message(const Message& m);

// Sends one message. A refusal the relay calls permanent (5xx) is Error::invalid
// ("mail.refused"); a network fault, a timeout or a temporary refusal (4xx) is
// Error::unavailable ("mail.unavailable"), worth trying again later.
Status send_mail(const SmtpRelay& relay, const Message& m);

}  // namespace harmoni::mail

// Delivers the outbox through the relay: run every so often by the server's jobs.
#pragma once

#include <functional>

#include "platform/cases/env.hpp"
#include "platform/mail/smtp.hpp"

namespace harmoni::mail {

struct DeliverySettings {
  SmtpRelay relay;
  std::string from;       // "Harmoni <noreply@example.go.id>"
  std::string id_domain;  // for Message-ID: the public host, or "harmoni.local"
  int batch = 20;         // mails per run
  int max_attempts = 10;  // then given up (about a day and a half of trying)
};

struct DeliveryReport {
  int sent = 0, retrying = 0, given_up = 0;
};

// Sends the mail that is due, one connection each. A temporary failure waits longer
// each time (1, 2, 4 ... minutes, at most 6 hours); a permanent refusal or the last
// attempt gives up. Nothing personal reaches the log.
Result<DeliveryReport> deliver_due(const Env& env, const DeliverySettings& settings);

}  // namespace harmoni::mail

#include "platform/mail/delivery.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "platform/mail/outbox_store.hpp"

namespace harmoni::mail {
namespace {
constexpr int64_t kMinute = 60'000;
constexpr int64_t kMaxWait = 6 * 60 * kMinute;
}  // namespace

Result<DeliveryReport> deliver_due(const Env& env, const DeliverySettings& settings) {
  // The lease outlasts a batch of slow relays, so a mail is not sent twice meanwhile.
  const int64_t lease = (settings.relay.timeout.count() * 6 + kMinute) * settings.batch;
  auto due = TRY(env.db.write(
      [&](db::Tx& tx) { return claim_due(tx, env.vault, env.now_ms(), settings.batch, lease); }));
  DeliveryReport report;
  for (const Queued& q : due) {
    Message m{.from = settings.from,
              .to = q.mail.to,
              .subject = q.mail.subject,
              .body = q.mail.body,
              .message_id = "<" + env.random.hex(16) + "@" + settings.id_domain + ">",
              .date_ms = env.now_ms()};
    Status sent = send_mail(settings.relay, m);
    const int attempts = q.attempts + 1;
    std::optional<int64_t> retry_at;
    if (!sent.ok() && sent.error().kind == ErrorKind::kUnavailable &&
        attempts < settings.max_attempts) {
      retry_at = env.now_ms() + std::min(kMinute << std::min(attempts - 1, 20), kMaxWait);
    }
    TRY(env.db.write([&](db::Tx& tx) -> Status {
      if (sent.ok()) return mark_sent(tx, q.id, env.now_ms());
      return mark_failed(tx, q.id, retry_at, sent.error().internal_detail);
    }));
    if (sent.ok()) {
      ++report.sent;
    } else if (retry_at) {
      ++report.retrying;
    } else {
      ++report.given_up;
      spdlog::warn("mail {} given up after {} attempts: {}", q.id, attempts,
                   sent.error().internal_detail);
    }
  }
  return report;
}

}  // namespace harmoni::mail

#include "platform/mail/outbox_store.hpp"

namespace harmoni::mail {
namespace {
constexpr std::string_view kPurpose = "mail.outbox";
}  // namespace

Status enqueue(db::Tx& tx, const Vault& vault, Random& random, const Outgoing& mail,
               int64_t now_ms) {
  TRY(
      tx.exec("INSERT INTO outbox (recipient_sealed, subject_sealed, body_sealed, created_at_ms, "
              "next_attempt_ms) VALUES (?, ?, ?, ?, ?)",
              {vault.seal(kPurpose, mail.to, random), vault.seal(kPurpose, mail.subject, random),
               vault.seal(kPurpose, mail.body, random), now_ms, now_ms}));
  return {};
}

Result<std::vector<Queued>> claim_due(db::Tx& tx, const Vault& vault, int64_t now_ms, int limit,
                                      int64_t lease_ms) {
  // PostgreSQL: rows another server is claiming right now are skipped, not waited for.
  const std::string lock = tx.dialect() == db::Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
  auto rows = TRY(tx.query(
      "SELECT id, attempts, recipient_sealed, subject_sealed, body_sealed FROM outbox WHERE "
      "status = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, id LIMIT ?" +
          lock,
      {now_ms, limit}));
  std::vector<Queued> out;
  for (const auto& r : rows) {
    TRY(tx.exec("UPDATE outbox SET next_attempt_ms = ? WHERE id = ?",
                {now_ms + lease_ms, r.i64(0)}));
    Queued q{.id = r.i64(0), .attempts = static_cast<int>(r.i64(1))};
    q.mail.to = TRY(vault.open(kPurpose, r.text(2)));
    q.mail.subject = TRY(vault.open(kPurpose, r.text(3)));
    q.mail.body = TRY(vault.open(kPurpose, r.text(4)));
    out.push_back(std::move(q));
  }
  return out;
}

Status mark_sent(db::Tx& tx, int64_t id, int64_t now_ms) {
  TRY(
      tx.exec("UPDATE outbox SET status = 'sent', sent_at_ms = ?, attempts = attempts + 1, "
              "recipient_sealed = '', subject_sealed = '', body_sealed = '', last_error = '' "
              "WHERE id = ?",
              {now_ms, id}));
  return {};
}

Status mark_failed(db::Tx& tx, int64_t id, std::optional<int64_t> retry_at_ms,
                   std::string_view detail) {
  if (retry_at_ms) {
    TRY(
        tx.exec("UPDATE outbox SET attempts = attempts + 1, next_attempt_ms = ?, last_error = ? "
                "WHERE id = ?",
                {*retry_at_ms, std::string(detail), id}));
  } else {
    TRY(
        tx.exec("UPDATE outbox SET attempts = attempts + 1, status = 'failed', last_error = ?, "
                "recipient_sealed = '', subject_sealed = '', body_sealed = '' WHERE id = ?",
                {std::string(detail), id}));
  }
  return {};
}

Result<OutboxCounts> outbox_counts(db::Tx& tx) {
  OutboxCounts c;
  TRY(tx.each("SELECT status, COUNT(*) FROM outbox GROUP BY status", {}, [&](const db::Row& r) {
    const std::string status = r.text(0);
    (status == "sent" ? c.sent : status == "failed" ? c.failed : c.pending) = r.i64(1);
    return true;
  }));
  return c;
}

}  // namespace harmoni::mail

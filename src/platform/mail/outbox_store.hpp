// Mail waiting to be sent. A mail is queued in the transaction of the step it tells of, so
// it goes out only if that step commits, and a relay that is down never blocks or loses a
// step. Recipient, subject and body are sealed in the vault (they can name a reporter)
// and emptied once the mail is sent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/crypto/vault.hpp"
#include "platform/db/database.hpp"

namespace harmoni::mail {

struct Outgoing {
  std::string to;  // a bare address
  std::string subject;
  std::string body;
};

Status enqueue(db::Tx& tx, const Vault& vault, Random& random, const Outgoing& mail,
               int64_t now_ms);

struct Queued {
  int64_t id = 0;
  int attempts = 0;
  Outgoing mail;
};
// Mail due now, claimed for `lease_ms`: another server's delivery passes it over meanwhile.
Result<std::vector<Queued>> claim_due(db::Tx& tx, const Vault& vault, int64_t now_ms, int limit,
                                      int64_t lease_ms);
Status mark_sent(db::Tx& tx, int64_t id, int64_t now_ms);
// Tries again later (after `retry_at_ms`), or gives up when `retry_at_ms` is nullopt; the
// detail is for operators and never names a person.
Status mark_failed(db::Tx& tx, int64_t id, std::optional<int64_t> retry_at_ms,
                   std::string_view detail);

struct OutboxCounts {
  int64_t pending = 0, sent = 0, failed = 0;
};
Result<OutboxCounts> outbox_counts(db::Tx& tx);

}  // namespace harmoni::mail

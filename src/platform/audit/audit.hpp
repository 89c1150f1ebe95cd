// The audit log: append-only and hash-chained. Every write by staff and every read
// of personal data appends one entry in the same transaction as the act itself.
// Entries name the actor, action and object, never the personal data itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "platform/db/database.hpp"

namespace harmoni::audit {

struct Entry {
  std::optional<int64_t> actor_user_id;
  std::string actor;  // the user's e-mail, or "cli" / "system"
  std::optional<int64_t> instansi_id;
  std::string action;       // e.g. "asn.update", "asn.read", "user.login"
  std::string object_type;  // e.g. "asn"
  std::string object_id;
  std::string source;         // client address or "cli"
  std::string request_id;     // or "-"
  std::string detail = "{}";  // JSON: which fields changed, counts; no personal values
};

// Appends entry at time at_ms inside tx.
Status append(db::Tx& tx, const Entry& entry, int64_t at_ms);

struct VerifyReport {
  int64_t entries = 0;
  bool ok = true;
  int64_t bad_seq = 0;  // first entry that fails, when !ok
  std::string problem;  // what failed, in English, for the operator
  std::string head_hash;
};

// Recomputes the whole chain; any edited, deleted or inserted entry makes it fail.
Result<VerifyReport> verify(db::Database& db);

}  // namespace harmoni::audit

// What a use case receives: the world it may touch (Env) and who acts (Actor).
//
// A use case is a function `Result<T> do_something(const Env&, const Actor&, const Request&)`
// in a capability's `_cases` file. It owns its transaction, its scope check and its audit
// entry, so a check and the write it guards commit together. Route handlers only parse
// the request, call one use case and render what it returns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "platform/audit/audit.hpp"
#include "platform/auth/principal.hpp"
#include "platform/crypto/vault.hpp"
#include "platform/db/database.hpp"
#include "platform/util/clock.hpp"

namespace harmoni {

// Storage, time, randomness and the vault of secrets, injected so tests control them.
struct Env {
  db::Database& db;
  const Clock& clock;
  Random& random;
  const Vault& vault;

  int64_t now_ms() const { return clock.now_ms(); }
  int64_t now_seconds() const { return clock.now_seconds(); }
};

// The person (or nobody: a citizen) on whose behalf a use case runs.
struct Actor {
  const auth::Principal* principal = nullptr;  // null: no account (citizens)
  std::string source = "-";                    // the client's address, or "cli"
  std::string request_id = "-";

  bool signed_in() const { return principal != nullptr; }
  // Only for use cases that require an account (their routes require a login).
  const auth::Principal& user() const { return *principal; }
  // The user's instansi; -1, which matches no row, for users of none.
  int64_t user_instansi() const { return principal ? principal->instansi_id.value_or(-1) : -1; }
  // An audit entry of this actor's act.
  audit::Entry audit(std::string action, std::string object_type, std::string object_id,
                     std::optional<int64_t> instansi_id, std::string detail = "{}") const;
};

}  // namespace harmoni

// Sessions, API tokens and login throttling, stored in the database.
//
// Session ids and API tokens are 32 random bytes, given to the client once and
// stored only as SHA-256 hashes. A session ends after `idle_timeout` without use
// or `absolute_timeout` after login, whichever comes first. Each login creates a
// new session id (no fixation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/auth/credentials.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/util/clock.hpp"

namespace harmoni::auth {

struct AuthSettings {
  int64_t idle_timeout_s = 30 * 60;
  int64_t absolute_timeout_s = 12 * 60 * 60;
  int max_account_failures = 5;  // before an account is blocked
  // Offices share one address behind NAT: one person's typos must not lock out
  // everyone, so the address limit is far higher.
  int max_address_failures = 50;
  int64_t first_block_s = 30;  // doubles with each further failure
  int64_t max_block_s = 15 * 60;
  int64_t failure_window_s = 15 * 60;  // failures older than this are forgotten
};

struct NewSession {
  std::string token;  // the cookie value, shown once
  Principal principal;
};

class AuthStore {
 public:
  AuthStore(db::Database& db, const Clock& clock, Random& random, AuthSettings settings = {});

  // Checks e-mail and password with throttling per account and per client address.
  // Unknown e-mail and wrong password give the same error.
  Result<NewSession> login(std::string_view email, std::string_view password,
                           std::string_view client_addr);
  Result<std::optional<Principal>> session(std::string_view token);
  Status logout(std::string_view token);
  // Ends every session of the user (password change, deactivation).
  Status end_user_sessions(db::Tx& tx, int64_t user_id);

  // Creates an API token inside tx; returns the plaintext once ("hrm_..."). Stored hashed.
  Result<std::string> create_api_token(db::Tx& tx, int64_t user_id, std::string_view name);
  Result<std::optional<Principal>> api_token(std::string_view token);

  // The principal of an active user (CLI and tests).
  Result<std::optional<Principal>> principal_for_user(db::Tx& tx, int64_t user_id);

 private:
  Status record_failure(const std::string& key, int max_failures);
  Result<int64_t> blocked_for(const std::string& key);

  db::Database& db_;
  const Clock& clock_;
  Random& random_;
  AuthSettings settings_;
};

struct ApiTokenInfo {
  int64_t id = 0;
  std::string name;
};
// The user's API tokens not revoked, oldest first (never the token itself).
Result<std::vector<ApiTokenInfo>> list_api_tokens(db::Tx& tx, int64_t user_id);
// Revokes the user's own token; false when it is not theirs or already revoked.
Result<bool> revoke_api_token(db::Tx& tx, int64_t user_id, int64_t token_id, int64_t now);

}  // namespace harmoni::auth

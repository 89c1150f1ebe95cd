// Use cases of accounts: logging in, one's own account and API tokens, and user
// administration. Each owns its transaction, its scope check and its audit entry.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts.hpp"
#include "org/org.hpp"
#include "platform/auth/auth_store.hpp"
#include "platform/cases/env.hpp"

namespace harmoni::accounts {

// Checks the credentials (throttled) and audits the login.
Result<auth::NewSession> log_in(const Env& env, auth::AuthStore& auth, const Actor& actor,
                                std::string_view email, std::string_view password);

// The NIP of the user's civil-servant record, if the account has one.
Result<std::optional<std::string>> own_nip(const Env& env, const Actor& actor);

Result<std::vector<auth::ApiTokenInfo>> own_tokens(const Env& env, const Actor& actor);
// Needs the current password; ends every session of the user, so they log in again.
Status change_own_password(const Env& env, auth::AuthStore& auth, const Actor& actor,
                           std::string_view current, std::string_view fresh);
// A new API token in plain text, shown once.
Result<std::string> create_own_token(const Env& env, auth::AuthStore& auth, const Actor& actor,
                                     std::string_view name);
// Not found unless it is the user's own token, not yet revoked.
Status revoke_own_token(const Env& env, const Actor& actor, int64_t token_id);

// The accounts the actor manages: an instansi admin's instansi; a system admin's, all
// or those of the instansi with this code.
Result<std::vector<User>> managed_users(const Env& env, const Actor& actor,
                                        std::string_view instansi_code);
// The user if the actor may manage them; not found otherwise (existence does not leak).
Result<User> managed_user(const Env& env, const Actor& actor, int64_t id);
Result<int64_t> create_user(const Env& env, const Actor& actor, UserDraft draft);
// A new password, role or deactivation ends the user's sessions.
Status change_user(const Env& env, auth::AuthStore& auth, const Actor& actor, const User& current,
                   UserDraft draft);

// The draft of an existing user's form.
UserDraft draft_from(const User& user);

}  // namespace harmoni::accounts

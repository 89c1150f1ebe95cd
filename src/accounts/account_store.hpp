// Storage of user accounts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts.hpp"
#include "platform/db/database.hpp"

namespace harmoni::accounts {

// Resolves codes, hashes the password (outside this function: pass the hash) and
// inserts. Unknown instansi / unit / NIP are field errors; a taken e-mail a conflict.
Result<int64_t> insert_user(db::Tx& tx, const UserDraft& draft, const std::string& password_hash,
                            int64_t now);
Status update_user(db::Tx& tx, int64_t id, const UserDraft& draft,
                   const std::optional<std::string>& password_hash, int64_t now);
Result<std::vector<User>> list_users(db::Tx& tx, std::optional<int64_t> instansi_id);
Result<std::optional<User>> find_user(db::Tx& tx, int64_t id);
Result<std::optional<User>> find_user_by_email(db::Tx& tx, const std::string& email);

Result<std::optional<std::string>> password_hash_of(db::Tx& tx, int64_t user_id);
// Sets a new password hash if the stored one is still `expected` (checked outside the
// transaction, since Argon2id is slow on purpose); false when it changed meanwhile.
Result<bool> replace_password_hash(db::Tx& tx, int64_t user_id, const std::string& expected,
                                   const std::string& fresh, int64_t now);

}  // namespace harmoni::accounts

// Storage of user accounts.
#pragma once

#include <optional>
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

}  // namespace harmoni::accounts

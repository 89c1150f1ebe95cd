// The vault's master key in its file: 64 hex characters and a newline. A missing file is
// made (mode 0600, never overwriting one that appeared meanwhile) when asked, so a fresh
// installation starts; the operator backs it up apart from the database: without it,
// sealed identities cannot be read again.
#pragma once

#include <string>

#include "platform/crypto/vault.hpp"

namespace harmoni {

Result<Vault> load_vault_file(const std::string& path, bool create, Random& random);

}  // namespace harmoni

// Secrets kept out of the database: what must be unreadable in a copy of it (a
// reporter's identity, a mail's recipient) is sealed, and codes people follow a case by
// are stored only as keyed hashes. Pure: the master key comes from the caller.
//
// One 32-byte master key (a file the operator keeps and backs up apart from the database;
// see vault_file.hpp); each purpose ("complaint.identity", ...) gets its own key derived
// from it, so a value sealed for one purpose cannot be opened as another.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/util/clock.hpp"

namespace harmoni {

class Vault {
 public:
  static constexpr size_t kKeyBytes = 32;

  // From the master key's bytes; "vault.key_invalid" unless there are exactly 32.
  static Result<Vault> from_key(std::string_view key);

  // Authenticated encryption (XSalsa20-Poly1305) with a fresh random nonce, as base64.
  std::string seal(std::string_view purpose, std::string_view plaintext, Random& random) const;
  // The plaintext; an internal error when the value was not sealed by this key and purpose.
  Result<std::string> open(std::string_view purpose, std::string_view sealed) const;
  // A keyed hash (BLAKE2b-256, hex): equal inputs match, and without the key nobody can
  // test guesses against a copy of the database.
  std::string keyed_hash(std::string_view purpose, std::string_view data) const;

 private:
  using Key = std::array<unsigned char, kKeyBytes>;
  explicit Vault(const Key& master) : master_(master) {}
  Key derive(std::string_view purpose) const;

  Key master_{};
};

}  // namespace harmoni

// Argon2id password hashing (libsodium's crypto_pwhash_str) and SHA-256 digests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace harmoni::auth {

// Argon2id cost. kInteractive is libsodium's interactive setting (64 MiB, 2 passes);
// kTest is its minimum, for test suites only.
enum class PasswordCost { kInteractive, kModerate, kTest };

void set_password_cost(PasswordCost cost);  // process-wide; call once at start
Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view stored_hash, std::string_view password);

// SHA-256 of data as lowercase hex (session ids and API tokens are stored this way).
std::string sha256_hex(std::string_view data);

}  // namespace harmoni::auth

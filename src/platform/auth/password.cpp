#include "platform/auth/password.hpp"

#include <sodium.h>

#include <atomic>

namespace harmoni::auth {
namespace {

std::atomic<PasswordCost> g_cost{PasswordCost::kInteractive};

void cost_limits(unsigned long long& ops, size_t& mem) {
  switch (g_cost.load()) {
    case PasswordCost::kInteractive:
      ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    case PasswordCost::kModerate:
      ops = crypto_pwhash_OPSLIMIT_MODERATE;
      mem = crypto_pwhash_MEMLIMIT_MODERATE;
      break;
    case PasswordCost::kTest:
      ops = crypto_pwhash_OPSLIMIT_MIN;
      mem = crypto_pwhash_MEMLIMIT_MIN;
      break;
  }
}

}  // namespace

void set_password_cost(PasswordCost cost) { g_cost = cost; }

Result<std::string> hash_password(std::string_view password) {
  unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  cost_limits(ops, mem);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::unavailable("error.out_of_memory", "argon2id hashing failed");
  }
  return std::string(out);
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

}  // namespace harmoni::auth

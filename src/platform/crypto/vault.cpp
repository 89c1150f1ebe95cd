#include "platform/crypto/vault.hpp"

#include <sodium.h>

#include <vector>

#include "platform/util/base64.hpp"

namespace harmoni {

Result<Vault> Vault::from_key(std::string_view key) {
  if (key.size() != kKeyBytes) return Error::invalid("vault.key_invalid");
  if (sodium_init() < 0) return Error::internal("libsodium failed to start");
  Key master;
  std::copy(key.begin(), key.end(), master.begin());
  return Vault(master);
}

Vault::Key Vault::derive(std::string_view purpose) const {
  Key out;
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(purpose.data()),
                     purpose.size(), master_.data(), master_.size());
  return out;
}

std::string Vault::seal(std::string_view purpose, std::string_view plaintext,
                        Random& random) const {
  const Key key = derive(purpose);
  std::vector<unsigned char> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plaintext.size());
  random.fill(std::span(out.data(), crypto_secretbox_NONCEBYTES));
  crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        out.data(), key.data());
  return base64_encode(std::string_view(reinterpret_cast<const char*>(out.data()), out.size()));
}

Result<std::string> Vault::open(std::string_view purpose, std::string_view sealed) const {
  auto bytes = base64_decode(sealed);
  if (!bytes || bytes->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Error::internal("sealed value malformed");
  }
  const Key key = derive(purpose);
  const auto* data = reinterpret_cast<const unsigned char*>(bytes->data());
  std::string plain(bytes->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(
          reinterpret_cast<unsigned char*>(plain.data()), data + crypto_secretbox_NONCEBYTES,
          bytes->size() - crypto_secretbox_NONCEBYTES, data, key.data()) != 0) {
    return Error::internal("sealed value does not open with this key");
  }
  return plain;
}

std::string Vault::keyed_hash(std::string_view purpose, std::string_view data) const {
  const Key key = derive(purpose);
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), key.data(), key.size());
  char hex[sizeof out * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

}  // namespace harmoni

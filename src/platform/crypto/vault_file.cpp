#include "platform/crypto/vault_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace harmoni {
namespace {

Status create_key_file(const std::string& path, Random& random) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return {};  // another process made it first: use theirs
    return Error::unavailable("vault.key_file", std::strerror(errno));
  }
  std::string line = random.hex(Vault::kKeyBytes) + "\n";
  bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  written = ::fsync(fd) == 0 && written;
  ::close(fd);
  if (!written) return Error::unavailable("vault.key_file", "could not write the key file");
  spdlog::warn("created a new secret key file {}: back it up apart from the database", path);
  return {};
}

}  // namespace

Result<Vault> load_vault_file(const std::string& path, bool create, Random& random) {
  if (create && !std::filesystem::exists(path)) TRY(create_key_file(path, random));
  std::ifstream in(path);
  if (!in) return Error::unavailable("vault.key_file", "cannot read " + path);
  std::string hex;
  std::getline(in, hex);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    spdlog::warn("the secret key file {} is readable by others: chmod 600 it", path);
  }
  std::string key(Vault::kKeyBytes, '\0');
  size_t length = 0;
  if (hex.size() != Vault::kKeyBytes * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0 ||
      length != Vault::kKeyBytes) {
    return Error::invalid("vault.key_invalid");
  }
  return Vault::from_key(key);
}

}  // namespace harmoni

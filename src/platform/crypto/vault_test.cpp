// The vault: sealed values open only with their key and purpose, keyed hashes match only
// under their key, and the key file is made once, privately, and never replaced.
#include "platform/crypto/vault.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "platform/crypto/vault_file.hpp"
#include "support/temp_dir.hpp"

namespace harmoni {
namespace {

Vault vault_of(char c) { return Vault::from_key(std::string(Vault::kKeyBytes, c)).release_value(); }

TEST(Vault, ASealedValueOpensOnlyWithItsKeyAndPurpose) {
  SeededRandom random(1);
  const Vault vault = vault_of('a');
  const std::string sealed =
      vault.seal("complaint.identity", "Siti Aminah, 0812 3456 7890", random);
  EXPECT_EQ(sealed.find("Siti"), std::string::npos);
  EXPECT_EQ(vault.open("complaint.identity", sealed).value(), "Siti Aminah, 0812 3456 7890");
  EXPECT_FALSE(vault.open("mail.recipient", sealed).ok());
  EXPECT_FALSE(vault_of('b').open("complaint.identity", sealed).ok());
  // A fresh nonce each time: the same text never seals the same way twice.
  EXPECT_NE(vault.seal("complaint.identity", "Siti Aminah, 0812 3456 7890", random), sealed);
  // A changed byte is refused, not opened to garbage.
  std::string tampered = sealed;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(vault.open("complaint.identity", tampered).ok());
  EXPECT_FALSE(vault.open("complaint.identity", "not base64 at all!").ok());
  EXPECT_FALSE(Vault::from_key("too short").ok());
}

TEST(Vault, KeyedHashesMatchOnlyUnderTheirKeyAndPurpose) {
  const Vault vault = vault_of('a');
  const std::string h = vault.keyed_hash("complaint.tracking", "K7QM-4XD2-9");
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(vault.keyed_hash("complaint.tracking", "K7QM-4XD2-9"), h);
  EXPECT_NE(vault.keyed_hash("complaint.tracking", "K7QM-4XD2-8"), h);
  EXPECT_NE(vault.keyed_hash("other", "K7QM-4XD2-9"), h);
  EXPECT_NE(vault_of('b').keyed_hash("complaint.tracking", "K7QM-4XD2-9"), h);
}

TEST(VaultFile, IsMadeOnceWithOwnerOnlyAccessAndNeverReplaced) {
  test::TempDir dir;
  const std::string path = dir.file("keys/harmoni.key");
  SeededRandom random(2);
  EXPECT_FALSE(load_vault_file(path, false, random).ok()) << "not made unless asked";
  auto made = load_vault_file(path, true, random);
  ASSERT_TRUE(made.ok()) << made.error().internal_detail;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string sealed = made->seal("p", "secret", random);
  // Loading again, even when asked to create, reads the same key.
  auto again = load_vault_file(path, true, random);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->open("p", sealed).value(), "secret");

  std::ofstream(dir.file("bad.key")) << "not hex\n";
  auto bad = load_vault_file(dir.file("bad.key"), true, random);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().key, "vault.key_invalid");
}

}  // namespace
}  // namespace harmoni

#include "support/temp_dir.hpp"

#include <cstdlib>
#include <stdexcept>

namespace harmoni::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "harmoni-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace harmoni::test

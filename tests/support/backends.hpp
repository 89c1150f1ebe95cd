// Storage tests run against every backend from one source: parameterise a test
// suite with backend_names() and open a fresh, migrated database with open_backend().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "support/temp_dir.hpp"

namespace harmoni::test {

std::vector<std::string> backend_names();  // "sqlite", and "postgres" unless skipped

struct TestDatabase {
  std::unique_ptr<TempDir> dir;
  std::string url;
  std::unique_ptr<db::Database> db;
};

// A new empty database of that backend, migrated (and with regions loaded).
TestDatabase open_backend(const std::string& backend, bool migrate = true);
// The URL of a new empty database of that backend (for starting the binary).
std::string fresh_database_url(const std::string& backend, TempDir& dir);

}  // namespace harmoni::test

// A real PostgreSQL 15 server from Debian's package, started once per test run in a
// temporary directory on a free port, and removed at exit. Each caller gets a fresh
// database. When running as root (CI), the server runs as the `postgres` user.
#pragma once

#include <string>

namespace harmoni::test {

// postgres:// URL of a new, empty database. Fails the test run (throws) when the
// server cannot start; HARMONI_SKIP_POSTGRES=1 makes postgres_available() false.
std::string fresh_postgres_database();
bool postgres_available();

}  // namespace harmoni::test

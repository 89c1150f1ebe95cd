// One demo database and running server per backend, shared by the end-to-end and
// authorisation suites of a test run (building them per test would cost minutes).
#pragma once

#include <memory>
#include <string>

#include "support/server_process.hpp"

namespace harmoni::test {

struct DemoServer {
  std::unique_ptr<TempDir> dir;
  std::string db_url;
  std::unique_ptr<ServerProcess> server;
  int port() const { return server->port(); }
};

// Started on first use with `harmoni demo` data; lives until the test run ends.
DemoServer& demo_server(const std::string& backend);

inline constexpr const char* kDemoPassword = "harmoni-demo-2026";

}  // namespace harmoni::test

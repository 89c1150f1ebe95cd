#include "support/demo_server.hpp"

#include <map>
#include <mutex>
#include <stdexcept>

#include "support/backends.hpp"

namespace harmoni::test {

DemoServer& demo_server(const std::string& backend) {
  static std::mutex mu;
  static std::map<std::string, DemoServer> servers;
  std::lock_guard lock(mu);
  auto it = servers.find(backend);
  if (it != servers.end()) return it->second;
  DemoServer s;
  s.dir = std::make_unique<TempDir>();
  s.db_url = fresh_database_url(backend, *s.dir);
  // The demo seals reporters' identities: the server must hold the same key.
  const std::string key = s.dir->file("harmoni.key");
  auto built = run_harmoni({"demo", "--db", s.db_url, "--secret-key-file", key});
  if (built.status != 0) throw std::runtime_error("harmoni demo failed: " + built.err);
  s.server = std::make_unique<ServerProcess>(
      s.db_url, std::vector<std::string>{"--read-timeout-seconds", "2", "--idle-timeout-seconds",
                                         "3", "--secret-key-file", key});
  return servers.emplace(backend, std::move(s)).first->second;
}

}  // namespace harmoni::test

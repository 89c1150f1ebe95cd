#include "support/backends.hpp"

#include <stdexcept>

#include "org/org_store.hpp"
#include "platform/db/migrate.hpp"
#include "support/pg_server.hpp"

namespace harmoni::test {

std::vector<std::string> backend_names() {
  std::vector<std::string> names = {"sqlite"};
  if (postgres_available()) names.push_back("postgres");
  return names;
}

std::string fresh_database_url(const std::string& backend, TempDir& dir) {
  if (backend == "sqlite") return "sqlite:" + dir.file("test.db");
  return fresh_postgres_database();
}

TestDatabase open_backend(const std::string& backend, bool migrate) {
  TestDatabase t;
  t.dir = std::make_unique<TempDir>();
  t.url = fresh_database_url(backend, *t.dir);
  db::DatabaseOptions options;
  options.sqlite_synchronous = "NORMAL";
  options.postgres_pool = 4;
  auto opened = db::open_database(t.url, options);
  if (!opened.ok())
    throw std::runtime_error("open " + backend + ": " + opened.error().internal_detail);
  t.db = opened.release_value();
  if (migrate) {
    SystemClock clock;
    auto applied = db::migrate(*t.db, clock);
    if (!applied.ok()) throw std::runtime_error("migrate: " + applied.error().internal_detail);
    Status regions = t.db->write([](db::Tx& tx) { return org::ensure_regions(tx); });
    if (!regions.ok()) throw std::runtime_error("regions: " + regions.error().internal_detail);
  }
  return t;
}

}  // namespace harmoni::test

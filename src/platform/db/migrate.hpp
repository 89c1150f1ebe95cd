// Versioned schema migrations. migrations/NNNN_name.sql holds SQL shared by both
// dialects (ID_PK, BLOB_T, KEY_T replaced per dialect); NNNN_name.sqlite.sql and
// NNNN_name.postgres.sql hold what only one dialect needs. Each version applies in
// one transaction and is recorded in schema_migrations.
#pragma once

#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/util/clock.hpp"

namespace harmoni::db {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // already in the dialect's form
};

std::vector<Migration> migrations_for(Dialect dialect);
// The newest schema version this binary knows.
int latest_schema_version();
// The database's schema version; 0 when empty.
Result<int> schema_version(Database& db);
// Applies pending migrations; refuses a database newer than this binary.
// Returns the number applied.
Result<int> migrate(Database& db, const Clock& clock);

}  // namespace harmoni::db

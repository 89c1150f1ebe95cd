// Constructors of the two Database implementations; use open_database() instead.
#pragma once

#include <memory>
#include <string>

#include "platform/db/database.hpp"

namespace harmoni::db {

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path,
                                              const DatabaseOptions& options);
Result<std::unique_ptr<Database>> open_postgres(const std::string& conninfo,
                                                const DatabaseOptions& options);

}  // namespace harmoni::db

#include "platform/db/backends.hpp"

namespace harmoni::db {

Result<std::unique_ptr<Database>> open_database(const std::string& url,
                                                const DatabaseOptions& options) {
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(7);
    if (path.starts_with("//")) path = path.substr(2);  // also accept sqlite://PATH
    if (path.empty()) return Error::invalid("db.url_invalid", {{"url", url}});
    return open_sqlite(path, options);
  }
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    return open_postgres(url, options);
  }
  return Error::invalid("db.url_invalid", {{"url", redact_url(url)}});
}

}  // namespace harmoni::db

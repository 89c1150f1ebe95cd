// PostgreSQL backend through libpq: a fixed pool of connections, statements
// prepared once per connection, parameters sent as text so the server infers
// their types, rows streamed in single-row mode.
#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "platform/db/backends.hpp"
#include "platform/metrics.hpp"

namespace harmoni::db {
namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kFloat4Oid = 700,
              kFloat8Oid = 701, kNumericOid = 1700;

Error pg_error(const PGresult* res, PGconn* conn, std::string_view context) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  std::string detail = fmt::format("postgres {} ({}): {}", context, sqlstate,
                                   res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  auto with_detail = [&](Error e) {
    e.internal_detail = detail;
    return e;
  };
  if (sqlstate == "23505") return with_detail(Error::conflict("db.unique"));
  if (sqlstate == "23503") return with_detail(Error::invalid("db.foreign_key"));
  if (sqlstate == "23514" || sqlstate == "23502") return with_detail(Error::invalid("db.check"));
  if (sqlstate == "53100") return Error::unavailable("db.full", detail);
  if (sqlstate == "25006") return Error::unavailable("db.readonly", detail);
  if (sqlstate == "40001" || sqlstate == "40P01") return Error::unavailable("db.busy", detail);
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57") || PQstatus(conn) != CONNECTION_OK) {
    return Error::unavailable("db.connection", detail);
  }
  return Error::internal(detail);
}

// Rewrites `?` placeholders to $1..$n, leaving quoted text and identifiers alone.
std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

struct ResultGuard {
  PGresult* res;
  ~ResultGuard() { PQclear(res); }
};

class Connection {
 public:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  ~Connection() { PQfinish(conn_); }
  PGconn* handle() const { return conn_; }

  // The prepared statement's name for sql, preparing it on first use.
  Result<std::string> prepared(std::string_view sql) {
    auto it = names_.find(std::string(sql));
    if (it != names_.end()) return it->second;
    std::string name = fmt::format("h{}", names_.size());
    std::string numbered = number_placeholders(sql);
    ResultGuard res{PQprepare(conn_, name.c_str(), numbered.c_str(), 0, nullptr)};
    if (PQresultStatus(res.res) != PGRES_COMMAND_OK) return pg_error(res.res, conn_, "prepare");
    names_.emplace(std::string(sql), name);
    return name;
  }

  Status command(const char* sql) {
    ResultGuard res{PQexec(conn_, sql)};
    auto status = PQresultStatus(res.res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return pg_error(res.res, conn_, "exec");
    }
    return {};
  }

  // After a lost connection: reconnect and forget prepared statements.
  void reset_if_broken() {
    if (PQstatus(conn_) == CONNECTION_OK) return;
    PQreset(conn_);
    names_.clear();
  }

 private:
  PGconn* conn_;
  std::unordered_map<std::string, std::string> names_;
};

struct TextParams {
  std::vector<std::string> storage;
  std::vector<const char*> pointers;
  explicit TextParams(const Params& params) {
    storage.reserve(params.size());
    pointers.reserve(params.size());
    for (const auto& p : params) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              storage.emplace_back();
            } else if constexpr (std::is_same_v<T, int64_t>) {
              storage.push_back(std::to_string(v));
            } else if constexpr (std::is_same_v<T, double>) {
              storage.push_back(fmt::format("{}", v));
            } else {
              storage.push_back(v);
            }
          },
          p.get());
    }
    for (size_t i = 0; i < params.size(); ++i) {
      pointers.push_back(params[i].is_null() ? nullptr : storage[i].c_str());
    }
  }
};

Value column_value(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return nullptr;
  const char* text = PQgetvalue(res, row, col);
  switch (PQftype(res, col)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
      return static_cast<long long>(std::strtoll(text, nullptr, 10));
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      return std::strtod(text, nullptr);
    case kBoolOid:
      return text[0] == 't';
    default:
      return std::string(text, PQgetlength(res, row, col));
  }
}

class PostgresTx final : public Tx {
 public:
  explicit PostgresTx(Connection& conn) : conn_(conn) {}
  Dialect dialect() const override { return Dialect::kPostgres; }

  Status each(std::string_view sql, const Params& params, const RowFn& on_row) override {
    std::string name = TRY(conn_.prepared(sql));
    TextParams text(params);
    PGconn* pg = conn_.handle();
    if (!PQsendQueryPrepared(pg, name.c_str(), static_cast<int>(params.size()),
                             text.pointers.data(), nullptr, nullptr, 0)) {
      return pg_error(nullptr, pg, "send");
    }
    PQsetSingleRowMode(pg);
    Status status;
    bool wanted = true;
    while (PGresult* raw = PQgetResult(pg)) {
      ResultGuard res{raw};
      auto rs = PQresultStatus(raw);
      if (rs == PGRES_SINGLE_TUPLE) {
        if (!wanted) continue;  // drain the rest after the caller stopped
        const int columns = PQnfields(raw);
        std::vector<Value> values;
        values.reserve(columns);
        for (int c = 0; c < columns; ++c) values.push_back(column_value(raw, 0, c));
        wanted = on_row(Row(std::move(values)));
      } else if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK && status.ok()) {
        status = pg_error(raw, pg, "query");
      }
    }
    return status;
  }

  Result<int64_t> exec(std::string_view sql, const Params& params) override {
    std::string name = TRY(conn_.prepared(sql));
    TextParams text(params);
    ResultGuard res{PQexecPrepared(conn_.handle(), name.c_str(), static_cast<int>(params.size()),
                                   text.pointers.data(), nullptr, nullptr, 0)};
    auto rs = PQresultStatus(res.res);
    if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
      return pg_error(res.res, conn_.handle(), "exec");
    }
    const char* changed = PQcmdTuples(res.res);
    return static_cast<int64_t>(changed && *changed ? std::strtoll(changed, nullptr, 10) : 0);
  }

  Status exec_script(std::string_view sql) override {
    std::string owned(sql);
    return conn_.command(owned.c_str());
  }

 private:
  Connection& conn_;
};

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(std::string conninfo) : conninfo_(std::move(conninfo)) {}

  Status start(int pool_size) {
    for (int i = 0; i < std::max(1, pool_size); ++i) {
      PGconn* pg = PQconnectdb(conninfo_.c_str());
      auto conn = std::make_unique<Connection>(pg);
      if (PQstatus(pg) != CONNECTION_OK) {
        return Error::unavailable("db.connection",
                                  fmt::format("postgres connect: {}", PQerrorMessage(pg)));
      }
      TRY(conn->command("SET client_min_messages = warning"));
      idle_.push_back(std::move(conn));
    }
    return {};
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status run_read(const TxFn& fn) override { return run("read", "BEGIN READ ONLY", fn); }
  // Deadlocks and serialization failures are retried; the fn must be repeatable.
  Status run_write(const TxFn& fn) override {
    Status result;
    for (int attempt = 0; attempt < 3; ++attempt) {
      result = run("write", "BEGIN", fn);
      if (result.ok() || result.error().key != "db.busy") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5 << attempt));
    }
    return result;
  }

  Status backup_to(const std::string& path) override {
    // pg_dump takes the same connection URL; its custom format restores with pg_restore.
    std::string command = fmt::format("pg_dump --format=custom --file='{}' '{}'", path, conninfo_);
    if (path.find('\'') != std::string::npos || conninfo_.find('\'') != std::string::npos) {
      return Error::invalid("backup.path_invalid");
    }
    int rc = std::system(command.c_str());
    if (rc != 0) return Error::unavailable("backup.failed", fmt::format("pg_dump exit {}", rc));
    return {};
  }

 private:
  Status run(std::string_view kind, const char* begin, const TxFn& fn) {
    auto started = std::chrono::steady_clock::now();
    std::unique_ptr<Connection> conn;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !idle_.empty(); });
      conn = std::move(idle_.back());
      idle_.pop_back();
    }
    conn->reset_if_broken();
    Status result = [&]() -> Status {
      TRY(conn->command(begin));
      PostgresTx tx(*conn);
      Status st;
      try {
        st = fn(tx);
      } catch (const std::exception& e) {
        st = Error::internal(fmt::format("exception in transaction: {}", e.what()));
      }
      if (!st.ok()) {
        (void)conn->command("ROLLBACK");
        return st;
      }
      return conn->command("COMMIT");
    }();
    {
      std::lock_guard lock(mu_);
      idle_.push_back(std::move(conn));
    }
    cv_.notify_one();
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    Metrics::global().observe_db("postgres", kind, elapsed.count(), result.ok());
    return result;
  }

  std::string conninfo_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgres(const std::string& conninfo,
                                                const DatabaseOptions& options) {
  auto db = std::make_unique<PostgresDatabase>(conninfo);
  TRY(db->start(options.postgres_pool));
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace harmoni::db

// The one storage interface. Two implementations: SQLite (embedded, default) and
// PostgreSQL (libpq). Capabilities write SQL in their `store` files with `?`
// placeholders; the PostgreSQL backend renumbers them to $1..$n.
//
// Portable SQL rules the stores follow: integers for booleans and Unix-second
// timestamps, TEXT for dates (YYYY-MM-DD), `INSERT ... RETURNING`, `ON CONFLICT`,
// no `? IS NULL` without a CAST (PostgreSQL cannot infer its type).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "platform/result.hpp"

namespace harmoni::db {

enum class Dialect { kSqlite, kPostgres };

// One SQL value. Constructible from the C++ types the stores use.
class Value {
 public:
  using Variant = std::variant<std::nullptr_t, int64_t, double, std::string>;

  Value() : v_(nullptr) {}
  Value(std::nullptr_t) : v_(nullptr) {}                  // NOLINT
  Value(int v) : v_(static_cast<int64_t>(v)) {}           // NOLINT
  Value(long v) : v_(static_cast<int64_t>(v)) {}          // NOLINT
  Value(long long v) : v_(static_cast<int64_t>(v)) {}     // NOLINT
  Value(unsigned v) : v_(static_cast<int64_t>(v)) {}      // NOLINT
  Value(bool v) : v_(static_cast<int64_t>(v ? 1 : 0)) {}  // NOLINT
  Value(double v) : v_(v) {}                              // NOLINT
  Value(const char* v) : v_(std::string(v)) {}            // NOLINT
  Value(std::string v) : v_(std::move(v)) {}              // NOLINT
  Value(std::string_view v) : v_(std::string(v)) {}       // NOLINT
  template <class T>
  Value(const std::optional<T>& v) : Value() {  // NOLINT
    if (v) *this = Value(*v);
  }

  bool is_null() const { return v_.index() == 0; }
  const Variant& get() const { return v_; }

 private:
  Variant v_;
};

using Params = std::vector<Value>;

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool is_null(size_t i) const { return values_.at(i).is_null(); }
  // Integer value; text holding digits converts; NULL gives 0.
  int64_t i64(size_t i) const;
  double f64(size_t i) const;
  bool boolean(size_t i) const { return i64(i) != 0; }
  // Text value; numbers are formatted; NULL gives "".
  std::string text(size_t i) const;
  std::optional<int64_t> opt_i64(size_t i) const;
  std::optional<std::string> opt_text(size_t i) const;

 private:
  std::vector<Value> values_;
};

// Called for each result row; return false to stop reading.
using RowFn = std::function<bool(const Row&)>;

// A transaction (write) or a consistent snapshot (read). Used by one thread.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement and streams its rows to on_row.
  virtual Status each(std::string_view sql, const Params& params, const RowFn& on_row) = 0;
  // Runs one statement; returns the number of rows it changed.
  virtual Result<int64_t> exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;

  Result<std::vector<Row>> query(std::string_view sql, const Params& params = {});
  Result<std::optional<Row>> query_one(std::string_view sql, const Params& params = {});
  // For `INSERT ... RETURNING id`.
  Result<int64_t> insert_returning_id(std::string_view sql, const Params& params);
  // Scalar integer of a one-row, one-column query (COUNT, MAX); NULL or no row gives 0.
  Result<int64_t> scalar_i64(std::string_view sql, const Params& params = {});
};

using TxFn = std::function<Status(Tx&)>;

// Thread-safe. A write either commits whole or changes nothing, and is durable
// (per the backend's durability setting) before write() returns.
// A TxFn must not call read() or write() on the same Database.
class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  virtual Status run_read(const TxFn& fn) = 0;
  virtual Status run_write(const TxFn& fn) = 0;
  // A write that changes very many rows (an import): SQLite runs it in a transaction of
  // its own instead of grouping it with others, because a savepoint around it would make
  // SQLite keep the old content of every page it touches in memory.
  virtual Status run_bulk_write(const TxFn& fn) { return run_write(fn); }
  // Copies a consistent snapshot to `path` (SQLite file; PostgreSQL: pg_dump custom format).
  virtual Status backup_to(const std::string& path) = 0;

  // Convenience: run fn (returning Result<T>) in a read snapshot / write transaction.
  template <class F>
  auto read(F&& fn) -> std::invoke_result_t<F, Tx&> {
    return run_returning(&Database::run_read, std::forward<F>(fn));
  }
  template <class F>
  auto write(F&& fn) -> std::invoke_result_t<F, Tx&> {
    return run_returning(&Database::run_write, std::forward<F>(fn));
  }
  template <class F>
  auto bulk_write(F&& fn) -> std::invoke_result_t<F, Tx&> {
    return run_returning(&Database::run_bulk_write, std::forward<F>(fn));
  }

 private:
  template <class F>
  auto run_returning(Status (Database::*run)(const TxFn&), F&& fn) -> std::invoke_result_t<F, Tx&> {
    using R = std::invoke_result_t<F, Tx&>;
    std::optional<R> out;
    TxFn wrapped = [&](Tx& tx) -> Status {
      out.emplace(fn(tx));
      if (!out->ok()) return out->error();
      return {};
    };
    Status st = (this->*run)(wrapped);
    if (!st.ok()) return st.release_error();
    return std::move(*out);
  }
};

struct DatabaseOptions {
  // SQLite: "FULL" survives power loss (default); "NORMAL" survives a killed
  // process but may lose the last commits on power loss.
  std::string sqlite_synchronous = "FULL";
  int sqlite_readers = 4;
  // The writer's page cache: large imports and index builds touch many pages at random
  // (the knowledge base's index of 100,000 articles wants about 256).
  int sqlite_writer_cache_mb = 32;
  // Readers map up to this much of the file: pages come from the OS cache without a copy
  // and a system call each (a knowledge-base search reads thousands: p99 45 -> 30 ms at
  // 100,000 articles). 0 reads through the page cache only.
  int sqlite_reader_mmap_mb = 1024;
  int postgres_pool = 8;
  // Most write jobs the SQLite writer groups into one transaction.
  int sqlite_max_group = 256;
};

// Whether the database answers a trivial query (readiness checks).
Status ping(Database& db);

// Opens "sqlite:PATH" or "postgres://..." / "postgresql://...".
Result<std::unique_ptr<Database>> open_database(const std::string& url,
                                                const DatabaseOptions& options = {});

// Classifies a database URL for messages and logs without its password.
std::string redact_url(const std::string& url);

}  // namespace harmoni::db

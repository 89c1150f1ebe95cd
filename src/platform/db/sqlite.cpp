// SQLite backend: WAL, one writer thread that groups concurrent write transactions
// into one commit (each job in its own SAVEPOINT, so a failing job changes nothing
// while its neighbours commit), and a pool of reader connections.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "platform/db/backends.hpp"
#include "platform/metrics.hpp"

namespace harmoni::db {
namespace {

Error sqlite_error(sqlite3* db, int rc, std::string_view context) {
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  std::string detail = fmt::format("sqlite {} (rc {}): {}", context, ext,
                                   db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (ext) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: {
      Error e = Error::conflict("db.unique");
      e.internal_detail = detail;
      return e;
    }
    case SQLITE_CONSTRAINT_FOREIGNKEY: {
      Error e = Error::invalid("db.foreign_key");
      e.internal_detail = detail;
      return e;
    }
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL: {
      Error e = Error::invalid("db.check");
      e.internal_detail = detail;
      return e;
    }
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return Error::unavailable("db.full", detail);
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return Error::unavailable("db.readonly", detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error::unavailable("db.busy", detail);
    case SQLITE_IOERR:
      return Error::unavailable("db.io", detail);
    default:
      return Error::internal(detail);
  }
}

// One connection and its prepared-statement cache. Used by one thread at a time.
class Connection {
 public:
  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  static Result<std::unique_ptr<Connection>> open(const std::string& path, bool create,
                                                  const std::string& synchronous, bool query_only,
                                                  int cache_mb = 32, int mmap_mb = 0) {
    auto conn = std::unique_ptr<Connection>(new Connection());
    // URI filenames (file:PATH?mode=ro) let operators open a database read-only.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI |
                (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &conn->db_, flags, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(conn->db_, rc, "open");
    sqlite3_extended_result_codes(conn->db_, 1);
    sqlite3_busy_timeout(conn->db_, 5000);
    std::string pragmas = fmt::format(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous={}; PRAGMA foreign_keys=ON; "
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-{}; PRAGMA mmap_size={};{}",
        synchronous, std::max(1, cache_mb) * 1000, int64_t{std::max(0, mmap_mb)} << 20,
        query_only ? " PRAGMA query_only=1;" : "");
    TRY(conn->exec_script(pragmas));
    return conn;
  }

  sqlite3* handle() const { return db_; }

  Status exec_script(std::string_view sql) {
    std::string owned(sql);
    char* message = nullptr;
    int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) return sqlite_error(db_, rc, "exec");
    return {};
  }

  // One parameterless statement (BEGIN, COMMIT, SAVEPOINT ...) through the statement
  // cache: these run several times per transaction, so parsing them each time shows.
  Status run(std::string_view sql) {
    sqlite3_stmt* stmt = TRY(prepare(sql));
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return sqlite_error(db_, rc, "exec");
    return {};
  }

  Result<sqlite3_stmt*> prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(db_, rc, "prepare");
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

 private:
  Connection() = default;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// Resets a statement when the scope ends, so a cached statement never keeps a read open.
struct StatementReset {
  sqlite3_stmt* stmt;
  ~StatementReset() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

Status bind_all(sqlite3* db, sqlite3_stmt* stmt, const Params& params) {
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
    return Error::internal(fmt::format("sqlite bind: {} params for {} placeholders", params.size(),
                                       sqlite3_bind_parameter_count(stmt)));
  }
  for (size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            return sqlite3_bind_null(stmt, index);
          } else if constexpr (std::is_same_v<T, int64_t>) {
            return sqlite3_bind_int64(stmt, index, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(stmt, index, v);
          } else {
            return sqlite3_bind_text(stmt, index, v.data(), static_cast<int>(v.size()),
                                     SQLITE_TRANSIENT);
          }
        },
        params[i].get());
    if (rc != SQLITE_OK) return sqlite_error(db, rc, "bind");
  }
  return {};
}

class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(Connection& conn) : conn_(conn) {}
  Dialect dialect() const override { return Dialect::kSqlite; }

  Status each(std::string_view sql, const Params& params, const RowFn& on_row) override {
    sqlite3_stmt* stmt = TRY(conn_.prepare(sql));
    StatementReset reset{stmt};
    TRY(bind_all(conn_.handle(), stmt, params));
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) return {};
      if (rc != SQLITE_ROW) return sqlite_error(conn_.handle(), rc, "step");
      std::vector<Value> values;
      values.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
            values.emplace_back(static_cast<long long>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_FLOAT:
            values.emplace_back(sqlite3_column_double(stmt, c));
            break;
          case SQLITE_NULL:
            values.emplace_back(nullptr);
            break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            values.emplace_back(std::string(text ? text : "", sqlite3_column_bytes(stmt, c)));
          }
        }
      }
      if (!on_row(Row(std::move(values)))) return {};
    }
  }

  Result<int64_t> exec(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = TRY(conn_.prepare(sql));
    StatementReset reset{stmt};
    TRY(bind_all(conn_.handle(), stmt, params));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) return sqlite_error(conn_.handle(), rc, "step");
    return static_cast<int64_t>(sqlite3_changes64(conn_.handle()));
  }

  Status exec_script(std::string_view sql) override { return conn_.exec_script(sql); }

 private:
  Connection& conn_;
};

Status call_guarded(const TxFn& fn, Tx& tx) {
  try {
    return fn(tx);
  } catch (const std::exception& e) {
    return Error::internal(fmt::format("exception in transaction: {}", e.what()));
  }
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, DatabaseOptions options)
      : path_(std::move(path)), options_(std::move(options)) {}

  ~SqliteDatabase() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (writer_.joinable()) writer_.join();
    {
      std::lock_guard lock(checkpoint_mu_);
      checkpoint_stop_ = true;
    }
    checkpoint_cv_.notify_all();
    if (checkpointer_.joinable()) checkpointer_.join();
  }

  Status start() {
    writer_conn_ = TRY(Connection::open(path_, true, options_.sqlite_synchronous, false,
                                        options_.sqlite_writer_cache_mb));
    for (int i = 0; i < std::max(1, options_.sqlite_readers); ++i) {
      readers_.push_back(TRY(Connection::open(path_, false, options_.sqlite_synchronous, true, 32,
                                              options_.sqlite_reader_mmap_mb)));
    }
    // Checkpoints copy the WAL into the database file and fsync it: tens of
    // milliseconds. Run on the writer (SQLite's default) they stall every commit
    // queued behind; here a separate thread does them, woken by the writer.
    checkpoint_conn_ = TRY(Connection::open(path_, false, options_.sqlite_synchronous, false));
    TRY(writer_conn_->exec_script("PRAGMA wal_autocheckpoint=0"));
    sqlite3_wal_hook(writer_conn_->handle(), &SqliteDatabase::on_wal_commit, this);
    writer_ = std::thread([this] { writer_loop(); });
    checkpointer_ = std::thread([this] { checkpoint_loop(); });
    return {};
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status run_read(const TxFn& fn) override {
    auto started = std::chrono::steady_clock::now();
    std::unique_ptr<Connection> conn;
    {
      std::unique_lock lock(readers_mu_);
      readers_cv_.wait(lock, [&] { return !readers_.empty(); });
      conn = std::move(readers_.back());
      readers_.pop_back();
    }
    Status result = [&]() -> Status {
      TRY(conn->run("BEGIN"));
      SqliteTx tx(*conn);
      Status st = call_guarded(fn, tx);
      Status end = conn->run(st.ok() ? "COMMIT" : "ROLLBACK");
      if (!st.ok()) return st;
      return end;
    }();
    {
      std::lock_guard lock(readers_mu_);
      readers_.push_back(std::move(conn));
    }
    readers_cv_.notify_one();
    observe("read", started, result.ok());
    return result;
  }

  Status run_write(const TxFn& fn) override { return enqueue(fn, false); }
  Status run_bulk_write(const TxFn& fn) override { return enqueue(fn, true); }

  Status enqueue(const TxFn& fn, bool alone) {
    if (std::this_thread::get_id() == writer_.get_id()) {
      return Error::internal("nested write on the SQLite writer thread");
    }
    auto started = std::chrono::steady_clock::now();
    Job job{&fn, alone, {}};
    auto done = job.promise.get_future();
    {
      std::lock_guard lock(mu_);
      if (stopping_) return Error::unavailable("db.closed");
      queue_.push_back(&job);
    }
    cv_.notify_one();
    Status result = done.get();
    observe("write", started, result.ok());
    return result;
  }

  Status backup_to(const std::string& path) override {
    auto conn = TRY(Connection::open(path_, false, options_.sqlite_synchronous, false));
    sqlite3_stmt* stmt = TRY(conn->prepare("VACUUM INTO ?"));
    StatementReset reset{stmt};
    TRY(bind_all(conn->handle(), stmt, {path}));
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE) return sqlite_error(conn->handle(), rc, "backup");
    return {};
  }

 private:
  struct Job {
    const TxFn* fn;
    bool alone;  // a bulk write: a transaction of its own
    std::promise<Status> promise;
  };

  void observe(std::string_view kind, std::chrono::steady_clock::time_point started, bool ok) {
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    Metrics::global().observe_db("sqlite", kind, elapsed.count(), ok);
  }

  static int on_wal_commit(void* self, sqlite3*, const char*, int wal_pages) {
    auto* db = static_cast<SqliteDatabase*>(self);
    if (wal_pages >= kCheckpointPages) {
      std::lock_guard lock(db->checkpoint_mu_);
      db->checkpoint_wanted_ = true;
      db->checkpoint_cv_.notify_one();
    }
    return SQLITE_OK;
  }

  void checkpoint_loop() {
    for (;;) {
      {
        std::unique_lock lock(checkpoint_mu_);
        checkpoint_cv_.wait_for(lock, std::chrono::seconds(5),
                                [&] { return checkpoint_stop_ || checkpoint_wanted_; });
        checkpoint_wanted_ = false;
        if (checkpoint_stop_) break;
      }
      // PASSIVE: copies what it can without waiting for readers or blocking the writer.
      if (Status st = checkpoint_conn_->exec_script("PRAGMA wal_checkpoint(PASSIVE)"); !st.ok()) {
        spdlog::warn("sqlite checkpoint failed: {}", st.error().internal_detail);
      }
    }
    // The writer has stopped: leave a small WAL behind.
    (void)checkpoint_conn_->exec_script("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  void writer_loop() {
    for (;;) {
      std::vector<Job*> batch;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping and drained
        while (!queue_.empty() && batch.size() < static_cast<size_t>(options_.sqlite_max_group)) {
          if (queue_.front()->alone && !batch.empty()) break;
          batch.push_back(queue_.front());
          queue_.pop_front();
          if (batch.back()->alone) break;
        }
      }
      std::vector<Status> results = commit_group(batch);
      for (size_t i = 0; i < batch.size(); ++i) batch[i]->promise.set_value(std::move(results[i]));
    }
  }

  // Runs each job in its own savepoint inside one transaction, then commits once. A job
  // alone needs no savepoint: its failure rolls the transaction back.
  std::vector<Status> commit_group(const std::vector<Job*>& batch) {
    const bool savepoints = batch.size() > 1;
    std::vector<Status> results(batch.size());
    auto fail_all = [&](const Error& e) {
      sqlite3* db = writer_conn_->handle();
      if (!sqlite3_get_autocommit(db)) (void)writer_conn_->run("ROLLBACK");
      for (auto& r : results) r = e;
      return results;
    };
    if (Status st = writer_conn_->run("BEGIN IMMEDIATE"); !st.ok()) {
      return fail_all(st.error());
    }
    SqliteTx tx(*writer_conn_);
    for (size_t i = 0; i < batch.size(); ++i) {
      if (savepoints) {
        if (Status st = writer_conn_->run("SAVEPOINT job"); !st.ok()) return fail_all(st.error());
      }
      results[i] = call_guarded(*batch[i]->fn, tx);
      if (sqlite3_get_autocommit(writer_conn_->handle())) {
        // SQLite rolled the whole transaction back (I/O error, full disk): nothing commits.
        return fail_all(results[i].ok() ? Error::unavailable("db.io") : results[i].error());
      }
      if (!savepoints) {
        if (!results[i].ok()) return fail_all(results[i].error());
        continue;
      }
      Status end = results[i].ok() ? Status{} : writer_conn_->run("ROLLBACK TO job");
      if (end.ok()) end = writer_conn_->run("RELEASE job");
      if (!end.ok()) return fail_all(end.error());
    }
    if (Status st = writer_conn_->run("COMMIT"); !st.ok()) {
      spdlog::error("sqlite commit failed: {}", st.error().internal_detail);
      return fail_all(st.error());
    }
    return results;
  }

  std::string path_;
  DatabaseOptions options_;
  std::unique_ptr<Connection> writer_conn_;
  std::thread writer_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  static constexpr int kCheckpointPages = 1000;  // SQLite's own auto-checkpoint size
  std::unique_ptr<Connection> checkpoint_conn_;
  std::thread checkpointer_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_wanted_ = false;
  bool checkpoint_stop_ = false;

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path,
                                              const DatabaseOptions& options) {
  if (options.sqlite_synchronous != "FULL" && options.sqlite_synchronous != "NORMAL" &&
      options.sqlite_synchronous != "EXTRA") {
    return Error::invalid("db.synchronous_invalid", {{"value", options.sqlite_synchronous}});
  }
  auto db = std::make_unique<SqliteDatabase>(path, options);
  TRY(db->start());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace harmoni::db

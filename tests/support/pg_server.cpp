#include "support/pg_server.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "support/ports.hpp"

namespace harmoni::test {
namespace {

constexpr const char* kBin = "/usr/lib/postgresql/15/bin";

int run(const std::string& command) { return std::system(command.c_str()); }

class Server {
 public:
  Server() {
    std::string pattern = (std::filesystem::temp_directory_path() / "harmoni-pg-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    port_ = free_port();
    // initdb refuses to run as root; run the server as the package's postgres user.
    std::string as_user;
    if (geteuid() == 0) {
      if (!getpwnam("postgres"))
        throw std::runtime_error("no postgres user; install postgresql-15");
      run(fmt::format("chown postgres: '{}'", dir_));
      as_user = "runuser -u postgres -- ";
    }
    std::string data = dir_ + "/data";
    if (run(fmt::format("{}{}/initdb -D '{}' -U harmoni -A trust -E UTF8 --locale=C.UTF-8 "
                        "--no-sync > '{}/initdb.log' 2>&1",
                        as_user, kBin, data, dir_)) != 0) {
      throw std::runtime_error("initdb failed; see " + dir_ + "/initdb.log");
    }
    // Durability settings are off: the tests check behaviour, not crash safety.
    if (run(fmt::format("{}{}/pg_ctl -D '{}' -l '{}/server.log' -w -t 60 -o \"-p {} -k '{}' -c "
                        "listen_addresses=127.0.0.1 "
                        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c "
                        "max_connections=200\" start > /dev/null",
                        as_user, kBin, data, dir_, port_, dir_)) != 0) {
      throw std::runtime_error("pg_ctl start failed; see " + dir_ + "/server.log");
    }
    as_user_ = as_user;
    data_ = data;
  }

  ~Server() {
    run(fmt::format("{}{}/pg_ctl -D '{}' -m immediate -w stop > /dev/null 2>&1", as_user_, kBin,
                    data_));
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::string create_database() {
    std::string name = fmt::format("t{}_{}", getpid(), ++counter_);
    std::string admin = fmt::format("postgresql://harmoni@127.0.0.1:{}/postgres", port_);
    PGconn* conn = PQconnectdb(admin.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      std::string message = PQerrorMessage(conn);
      PQfinish(conn);
      throw std::runtime_error("cannot connect to test postgres: " + message);
    }
    PGresult* res = PQexec(conn, fmt::format("CREATE DATABASE {}", name).c_str());
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    PQfinish(conn);
    if (!ok) throw std::runtime_error("CREATE DATABASE failed");
    return fmt::format("postgresql://harmoni@127.0.0.1:{}/{}", port_, name);
  }

 private:
  std::string dir_, data_, as_user_;
  int port_ = 0;
  std::atomic<int> counter_{0};
};

Server& server() {
  static Server instance;  // destroyed at exit: stops the server, removes its files
  return instance;
}

}  // namespace

bool postgres_available() {
  const char* skip = std::getenv("HARMONI_SKIP_POSTGRES");
  return !(skip && std::string(skip) == "1");
}

std::string fresh_postgres_database() {
  static std::mutex mu;
  std::lock_guard lock(mu);
  return server().create_database();
}

}  // namespace harmoni::test

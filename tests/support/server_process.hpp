// Starts the real harmoni binary (HARMONI_BINARY) as a child process for end-to-end
// tests, and runs its CLI commands.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace harmoni::test {

struct CommandResult {
  int status = -1;  // exit status
  std::string out, err;
};

// Runs `harmoni args...` with stdin_text on its standard input.
CommandResult run_harmoni(const std::vector<std::string>& args, const std::string& stdin_text = "");

class ServerProcess {
 public:
  // Starts `harmoni serve --db db_url --listen 127.0.0.1:0 ...extra` and waits until it listens.
  ServerProcess(const std::string& db_url, const std::vector<std::string>& extra = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // Sends a signal and waits for exit; returns the exit status.
  int stop(int signal_number);
  std::string stdout_text() const;  // the access log
  std::string stderr_text() const;
  // "running", or how the process ended (for failure messages).
  std::string state();

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace harmoni::test

#include "support/server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace harmoni::test {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

pid_t spawn(const std::vector<std::string>& args, const std::string& in_path,
            const std::string& out_path, const std::string& err_path) {
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string binary = HARMONI_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

CommandResult run_harmoni(const std::vector<std::string>& args, const std::string& stdin_text) {
  TempDir dir;
  std::string in = dir.file("in"), out = dir.file("out"), err = dir.file("err");
  std::ofstream(in) << stdin_text;
  std::vector<std::string> full = args;
  full.push_back("--password-cost");
  full.push_back("test");
  pid_t pid = spawn(full, in, out, err);
  int status = 0;
  waitpid(pid, &status, 0);
  return CommandResult{WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
                       read_file(out), read_file(err)};
}

ServerProcess::ServerProcess(const std::string& db_url, const std::vector<std::string>& extra) {
  std::ofstream(dir_.file("in")) << "";
  std::vector<std::string> args = {"serve",    "--db",         db_url,
                                   "--listen", "127.0.0.1:0",  "--password-cost",
                                   "test",     "--upload-dir", dir_.path().string()};
  args.insert(args.end(), extra.begin(), extra.end());
  if (std::find(extra.begin(), extra.end(), "--shutdown-grace-seconds") == extra.end()) {
    args.insert(args.end(), {"--shutdown-grace-seconds", "5"});
  }
  if (std::find(extra.begin(), extra.end(), "--secret-key-file") == extra.end()) {
    args.insert(args.end(), {"--secret-key-file", dir_.file("harmoni.key")});
  }
  pid_ = spawn(args, dir_.file("in"), dir_.file("out"), dir_.file("err"));
  std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    std::string err = stderr_text();
    if (std::regex_search(err, m, listening)) {
      port_ = std::stoi(m[1]);
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("harmoni exited at start: " + err);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("harmoni did not start listening: " + stderr_text());
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop(SIGKILL);
}

int ServerProcess::stop(int signal_number) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal_number);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string ServerProcess::state() {
  if (pid_ <= 0) return "stopped";
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) != pid_) return "running";
  pid_ = -1;
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "exited with " + std::to_string(WEXITSTATUS(status));
}

std::string ServerProcess::stdout_text() const { return read_file(dir_.file("out")); }
std::string ServerProcess::stderr_text() const { return read_file(dir_.file("err")); }

}  // namespace harmoni::test

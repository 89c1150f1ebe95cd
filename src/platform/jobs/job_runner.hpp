// Work the server does by itself every so often: closing cases whose time ran out,
// escalating late ones, sending mail, dropping ended limits. One thread runs each job
// when its interval has passed; a failure is logged (never with personal data) and the
// job runs again at its next turn. Jobs must be safe when several servers of one
// database run them at once: each does its work in transactions that claim what they
// change.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "platform/result.hpp"

namespace harmoni::jobs {

using Job = std::function<Status()>;

class JobRunner {
 public:
  JobRunner() = default;
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;
  ~JobRunner() { stop(); }

  // Before start(). The first run comes one interval after start.
  void add(std::string name, std::chrono::milliseconds every, Job job);
  void start();
  // Waits for a running job to end; no job starts after.
  void stop();
  // Every job once, now, in the caller's thread; the first failure is returned.
  Status run_all_once();
  size_t size() const { return jobs_.size(); }

 private:
  struct Entry {
    std::string name;
    std::chrono::milliseconds every;
    Job job;
    std::chrono::steady_clock::time_point next;
  };
  void loop();

  std::vector<Entry> jobs_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace harmoni::jobs

#include "platform/jobs/job_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace harmoni::jobs {

void JobRunner::add(std::string name, std::chrono::milliseconds every, Job job) {
  jobs_.push_back(Entry{std::move(name), every, std::move(job), {}});
}

void JobRunner::start() {
  if (jobs_.empty() || thread_.joinable()) return;
  const auto now = std::chrono::steady_clock::now();
  for (auto& e : jobs_) e.next = now + e.every;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void JobRunner::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status JobRunner::run_all_once() {
  for (auto& e : jobs_) TRY(e.job());
  return {};
}

void JobRunner::loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    auto next = std::min_element(jobs_.begin(), jobs_.end(),
                                 [](const Entry& a, const Entry& b) { return a.next < b.next; });
    if (wake_.wait_until(lock, next->next, [this] { return stopping_; })) break;
    lock.unlock();
    Status done = Error::internal("not run");
    try {
      done = next->job();
    } catch (const std::exception& e) {
      done = Error::internal(e.what());
    }
    if (!done.ok()) {
      spdlog::error("job {} failed: {} {}", next->name, done.error().key,
                    done.error().internal_detail);
    }
    lock.lock();
    next->next = std::chrono::steady_clock::now() + next->every;
  }
}

}  // namespace harmoni::jobs

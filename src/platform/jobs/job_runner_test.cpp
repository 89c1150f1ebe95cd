// The job runner: each job runs at its interval in the runner's thread, a failing or
// throwing job does not stop the others, and stop() waits for the running one.
#include "platform/jobs/job_runner.hpp"

#include <gtest/gtest.h>

#include <atomic>

namespace harmoni::jobs {
namespace {

using namespace std::chrono_literals;

TEST(JobRunner, RunsEachJobAtItsIntervalAndSurvivesFailures) {
  std::atomic<int> fast = 0, failing = 0, throwing = 0;
  JobRunner runner;
  runner.add("fast", 10ms, [&]() -> Status {
    ++fast;
    return {};
  });
  runner.add("failing", 10ms, [&]() -> Status {
    ++failing;
    return Error::internal("always");
  });
  runner.add("throwing", 10ms, [&]() -> Status {
    ++throwing;
    throw std::runtime_error("boom");
  });
  runner.add("slow", 1h, [&]() -> Status { return Error::internal("never due"); });
  runner.start();
  for (int i = 0; i < 200 && (fast < 3 || failing < 3 || throwing < 3); ++i)
    std::this_thread::sleep_for(10ms);
  runner.stop();
  EXPECT_GE(fast.load(), 3);
  EXPECT_GE(failing.load(), 3);
  EXPECT_GE(throwing.load(), 3);
  const int after_stop = fast;
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(fast.load(), after_stop) << "nothing runs after stop()";
}

TEST(JobRunner, RunsEveryJobOnceOnRequestAndReportsTheFirstFailure) {
  int ran = 0;
  JobRunner runner;
  runner.add("one", 1h, [&]() -> Status {
    ++ran;
    return {};
  });
  runner.add("two", 1h, [&]() -> Status {
    ++ran;
    return Error::internal("two failed");
  });
  Status all = runner.run_all_once();
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().internal_detail, "two failed");
  EXPECT_EQ(ran, 2);
}

}  // namespace
}  // namespace harmoni::jobs

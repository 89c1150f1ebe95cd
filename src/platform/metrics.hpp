// Process-wide counters and latency histograms, rendered in Prometheus text format
// at GET /metrics. Labels are route patterns and kinds, never personal data.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace harmoni {

class Metrics {
 public:
  static Metrics& global();

  void observe_request(std::string_view method, std::string_view route, int status, double seconds);
  // kind: "read" or "write"; ok: whether the transaction succeeded.
  void observe_db(std::string_view backend, std::string_view kind, double seconds, bool ok);
  void add_in_flight(int delta);
  void add_connection(int delta);
  void count(std::string_view name, std::string_view help, int64_t delta = 1);

  std::string render() const;

 private:
  static constexpr std::array<double, 13> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
    void observe(double seconds);
  };

  mutable std::mutex mu_;
  std::map<std::string, uint64_t> requests_;    // labels -> count
  std::map<std::string, Histogram> latencies_;  // labels -> histogram
  std::map<std::string, uint64_t> db_errors_;
  std::map<std::string, Histogram> db_latencies_;
  std::map<std::string, std::pair<std::string, int64_t>> counters_;  // name -> help, value
  int64_t in_flight_ = 0;
  int64_t connections_ = 0;
};

}  // namespace harmoni

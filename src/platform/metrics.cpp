#include "platform/metrics.hpp"

#include <fmt/format.h>

namespace harmoni {

Metrics& Metrics::global() {
  static Metrics instance;
  return instance;
}

void Metrics::Histogram::observe(double seconds) {
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++buckets[i];
  }
  ++count;
  sum += seconds;
}

void Metrics::observe_request(std::string_view method, std::string_view route, int status,
                              double seconds) {
  std::string status_labels =
      fmt::format("method=\"{}\",route=\"{}\",status=\"{}\"", method, route, status);
  std::string route_labels = fmt::format("method=\"{}\",route=\"{}\"", method, route);
  std::lock_guard lock(mu_);
  ++requests_[status_labels];
  latencies_[route_labels].observe(seconds);
}

void Metrics::observe_db(std::string_view backend, std::string_view kind, double seconds, bool ok) {
  std::string labels = fmt::format("backend=\"{}\",kind=\"{}\"", backend, kind);
  std::lock_guard lock(mu_);
  db_latencies_[labels].observe(seconds);
  if (!ok) ++db_errors_[labels];
}

void Metrics::add_in_flight(int delta) {
  std::lock_guard lock(mu_);
  in_flight_ += delta;
}

void Metrics::add_connection(int delta) {
  std::lock_guard lock(mu_);
  connections_ += delta;
}

void Metrics::count(std::string_view name, std::string_view help, int64_t delta) {
  std::lock_guard lock(mu_);
  auto& entry = counters_[std::string(name)];
  entry.first = help;
  entry.second += delta;
}

namespace {
void render_histogram(std::string& out, std::string_view name, const std::string& labels,
                      const auto& histogram, const auto& buckets) {
  for (size_t i = 0; i < buckets.size(); ++i) {
    out += fmt::format("{}_bucket{{{},le=\"{}\"}} {}\n", name, labels, buckets[i],
                       histogram.buckets[i]);
  }
  out += fmt::format("{}_bucket{{{},le=\"+Inf\"}} {}\n", name, labels, histogram.count);
  out += fmt::format("{}_sum{{{}}} {}\n", name, labels, histogram.sum);
  out += fmt::format("{}_count{{{}}} {}\n", name, labels, histogram.count);
}
}  // namespace

std::string Metrics::render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP harmoni_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE harmoni_http_requests_total counter\n";
  for (const auto& [labels, n] : requests_) {
    out += fmt::format("harmoni_http_requests_total{{{}}} {}\n", labels, n);
  }
  out += "# HELP harmoni_http_request_duration_seconds Time from request read to response ready.\n";
  out += "# TYPE harmoni_http_request_duration_seconds histogram\n";
  for (const auto& [labels, h] : latencies_) {
    render_histogram(out, "harmoni_http_request_duration_seconds", labels, h, kBuckets);
  }
  out += "# HELP harmoni_http_in_flight Requests being handled now.\n";
  out += "# TYPE harmoni_http_in_flight gauge\n";
  out += fmt::format("harmoni_http_in_flight {}\n", in_flight_);
  out += "# HELP harmoni_http_connections Open client connections.\n";
  out += "# TYPE harmoni_http_connections gauge\n";
  out += fmt::format("harmoni_http_connections {}\n", connections_);
  out += "# HELP harmoni_db_transaction_duration_seconds Database transaction time.\n";
  out += "# TYPE harmoni_db_transaction_duration_seconds histogram\n";
  for (const auto& [labels, h] : db_latencies_) {
    render_histogram(out, "harmoni_db_transaction_duration_seconds", labels, h, kBuckets);
  }
  out += "# HELP harmoni_db_errors_total Failed database transactions.\n";
  out += "# TYPE harmoni_db_errors_total counter\n";
  for (const auto& [labels, n] : db_errors_) {
    out += fmt::format("harmoni_db_errors_total{{{}}} {}\n", labels, n);
  }
  for (const auto& [name, entry] : counters_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} counter\n{} {}\n", name, entry.first, name, name,
                       entry.second);
  }
  return out;
}

}  // namespace harmoni

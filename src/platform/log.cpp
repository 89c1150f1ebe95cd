#include "platform/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>

namespace harmoni::logging {
namespace {

thread_local std::string current_request_id;

class RequestIdFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const std::string& id = current_request_id.empty() ? dash() : current_request_id;
    dest.append(id.data(), id.data() + id.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<RequestIdFlag>();
  }

 private:
  static const std::string& dash() {
    static const std::string d = "-";
    return d;
  }
};

std::mutex access_mu;

}  // namespace

void init(std::string_view level) {
  auto logger = spdlog::stderr_logger_mt("harmoni");
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<RequestIdFlag>('Q').set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ [%Q] %v");
  logger->set_formatter(std::move(formatter));
  logger->set_level(spdlog::level::from_str(std::string(level)));
  spdlog::set_default_logger(logger);
}

void set_request_id(std::string_view id) { current_request_id.assign(id); }
const std::string& request_id() { return current_request_id; }

void access(const std::string& json_line) {
  std::lock_guard lock(access_mu);
  std::fwrite(json_line.data(), 1, json_line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

}  // namespace harmoni::logging

#include "platform/http/request_head.hpp"

#include <cctype>

#include "platform/util/utf8.hpp"

namespace harmoni::http {

bool is_valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

bool complete_request_head(Request& request, const HeadOptions& options) {
  std::string_view target = request.target;
  size_t qmark = target.find('?');
  auto path = percent_decode(target.substr(0, qmark), false);
  if (!path || path->empty() || (*path)[0] != '/' || !is_valid_utf8(*path) ||
      path->find('\0') != std::string::npos) {
    return false;
  }
  request.path = std::move(*path);
  request.query =
      qmark == std::string_view::npos ? std::string() : std::string(target.substr(qmark + 1));
  if (options.trust_proxy) {
    std::string_view forwarded = request.header("x-forwarded-for");
    if (!forwarded.empty()) {
      size_t comma = forwarded.rfind(',');
      std::string_view last =
          comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
      while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
      request.remote_addr = std::string(last);
    }
    request.tls = request.header("x-forwarded-proto") == "https";
  }
  return true;
}

}  // namespace harmoni::http

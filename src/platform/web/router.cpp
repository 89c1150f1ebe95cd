#include "platform/web/router.hpp"

#include <stdexcept>

namespace harmoni::web {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  if (options.quick && options.access != Access::kPublic) {
    throw std::logic_error("a quick route cannot require a login: " + pattern);
  }
  Route route{std::move(method), std::move(pattern), {}, std::move(handler), options};
  for (auto segment : split_path(route.pattern)) route.segments.emplace_back(segment);
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  auto segments = split_path(path);
  // HEAD is answered by the GET route (the server drops the body).
  std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    PathParams params;
    bool matched = true;
    for (size_t i = 0; i < segments.size() && matched; ++i) {
      if (is_param(route.segments[i])) {
        if (segments[i].empty()) matched = false;
        params.emplace_back(route.segments[i].substr(1, route.segments[i].size() - 2), segments[i]);
      } else if (route.segments[i] != segments[i]) {
        matched = false;
      }
    }
    if (!matched) continue;
    if (route.method != wanted) {
      result.method_mismatch = true;
      continue;
    }
    result.route = &route;
    result.params = std::move(params);
    result.method_mismatch = false;
    return result;
  }
  return result;
}

}  // namespace harmoni::web

#include "platform/web/router.hpp"

#include <algorithm>
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

// Orders routes so that the first that matches a path is the most specific: shorter
// patterns first (they never match the same paths as longer ones), then, segment by
// segment, a literal before a parameter.
bool more_specific(const Route& a, const Route& b) {
  if (a.segments.size() != b.segments.size()) return a.segments.size() < b.segments.size();
  for (size_t i = 0; i < a.segments.size(); ++i) {
    bool pa = is_param(a.segments[i]), pb = is_param(b.segments[i]);
    if (pa != pb) return !pa;
  }
  return false;
}

// The same paths and method: equal literals, parameters anywhere they stand.
bool same_route(const Route& a, const Route& b) {
  if (a.method != b.method || a.segments.size() != b.segments.size()) return false;
  for (size_t i = 0; i < a.segments.size(); ++i) {
    bool pa = is_param(a.segments[i]), pb = is_param(b.segments[i]);
    if (pa != pb || (!pa && a.segments[i] != b.segments[i])) return false;
  }
  return true;
}

}  // namespace

void Router::add(const RouteDef& def) {
  std::string pattern(def.pattern);
  if (def.options.quick && def.options.access != Access::kPublic) {
    throw std::logic_error("a quick route cannot require a login: " + pattern);
  }
  if (def.handler == nullptr) throw std::logic_error("a route without a handler: " + pattern);
  Route route{std::string(def.method), std::move(pattern), {}, def.handler, def.options};
  for (auto segment : split_path(route.pattern)) route.segments.emplace_back(segment);
  for (const auto& existing : routes_) {
    if (same_route(existing, route)) {
      throw std::logic_error("route added twice: " + route.method + " " + route.pattern +
                             " (already " + existing.pattern + ")");
    }
  }
  auto at = std::upper_bound(routes_.begin(), routes_.end(), route, more_specific);
  routes_.insert(at, std::move(route));
}

void Router::add(std::span<const RouteDef> table) {
  for (const auto& def : table) add(def);
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
    // Another method on a more specific pattern: a less specific one may still take it.
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

// Route table: METHOD + pattern ("/api/v1/units/{unit}/services") to handler.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/auth/principal.hpp"

namespace harmoni::web {

class Context;
struct Reply;

enum class Access {
  kPublic,         // anyone, no login (citizen pages, login, health)
  kAuthenticated,  // a logged-in user or an API token
};

struct RouteOptions {
  Access access = Access::kAuthenticated;
  // Checked before the handler runs; scope checks (which instansi) stay in the handler.
  std::optional<auth::Permission> permission;
  size_t body_limit = 256 * 1024;
  bool upload_to_file = false;
  // Answers from memory, without the caller's identity or the database: runs on the
  // network thread, which saves the two thread hand-offs a worker costs.
  bool quick = false;
};

using Handler = std::function<Reply(Context&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;  // "{name}" marks a parameter
  Handler handler;
  RouteOptions options;
  bool is_api() const { return pattern.starts_with("/api/"); }
};

using PathParams = std::vector<std::pair<std::string, std::string>>;

struct RouteMatch {
  const Route* route = nullptr;  // null: no route
  PathParams params;
  bool method_mismatch = false;  // the path exists with other methods
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace harmoni::web

// Route table: METHOD + pattern ("/api/v1/units/{unit}/services") to a named handler.
//
// Matching does not depend on the order routes were added: of the patterns that match a
// path, a literal segment wins over a "{param}" at the first place they differ
// ("/competency/new" before "/competency/{id}"). Adding the same method and pattern twice
// (parameter names aside) throws std::logic_error, so a clash stops the server at start-up.
#pragma once

#include <optional>
#include <span>
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

// A body limit that is the operator's setting (--max-upload-mb), for file imports.
inline constexpr size_t kConfiguredUploadLimit = static_cast<size_t>(-1);

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

// A named function, never a capturing lambda: what a route may use reaches it through
// the Context.
using Handler = Reply (*)(Context&);

// One line of a capability's route table.
struct RouteDef {
  std::string_view method;
  std::string_view pattern;
  Handler handler;
  RouteOptions options = {};
};

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
  void add(const RouteDef& def);
  void add(std::span<const RouteDef> table);
  RouteMatch match(std::string_view method, std::string_view path) const;
  // In matching order: for each number of segments, literal segments before parameters.
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace harmoni::web

// The application pipeline between the HTTP server and capability handlers:
// routing, language, authentication (session cookie or bearer token), CSRF
// (token plus Origin / Sec-Fetch-Site), permission, the exception boundary,
// security headers, and turning an Error into a page or an RFC 9457 problem.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "platform/audit/audit.hpp"
#include "platform/auth/auth_store.hpp"
#include "platform/cases/env.hpp"
#include "platform/config/config.hpp"
#include "platform/db/database.hpp"
#include "platform/events/hub.hpp"
#include "platform/http/message.hpp"
#include "platform/http/server.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/templates/templates.hpp"
#include "platform/util/clock.hpp"
#include "platform/web/input.hpp"
#include "platform/web/router.hpp"

namespace harmoni::web {

inline constexpr std::string_view kSessionCookie = "harmoni_session";
inline constexpr std::string_view kFormCsrfCookie = "harmoni_csrf";

struct Services {
  const Config& config;
  db::Database& db;
  const Clock& clock;
  Random& random;
  const Vault& vault;
  const i18n::Catalogs& catalogs;
  const Templates& templates;
  auth::AuthStore& auth;
  events::Hub& events;  // live updates for pages that follow a server-sent event stream
};

// What a handler returns: a response, or an Error the pipeline renders.
struct Reply {
  Reply(http::Response r) : value(std::move(r)) {}  // NOLINT
  Reply(Error e) : value(std::move(e)) {}           // NOLINT
  std::variant<http::Response, Error> value;
};

// A navigation entry shown to users whose role has `permission` (none: everyone).
struct NavItem {
  int order;  // position in the menu, smallest first
  std::string label_key;
  std::string href;
  std::optional<auth::Permission> permission;
  std::vector<auth::Role> only_roles;  // empty: any role with the permission
};

class App;

// Everything a handler needs about one request. Lives for the request only.
class Context {
 public:
  Context(const App& app, http::Request& request, const Route& route, PathParams params);

  http::Request& request;
  const Services& services;
  const Route& route;
  std::optional<auth::Principal> principal;
  std::string lang;

  // Path parameter ("{nip}"), or "".
  std::string param(std::string_view name) const;
  // The logged-in principal; only on routes with Access::kAuthenticated.
  const auth::Principal& user() const { return *principal; }
  // The logged-in user's instansi; -1, which matches no row, for users of none.
  int64_t user_instansi() const { return user().instansi_id.value_or(-1); }
  std::string t(std::string_view key, const MessageArgs& args = {}) const;

  // The request body as form fields or JSON object, by Content-Type.
  Result<Input> input() const;

  // What use cases receive: the world (database, clock, random) and who acts.
  Env env() const { return Env{services.db, services.clock, services.random, services.vault}; }
  Actor actor() const;
  // An audit entry with actor, source and request id filled in.
  audit::Entry audit(std::string action, std::string object_type, std::string object_id,
                     std::optional<int64_t> instansi_id, std::string detail = "{}") const;
  int64_t now_ms() const { return services.clock.now_ms(); }

  // A full HTML page: `name` rendered inside the layout with `data`.
  http::Response page(std::string_view name, nlohmann::json data, std::string_view title_key,
                      int status = 200) const;
  // A form page, again after `error` when given: its field errors beside the fields and
  // the status it calls for (422 for invalid input).
  http::Response form_page(std::string_view name, nlohmann::json data, std::string_view title_key,
                           const Error* error) const;
  http::Response json(int status, const nlohmann::json& body) const;
  // 303 to location; flash_key is a catalog key shown once on the next page.
  http::Response redirect(std::string location, std::string_view flash_key = {}) const;
  // Translated field errors for re-rendering a form: [{field, message}] and {field: message}.
  // Labels are "field.<page>.<name>" where the page has its own, else "field.<name>".
  nlohmann::json field_errors(const Error& error, std::string_view page = {}) const;
  // Where users reach this server ("https://host"): the configured public URL's origin,
  // else this request's scheme and Host. For links printed on tickets and posters.
  std::string public_origin() const;
  // True on API routes and when the client asked for JSON.
  bool wants_json() const;
  // The CSRF token for a page's forms: the session's when logged in, otherwise the
  // public-form token (its cookie is set when new).
  std::string form_csrf_token();

  // Cookies the pipeline adds to whatever response the handler returns.
  std::vector<std::pair<std::string, std::string>> pending_cookies;
  std::string cookie_attributes(int64_t max_age_s, bool http_only = true) const;
  const App& app() const { return app_; }

 private:
  const App& app_;
  PathParams params_;
};

class App {
 public:
  explicit App(Services services);

  Router& router() { return router_; }
  void add_nav(NavItem item);

  http::Response handle(http::Request& request) const;
  http::RouteLimits limits(std::string_view method, std::string_view path) const;
  // Error to response: problem+json for API clients, an HTML page otherwise.
  http::Response render_error(const Context& ctx, const Error& error) const;

  const Services& services() const { return services_; }
  nlohmann::json layout_data(const Context& ctx) const;
  // The static asset URL with its content hash, for long caching.
  std::string asset_url(std::string_view name) const;

 private:
  http::Response dispatch(Context& ctx) const;
  // Finds the principal of a bearer token or session cookie; a response when refused.
  std::optional<http::Response> identify(Context& ctx) const;
  std::optional<Error> check_csrf(const Context& ctx) const;
  void add_static_routes();
  static Reply static_asset(Context& ctx);

  Services services_;
  Router router_;
  std::vector<NavItem> nav_;
  struct Asset {
    std::string content_type;
    std::string data;
    std::string gzipped;
    std::string etag;
  };
  const Asset* asset(std::string_view name) const;
  std::map<std::string, Asset, std::less<>> assets_;
};

int status_for(const Error& error);

}  // namespace harmoni::web

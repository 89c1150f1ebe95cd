#include "platform/web/app.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "platform/auth/password.hpp"
#include "platform/embedded.hpp"
#include "platform/http/gzip.hpp"
#include "platform/inbox/inbox_store.hpp"
#include "platform/metrics.hpp"

namespace harmoni::web {
namespace {

constexpr std::string_view kFlashCookie = "harmoni_flash";
constexpr std::string_view kLangCookie = "harmoni_lang";
constexpr std::string_view kTextCookie = "harmoni_text";

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'";

std::string_view content_type_for(std::string_view name) {
  auto ends = [&](std::string_view ext) { return name.ends_with(ext); };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "application/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".json")) return "application/json";
  return "text/plain; charset=utf-8";
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string_view problem_slug(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid:
      return "invalid";
    case ErrorKind::kUnauthorized:
      return "unauthorized";
    case ErrorKind::kForbidden:
      return "forbidden";
    case ErrorKind::kNotFound:
      return "not-found";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kTooLarge:
      return "too-large";
    case ErrorKind::kTooMany:
      return "too-many";
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

// The origin a browser sends for our own pages.
std::string expected_origin(const Config& config, const http::Request& req) {
  if (!config.public_url.empty()) {
    std::string_view url = config.public_url;
    size_t scheme_end = url.find("://");
    size_t path = url.find('/', scheme_end + 3);
    return std::string(url.substr(0, path));
  }
  return std::string(req.tls ? "https://" : "http://") + std::string(req.header("host"));
}

bool is_local_path(std::string_view path) {
  return path.starts_with("/") && !path.starts_with("//") && !path.starts_with("/\\") &&
         path.find_first_of("\r\n") == std::string_view::npos;
}

}  // namespace

int status_for(const Error& error) {
  switch (error.kind) {
    case ErrorKind::kInvalid:
      if (error.key == "error.content_type") return 415;
      return error.fields.empty() ? 400 : 422;
    case ErrorKind::kUnauthorized:
      return 401;
    case ErrorKind::kForbidden:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kTooLarge:
      return 413;
    case ErrorKind::kTooMany:
      return 429;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

// ---- Context ---------------------------------------------------------------

Context::Context(const App& app, http::Request& req, const Route& r, PathParams params)
    : request(req), services(app.services()), route(r), app_(app), params_(std::move(params)) {}

std::string Context::param(std::string_view name) const {
  for (const auto& [k, v] : params_) {
    if (k == name) return v;
  }
  return {};
}

std::string Context::t(std::string_view key, const MessageArgs& args) const {
  return services.catalogs.text(lang, key, args);
}

Result<Input> Context::input() const {
  std::string_view type = request.header("content-type");
  std::string_view base = type.substr(0, type.find(';'));
  while (!base.empty() && base.back() == ' ') base.remove_suffix(1);
  if (base == "application/json") return Input::from_json(request.body);
  if (base == "application/x-www-form-urlencoded" || (base.empty() && request.body.empty())) {
    return Input::from_form(request.body);
  }
  return Error::invalid("error.content_type");
}

Actor Context::actor() const {
  return Actor{principal ? &*principal : nullptr,
               request.remote_addr.empty() ? "-" : request.remote_addr, request.request_id};
}

audit::Entry Context::audit(std::string action, std::string object_type, std::string object_id,
                            std::optional<int64_t> instansi_id, std::string detail) const {
  return actor().audit(std::move(action), std::move(object_type), std::move(object_id), instansi_id,
                       std::move(detail));
}

http::Response Context::form_page(std::string_view name, nlohmann::json data,
                                  std::string_view title_key, const Error* error) const {
  int status = 200;
  if (error) {
    // A page may have named the problems its own way already.
    if (!data.contains("errors")) data["errors"] = field_errors(*error, name);
    status = error->kind == ErrorKind::kInvalid ? 422 : status_for(*error);
  }
  return page(name, std::move(data), title_key, status);
}

std::string Context::cookie_attributes(int64_t max_age_s, bool http_only) const {
  bool secure = request.tls || services.config.public_url.starts_with("https://");
  std::string attrs = "; Path=/; SameSite=Lax";
  if (max_age_s >= 0) attrs += "; Max-Age=" + std::to_string(max_age_s);
  if (http_only) attrs += "; HttpOnly";
  if (secure) attrs += "; Secure";
  return attrs;
}

http::Response Context::page(std::string_view name, nlohmann::json data, std::string_view title_key,
                             int status) const {
  nlohmann::json merged = app_.layout_data(*this);
  merged["title"] = t(title_key);
  for (auto& [k, v] : data.items()) merged[k] = std::move(v);
  auto html = services.templates.render(lang, name, merged);
  if (!html.ok()) return app_.render_error(*this, html.error());
  return http::Response::html(status, html.release_value());
}

http::Response Context::json(int status, const nlohmann::json& body) const {
  return http::Response::json(status,
                              body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

http::Response Context::redirect(std::string location, std::string_view flash_key) const {
  if (!is_local_path(location)) location = "/";
  auto r = http::Response::redirect(std::move(location));
  if (!flash_key.empty()) r.set_cookie(kFlashCookie, std::string(flash_key), cookie_attributes(60));
  return r;
}

nlohmann::json Context::field_errors(const Error& error, std::string_view page) const {
  nlohmann::json list = nlohmann::json::array();
  nlohmann::json by_field = nlohmann::json::object();
  for (const auto& f : error.fields) {
    std::string message = t(f.key, f.args);
    // "minutes:1985…" or "rows[12].unit": the field's label, then which line.
    const size_t cut = f.field.find_first_of(":[");
    const std::string base = f.field.substr(0, cut), label_key = "field." + base;
    // A page may name a field its own way ("field.kb_form.body": the article's text).
    const std::string page_key = "field." + std::string(page) + "." + base;
    std::string label = !page.empty() && services.catalogs.has(lang, page_key) ? t(page_key)
                        : services.catalogs.has(lang, label_key)               ? t(label_key)
                                                                               : base;
    if (cut != std::string::npos)
      label += " (" + f.field.substr(cut + (f.field[cut] == ':' ? 1 : 0)) + ")";
    list.push_back({{"field", f.field}, {"label", label}, {"message", message}});
    if (!by_field.contains(f.field)) by_field[f.field] = message;
  }
  return {{"list", list}, {"by_field", by_field}, {"summary", t(error.key, error.args)}};
}

std::string Context::public_origin() const { return expected_origin(services.config, request); }

bool Context::wants_json() const {
  return route.is_api() || request.header("accept").starts_with("application/json");
}

std::string Context::form_csrf_token() {
  // A logged-in user's forms are checked against the session's token.
  if (principal && !principal->csrf_token.empty()) return principal->csrf_token;
  std::string existing = request.cookie(kFormCsrfCookie);
  if (existing.size() >= 32 && existing.size() <= 64) return existing;
  std::string fresh = services.random.token(24);
  pending_cookies.emplace_back(std::string(kFormCsrfCookie),
                               fresh + cookie_attributes(2 * 60 * 60));
  request.headers.emplace_back("cookie", std::string(kFormCsrfCookie) + "=" + fresh);
  return fresh;
}

// ---- App -------------------------------------------------------------------

App::App(Services services) : services_(services) { add_static_routes(); }

void App::add_static_routes() {
  constexpr std::string_view kPrefix = "assets/static/";
  for (const auto& file : embedded_files()) {
    if (!file.path.starts_with(kPrefix)) continue;
    Asset asset;
    std::string name(file.path.substr(kPrefix.size()));
    asset.content_type = content_type_for(name);
    asset.data = std::string(file.data);
    asset.etag = auth::sha256_hex(asset.data).substr(0, 20);
    if (http::is_compressible(asset.content_type)) asset.gzipped = http::gzip(asset.data);
    assets_.emplace(std::move(name), std::move(asset));
  }
  router_.add({"GET", "/static/{name}", static_asset, {.access = Access::kPublic, .quick = true}});
}

const App::Asset* App::asset(std::string_view name) const {
  auto it = assets_.find(name);
  return it == assets_.end() ? nullptr : &it->second;
}

// A file under assets/static/, cached for a year when asked for by its content hash.
Reply App::static_asset(Context& ctx) {
  const Asset* a = ctx.app().asset(ctx.param("name"));
  if (!a) return Error::not_found();
  std::string etag = "\"" + a->etag + "\"";
  http::Response r;
  r.set_header("ETag", etag);
  r.set_header("Cache-Control", ctx.request.query_param("v") == a->etag
                                    ? "public, max-age=31536000, immutable"
                                    : "public, max-age=300");
  if (ctx.request.header("if-none-match") == etag) {
    r.status = 304;
    return r;
  }
  r.set_header("Content-Type", a->content_type);
  if (!a->gzipped.empty()) {
    r.set_header("Vary", "Accept-Encoding");
    if (http::accepts_gzip(ctx.request.header("accept-encoding"))) {
      r.set_header("Content-Encoding", "gzip");
      r.body = a->gzipped;
      return r;
    }
  }
  r.body = a->data;
  return r;
}

void App::add_nav(NavItem item) {
  auto at = std::upper_bound(nav_.begin(), nav_.end(), item.order,
                             [](int order, const NavItem& n) { return order < n.order; });
  nav_.insert(at, std::move(item));
}

std::string App::asset_url(std::string_view name) const {
  auto it = assets_.find(name);
  std::string url = "/static/" + std::string(name);
  if (it != assets_.end()) url += "?v=" + it->second.etag;
  return url;
}

http::RouteLimits App::limits(std::string_view method, std::string_view path) const {
  auto m = router_.match(method, path);
  if (!m.route) return http::RouteLimits{.body_limit = 64 * 1024, .upload_to_file = false};
  size_t body_limit = m.route->options.body_limit;
  if (body_limit == kConfiguredUploadLimit) {
    body_limit = static_cast<size_t>(services_.config.max_upload_mb) * 1024 * 1024;
  }
  return http::RouteLimits{.body_limit = body_limit,
                           .upload_to_file = m.route->options.upload_to_file,
                           .run_inline = m.route->options.quick};
}

nlohmann::json App::layout_data(const Context& ctx) const {
  nlohmann::json d;
  d["lang"] = ctx.lang;
  d["lang_id"] = ctx.lang == "id";
  d["lang_en"] = ctx.lang == "en";
  d["back"] = http::percent_encode(ctx.request.target);
  d["large_text"] = ctx.request.cookie(kTextCookie) == "large";
  d["css_url"] = asset_url("app.css");
  d["js_url"] = asset_url("app.js");
  std::string flash = ctx.request.cookie(kFlashCookie);
  if (!flash.empty() && services_.catalogs.has(ctx.lang, flash)) d["flash"] = ctx.t(flash);
  if (ctx.principal) {
    const auto& p = *ctx.principal;
    d["user"] = {{"name", p.display_name},
                 {"role", ctx.t("role." + std::string(enum_name(p.role)))}};
    d["csrf"] = p.csrf_token;
    // One indexed count per page: the header says when something waits in the inbox.
    auto unread = services_.db.read([&](db::Tx& tx) { return inbox::unread_count(tx, p.user_id); });
    d["inbox_unread"] = unread.ok() ? *unread : 0;
    d["has_unread"] = unread.ok() && *unread > 0;
    nlohmann::json nav = nlohmann::json::array();
    for (const auto& item : nav_) {
      if (item.permission && !p.can(*item.permission)) continue;
      if (!item.only_roles.empty() && std::find(item.only_roles.begin(), item.only_roles.end(),
                                                p.role) == item.only_roles.end()) {
        continue;
      }
      bool current = ctx.request.path == item.href ||
                     (item.href != "/" && ctx.request.path.starts_with(item.href + "/"));
      nav.push_back({{"href", item.href}, {"label", ctx.t(item.label_key)}, {"current", current}});
    }
    d["nav"] = nav;
  } else {
    d["user"] = false;
  }
  return d;
}

std::optional<Error> App::check_csrf(const Context& ctx) const {
  const auto& req = ctx.request;
  if (!req.is_write()) return std::nullopt;
  if (ctx.principal && ctx.principal->via_api_token) return std::nullopt;  // no ambient cookie
  std::string_view site = req.header("sec-fetch-site");
  if (!site.empty() && site != "same-origin" && site != "none")
    return Error::forbidden("error.csrf");
  std::string_view origin = req.header("origin");
  if (!origin.empty() && origin != expected_origin(services_.config, req)) {
    return Error::forbidden("error.csrf");
  }
  std::string expected;
  if (ctx.principal) {
    expected = ctx.principal->csrf_token;
  } else if (!ctx.route.is_api()) {
    expected = req.cookie(kFormCsrfCookie);
  } else {
    return std::nullopt;  // public API calls carry no cookies that grant anything
  }
  std::string sent(req.header("x-csrf-token"));
  if (sent.empty()) {
    auto form =
        http::parse_form(req.header("content-type").starts_with("application/x-www-form-urlencoded")
                             ? std::string_view(req.body)
                             : std::string_view());
    if (form.ok()) {
      for (const auto& [k, v] : form.value()) {
        if (k == "_csrf") sent = v;
      }
    }
    if (sent.empty()) sent = req.query_param("_csrf").value_or("");
  }
  if (!constant_time_equal(sent, expected)) return Error::forbidden("error.csrf");
  return std::nullopt;
}

std::optional<http::Response> App::identify(Context& ctx) const {
  auto& req = ctx.request;
  std::string_view authorization = req.header("authorization");
  if (authorization.starts_with("Bearer ")) {
    auto p = services_.auth.api_token(authorization.substr(7));
    if (!p.ok()) return render_error(ctx, p.error());
    if (!p.value()) {
      auto r = render_error(ctx, Error::unauthorized("auth.bad_token"));
      r.set_header("WWW-Authenticate", "Bearer");
      return r;
    }
    ctx.principal = std::move(p.value());
  } else if (std::string token = req.cookie(kSessionCookie); !token.empty()) {
    auto p = services_.auth.session(token);
    if (!p.ok()) return render_error(ctx, p.error());
    ctx.principal = std::move(p.value());
    if (!ctx.principal) {
      ctx.pending_cookies.emplace_back(std::string(kSessionCookie), "" + ctx.cookie_attributes(0));
    }
  }
  return std::nullopt;
}

http::Response App::dispatch(Context& ctx) const {
  auto& req = ctx.request;
  if (!ctx.route.options.quick) {  // quick routes never need to know who is asking
    if (auto refused = identify(ctx)) return std::move(*refused);
  }
  // Which language: an API request's own header, the explicit choice on the site,
  // then the user's setting, then the browser's.
  std::string chosen = req.cookie(kLangCookie);
  if (ctx.route.is_api() && !req.header("accept-language").empty()) {
    ctx.lang = services_.catalogs.negotiate(req.header("accept-language"));
  } else if (services_.catalogs.supports(chosen)) {
    ctx.lang = chosen;
  } else if (ctx.principal && services_.catalogs.supports(ctx.principal->lang)) {
    ctx.lang = ctx.principal->lang;
  } else {
    ctx.lang = services_.catalogs.negotiate(req.header("accept-language"));
  }

  const Route& route = ctx.route;
  if (route.options.access == Access::kAuthenticated && !ctx.principal) {
    if (ctx.wants_json()) {
      auto r = render_error(ctx, Error::unauthorized());
      r.set_header("WWW-Authenticate", "Bearer");
      return r;
    }
    return ctx.redirect("/login?next=" + http::percent_encode(req.target));
  }
  if (auto csrf = check_csrf(ctx)) return render_error(ctx, *csrf);
  if (route.options.permission && !ctx.principal->can(*route.options.permission)) {
    return render_error(ctx, Error::forbidden());
  }
  Reply reply = route.handler(ctx);
  if (auto* error = std::get_if<Error>(&reply.value)) return render_error(ctx, *error);
  return std::move(std::get<http::Response>(reply.value));
}

http::Response App::handle(http::Request& req) const {
  static const Route kUnmatched{"", "(unmatched)", {}, nullptr, {.access = Access::kPublic}};
  auto match = router_.match(req.method, req.path);
  Context ctx(*this, req, match.route ? *match.route : kUnmatched, match.params);
  ctx.lang = services_.catalogs.negotiate(req.header("accept-language"));
  http::Response res;
  try {
    if (!match.route) {
      ctx.lang =
          services_.catalogs.supports(req.cookie(kLangCookie)) ? req.cookie(kLangCookie) : ctx.lang;
      res = render_error(ctx, match.method_mismatch
                                  ? Error{ErrorKind::kInvalid, "error.method", {}, {}, {}}
                                  : Error::not_found());
      if (match.method_mismatch) res.status = 405;
    } else {
      res = dispatch(ctx);
    }
  } catch (const std::exception& e) {
    res = render_error(ctx, Error::internal(std::string("unhandled exception: ") + e.what()));
  }
  for (auto& [name, value] : ctx.pending_cookies) res.set_cookie(name, value, "");
  if (!req.cookie(kFlashCookie).empty() && res.status == 200 &&
      res.header("Content-Type").starts_with("text/html")) {
    res.set_cookie(kFlashCookie, "", ctx.cookie_attributes(0));
  }
  res.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  if (req.tls) res.set_header("Strict-Transport-Security", "max-age=31536000");
  if (res.header("Cache-Control").empty()) res.set_header("Cache-Control", "no-store");
  res.route = ctx.route.pattern;
  return res;
}

http::Response App::render_error(const Context& ctx, const Error& error) const {
  int status = status_for(error);
  if (error.kind == ErrorKind::kInternal || error.kind == ErrorKind::kUnavailable) {
    spdlog::error("{} {}: {}", ctx.request.method, ctx.route.pattern, error.internal_detail);
  }
  std::string title = ctx.t(error.key, error.args);
  if (ctx.wants_json()) {
    nlohmann::json body = {{"type", "/docs/api#problem-" + std::string(problem_slug(error.kind))},
                           {"title", title},
                           {"status", status},
                           {"request_id", ctx.request.request_id}};
    if (!error.fields.empty()) {
      nlohmann::json errors = nlohmann::json::array();
      for (const auto& f : error.fields) {
        errors.push_back({{"field", f.field}, {"code", f.key}, {"message", ctx.t(f.key, f.args)}});
      }
      body["errors"] = errors;
    }
    auto r = http::Response::text(
        status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
        "application/problem+json");
    if (status == 429 && error.args.contains("seconds"))
      r.set_header("Retry-After", error.args.at("seconds"));
    return r;
  }
  nlohmann::json data = layout_data(ctx);
  data["title"] = ctx.t("error.title");
  data["message"] = title;
  data["status"] = std::to_string(status);
  data["request_id"] = ctx.request.request_id;
  data["errors"] = error.fields.empty() ? nlohmann::json(false) : ctx.field_errors(error);
  auto html = services_.templates.render(ctx.lang, "error", data);
  if (!html.ok()) {
    spdlog::error("error page failed: {}", html.error().internal_detail);
    return http::Response::text(status, title + "\n");
  }
  return http::Response::html(status, html.release_value());
}

}  // namespace harmoni::web

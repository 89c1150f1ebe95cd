#include "cli/wiring.hpp"

#include "accounts/account_routes.hpp"
#include "org/org_routes.hpp"
#include "platform/metrics.hpp"

namespace harmoni::cli {

void register_all_routes(web::App& app) {
  app.router().add("GET", "/healthz", [](web::Context& ctx) -> web::Reply {
    auto ok = ctx.services.db.read([](db::Tx& tx) { return tx.scalar_i64("SELECT 1"); });
    if (!ok.ok()) return Error::unavailable("db.unavailable", ok.error().internal_detail);
    return http::Response::json(200, R"({"status":"ok"})");
  }, {.access = web::Access::kPublic});
  // Counts and timings only, labelled by route pattern: nothing personal.
  app.router().add("GET", "/metrics", [](web::Context&) -> web::Reply {
    return http::Response::text(200, Metrics::global().render(), "text/plain; version=0.0.4; charset=utf-8");
  }, {.access = web::Access::kPublic});
  accounts::register_routes(app);
  org::register_routes(app);
}

}  // namespace harmoni::cli

#include "cli/wiring.hpp"

#include "accounts/account_routes.hpp"
#include "competency/competency_routes.hpp"
#include "desk/desk_routes.hpp"
#include "learning/learning_routes.hpp"
#include "org/org_routes.hpp"
#include "peduli/peduli_routes.hpp"
#include "platform/metrics.hpp"
#include "queue/queue_routes.hpp"
#include "survey/survey_routes.hpp"

namespace harmoni::cli {

void register_all_routes(web::App& app) {
  // Liveness: the process accepts and answers requests. Never touches the database,
  // so a slow disk does not make an orchestrator restart a healthy server.
  app.router().add(
      {"GET",
       "/healthz",
       [](web::Context&) -> web::Reply { return http::Response::json(200, R"({"status":"ok"})"); },
       {.access = web::Access::kPublic, .quick = true}});
  // Readiness: the database answers, so traffic may be sent here.
  app.router().add({"GET",
                    "/readyz",
                    [](web::Context& ctx) -> web::Reply {
                      auto ok = ctx.services.db.read(
                          [](db::Tx& tx) { return tx.scalar_i64("SELECT 1"); });
                      if (!ok.ok())
                        return Error::unavailable("db.unavailable", ok.error().internal_detail);
                      return http::Response::json(200, R"({"status":"ready"})");
                    },
                    {.access = web::Access::kPublic}});
  // Counts and timings only, labelled by route pattern: nothing personal.
  app.router().add({"GET",
                    "/metrics",
                    [](web::Context&) -> web::Reply {
                      return http::Response::text(200, Metrics::global().render(),
                                                  "text/plain; version=0.0.4; charset=utf-8");
                    },
                    {.access = web::Access::kPublic, .quick = true}});
  accounts::register_routes(app);
  org::register_routes(app);
  desk::register_routes(app);
  survey::register_routes(app);
  queue::register_routes(app);
  competency::register_routes(app);
  learning::register_routes(app);
  peduli::register_routes(app);
}

}  // namespace harmoni::cli

#include "cli/wiring.hpp"

#include "accounts/account_routes.hpp"
#include "calendar/calendar_routes.hpp"
#include "competency/competency_routes.hpp"
#include "complaints/complaint_cases.hpp"
#include "complaints/complaint_routes.hpp"
#include "desk/desk_routes.hpp"
#include "harmony/harmony_cases.hpp"
#include "harmony/harmony_routes.hpp"
#include "learning/learning_routes.hpp"
#include "office/office_routes.hpp"
#include "org/org_routes.hpp"
#include "peduli/peduli_routes.hpp"
#include "platform/limits/rate_limit_store.hpp"
#include "platform/mail/delivery.hpp"
#include "platform/metrics.hpp"
#include "queue/queue_routes.hpp"
#include "survey/survey_routes.hpp"

namespace harmoni::cli {
namespace {

// Liveness: the process accepts and answers requests. Never touches the database, so a
// slow disk does not make an orchestrator restart a healthy server.
web::Reply liveness(web::Context&) { return http::Response::json(200, R"({"status":"ok"})"); }

// Readiness: the database answers, so traffic may be sent here.
web::Reply readiness(web::Context& ctx) {
  Status ok = db::ping(ctx.services.db);
  if (!ok.ok()) return Error::unavailable("db.unavailable", ok.error().internal_detail);
  return http::Response::json(200, R"({"status":"ready"})");
}

// Counts and timings only, labelled by route pattern: nothing personal.
web::Reply metrics(web::Context&) {
  return http::Response::text(200, Metrics::global().render(),
                              "text/plain; version=0.0.4; charset=utf-8");
}

const web::RouteDef kOperationsRoutes[] = {
    {"GET", "/healthz", liveness, {.access = web::Access::kPublic, .quick = true}},
    {"GET", "/readyz", readiness, {.access = web::Access::kPublic}},
    {"GET", "/metrics", metrics, {.access = web::Access::kPublic, .quick = true}},
};

}  // namespace

void register_all_routes(web::App& app) {
  app.router().add(kOperationsRoutes);
  accounts::register_routes(app);
  org::register_routes(app);
  desk::register_routes(app);
  queue::register_routes(app);
  survey::register_routes(app);
  office::register_routes(app);
  competency::register_routes(app);
  learning::register_routes(app);
  peduli::register_routes(app);
  calendar::register_routes(app);
  complaints::register_routes(app);
  harmony::register_routes(app);
}

Status register_all_jobs(jobs::JobRunner& runner, const Env& env, const Config& config) {
  using namespace std::chrono_literals;
  if (!config.smtp_relay.empty()) {
    mail::SmtpRelay relay = TRY(mail::parse_relay(config.smtp_relay));
    mail::DeliverySettings settings{.relay = relay, .from = config.mail_from};
    auto host = config.public_url.substr(config.public_url.find("://") + 3);
    settings.id_domain =
        config.public_url.empty() ? "harmoni.local" : host.substr(0, host.find('/'));
    runner.add("mail", 30s,
               [env, settings]() -> Status { return mail::deliver_due(env, settings).status(); });
  }
  // Reports whose reporter's time ran out close, overdue ones reach the coordinator.
  runner.add("complaint_deadlines", 15min,
             [env]() -> Status { return complaints::run_deadlines(env).status(); });
  // Agreements past their day and watch notes due for review reach handlers and heads.
  runner.add("harmony_reminders", 1h,
             [env]() -> Status { return harmony::run_harmony_reminders(env).status(); });
  runner.add("rate_limits", 10min, [env]() -> Status {
    return env.db.write([&](db::Tx& tx) { return limits::sweep(tx, env.now_ms()).status(); });
  });
  return {};
}

}  // namespace harmoni::cli

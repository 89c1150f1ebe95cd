// Wires every capability's routes into the application (used by `serve` and by
// the tests that walk all routes), and the server's periodic jobs.
#pragma once

#include "platform/jobs/job_runner.hpp"
#include "platform/web/app.hpp"

namespace harmoni::cli {

void register_all_routes(web::App& app);
// The work the server does by itself: mail delivery (with a relay), dropping ended
// limits, and each capability's own jobs. `env` must outlive the runner.
Status register_all_jobs(jobs::JobRunner& runner, const Env& env, const Config& config);

}  // namespace harmoni::cli

#include "competency/competency_routes.hpp"

#include "competency/competency_web.hpp"

namespace harmoni::competency {

Date today_wib(const web::Context& ctx) { return date_in_wib(ctx.now_ms()); }

int form_status(const Error* error) {
  if (!error) return 200;
  return error->kind == ErrorKind::kInvalid ? 422 : web::status_for(*error);
}

void register_routes(web::App& app) {
  using auth::Role;
  // Literal paths ("/competency/new") before the patterns they would match ("/competency/{id}").
  register_rating_routes(app);
  register_campaign_routes(app);
  register_result_routes(app);
  app.add_nav({50,
               "nav.rating",
               "/360",
               std::nullopt,
               {Role::kInstansiAdmin, Role::kUnitHead, Role::kOfficer, Role::kHrDeveloper,
                Role::kCaseHandler, Role::kAuditor}});
  app.add_nav({55,
               "nav.competency",
               "/competency",
               std::nullopt,
               {Role::kInstansiAdmin, Role::kUnitHead, Role::kHrDeveloper}});
  app.add_nav({60,
               "nav.plans",
               "/plans",
               std::nullopt,
               {Role::kInstansiAdmin, Role::kUnitHead, Role::kOfficer, Role::kHrDeveloper,
                Role::kCaseHandler, Role::kAuditor}});
}

}  // namespace harmoni::competency

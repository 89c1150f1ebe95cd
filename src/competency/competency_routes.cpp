#include "competency/competency_routes.hpp"

#include "competency/competency_web.hpp"

namespace harmoni::competency {

void register_routes(web::App& app) {
  using auth::Role;
  app.router().add(rating_routes());
  app.router().add(campaign_routes());
  app.router().add(result_routes());
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

// A unit's services and their published standards (API and pages), and its kiosk link.
#include "desk/desk_routes.hpp"

#include <cstdlib>

#include "desk/desk_cases.hpp"
#include "desk/desk_web.hpp"
#include "platform/qr/qr_svg.hpp"

namespace harmoni::desk {
namespace {

using auth::Permission;
using web::Access;
using web::Context;
using web::Reply;

// Every field of a service from a form or JSON body, over `s`.
Result<Service> read_service(web::Input& in, Service s) {
  in.ignore("_csrf");
  const web::TextRule line{.max_chars = 200};
  const web::TextRule block{.required = false, .max_chars = 4000, .multiline = true};
  if (auto v = in.text("code", {.max_chars = 32})) s.code = *v;
  if (auto v = in.text("name", line)) s.name = *v;
  if (auto v = in.text("requirements", block)) s.requirements = *v;
  if (auto v = in.text("procedure", block)) s.procedure = *v;
  if (auto v = in.integer("standard_minutes", {.min = 1, .max = 525600}))
    s.standard_minutes = static_cast<int>(*v);
  if (auto v = in.text("cost", {.max_chars = 500})) s.cost = *v;
  if (auto v = in.text("product", {.max_chars = 500})) s.product = *v;
  if (auto v = in.text("complaints", {.required = false, .max_chars = 1000, .multiline = true}))
    s.complaints = *v;
  if (auto v = in.text("ticket_prefix", {.required = false, .max_chars = 2}))
    s.ticket_prefix = v->empty() ? "A" : *v;
  // JSON: absent means active. A form's unticked checkbox sends nothing: inactive.
  s.active = in.is_json() && !in.has("active") ? true : in.flag("active");
  if (auto v = in.integer("sort_order", {.required = false, .min = 0, .max = 9999}))
    s.sort_order = static_cast<int>(*v);
  TRY(in.finish());
  return s;
}

// What the form sent, as typed, to show it again with the errors.
Service form_service(const web::Input& in, int64_t unit_id) {
  return Service{.unit_id = unit_id,
                 .code = in.raw("code"),
                 .name = in.raw("name"),
                 .requirements = in.raw("requirements"),
                 .procedure = in.raw("procedure"),
                 .standard_minutes = std::atoi(in.raw("standard_minutes").c_str()),
                 .cost = in.raw("cost"),
                 .product = in.raw("product"),
                 .complaints = in.raw("complaints"),
                 .ticket_prefix = in.raw("ticket_prefix"),
                 .active = !in.raw("active").empty(),
                 .sort_order = std::atoi(in.raw("sort_order").c_str())};
}

// The service form page: a new service, or one to change; with errors after a bad post.
Reply service_page(Context& ctx, const org::Unit& unit, const Service& s, bool creating,
                   const Error* error) {
  return ctx.form_page("service_form",
                       {{"unit", {{"id", unit.id}, {"name", unit.name}}},
                        {"service", service_json(s)},
                        {"creating", creating},
                        {"action", "/desk/" + std::to_string(unit.id) + "/services" +
                                       (creating ? "" : "/" + s.code)}},
                       creating ? "service.new_title" : "service.edit_title", error);
}

Result<org::Unit> managed_unit(const Context& ctx) {
  return staff_unit(ctx.env(), ctx.actor(), ctx.param("unit_id"), Permission::kDeskManage);
}

// Reads and saves a service from the request; a new one unless `current` is given.
Result<Service> save_from_request(Context& ctx, const org::Unit& unit, web::Input& in,
                                  const Service* current) {
  Service s = TRY(read_service(in, Service{.id = current ? current->id : 0}));
  return save_service(ctx.env(), ctx.actor(), unit, s);
}

// The published standards of a unit's services: public, as the law requires. Staff
// who see the unit also get services that are switched off.
Reply api_list_services(Context& ctx) {
  auto staff = staff_unit(ctx.env(), ctx.actor(), ctx.param("unit_id"));
  org::Unit unit =
      staff.ok() ? staff.release_value() : TRY(public_unit(ctx.env(), ctx.param("unit_id")));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& s : TRY(services_of(ctx.env(), unit.id, staff.ok()))) {
    items.push_back(service_json(s));
  }
  return ctx.json(200, {{"unit", {{"id", unit.id}, {"code", unit.code}, {"name", unit.name}}},
                        {"items", items}});
}

Reply api_create_service(Context& ctx) {
  org::Unit unit = TRY(managed_unit(ctx));
  auto in = TRY(ctx.input());
  Service s = TRY(save_from_request(ctx, unit, in, nullptr));
  auto res = ctx.json(201, service_json(s));
  res.set_header("Location", "/api/v1/units/" + std::to_string(unit.id) + "/services/" + s.code);
  return res;
}

Reply api_update_service(Context& ctx) {
  org::Unit unit = TRY(managed_unit(ctx));
  Service current = TRY(service_of(ctx.env(), unit, ctx.param("service")));
  auto in = TRY(ctx.input());
  return ctx.json(200, service_json(TRY(save_from_request(ctx, unit, in, &current))));
}

Reply new_service_page(Context& ctx) {
  org::Unit unit = TRY(managed_unit(ctx));
  return service_page(ctx, unit, Service{.unit_id = unit.id, .cost = "Gratis"}, true, nullptr);
}

Reply create_service_from_form(Context& ctx) {
  org::Unit unit = TRY(managed_unit(ctx));
  auto in = TRY(ctx.input());
  auto saved = save_from_request(ctx, unit, in, nullptr);
  if (!saved.ok()) {
    if (!saved.error().is_users_fault()) return saved.release_error();
    return service_page(ctx, unit, form_service(in, unit.id), true, &saved.error());
  }
  return ctx.redirect("/desk/" + std::to_string(unit.id), "saved");
}

Reply edit_service_page(Context& ctx) {
  org::Unit unit = TRY(managed_unit(ctx));
  Service s = TRY(service_of(ctx.env(), unit, ctx.param("service")));
  return service_page(ctx, unit, s, false, nullptr);
}

Reply update_service_from_form(Context& ctx) {
  org::Unit unit = TRY(managed_unit(ctx));
  Service current = TRY(service_of(ctx.env(), unit, ctx.param("service")));
  auto in = TRY(ctx.input());
  auto saved = save_from_request(ctx, unit, in, &current);
  if (!saved.ok()) {
    if (!saved.error().is_users_fault()) return saved.release_error();
    Service shown = form_service(in, unit.id);
    shown.code = current.code;
    return service_page(ctx, unit, shown, false, &saved.error());
  }
  return ctx.redirect("/desk/" + std::to_string(unit.id), "saved");
}

// A new kiosk link: its secret is shown once, only its hash is kept.
Reply create_kiosk_link(Context& ctx) {
  org::Unit unit = TRY(managed_unit(ctx));
  std::string key = TRY(new_kiosk_key(ctx.env(), ctx.actor(), unit));
  std::string link = ctx.public_origin() + "/kiosk/" + key;
  std::string qr = TRY(qr::svg(link, ctx.t("desk.kiosk_qr_label")));
  return ctx.page("kiosk_link",
                  {{"unit", {{"id", unit.id}, {"name", unit.name}}}, {"link", link}, {"qr", qr}},
                  "desk.kiosk_title");
}

const web::RouteOptions kManage{.permission = Permission::kDeskManage};
const web::RouteOptions kManageWrite{.permission = Permission::kDeskManage,
                                     .body_limit = 32 * 1024};

const web::RouteDef kRoutes[] = {
    {"GET", "/api/v1/units/{unit_id}/services", api_list_services, {.access = Access::kPublic}},
    {"POST", "/api/v1/units/{unit_id}/services", api_create_service, kManageWrite},
    {"PUT", "/api/v1/units/{unit_id}/services/{service}", api_update_service, kManageWrite},
    {"GET", "/desk/{unit_id}/services/new", new_service_page, kManage},
    {"POST", "/desk/{unit_id}/services", create_service_from_form, kManageWrite},
    {"GET", "/desk/{unit_id}/services/{service}", edit_service_page, kManage},
    {"POST", "/desk/{unit_id}/services/{service}", update_service_from_form, kManageWrite},
    {"POST", "/desk/{unit_id}/kiosk", create_kiosk_link, kManage},
};

}  // namespace

void register_routes(web::App& app) { app.router().add(kRoutes); }

}  // namespace harmoni::desk

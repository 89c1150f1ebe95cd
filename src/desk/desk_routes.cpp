// JSON API for a unit's services and their published standards.
#include "desk/desk_routes.hpp"

#include <cstdlib>

#include "desk/desk_store.hpp"
#include "desk/unit_access.hpp"
#include "platform/audit/audit.hpp"

namespace harmoni::desk {
namespace {

using auth::Permission;
using web::Access;
using web::Context;
using web::Reply;

nlohmann::json service_json(const Service& s) {
  return {{"code", s.code},
          {"name", s.name},
          {"requirements", s.requirements},
          {"procedure", s.procedure},
          {"standard_minutes", s.standard_minutes},
          {"cost", s.cost},
          {"product", s.product},
          {"complaints", s.complaints},
          {"ticket_prefix", s.ticket_prefix},
          {"active", s.active},
          {"sort_order", s.sort_order}};
}

// Every field of a service from a form or JSON body, checked.
Result<Service> read_service(web::Input& in, Service s) {
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
  TRY(validate(s));
  return s;
}

// What the form sent, as typed, to show it again with the errors.
Service form_service(const web::Input& in, int64_t unit_id) {
  Service s{.unit_id = unit_id};
  s.code = in.raw("code");
  s.name = in.raw("name");
  s.requirements = in.raw("requirements");
  s.procedure = in.raw("procedure");
  s.standard_minutes = std::atoi(in.raw("standard_minutes").c_str());
  s.cost = in.raw("cost");
  s.product = in.raw("product");
  s.complaints = in.raw("complaints");
  s.ticket_prefix = in.raw("ticket_prefix");
  s.active = !in.raw("active").empty();
  s.sort_order = std::atoi(in.raw("sort_order").c_str());
  return s;
}

// The service form page: a new service, or one to change; with errors after a bad post.
Reply service_page(Context& ctx, const org::Unit& unit, const Service& s, bool creating,
                   const Error* error) {
  nlohmann::json data = {{"unit", {{"id", unit.id}, {"name", unit.name}}},
                         {"service", service_json(s)},
                         {"creating", creating},
                         {"action", "/desk/" + std::to_string(unit.id) + "/services" +
                                        (creating ? "" : "/" + s.code)}};
  if (error) data["errors"] = ctx.field_errors(*error);
  int status = !error ? 200 : error->kind == ErrorKind::kInvalid ? 422 : web::status_for(*error);
  return ctx.page("service_form", data, creating ? "service.new_title" : "service.edit_title",
                  status);
}

// Saves a new or changed service with its audit entry.
Result<Service> save_service(Context& ctx, const org::Unit& unit, web::Input& in, Service base,
                             bool creating) {
  Service s = TRY(read_service(in, std::move(base)));
  TRY(ctx.services.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = ctx.services.clock.now_seconds();
    if (creating) {
      s.id = TRY(insert_service(tx, s, now));
    } else {
      TRY(update_service(tx, s, now));
    }
    return audit::append(tx,
                         ctx.audit(creating ? "service.create" : "service.update", "service",
                                   std::to_string(s.id), unit.instansi_id),
                         ctx.now_ms());
  }));
  return s;
}

Result<Service> existing_service(const Context& ctx, const org::Unit& unit) {
  auto current = TRY(ctx.services.db.read([&](db::Tx& tx) {
    return find_service(tx, unit.id, org::upper_code(ctx.param("service")));
  }));
  if (!current) return Error::not_found("service.unknown");
  return *current;
}

}  // namespace

void register_routes(web::App& app) {
  auto& r = app.router();

  // The published standards of a unit's services: public, as the law requires. Staff
  // who see the unit also get services that are switched off.
  r.add({"GET",
         "/api/v1/units/{unit_id}/services",
         [](Context& ctx) -> Reply {
           auto staff = staff_unit(ctx, ctx.param("unit_id"));
           org::Unit unit =
               staff.ok() ? staff.release_value() : TRY(public_unit(ctx, ctx.param("unit_id")));
           auto services = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return list_services(tx, unit.id, staff.ok()); }));
           nlohmann::json items = nlohmann::json::array();
           for (const auto& s : services) items.push_back(service_json(s));
           return ctx.json(200,
                           {{"unit", {{"id", unit.id}, {"code", unit.code}, {"name", unit.name}}},
                            {"items", items}});
         },
         {.access = Access::kPublic}});

  r.add({"POST",
         "/api/v1/units/{unit_id}/services",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
           auto in = TRY(ctx.input());
           Service s = TRY(save_service(ctx, unit, in, Service{.unit_id = unit.id}, true));
           auto res = ctx.json(201, service_json(s));
           res.set_header("Location",
                          "/api/v1/units/" + std::to_string(unit.id) + "/services/" + s.code);
           return res;
         },
         {.permission = Permission::kDeskManage, .body_limit = 32 * 1024}});

  r.add({"PUT",
         "/api/v1/units/{unit_id}/services/{service}",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
           Service current = TRY(existing_service(ctx, unit));
           auto in = TRY(ctx.input());
           Service s = TRY(
               save_service(ctx, unit, in, Service{.id = current.id, .unit_id = unit.id}, false));
           return ctx.json(200, service_json(s));
         },
         {.permission = Permission::kDeskManage, .body_limit = 32 * 1024}});
  // ---- the same through pages ----
  r.add({"GET",
         "/desk/{unit_id}/services/new",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
           return service_page(ctx, unit, Service{.unit_id = unit.id, .cost = "Gratis"}, true,
                               nullptr);
         },
         {.permission = Permission::kDeskManage}});

  r.add({"POST",
         "/desk/{unit_id}/services",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto saved = save_service(ctx, unit, in, Service{.unit_id = unit.id}, true);
           if (!saved.ok())
             return service_page(ctx, unit, form_service(in, unit.id), true, &saved.error());
           return ctx.redirect("/desk/" + std::to_string(unit.id), "saved");
         },
         {.permission = Permission::kDeskManage, .body_limit = 32 * 1024}});

  r.add({"GET",
         "/desk/{unit_id}/services/{service}",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
           return service_page(ctx, unit, TRY(existing_service(ctx, unit)), false, nullptr);
         },
         {.permission = Permission::kDeskManage}});

  r.add({"POST",
         "/desk/{unit_id}/services/{service}",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
           Service current = TRY(existing_service(ctx, unit));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto saved =
               save_service(ctx, unit, in, Service{.id = current.id, .unit_id = unit.id}, false);
           if (!saved.ok()) {
             Service shown = form_service(in, unit.id);
             shown.code = current.code;
             return service_page(ctx, unit, shown, false, &saved.error());
           }
           return ctx.redirect("/desk/" + std::to_string(unit.id), "saved");
         },
         {.permission = Permission::kDeskManage, .body_limit = 32 * 1024}});
}

}  // namespace harmoni::desk

// JSON API for a unit's services and their published standards.
#include "desk/desk_routes.hpp"

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
  if (auto v = in.integer("standard_minutes", {.min = 1, .max = 525600})) s.standard_minutes = static_cast<int>(*v);
  if (auto v = in.text("cost", {.max_chars = 500})) s.cost = *v;
  if (auto v = in.text("product", {.max_chars = 500})) s.product = *v;
  if (auto v = in.text("complaints", {.required = false, .max_chars = 1000, .multiline = true})) s.complaints = *v;
  if (auto v = in.text("ticket_prefix", {.required = false, .max_chars = 2})) s.ticket_prefix = v->empty() ? "A" : *v;
  s.active = in.has("active") ? in.flag("active") : true;
  if (auto v = in.integer("sort_order", {.required = false, .min = 0, .max = 9999})) s.sort_order = static_cast<int>(*v);
  TRY(in.finish());
  TRY(validate(s));
  return s;
}

}  // namespace

void register_routes(web::App& app) {
  auto& r = app.router();

  // The published standards of a unit's services: public, as the law requires. Staff
  // who see the unit also get services that are switched off.
  r.add("GET", "/api/v1/units/{unit_id}/services", [](Context& ctx) -> Reply {
    auto staff = staff_unit(ctx, ctx.param("unit_id"));
    org::Unit unit = staff.ok() ? staff.release_value() : TRY(public_unit(ctx, ctx.param("unit_id")));
    auto services = TRY(ctx.services.db.read([&](db::Tx& tx) { return list_services(tx, unit.id, staff.ok()); }));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& s : services) items.push_back(service_json(s));
    return ctx.json(200, {{"unit", {{"id", unit.id}, {"code", unit.code}, {"name", unit.name}}}, {"items", items}});
  }, {.access = Access::kPublic});

  r.add("POST", "/api/v1/units/{unit_id}/services", [](Context& ctx) -> Reply {
    org::Unit unit = TRY(staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
    auto in = TRY(ctx.input());
    Service s = TRY(read_service(in, Service{.unit_id = unit.id}));
    s.id = TRY(ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
      int64_t id = TRY(insert_service(tx, s, ctx.services.clock.now_seconds()));
      TRY(audit::append(tx, ctx.audit("service.create", "service", std::to_string(id), unit.instansi_id), ctx.now_ms()));
      return id;
    }));
    auto res = ctx.json(201, service_json(s));
    res.set_header("Location", "/api/v1/units/" + std::to_string(unit.id) + "/services/" + s.code);
    return res;
  }, {.permission = Permission::kDeskManage, .body_limit = 32 * 1024});

  r.add("PUT", "/api/v1/units/{unit_id}/services/{service}", [](Context& ctx) -> Reply {
    org::Unit unit = TRY(staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
    auto current = TRY(ctx.services.db.read([&](db::Tx& tx) {
      return find_service(tx, unit.id, org::upper_code(ctx.param("service")));
    }));
    if (!current) return Error::not_found("service.unknown");
    auto in = TRY(ctx.input());
    Service s = TRY(read_service(in, Service{.id = current->id, .unit_id = unit.id}));
    TRY(ctx.services.db.write([&](db::Tx& tx) -> Status {
      TRY(update_service(tx, s, ctx.services.clock.now_seconds()));
      return audit::append(tx, ctx.audit("service.update", "service", std::to_string(s.id), unit.instansi_id),
                           ctx.now_ms());
    }));
    return ctx.json(200, service_json(s));
  }, {.permission = Permission::kDeskManage, .body_limit = 32 * 1024});
}

}  // namespace harmoni::desk

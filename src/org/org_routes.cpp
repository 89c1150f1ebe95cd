// Pages and JSON API for regions, instansi, units, positions and ASN, and the ASN CSV
// import. Every action is one use case (org_cases) that the page and the API handler
// share; they differ only in how they answer.
#include "org/org_routes.hpp"

#include <fmt/format.h>

#include "org/org_cases.hpp"
#include "platform/http/multipart.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::org {
namespace {

using auth::Permission;
using web::Access;
using web::Context;
using web::Reply;

// ---- JSON shapes ----

nlohmann::json opt(const std::string& s) {
  return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

nlohmann::json instansi_json(const Instansi& i) {
  return {{"code", i.code},
          {"name", i.name},
          {"kind", i.kind},
          {"region", opt(i.region_code)},
          {"active", i.active}};
}

int unit_depth(const Unit& u) {
  return static_cast<int>(std::count(u.path.begin(), u.path.end(), '/')) - 2;
}

nlohmann::json unit_json(const Unit& u) {
  return {{"code", u.code},
          {"name", u.name},
          {"parent", opt(u.parent_code)},
          {"active", u.active},
          {"depth", unit_depth(u)}};
}

nlohmann::json position_json(const Position& p) {
  return {{"code", p.code},       {"name", p.name},   {"kind", p.kind},
          {"jenjang", p.jenjang}, {"grade", p.grade}, {"required_pb_level", p.required_pb_level}};
}

nlohmann::json asn_json(const Asn& a) {
  return {{"nip", a.nip},
          {"name", a.name},
          {"employment", a.employment},
          {"unit", opt(a.unit_code)},
          {"unit_name", opt(a.unit_name)},
          {"position", opt(a.position_code)},
          {"position_name", opt(a.position_name)},
          {"active", a.active},
          {"email", opt(a.email)}};
}

nlohmann::json options_json(const std::vector<std::string>& values, const std::string& selected,
                            const Context& ctx, std::string_view label_prefix) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : values) {
    out.push_back({{"value", v},
                   {"label", label_prefix.empty() ? v : ctx.t(std::string(label_prefix) + v)},
                   {"selected", v == selected}});
  }
  return out;
}

// A failed write from a page shows its form again when the user can correct it; the API
// and faults of ours answer with the error.
Reply form_again_or_error(const Context& ctx, const Error& e, const std::function<Reply()>& form) {
  if (ctx.wants_json() || !e.is_users_fault()) return e;
  return form();
}

// JSON: an absent "active" means active. A form's unticked checkbox sends nothing.
bool read_active(web::Input& in) {
  return in.is_json() ? (in.has("active") ? in.flag("active") : true) : in.flag("active");
}

// ---- reading requests ----

// A text field; with `partial` (PATCH), only when present.
void read_text(web::Input& in, bool partial, std::string_view name, std::string& target,
               const web::TextRule& rule) {
  if (partial && !in.has(name)) return;
  target = in.text(name, rule).value_or("");
}

Instansi read_instansi(web::Input& in, Instansi base, bool partial, bool creating) {
  if (creating) read_text(in, partial, "code", base.code, {.required = true, .max_chars = 32});
  read_text(in, partial, "name", base.name, {.required = true, .min_chars = 3, .max_chars = 200});
  if (!partial || in.has("kind")) base.kind = in.choice("kind", instansi_kinds()).value_or("");
  read_text(in, partial, "region", base.region_code, {.required = false, .max_chars = 10});
  if (!partial || in.has("active")) base.active = read_active(in);
  in.ignore("_csrf");
  return base;
}

// Every problem of an instansi at once: the input's and the checks on it.
Result<Instansi> instansi_from(const Context& ctx, web::Input& in, Instansi base, bool partial,
                               bool creating) {
  Instansi i = read_instansi(in, std::move(base), partial, creating);
  TRY(in.finish_with(check_instansi(ctx.env(), i)));
  return i;
}

UnitDraft read_unit(web::Input& in, UnitDraft base, bool partial, bool creating) {
  if (creating) read_text(in, partial, "code", base.code, {.required = true, .max_chars = 32});
  read_text(in, partial, "name", base.name, {.required = true, .min_chars = 2, .max_chars = 200});
  read_text(in, partial, "parent", base.parent_code, {.required = false, .max_chars = 32});
  if (!partial || in.has("active")) base.active = read_active(in);
  in.ignore("_csrf");
  base.code = upper_code(base.code);
  base.parent_code = upper_code(base.parent_code);
  if (creating && !base.code.empty() && !is_valid_code(base.code))
    in.add_error("code", "code.invalid");
  return base;
}

UnitDraft draft_of(const Unit& u) { return {u.code, u.name, u.parent_code, u.active}; }

Position read_position(web::Input& in, Position base, bool partial, bool creating) {
  if (creating) read_text(in, partial, "code", base.code, {.required = true, .max_chars = 32});
  read_text(in, partial, "name", base.name, {.required = true, .min_chars = 2, .max_chars = 200});
  if (!partial || in.has("kind")) base.kind = in.choice("kind", position_kinds()).value_or("");
  if (!partial || in.has("jenjang"))
    base.jenjang = in.text("jenjang", {.required = true, .max_chars = 32}).value_or("");
  if (!partial || in.has("grade"))
    base.grade = static_cast<int>(in.integer("grade", {.min = 1, .max = 17}).value_or(0));
  bool level_given = in.has("required_pb_level") && !in.raw("required_pb_level").empty();
  if (level_given) {
    base.required_pb_level =
        static_cast<int>(in.integer("required_pb_level", {.min = 1, .max = 5}).value_or(0));
  } else {
    in.ignore("required_pb_level");
    if (!partial || in.has("jenjang") || in.has("kind"))
      base.required_pb_level = default_required_level(base.kind, base.jenjang);
  }
  in.ignore("_csrf");
  base.code = upper_code(base.code);
  if (creating && !base.code.empty() && !is_valid_code(base.code))
    in.add_error("code", "code.invalid");
  const auto& allowed = jenjang_for(base.kind);
  if (!base.kind.empty() &&
      std::find(allowed.begin(), allowed.end(), base.jenjang) == allowed.end()) {
    std::string list;
    for (const auto& j : allowed) list += (list.empty() ? "" : ", ") + j;
    in.add_error("jenjang", "position.jenjang_invalid", {{"allowed", list}});
  }
  return base;
}

AsnDraft asn_input(web::Input& in, AsnDraft base, bool partial, bool creating) {
  if (creating) read_text(in, partial, "nip", base.nip, {.required = true, .max_chars = 30});
  read_text(in, partial, "name", base.name, {.required = true, .max_chars = 100});
  if (!partial || in.has("employment"))
    base.employment = in.choice("employment", employment_kinds()).value_or("");
  read_text(in, partial, "unit", base.unit_code, {.required = true, .max_chars = 32});
  read_text(in, partial, "position", base.position_code, {.required = false, .max_chars = 32});
  read_text(in, partial, "email", base.email, {.required = false, .max_chars = 254});
  if (!partial || in.has("active")) base.active = read_active(in);
  in.ignore("_csrf");
  return base;
}

// Reads an ASN and reports its input problems with the record's own rules at once.
Result<AsnDraft> asn_from(const Context& ctx, web::Input& in, AsnDraft base, bool partial,
                          bool creating) {
  AsnDraft draft = asn_input(in, std::move(base), partial, creating);
  for (auto& e : validate_asn(draft, month_in_wib(ctx.env().now_seconds()))) {
    in.add_error(e.field, e.key, e.args);
  }
  TRY(in.finish());
  return draft;
}

AsnListing listing_of(const Context& ctx, bool audited) {
  AsnListing l{.search = ctx.request.query_param("q").value_or(""),
               .unit_code = ctx.request.query_param("unit").value_or(""),
               .cursor = ctx.request.query_param("cursor").value_or(""),
               .include_inactive = ctx.request.query_param("include_inactive") == "1",
               .limit = web::limit_param(ctx),
               .audited = audited};
  if (utf8_length(l.search) > 100) l.search.clear();
  return l;
}

// ---- page pieces ----

nlohmann::json unit_options(const std::vector<Unit>& units, const std::string& selected,
                            bool allow_none) {
  nlohmann::json out = nlohmann::json::array();
  if (allow_none) out.push_back({{"value", ""}, {"label", "—"}, {"selected", selected.empty()}});
  for (const auto& u : units) {
    std::string indent;
    for (int i = 0; i < unit_depth(u); ++i) indent += "· ";
    out.push_back({{"value", u.code},
                   {"label", indent + u.name + " (" + u.code + ")"},
                   {"selected", u.code == selected}});
  }
  return out;
}

nlohmann::json position_options(const std::vector<Position>& positions,
                                const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  out.push_back({{"value", ""}, {"label", "—"}, {"selected", selected.empty()}});
  for (const auto& p : positions) {
    out.push_back({{"value", p.code},
                   {"label", p.name + " (" + p.code + ")"},
                   {"selected", p.code == selected}});
  }
  return out;
}

nlohmann::json region_options(const Context& ctx, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  out.push_back({{"value", ""}, {"label", "—"}, {"selected", selected.empty()}});
  if (auto regions = region_tree(ctx.env()); regions.ok()) {
    for (const auto& r : regions.value()) {
      out.push_back({{"value", r.code},
                     {"label", (r.level == 2 ? "· " : "") + r.name + " (" + r.code + ")"},
                     {"selected", r.code == selected}});
    }
  }
  return out;
}

nlohmann::json instansi_form(const Context& ctx, const Instansi& i) {
  return {{"code", i.code},
          {"name", i.name},
          {"kinds", options_json(instansi_kinds(), i.kind, ctx, "instansi.kind.")},
          {"regions", region_options(ctx, i.region_code)},
          {"active", i.active}};
}

nlohmann::json position_form(const Context& ctx, const Position& p) {
  nlohmann::json jenjang = nlohmann::json::array();
  for (const auto& kind : position_kinds()) {
    for (const auto& j : jenjang_for(kind)) {
      jenjang.push_back(
          {{"value", j}, {"label", ctx.t("jenjang." + j)}, {"selected", j == p.jenjang}});
    }
  }
  return {
      {"code", p.code},
      {"name", p.name},
      {"kinds", options_json(position_kinds(), p.kind, ctx, "position.kind.")},
      {"jenjang", jenjang},
      {"grade", p.grade > 0 ? std::to_string(p.grade) : ""},
      {"required_pb_level", p.required_pb_level > 0 ? std::to_string(p.required_pb_level) : ""}};
}

Reply instansi_list_page(Context& ctx, const Instansi& draft, const Error* error) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : TRY(visible_instansi_list(ctx.env(), ctx.actor()))) {
    auto j = instansi_json(i);
    j["kind_label"] = ctx.t("instansi.kind." + i.kind);
    items.push_back(j);
  }
  return ctx.form_page("instansi_list", {{"items", items}, {"form", instansi_form(ctx, draft)}},
                       "instansi.list_title", error);
}

// The instansi page with its unit tree; `extra` fills in a form shown again.
Reply instansi_page(Context& ctx, const Instansi& instansi, nlohmann::json extra,
                    const Error* error) {
  auto units = TRY(units_of(ctx.env(), instansi.id));
  nlohmann::json unit_rows = nlohmann::json::array();
  for (const auto& u : units) {
    auto j = unit_json(u);
    j["indent"] = std::string(static_cast<size_t>(std::max(0, unit_depth(u))) * 2, ' ');
    j["depth_class"] = "depth-" + std::to_string(std::min(6, unit_depth(u)));
    unit_rows.push_back(j);
  }
  const auto& p = ctx.user();
  nlohmann::json data = {{"instansi", instansi_json(instansi)},
                         {"kind_label", ctx.t("instansi.kind." + instansi.kind)},
                         {"units", unit_rows},
                         {"has_units", !unit_rows.empty()},
                         {"can_manage_org", p.can(Permission::kOrgManage)},
                         {"can_edit_instansi", p.can(Permission::kInstansiManage)},
                         {"can_asn", p.can(Permission::kAsnRead)},
                         {"can_import", p.can(Permission::kAsnManage)},
                         {"parent_options", unit_options(units, "", true)}};
  if (p.can(Permission::kInstansiManage) && !extra.contains("form"))
    data["form"] = instansi_form(ctx, instansi);
  for (auto& [k, v] : extra.items()) data[k] = v;
  return ctx.form_page("instansi", data, "instansi.title", error);
}

// A unit's page; parents offered are those outside its own subtree.
Reply unit_page(Context& ctx, const Instansi& instansi, const Unit& unit, const Error* error) {
  std::vector<Unit> parents;
  for (auto& u : TRY(units_of(ctx.env(), instansi.id))) {
    if (!path_within(u.path, unit.path)) parents.push_back(std::move(u));
  }
  return ctx.form_page("unit",
                       {{"instansi", instansi_json(instansi)},
                        {"unit", unit_json(unit)},
                        {"parent_options", unit_options(parents, unit.parent_code, true)},
                        {"can_manage_org", ctx.user().can(Permission::kOrgManage)}},
                       "unit.title", error);
}

Reply positions_page(Context& ctx, const Instansi& instansi, const Position& draft,
                     const Error* error) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : TRY(positions_of(ctx.env(), instansi.id))) {
    auto j = position_json(p);
    j["kind_label"] = ctx.t("position.kind." + p.kind);
    j["jenjang_label"] = ctx.t("jenjang." + p.jenjang);
    rows.push_back(j);
  }
  return ctx.form_page("positions",
                       {{"instansi", instansi_json(instansi)},
                        {"positions", rows},
                        {"can_manage_org", ctx.user().can(Permission::kOrgManage)},
                        {"form", position_form(ctx, draft)}},
                       "positions.title", error);
}

Reply position_page(Context& ctx, const Instansi& instansi, const Position& shown,
                    const Error* error) {
  return ctx.form_page("position",
                       {{"instansi", instansi_json(instansi)},
                        {"form", position_form(ctx, shown)},
                        {"can_manage_org", ctx.user().can(Permission::kOrgManage)}},
                       "position.title", error);
}

// The ASN form, new or of a person; a unit head may only place people in their subtree.
Reply asn_form_page(Context& ctx, const Instansi& instansi, const AsnDraft& d, bool creating,
                    const Error* error) {
  auto units = TRY(units_of(ctx.env(), instansi.id));
  auto positions = TRY(positions_of(ctx.env(), instansi.id));
  std::vector<Unit> allowed;
  for (auto& u : units) {
    if (ctx.user().sees_unit(instansi.id, u.path) && u.active) allowed.push_back(std::move(u));
  }
  nlohmann::json form = {{"nip", d.nip},
                         {"name", d.name},
                         {"employments", options_json(employment_kinds(), d.employment, ctx, "")},
                         {"units", unit_options(allowed, d.unit_code, false)},
                         {"positions", position_options(positions, d.position_code)},
                         {"email", d.email},
                         {"active", d.active}};
  return ctx.form_page(
      "asn_form",
      {{"instansi", instansi_json(instansi)},
       {"form", form},
       {"creating", creating},
       {"action", creating ? "/instansi/" + instansi.code + "/asn" : "/asn/" + d.nip}},
      creating ? "asn.new_title" : "asn.edit_title", error);
}

Reply import_page(Context& ctx, const Instansi& instansi, nlohmann::json extra, int status) {
  nlohmann::json data = {{"instansi", instansi_json(instansi)}};
  for (auto& [k, v] : extra.items()) data[k] = v;
  return ctx.page("import", data, "import.title", status);
}

// ---- the instansi named in the path ----

Result<Instansi> path_instansi(const Context& ctx) {
  return visible_instansi(ctx.env(), ctx.actor(), ctx.param("code"));
}

Result<Instansi> managed(const Context& ctx, Permission permission) {
  return manageable_instansi(ctx.env(), ctx.actor(), ctx.param("code"), permission);
}

// The ASN of the path and their instansi.
Result<std::pair<Asn, Instansi>> path_asn(const Context& ctx) {
  Asn asn = TRY(visible_asn(ctx.env(), ctx.actor(), ctx.param("nip")));
  Instansi instansi = TRY(instansi_of(ctx.env(), asn.instansi_id));
  return std::pair{std::move(asn), std::move(instansi)};
}

// ---- handlers: regions and instansi ----

Reply api_regions(Context& ctx) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& g : TRY(regions(ctx.env(), ctx.request.query_param("parent")))) {
    items.push_back({{"code", g.code},
                     {"name", g.name},
                     {"level", g.level == 1 ? "provinsi" : "kabupaten_kota"},
                     {"parent", opt(g.parent_code)}});
  }
  return ctx.json(200, {{"items", items}, {"source", "idn-area-data (ODbL)"}});
}

Reply list_instansi_page(Context& ctx) {
  if (ctx.user().role != auth::Role::kSystemAdmin) {
    auto own = TRY(own_instansi(ctx.env(), ctx.actor()));
    if (!own) return Error::not_found("instansi.not_found");
    return ctx.redirect("/instansi/" + own->code);
  }
  return instansi_list_page(ctx, Instansi{.kind = "daerah"}, nullptr);
}

Reply create_instansi_from_form(Context& ctx) {
  auto in = TRY(ctx.input());
  auto i = instansi_from(ctx, in, Instansi{}, false, true);
  auto created = i.ok() ? create_instansi(ctx.env(), ctx.actor(), *i) : i;
  if (!created.ok()) {
    return form_again_or_error(ctx, created.error(), [&] {
      return instansi_list_page(ctx, read_instansi(in, Instansi{}, false, true), &created.error());
    });
  }
  return ctx.redirect("/instansi/" + created->code, "instansi.created");
}

Reply show_instansi(Context& ctx) {
  return instansi_page(ctx, TRY(path_instansi(ctx)), nlohmann::json::object(), nullptr);
}

Reply update_instansi_from_form(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kInstansiManage));
  auto in = TRY(ctx.input());
  auto i = instansi_from(ctx, in, instansi, false, false);
  Status changed = i.ok() ? change_instansi(ctx.env(), ctx.actor(), *i) : Status(i.error());
  if (!changed.ok()) {
    return form_again_or_error(ctx, changed.error(), [&] {
      return instansi_page(
          ctx, instansi, {{"form", instansi_form(ctx, read_instansi(in, instansi, false, false))}},
          &changed.error());
    });
  }
  return ctx.redirect("/instansi/" + instansi.code, "saved");
}

Reply api_list_instansi(Context& ctx) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : TRY(visible_instansi_list(ctx.env(), ctx.actor()))) {
    items.push_back(instansi_json(i));
  }
  return ctx.json(200, {{"items", items}});
}

Reply api_create_instansi(Context& ctx) {
  auto in = TRY(ctx.input());
  Instansi i = TRY(instansi_from(ctx, in, Instansi{}, false, true));
  Instansi created = TRY(create_instansi(ctx.env(), ctx.actor(), i));
  auto res = ctx.json(201, instansi_json(created));
  res.set_header("Location", "/api/v1/instansi/" + created.code);
  return res;
}

Reply api_get_instansi(Context& ctx) {
  return ctx.json(200, instansi_json(TRY(path_instansi(ctx))));
}

Reply api_patch_instansi(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kInstansiManage));
  auto in = TRY(ctx.input());
  Instansi i = TRY(instansi_from(ctx, in, instansi, true, false));
  TRY(change_instansi(ctx.env(), ctx.actor(), i));
  return ctx.json(200, instansi_json(TRY(visible_instansi(ctx.env(), ctx.actor(), i.code))));
}

// ---- handlers: units ----

Reply create_unit_from_form(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kOrgManage));
  auto in = TRY(ctx.input());
  UnitDraft u = read_unit(in, UnitDraft{}, false, true);
  Status created = in.finish();
  if (created.ok()) created = create_unit(ctx.env(), ctx.actor(), instansi, u).status();
  if (!created.ok()) {
    return form_again_or_error(ctx, created.error(), [&] {
      return instansi_page(ctx, instansi,
                           {{"unit_form", {{"code", u.code}, {"name", u.name}}},
                            {"unit_errors", ctx.field_errors(created.error())}},
                           &created.error());
    });
  }
  return ctx.redirect("/instansi/" + instansi.code, "unit.created");
}

Reply show_unit(Context& ctx) {
  Instansi instansi = TRY(path_instansi(ctx));
  Unit unit = TRY(unit_of(ctx.env(), instansi, ctx.param("unit")));
  return unit_page(ctx, instansi, unit, nullptr);
}

Reply update_unit_from_form(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kOrgManage));
  Unit unit = TRY(unit_of(ctx.env(), instansi, ctx.param("unit")));
  auto in = TRY(ctx.input());
  UnitDraft u = read_unit(in, draft_of(unit), false, false);
  Status changed = in.finish();
  if (changed.ok()) changed = change_unit(ctx.env(), ctx.actor(), unit, u);
  if (!changed.ok()) {
    return form_again_or_error(ctx, changed.error(),
                               [&] { return unit_page(ctx, instansi, unit, &changed.error()); });
  }
  return ctx.redirect("/instansi/" + instansi.code, "saved");
}

Reply api_list_units(Context& ctx) {
  Instansi instansi = TRY(path_instansi(ctx));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : TRY(units_of(ctx.env(), instansi.id))) items.push_back(unit_json(u));
  return ctx.json(200, {{"items", items}});
}

Reply api_create_unit(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kOrgManage));
  auto in = TRY(ctx.input());
  UnitDraft u = read_unit(in, UnitDraft{}, false, true);
  TRY(in.finish());
  Unit unit = TRY(create_unit(ctx.env(), ctx.actor(), instansi, u));
  auto res = ctx.json(201, unit_json(unit));
  res.set_header("Location", "/api/v1/instansi/" + instansi.code + "/units/" + unit.code);
  return res;
}

Reply api_get_unit(Context& ctx) {
  Instansi instansi = TRY(path_instansi(ctx));
  return ctx.json(200, unit_json(TRY(unit_of(ctx.env(), instansi, ctx.param("unit")))));
}

Reply api_patch_unit(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kOrgManage));
  Unit unit = TRY(unit_of(ctx.env(), instansi, ctx.param("unit")));
  auto in = TRY(ctx.input());
  UnitDraft u = read_unit(in, draft_of(unit), true, false);
  TRY(in.finish());
  TRY(change_unit(ctx.env(), ctx.actor(), unit, u));
  return ctx.json(200, unit_json(TRY(unit_of(ctx.env(), instansi, unit.code))));
}

// Units the caller can see, across instansi for a system administrator.
Reply api_all_units(Context& ctx) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [i, u] : TRY(visible_units(ctx.env(), ctx.actor()))) {
    auto j = unit_json(u);
    j["instansi"] = i.code;
    j["id"] = u.id;  // the key of /api/v1/units/{unit}/... (codes repeat across instansi)
    items.push_back(j);
  }
  return ctx.json(200, {{"items", items}});
}

// ---- handlers: positions ----

Reply show_positions(Context& ctx) {
  return positions_page(ctx, TRY(path_instansi(ctx)), Position{}, nullptr);
}

Reply create_position_from_form(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kOrgManage));
  auto in = TRY(ctx.input());
  Position p = read_position(in, Position{}, false, true);
  Status created = in.finish();
  if (created.ok()) {
    created = create_position(ctx.env(), ctx.actor(), instansi, p).status();
  }
  if (!created.ok()) {
    return form_again_or_error(ctx, created.error(),
                               [&] { return positions_page(ctx, instansi, p, &created.error()); });
  }
  return ctx.redirect("/instansi/" + instansi.code + "/positions", "position.created");
}

Reply show_position(Context& ctx) {
  Instansi instansi = TRY(path_instansi(ctx));
  Position p = TRY(position_of(ctx.env(), instansi, ctx.param("position")));
  return position_page(ctx, instansi, p, nullptr);
}

Reply update_position_from_form(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kOrgManage));
  Position current = TRY(position_of(ctx.env(), instansi, ctx.param("position")));
  auto in = TRY(ctx.input());
  Position p = read_position(in, current, false, false);
  Status changed = in.finish();
  if (changed.ok()) changed = change_position(ctx.env(), ctx.actor(), p);
  if (!changed.ok()) {
    return form_again_or_error(ctx, changed.error(),
                               [&] { return position_page(ctx, instansi, p, &changed.error()); });
  }
  return ctx.redirect("/instansi/" + instansi.code + "/positions", "saved");
}

Reply api_list_positions(Context& ctx) {
  Instansi instansi = TRY(path_instansi(ctx));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : TRY(positions_of(ctx.env(), instansi.id))) items.push_back(position_json(p));
  return ctx.json(200, {{"items", items}});
}

Reply api_create_position(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kOrgManage));
  auto in = TRY(ctx.input());
  Position p = read_position(in, Position{}, false, true);
  TRY(in.finish());
  return ctx.json(201, position_json(TRY(create_position(ctx.env(), ctx.actor(), instansi, p))));
}

Reply api_patch_position(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kOrgManage));
  Position current = TRY(position_of(ctx.env(), instansi, ctx.param("position")));
  auto in = TRY(ctx.input());
  Position p = read_position(in, current, true, false);
  TRY(in.finish());
  TRY(change_position(ctx.env(), ctx.actor(), p));
  return ctx.json(200, position_json(TRY(position_of(ctx.env(), instansi, p.code))));
}

// ---- handlers: ASN ----

Reply asn_home_redirect(Context& ctx) {
  return ctx.redirect(TRY(asn_home(ctx.env(), ctx.actor())));
}

Reply show_asn_list(Context& ctx) {
  Instansi instansi = TRY(path_instansi(ctx));
  AsnPage page = TRY(list_asn_of(ctx.env(), ctx.actor(), instansi, listing_of(ctx, false)));
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& a : page.items) rows.push_back(asn_json(a));
  std::string q = ctx.request.query_param("q").value_or("");
  std::string next;
  if (!page.next_cursor.empty()) {
    next = "/instansi/" + instansi.code + "/asn?cursor=" + page.next_cursor;
    if (!q.empty()) next += "&q=" + http::percent_encode(q);
  }
  return ctx.page("asn_list",
                  {{"instansi", instansi_json(instansi)},
                   {"items", rows},
                   {"q", q},
                   {"empty", rows.empty()},
                   {"next", next},
                   {"can_manage", ctx.user().can(Permission::kAsnManage)}},
                  "asn.title");
}

Reply new_asn_page(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kAsnManage));
  return asn_form_page(ctx, instansi, AsnDraft{.employment = "PNS"}, true, nullptr);
}

// Saves an ASN from a form, new or of `current`, showing the form again after an error.
Reply save_asn_from_form(Context& ctx, const Instansi& instansi, const std::optional<Asn>& current,
                         std::string_view flash) {
  auto in = TRY(ctx.input());
  const AsnDraft base = current ? draft_from(*current) : AsnDraft{};
  auto draft = asn_from(ctx, in, base, false, !current);
  auto saved = draft.ok() ? save_asn(ctx.env(), ctx.actor(), instansi, *draft, current)
                          : Result<Asn>(draft.error());
  if (!saved.ok()) {
    return form_again_or_error(ctx, saved.error(), [&] {
      return asn_form_page(ctx, instansi, asn_input(in, base, false, !current), !current,
                           &saved.error());
    });
  }
  return ctx.redirect("/asn/" + saved->nip, flash);
}

Reply create_asn_from_form(Context& ctx) {
  return save_asn_from_form(ctx, TRY(managed(ctx, Permission::kAsnManage)), std::nullopt,
                            "asn.created");
}

Reply show_asn(Context& ctx) {
  Asn asn = TRY(read_asn(ctx.env(), ctx.actor(), ctx.param("nip")));
  Instansi instansi = TRY(instansi_of(ctx.env(), asn.instansi_id));
  nlohmann::json data = {{"asn", asn_json(asn)},
                         {"instansi", instansi_json(instansi)},
                         {"can_manage", ctx.user().can(Permission::kAsnManage)}};
  if (auto info = parse_nip(asn.nip, month_in_wib(ctx.env().now_seconds())); info.ok()) {
    data["sex_label"] = ctx.t(info->sex == 'L' ? "asn.sex_male" : "asn.sex_female");
    data["start"] = fmt::format("{:04}-{:02}", info->start.year, info->start.month);
  }
  return ctx.page("asn_detail", data, "asn.detail_title");
}

Reply edit_asn_page(Context& ctx) {
  auto [asn, instansi] = TRY(path_asn(ctx));
  return asn_form_page(ctx, instansi, draft_from(asn), false, nullptr);
}

Reply update_asn_from_form(Context& ctx) {
  auto [asn, instansi] = TRY(path_asn(ctx));
  return save_asn_from_form(ctx, instansi, asn, "saved");
}

Reply api_list_asn(Context& ctx) {
  Instansi instansi = TRY(path_instansi(ctx));
  // Listing names is a read of personal data: audited as one entry per page.
  AsnPage page = TRY(list_asn_of(ctx.env(), ctx.actor(), instansi, listing_of(ctx, true)));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : page.items) items.push_back(asn_json(a));
  return ctx.json(200, {{"items", items}, {"next_cursor", opt(page.next_cursor)}});
}

Reply api_create_asn(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kAsnManage));
  auto in = TRY(ctx.input());
  AsnDraft draft = TRY(asn_from(ctx, in, AsnDraft{}, false, true));
  Asn saved = TRY(save_asn(ctx.env(), ctx.actor(), instansi, draft, std::nullopt));
  auto res = ctx.json(201, asn_json(saved));
  res.set_header("Location", "/api/v1/asn/" + saved.nip);
  return res;
}

Reply api_get_asn(Context& ctx) {
  return ctx.json(200, asn_json(TRY(read_asn(ctx.env(), ctx.actor(), ctx.param("nip")))));
}

Reply api_patch_asn(Context& ctx) {
  auto [asn, instansi] = TRY(path_asn(ctx));
  auto in = TRY(ctx.input());
  AsnDraft draft = TRY(asn_from(ctx, in, draft_from(asn), true, false));
  return ctx.json(200, asn_json(TRY(save_asn(ctx.env(), ctx.actor(), instansi, draft, asn))));
}

// ---- handlers: CSV import ----

Reply show_import(Context& ctx) {
  return import_page(ctx, TRY(managed(ctx, Permission::kAsnManage)), nlohmann::json::object(), 200);
}

Reply import_from_form(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kAsnManage));
  std::string boundary = http::multipart_boundary(ctx.request.header("content-type"));
  if (boundary.empty()) return Error::invalid("error.content_type");
  web::TempFile csv{ctx.request.body_file + ".csv"};
  auto parts = http::read_multipart(ctx.request.body_file, boundary, csv.path);
  if (!parts.ok()) return import_page(ctx, instansi, {{"error", ctx.t(parts.error().key)}}, 400);
  if (parts->file_bytes == 0)
    return import_page(ctx, instansi, {{"error", ctx.t("import.no_file")}}, 422);
  const std::string mode = parts->fields["mode"];
  const ImportOptions options{.import_good_rows = mode == "good_rows", .dry_run = mode == "check"};
  auto report = import_asn(ctx.env(), ctx.actor(), instansi, csv.path, options);
  if (!report.ok()) {
    if (report.error().kind != ErrorKind::kInvalid) return report.release_error();
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& f : report.error().fields) {
      problems.push_back({{"line", 1}, {"column", f.field}, {"message", ctx.t(f.key, f.args)}});
    }
    return import_page(ctx, instansi,
                       {{"error", ctx.t(report.error().key, report.error().args)},
                        {"report", {{"problems", problems}}}},
                       422);
  }
  nlohmann::json j = web::import_report_json(ctx, report.value());
  j["dry_run"] = options.dry_run;
  j["has_problems"] = !report->problems.empty();
  return import_page(ctx, instansi, {{"report", j}}, report->bad_rows > 0 ? 422 : 200);
}

Reply api_import(Context& ctx) {
  Instansi instansi = TRY(managed(ctx, Permission::kAsnManage));
  if (!ctx.request.header("content-type").starts_with("text/csv")) {
    return Error::invalid("error.content_type");
  }
  std::string mode = ctx.request.query_param("mode").value_or("all");
  if (mode != "all" && mode != "good_rows" && mode != "check") {
    return Error::field("mode", "input.not_allowed", {{"allowed", "all, good_rows, check"}});
  }
  const ImportOptions options{.import_good_rows = mode == "good_rows", .dry_run = mode == "check"};
  ImportReport report =
      TRY(import_asn(ctx.env(), ctx.actor(), instansi, ctx.request.body_file, options));
  return ctx.json(report.bad_rows > 0 ? 422 : 200, web::import_report_json(ctx, report));
}

constexpr size_t kFormLimit = 16 * 1024;
const web::RouteOptions kRead{.permission = Permission::kOrgRead};
const web::RouteOptions kInstansiWrite{.permission = Permission::kInstansiManage,
                                       .body_limit = kFormLimit};
const web::RouteOptions kOrgWrite{.permission = Permission::kOrgManage, .body_limit = kFormLimit};
const web::RouteOptions kAsnRead{.permission = Permission::kAsnRead};
const web::RouteOptions kAsnManage{.permission = Permission::kAsnManage};
const web::RouteOptions kAsnWrite{.permission = Permission::kAsnManage, .body_limit = kFormLimit};
const web::RouteOptions kAsnUpload{.permission = Permission::kAsnManage,
                                   .body_limit = web::kConfiguredUploadLimit,
                                   .upload_to_file = true};

const web::RouteDef kRoutes[] = {
    {"GET", "/api/v1/regions", api_regions},
    {"GET", "/instansi", list_instansi_page, kRead},
    {"POST", "/instansi", create_instansi_from_form, kInstansiWrite},
    {"GET", "/instansi/{code}", show_instansi, kRead},
    {"POST", "/instansi/{code}", update_instansi_from_form, kInstansiWrite},
    {"GET", "/api/v1/instansi", api_list_instansi, kRead},
    {"POST", "/api/v1/instansi", api_create_instansi, kInstansiWrite},
    {"GET", "/api/v1/instansi/{code}", api_get_instansi, kRead},
    {"PATCH", "/api/v1/instansi/{code}", api_patch_instansi, kInstansiWrite},
    {"POST", "/instansi/{code}/units", create_unit_from_form, kOrgWrite},
    {"GET", "/instansi/{code}/units/{unit}", show_unit, kRead},
    {"POST", "/instansi/{code}/units/{unit}", update_unit_from_form, kOrgWrite},
    {"GET", "/api/v1/instansi/{code}/units", api_list_units, kRead},
    {"POST", "/api/v1/instansi/{code}/units", api_create_unit, kOrgWrite},
    {"GET", "/api/v1/instansi/{code}/units/{unit}", api_get_unit, kRead},
    {"PATCH", "/api/v1/instansi/{code}/units/{unit}", api_patch_unit, kOrgWrite},
    {"GET", "/api/v1/units", api_all_units, kRead},
    {"GET", "/instansi/{code}/positions", show_positions, kRead},
    {"POST", "/instansi/{code}/positions", create_position_from_form, kOrgWrite},
    {"GET", "/instansi/{code}/positions/{position}", show_position, kRead},
    {"POST", "/instansi/{code}/positions/{position}", update_position_from_form, kOrgWrite},
    {"GET", "/api/v1/instansi/{code}/positions", api_list_positions, kRead},
    {"POST", "/api/v1/instansi/{code}/positions", api_create_position, kOrgWrite},
    {"PATCH", "/api/v1/instansi/{code}/positions/{position}", api_patch_position, kOrgWrite},
    {"GET", "/asn", asn_home_redirect, kAsnRead},
    {"GET", "/instansi/{code}/asn", show_asn_list, kAsnRead},
    {"GET", "/instansi/{code}/asn/new", new_asn_page, kAsnManage},
    {"POST", "/instansi/{code}/asn", create_asn_from_form, kAsnWrite},
    {"GET", "/asn/{nip}", show_asn, kAsnRead},
    {"GET", "/asn/{nip}/edit", edit_asn_page, kAsnManage},
    {"POST", "/asn/{nip}", update_asn_from_form, kAsnWrite},
    {"GET", "/api/v1/instansi/{code}/asn", api_list_asn, kAsnRead},
    {"POST", "/api/v1/instansi/{code}/asn", api_create_asn, kAsnWrite},
    {"GET", "/api/v1/asn/{nip}", api_get_asn, kAsnRead},
    {"PATCH", "/api/v1/asn/{nip}", api_patch_asn, kAsnWrite},
    {"GET", "/instansi/{code}/import", show_import, kAsnManage},
    {"POST", "/instansi/{code}/import", import_from_form, kAsnUpload},
    {"POST", "/api/v1/instansi/{code}/asn/import", api_import, kAsnUpload},
};

}  // namespace

void register_routes(web::App& app) {
  app.add_nav({20, "nav.org", "/instansi", Permission::kOrgRead, {}});
  app.add_nav({30, "nav.asn", "/asn", Permission::kAsnRead, {}});
  app.router().add(kRoutes);
}

}  // namespace harmoni::org

// Pages and JSON API for regions, instansi, units, positions and ASN, and the
// ASN CSV import. Each action is one function used by both the page and the API
// handler; they differ only in how they answer.
#include "org/org_routes.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "org/asn_import.hpp"
#include "org/org_store.hpp"
#include "platform/http/multipart.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::org {
namespace {

using auth::Permission;
using web::Access;
using web::Context;
using web::Reply;

// ---- shared helpers ---------------------------------------------------------

YearMonth today(const Context& ctx) { return month_in_wib(ctx.services.clock.now_seconds()); }

// The instansi named by code, if the user may see it; "not found" otherwise, so
// other instansi's existence does not leak.
Result<Instansi> visible_instansi(const Context& ctx, const std::string& code) {
  auto found = TRY(ctx.services.db.read(
      [&](db::Tx& tx) { return find_instansi_by_code(tx, upper_code(code)); }));
  if (!found || !ctx.user().in_instansi(found->id)) return Error::not_found("instansi.not_found");
  return *found;
}

Result<Instansi> manageable_instansi(const Context& ctx, const std::string& code,
                                     Permission permission) {
  Instansi instansi = TRY(visible_instansi(ctx, code));
  if (!ctx.user().can(permission)) return Error::forbidden();
  return instansi;
}

// The ASN with this NIP if the user's role and scope let them see it.
Result<Asn> visible_asn(const Context& ctx, const std::string& nip) {
  auto found = TRY(
      ctx.services.db.read([&](db::Tx& tx) { return find_asn_by_nip(tx, normalize_nip(nip)); }));
  if (!found || !ctx.user().can(Permission::kAsnRead) ||
      !ctx.user().sees_asn(found->instansi_id, found->unit_path, found->id)) {
    return Error::not_found("asn.not_found");
  }
  return *found;
}

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

nlohmann::json unit_json(const Unit& u) {
  int depth = static_cast<int>(std::count(u.path.begin(), u.path.end(), '/')) - 2;
  return {{"code", u.code},
          {"name", u.name},
          {"parent", opt(u.parent_code)},
          {"active", u.active},
          {"depth", depth}};
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

Reply answer_error_or(Context& ctx, const Error& e, const std::function<Reply()>& render_form) {
  if (ctx.wants_json() || e.kind != ErrorKind::kInvalid) return e;
  return render_form();
}

Error unique_to_field(Error e, const std::string& field, const std::string& key) {
  if (e.key == "db.unique") return Error::field(field, key);
  return e;
}

// ---- instansi actions ----

Instansi read_instansi(web::Input& in, Instansi base, bool partial, bool creating) {
  auto text = [&](std::string_view name, std::string& target, web::TextRule rule) {
    if (partial && !in.has(name)) return;
    target = in.text(name, rule).value_or("");
  };
  if (creating) text("code", base.code, {.required = true, .max_chars = 32});
  text("name", base.name, {.required = true, .min_chars = 3, .max_chars = 200});
  if (!partial || in.has("kind")) base.kind = in.choice("kind", instansi_kinds()).value_or("");
  text("region", base.region_code, {.required = false, .max_chars = 10});
  if (!partial || in.has("active"))
    base.active = in.is_json() ? (in.has("active") ? in.flag("active") : true) : in.flag("active");
  in.ignore("_csrf");
  return base;
}

Status check_instansi(const Context& ctx, web::Input& in, Instansi& i) {
  i.code = upper_code(i.code);
  if (!i.code.empty() && !is_valid_code(i.code)) in.add_error("code", "code.invalid");
  if (!i.region_code.empty()) {
    auto region =
        TRY(ctx.services.db.read([&](db::Tx& tx) { return find_region(tx, i.region_code); }));
    if (!region) in.add_error("region", "region.unknown", {{"code", i.region_code}});
  }
  if (i.kind == "daerah" && i.region_code.empty())
    in.add_error("region", "instansi.region_required");
  return in.finish();
}

Result<Instansi> create_instansi_action(Context& ctx, web::Input& in) {
  Instansi i = read_instansi(in, Instansi{}, false, true);
  TRY(check_instansi(ctx, in, i));
  int64_t now = ctx.services.clock.now_seconds();
  auto id = ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id = TRY(insert_instansi(tx, i, now));
    TRY(audit::append(tx, ctx.audit("instansi.create", "instansi", i.code, id), ctx.now_ms()));
    return id;
  });
  if (!id.ok()) return unique_to_field(id.release_error(), "code", "code.taken");
  i.id = id.value();
  return i;
}

Status update_instansi_action(Context& ctx, const Instansi& current, web::Input& in, bool partial) {
  Instansi i = read_instansi(in, current, partial, false);
  TRY(check_instansi(ctx, in, i));
  int64_t now = ctx.services.clock.now_seconds();
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    TRY(update_instansi(tx, i, now));
    return audit::append(tx, ctx.audit("instansi.update", "instansi", i.code, i.id), ctx.now_ms());
  });
}

// ---- unit actions ----

struct UnitInput {
  std::string code, name, parent_code;
  bool active = true;
};

UnitInput read_unit(web::Input& in, UnitInput base, bool partial, bool creating) {
  auto text = [&](std::string_view name, std::string& target, web::TextRule rule) {
    if (partial && !in.has(name)) return;
    target = in.text(name, rule).value_or("");
  };
  if (creating) text("code", base.code, {.required = true, .max_chars = 32});
  text("name", base.name, {.required = true, .min_chars = 2, .max_chars = 200});
  text("parent", base.parent_code, {.required = false, .max_chars = 32});
  if (!partial || in.has("active"))
    base.active = in.is_json() ? (in.has("active") ? in.flag("active") : true) : in.flag("active");
  in.ignore("_csrf");
  base.code = upper_code(base.code);
  base.parent_code = upper_code(base.parent_code);
  if (creating && !base.code.empty() && !is_valid_code(base.code))
    in.add_error("code", "code.invalid");
  return base;
}

Result<std::optional<int64_t>> resolve_parent(db::Tx& tx, int64_t instansi_id,
                                              const std::string& code) {
  if (code.empty()) return std::optional<int64_t>{};
  auto parent = TRY(find_unit(tx, instansi_id, code));
  if (!parent) return Error::field("parent", "unit.parent_unknown");
  return std::optional<int64_t>{parent->id};
}

Result<Unit> create_unit_action(Context& ctx, const Instansi& instansi, web::Input& in) {
  UnitInput u = read_unit(in, UnitInput{}, false, true);
  TRY(in.finish());
  int64_t now = ctx.services.clock.now_seconds();
  auto unit = ctx.services.db.write([&](db::Tx& tx) -> Result<Unit> {
    auto parent = TRY(resolve_parent(tx, instansi.id, u.parent_code));
    int64_t id = TRY(insert_unit(tx, instansi.id, parent, u.code, u.name, now));
    TRY(audit::append(tx, ctx.audit("unit.create", "unit", std::to_string(id), instansi.id),
                      ctx.now_ms()));
    return *TRY(find_unit_by_id(tx, id));
  });
  if (!unit.ok()) return unique_to_field(unit.release_error(), "code", "code.taken");
  return unit;
}

Status update_unit_action(Context& ctx, const Unit& current, web::Input& in, bool partial) {
  UnitInput u =
      read_unit(in, UnitInput{current.code, current.name, current.parent_code, current.active},
                partial, false);
  TRY(in.finish());
  int64_t now = ctx.services.clock.now_seconds();
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    auto parent = TRY(resolve_parent(tx, current.instansi_id, u.parent_code));
    TRY(update_unit(tx, current, parent, u.name, u.active, now));
    return audit::append(
        tx, ctx.audit("unit.update", "unit", std::to_string(current.id), current.instansi_id),
        ctx.now_ms());
  });
}

Result<Unit> visible_unit(const Context& ctx, const Instansi& instansi, const std::string& code) {
  auto unit = TRY(ctx.services.db.read(
      [&](db::Tx& tx) { return find_unit(tx, instansi.id, upper_code(code)); }));
  if (!unit) return Error::not_found("unit.not_found");
  return *unit;
}

// ---- position actions ----

Position read_position(web::Input& in, Position base, bool partial, bool creating) {
  auto text = [&](std::string_view name, std::string& target, web::TextRule rule) {
    if (partial && !in.has(name)) return;
    target = in.text(name, rule).value_or("");
  };
  if (creating) text("code", base.code, {.required = true, .max_chars = 32});
  text("name", base.name, {.required = true, .min_chars = 2, .max_chars = 200});
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

Result<Position> create_position_action(Context& ctx, const Instansi& instansi, web::Input& in) {
  Position p = read_position(in, Position{}, false, true);
  p.instansi_id = instansi.id;
  TRY(in.finish());
  int64_t now = ctx.services.clock.now_seconds();
  auto id = ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id = TRY(insert_position(tx, p, now));
    TRY(audit::append(tx, ctx.audit("position.create", "position", std::to_string(id), instansi.id),
                      ctx.now_ms()));
    return id;
  });
  if (!id.ok()) return unique_to_field(id.release_error(), "code", "code.taken");
  p.id = id.value();
  return p;
}

Status update_position_action(Context& ctx, const Position& current, web::Input& in, bool partial) {
  Position p = read_position(in, current, partial, false);
  TRY(in.finish());
  int64_t now = ctx.services.clock.now_seconds();
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    TRY(update_position(tx, p, now));
    return audit::append(
        tx, ctx.audit("position.update", "position", std::to_string(p.id), p.instansi_id),
        ctx.now_ms());
  });
}

// ---- ASN actions ----

AsnDraft read_asn(web::Input& in, AsnDraft base, bool partial, bool creating) {
  auto text = [&](std::string_view name, std::string& target, web::TextRule rule) {
    if (partial && !in.has(name)) return;
    target = in.text(name, rule).value_or("");
  };
  if (creating) text("nip", base.nip, {.required = true, .max_chars = 30});
  text("name", base.name, {.required = true, .max_chars = 100});
  if (!partial || in.has("employment"))
    base.employment = in.choice("employment", employment_kinds()).value_or("");
  text("unit", base.unit_code, {.required = true, .max_chars = 32});
  text("position", base.position_code, {.required = false, .max_chars = 32});
  text("email", base.email, {.required = false, .max_chars = 254});
  if (!partial || in.has("active"))
    base.active = in.is_json() ? (in.has("active") ? in.flag("active") : true) : in.flag("active");
  in.ignore("_csrf");
  return base;
}

Result<AsnRecord> check_asn(const Context& ctx, const Instansi& instansi, web::Input& in,
                            AsnDraft draft) {
  // Input errors come first; add_error keeps one message per field.
  for (auto& e : validate_asn(draft, today(ctx))) in.add_error(e.field, e.key, e.args);
  TRY(in.finish());
  return ctx.services.db.read([&](db::Tx& tx) -> Result<AsnRecord> {
    AsnRecord record{instansi.id, draft, 0, std::nullopt};
    std::vector<FieldError> errors;
    auto unit = TRY(find_unit(tx, instansi.id, draft.unit_code));
    if (!unit)
      errors.push_back({"unit", "unit.unknown", {{"code", draft.unit_code}}});
    else
      record.unit_id = unit->id;
    if (unit && !ctx.user().sees_unit(instansi.id, unit->path))
      errors.push_back({"unit", "unit.out_of_scope", {}});
    if (!draft.position_code.empty()) {
      auto position = TRY(find_position(tx, instansi.id, draft.position_code));
      if (!position)
        errors.push_back({"position", "position.unknown", {{"code", draft.position_code}}});
      else
        record.position_id = position->id;
    }
    if (!errors.empty()) return Error::fields_invalid(std::move(errors));
    return record;
  });
}

Result<Asn> save_asn_action(Context& ctx, const Instansi& instansi, web::Input& in,
                            const std::optional<Asn>& current, bool partial) {
  AsnDraft base;
  if (current) {
    base =
        AsnDraft{current->nip,           current->name,   current->employment, current->unit_code,
                 current->position_code, current->active, current->email};
  }
  AsnDraft draft = read_asn(in, base, partial, !current);
  AsnRecord record = TRY(check_asn(ctx, instansi, in, draft));
  if (!current) {
    bool exists = TRY(ctx.services.db.read([&](db::Tx& tx) -> Result<bool> {
      return TRY(find_asn_by_nip(tx, record.draft.nip)).has_value();
    }));
    if (exists) return Error::field("nip", "asn.nip_taken");
  }
  int64_t now = ctx.services.clock.now_seconds();
  return ctx.services.db.write([&](db::Tx& tx) -> Result<Asn> {
    auto outcome = TRY(upsert_asn(tx, record, now));
    auto saved = TRY(find_asn_by_nip(tx, record.draft.nip));
    if (outcome != UpsertOutcome::kUnchanged) {
      TRY(audit::append(tx,
                        ctx.audit(current ? "asn.update" : "asn.create", "asn",
                                  std::to_string(saved->id), instansi.id),
                        ctx.now_ms()));
    }
    return *saved;
  });
}

// Reading one person's record is audited (UU 27/2022).
Status audit_asn_read(Context& ctx, const Asn& asn) {
  return web::record_audit(ctx,
                           ctx.audit("asn.read", "asn", std::to_string(asn.id), asn.instansi_id));
}

AsnQuery asn_query_for(const Context& ctx, const Instansi& instansi) {
  AsnQuery q;
  q.instansi_id = instansi.id;
  const auto& p = ctx.user();
  if (p.role == auth::Role::kUnitHead) q.unit_path_prefix = p.unit_path;
  if (p.role == auth::Role::kOfficer) q.only_asn_id = p.asn_id.value_or(-1);
  q.search = ctx.request.query_param("q").value_or("");
  if (web::utf8_length(q.search) > 100) q.search.clear();
  q.cursor = ctx.request.query_param("cursor").value_or("");
  q.include_inactive = ctx.request.query_param("include_inactive") == "1";
  q.limit = web::limit_param(ctx);
  return q;
}

Result<AsnPage> list_asn_action(const Context& ctx, const Instansi& instansi) {
  AsnQuery q = asn_query_for(ctx, instansi);
  std::string unit_code = upper_code(ctx.request.query_param("unit").value_or(""));
  return ctx.services.db.read([&](db::Tx& tx) -> Result<AsnPage> {
    if (!unit_code.empty()) {
      auto unit = TRY(find_unit(tx, instansi.id, unit_code));
      if (!unit) return Error::field("unit", "unit.unknown", {{"code", unit_code}});
      q.unit_id = unit->id;
    }
    return list_asn(tx, q);
  });
}

// ---- import ----

Result<ImportReport> import_action(Context& ctx, const Instansi& instansi,
                                   const std::string& csv_path, bool good_rows, bool dry_run) {
  auto entry = ctx.audit("asn.import", "instansi", instansi.code, instansi.id);
  return import_asn_csv(ctx.services.db, instansi.id, csv_path, ImportOptions{good_rows, dry_run},
                        today(ctx), ctx.services.clock.now_seconds(), entry, ctx.now_ms());
}

using web::TempFile;

// ---- page data ----

nlohmann::json unit_options(const std::vector<Unit>& units, const std::string& selected,
                            bool allow_none) {
  nlohmann::json out = nlohmann::json::array();
  if (allow_none) out.push_back({{"value", ""}, {"label", "—"}, {"selected", selected.empty()}});
  for (const auto& u : units) {
    int depth = static_cast<int>(std::count(u.path.begin(), u.path.end(), '/')) - 2;
    std::string indent;
    for (int i = 0; i < depth; ++i) indent += "· ";
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
  auto regions = ctx.services.db.read([&](db::Tx& tx) -> Result<std::vector<Region>> {
    std::vector<Region> all;
    for (auto& province : TRY(list_regions(tx, std::nullopt))) {
      auto children = TRY(list_regions(tx, province.code));
      all.push_back(std::move(province));
      for (auto& c : children) all.push_back(std::move(c));
    }
    return all;
  });
  if (regions.ok()) {
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

Result<nlohmann::json> asn_form(const Context& ctx, const Instansi& instansi, const AsnDraft& d) {
  auto [units, positions] = TRY(ctx.services.db.read(
      [&](db::Tx& tx) -> Result<std::pair<std::vector<Unit>, std::vector<Position>>> {
        return std::pair{TRY(list_units(tx, instansi.id)), TRY(list_positions(tx, instansi.id))};
      }));
  // A unit head may only place people inside their own subtree.
  std::vector<Unit> allowed;
  for (auto& u : units) {
    if (ctx.user().sees_unit(instansi.id, u.path) && u.active) allowed.push_back(std::move(u));
  }
  return nlohmann::json{{"nip", d.nip},
                        {"name", d.name},
                        {"employments", options_json(employment_kinds(), d.employment, ctx, "")},
                        {"units", unit_options(allowed, d.unit_code, false)},
                        {"positions", position_options(positions, d.position_code)},
                        {"email", d.email},
                        {"active", d.active}};
}

Reply instansi_page(Context& ctx, const Instansi& instansi, nlohmann::json extra, int status) {
  auto units = TRY(ctx.services.db.read([&](db::Tx& tx) { return list_units(tx, instansi.id); }));
  nlohmann::json unit_rows = nlohmann::json::array();
  for (const auto& u : units) {
    auto j = unit_json(u);
    j["indent"] = std::string(static_cast<size_t>(std::max(0, j["depth"].get<int>())) * 2, ' ');
    j["depth_class"] = "depth-" + std::to_string(std::min(6, j["depth"].get<int>()));
    unit_rows.push_back(j);
  }
  nlohmann::json data = {{"instansi", instansi_json(instansi)},
                         {"kind_label", ctx.t("instansi.kind." + instansi.kind)},
                         {"units", unit_rows},
                         {"has_units", !unit_rows.empty()},
                         {"can_manage_org", ctx.user().can(Permission::kOrgManage)},
                         {"can_edit_instansi", ctx.user().can(Permission::kInstansiManage)},
                         {"can_asn", ctx.user().can(Permission::kAsnRead)},
                         {"can_import", ctx.user().can(Permission::kAsnManage)},
                         {"parent_options", unit_options(units, "", true)}};
  if (ctx.user().can(Permission::kInstansiManage) && !data.contains("form"))
    data["form"] = instansi_form(ctx, instansi);
  for (auto& [k, v] : extra.items()) data[k] = v;
  return ctx.page("instansi", data, "instansi.title", status);
}

Reply positions_page(Context& ctx, const Instansi& instansi, nlohmann::json extra, int status) {
  auto positions =
      TRY(ctx.services.db.read([&](db::Tx& tx) { return list_positions(tx, instansi.id); }));
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : positions) {
    auto j = position_json(p);
    j["kind_label"] = ctx.t("position.kind." + p.kind);
    j["jenjang_label"] = ctx.t("jenjang." + p.jenjang);
    rows.push_back(j);
  }
  nlohmann::json data = {{"instansi", instansi_json(instansi)},
                         {"positions", rows},
                         {"can_manage_org", ctx.user().can(Permission::kOrgManage)}};
  if (!extra.contains("form")) data["form"] = position_form(ctx, Position{});
  for (auto& [k, v] : extra.items()) data[k] = v;
  return ctx.page("positions", data, "positions.title", status);
}

Reply asn_list_page(Context& ctx, const Instansi& instansi) {
  auto page = list_asn_action(ctx, instansi);
  if (!page.ok()) return page.release_error();
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& a : page->items) rows.push_back(asn_json(a));
  std::string q = ctx.request.query_param("q").value_or("");
  std::string next;
  if (!page->next_cursor.empty()) {
    next = "/instansi/" + instansi.code + "/asn?cursor=" + page->next_cursor;
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

Reply import_page(Context& ctx, const Instansi& instansi, nlohmann::json extra, int status) {
  nlohmann::json data = {{"instansi", instansi_json(instansi)}};
  for (auto& [k, v] : extra.items()) data[k] = v;
  return ctx.page("import", data, "import.title", status);
}

}  // namespace

void register_routes(web::App& app) {
  auto& r = app.router();
  app.add_nav({20, "nav.org", "/instansi", Permission::kOrgRead, {}});
  app.add_nav({30, "nav.asn", "/asn", Permission::kAsnRead, {}});

  // ---- regions ----
  r.add({"GET", "/api/v1/regions", [](Context& ctx) -> Reply {
           auto parent = ctx.request.query_param("parent");
           auto regions =
               TRY(ctx.services.db.read([&](db::Tx& tx) { return list_regions(tx, parent); }));
           nlohmann::json items = nlohmann::json::array();
           for (const auto& g : regions) {
             items.push_back({{"code", g.code},
                              {"name", g.name},
                              {"level", g.level == 1 ? "provinsi" : "kabupaten_kota"},
                              {"parent", opt(g.parent_code)}});
           }
           return ctx.json(200, {{"items", items}, {"source", "idn-area-data (ODbL)"}});
         }});

  // ---- instansi ----
  r.add({"GET",
         "/instansi",
         [](Context& ctx) -> Reply {
           const auto& p = ctx.user();
           if (p.role != auth::Role::kSystemAdmin) {
             auto own = TRY(ctx.services.db.read(
                 [&](db::Tx& tx) { return find_instansi(tx, p.instansi_id.value_or(0)); }));
             if (!own) return Error::not_found("instansi.not_found");
             return ctx.redirect("/instansi/" + own->code);
           }
           auto all = TRY(
               ctx.services.db.read([&](db::Tx& tx) { return list_instansi(tx, std::nullopt); }));
           nlohmann::json items = nlohmann::json::array();
           for (const auto& i : all) {
             auto j = instansi_json(i);
             j["kind_label"] = ctx.t("instansi.kind." + i.kind);
             items.push_back(j);
           }
           return ctx.page(
               "instansi_list",
               {{"items", items}, {"form", instansi_form(ctx, Instansi{.kind = "daerah"})}},
               "instansi.list_title");
         },
         {.permission = Permission::kOrgRead}});

  r.add({"POST",
         "/instansi",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           auto created = create_instansi_action(ctx, in);
           if (!created.ok()) {
             return answer_error_or(ctx, created.error(), [&]() -> Reply {
               Instansi draft = read_instansi(in, Instansi{}, false, true);
               auto all = TRY(ctx.services.db.read(
                   [&](db::Tx& tx) { return list_instansi(tx, std::nullopt); }));
               nlohmann::json items = nlohmann::json::array();
               for (const auto& i : all) items.push_back(instansi_json(i));
               return ctx.page("instansi_list",
                               {{"items", items},
                                {"form", instansi_form(ctx, draft)},
                                {"errors", ctx.field_errors(created.error())}},
                               "instansi.list_title", 422);
             });
           }
           return ctx.redirect("/instansi/" + created->code, "instansi.created");
         },
         {.permission = Permission::kInstansiManage, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/instansi/{code}",
         [](Context& ctx) -> Reply {
           Instansi instansi = TRY(visible_instansi(ctx, ctx.param("code")));
           return instansi_page(ctx, instansi, nlohmann::json::object(), 200);
         },
         {.permission = Permission::kOrgRead}});

  r.add({"POST",
         "/instansi/{code}",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kInstansiManage));
           auto in = TRY(ctx.input());
           Status st = update_instansi_action(ctx, instansi, in, false);
           if (!st.ok()) {
             return answer_error_or(ctx, st.error(), [&]() {
               return instansi_page(
                   ctx, instansi,
                   {{"form", instansi_form(ctx, read_instansi(in, instansi, false, false))},
                    {"errors", ctx.field_errors(st.error())}},
                   422);
             });
           }
           return ctx.redirect("/instansi/" + instansi.code, "saved");
         },
         {.permission = Permission::kInstansiManage, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/api/v1/instansi",
         [](Context& ctx) -> Reply {
           const auto& p = ctx.user();
           std::optional<int64_t> only;
           if (p.role != auth::Role::kSystemAdmin) only = p.instansi_id.value_or(-1);
           auto all =
               TRY(ctx.services.db.read([&](db::Tx& tx) { return list_instansi(tx, only); }));
           nlohmann::json items = nlohmann::json::array();
           for (const auto& i : all) items.push_back(instansi_json(i));
           return ctx.json(200, {{"items", items}});
         },
         {.permission = Permission::kOrgRead}});

  r.add({"POST",
         "/api/v1/instansi",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           Instansi created = TRY(create_instansi_action(ctx, in));
           auto res = ctx.json(201, instansi_json(created));
           res.set_header("Location", "/api/v1/instansi/" + created.code);
           return res;
         },
         {.permission = Permission::kInstansiManage, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/api/v1/instansi/{code}",
         [](Context& ctx) -> Reply {
           return ctx.json(200, instansi_json(TRY(visible_instansi(ctx, ctx.param("code")))));
         },
         {.permission = Permission::kOrgRead}});

  r.add({"PATCH",
         "/api/v1/instansi/{code}",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kInstansiManage));
           auto in = TRY(ctx.input());
           TRY(update_instansi_action(ctx, instansi, in, true));
           return ctx.json(200, instansi_json(TRY(visible_instansi(ctx, instansi.code))));
         },
         {.permission = Permission::kInstansiManage, .body_limit = 16 * 1024}});

  // ---- units ----
  r.add({"POST",
         "/instansi/{code}/units",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kOrgManage));
           auto in = TRY(ctx.input());
           auto unit = create_unit_action(ctx, instansi, in);
           if (!unit.ok()) {
             return answer_error_or(ctx, unit.error(), [&]() {
               UnitInput u = read_unit(in, UnitInput{}, false, true);
               return instansi_page(ctx, instansi,
                                    {{"unit_form", {{"code", u.code}, {"name", u.name}}},
                                     {"unit_errors", ctx.field_errors(unit.error())}},
                                    422);
             });
           }
           return ctx.redirect("/instansi/" + instansi.code, "unit.created");
         },
         {.permission = Permission::kOrgManage, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/instansi/{code}/units/{unit}",
         [](Context& ctx) -> Reply {
           Instansi instansi = TRY(visible_instansi(ctx, ctx.param("code")));
           Unit unit = TRY(visible_unit(ctx, instansi, ctx.param("unit")));
           auto units =
               TRY(ctx.services.db.read([&](db::Tx& tx) { return list_units(tx, instansi.id); }));
           std::vector<Unit> parents;
           for (auto& u : units) {
             if (!path_within(u.path, unit.path)) parents.push_back(std::move(u));
           }
           return ctx.page("unit",
                           {{"instansi", instansi_json(instansi)},
                            {"unit", unit_json(unit)},
                            {"parent_options", unit_options(parents, unit.parent_code, true)},
                            {"can_manage_org", ctx.user().can(Permission::kOrgManage)}},
                           "unit.title");
         },
         {.permission = Permission::kOrgRead}});

  r.add({"POST",
         "/instansi/{code}/units/{unit}",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kOrgManage));
           Unit unit = TRY(visible_unit(ctx, instansi, ctx.param("unit")));
           auto in = TRY(ctx.input());
           Status st = update_unit_action(ctx, unit, in, false);
           if (!st.ok()) {
             return answer_error_or(ctx, st.error(), [&]() -> Reply {
               auto units = TRY(
                   ctx.services.db.read([&](db::Tx& tx) { return list_units(tx, instansi.id); }));
               return ctx.page("unit",
                               {{"instansi", instansi_json(instansi)},
                                {"unit", unit_json(unit)},
                                {"parent_options", unit_options(units, unit.parent_code, true)},
                                {"can_manage_org", true},
                                {"errors", ctx.field_errors(st.error())}},
                               "unit.title", 422);
             });
           }
           return ctx.redirect("/instansi/" + instansi.code, "saved");
         },
         {.permission = Permission::kOrgManage, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/api/v1/instansi/{code}/units",
         [](Context& ctx) -> Reply {
           Instansi instansi = TRY(visible_instansi(ctx, ctx.param("code")));
           auto units =
               TRY(ctx.services.db.read([&](db::Tx& tx) { return list_units(tx, instansi.id); }));
           nlohmann::json items = nlohmann::json::array();
           for (const auto& u : units) items.push_back(unit_json(u));
           return ctx.json(200, {{"items", items}});
         },
         {.permission = Permission::kOrgRead}});

  r.add({"POST",
         "/api/v1/instansi/{code}/units",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kOrgManage));
           auto in = TRY(ctx.input());
           Unit unit = TRY(create_unit_action(ctx, instansi, in));
           auto res = ctx.json(201, unit_json(unit));
           res.set_header("Location", "/api/v1/instansi/" + instansi.code + "/units/" + unit.code);
           return res;
         },
         {.permission = Permission::kOrgManage, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/api/v1/instansi/{code}/units/{unit}",
         [](Context& ctx) -> Reply {
           Instansi instansi = TRY(visible_instansi(ctx, ctx.param("code")));
           return ctx.json(200, unit_json(TRY(visible_unit(ctx, instansi, ctx.param("unit")))));
         },
         {.permission = Permission::kOrgRead}});

  r.add({"PATCH",
         "/api/v1/instansi/{code}/units/{unit}",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kOrgManage));
           Unit unit = TRY(visible_unit(ctx, instansi, ctx.param("unit")));
           auto in = TRY(ctx.input());
           TRY(update_unit_action(ctx, unit, in, true));
           return ctx.json(200, unit_json(TRY(visible_unit(ctx, instansi, unit.code))));
         },
         {.permission = Permission::kOrgManage, .body_limit = 16 * 1024}});

  // Units the caller can see, across instansi for a system administrator.
  r.add({"GET",
         "/api/v1/units",
         [](Context& ctx) -> Reply {
           const auto& p = ctx.user();
           std::optional<int64_t> only;
           if (p.role != auth::Role::kSystemAdmin) only = p.instansi_id.value_or(-1);
           nlohmann::json items = nlohmann::json::array();
           TRY(ctx.services.db.read([&](db::Tx& tx) -> Status {
             for (const auto& i : TRY(list_instansi(tx, only))) {
               for (const auto& u : TRY(list_units(tx, i.id))) {
                 if (!p.sees_unit(i.id, u.path) && p.role == auth::Role::kUnitHead) continue;
                 auto j = unit_json(u);
                 j["instansi"] = i.code;
                 j["id"] =
                     u.id;  // the key of /api/v1/units/{unit}/... (codes repeat across instansi)
                 items.push_back(j);
               }
             }
             return {};
           }));
           return ctx.json(200, {{"items", items}});
         },
         {.permission = Permission::kOrgRead}});

  // ---- positions ----
  r.add({"GET",
         "/instansi/{code}/positions",
         [](Context& ctx) -> Reply {
           Instansi instansi = TRY(visible_instansi(ctx, ctx.param("code")));
           return positions_page(ctx, instansi, nlohmann::json::object(), 200);
         },
         {.permission = Permission::kOrgRead}});

  r.add({"POST",
         "/instansi/{code}/positions",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kOrgManage));
           auto in = TRY(ctx.input());
           auto created = create_position_action(ctx, instansi, in);
           if (!created.ok()) {
             return answer_error_or(ctx, created.error(), [&]() {
               return positions_page(
                   ctx, instansi,
                   {{"form", position_form(ctx, read_position(in, Position{}, false, true))},
                    {"errors", ctx.field_errors(created.error())}},
                   422);
             });
           }
           return ctx.redirect("/instansi/" + instansi.code + "/positions", "position.created");
         },
         {.permission = Permission::kOrgManage, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/instansi/{code}/positions/{position}",
         [](Context& ctx) -> Reply {
           Instansi instansi = TRY(visible_instansi(ctx, ctx.param("code")));
           auto p = TRY(ctx.services.db.read([&](db::Tx& tx) {
             return find_position(tx, instansi.id, upper_code(ctx.param("position")));
           }));
           if (!p) return Error::not_found();
           return ctx.page("position",
                           {{"instansi", instansi_json(instansi)},
                            {"form", position_form(ctx, *p)},
                            {"can_manage_org", ctx.user().can(Permission::kOrgManage)}},
                           "position.title");
         },
         {.permission = Permission::kOrgRead}});

  r.add({"POST",
         "/instansi/{code}/positions/{position}",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kOrgManage));
           auto p = TRY(ctx.services.db.read([&](db::Tx& tx) {
             return find_position(tx, instansi.id, upper_code(ctx.param("position")));
           }));
           if (!p) return Error::not_found();
           auto in = TRY(ctx.input());
           Status st = update_position_action(ctx, *p, in, false);
           if (!st.ok()) {
             return answer_error_or(ctx, st.error(), [&]() {
               return ctx.page("position",
                               {{"instansi", instansi_json(instansi)},
                                {"form", position_form(ctx, read_position(in, *p, false, false))},
                                {"can_manage_org", true},
                                {"errors", ctx.field_errors(st.error())}},
                               "position.title", 422);
             });
           }
           return ctx.redirect("/instansi/" + instansi.code + "/positions", "saved");
         },
         {.permission = Permission::kOrgManage, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/api/v1/instansi/{code}/positions",
         [](Context& ctx) -> Reply {
           Instansi instansi = TRY(visible_instansi(ctx, ctx.param("code")));
           auto positions = TRY(
               ctx.services.db.read([&](db::Tx& tx) { return list_positions(tx, instansi.id); }));
           nlohmann::json items = nlohmann::json::array();
           for (const auto& p : positions) items.push_back(position_json(p));
           return ctx.json(200, {{"items", items}});
         },
         {.permission = Permission::kOrgRead}});

  r.add({"POST",
         "/api/v1/instansi/{code}/positions",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kOrgManage));
           auto in = TRY(ctx.input());
           Position p = TRY(create_position_action(ctx, instansi, in));
           return ctx.json(201, position_json(p));
         },
         {.permission = Permission::kOrgManage, .body_limit = 16 * 1024}});

  r.add({"PATCH",
         "/api/v1/instansi/{code}/positions/{position}",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kOrgManage));
           auto p = TRY(ctx.services.db.read([&](db::Tx& tx) {
             return find_position(tx, instansi.id, upper_code(ctx.param("position")));
           }));
           if (!p) return Error::not_found();
           auto in = TRY(ctx.input());
           TRY(update_position_action(ctx, *p, in, true));
           auto updated = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return find_position(tx, instansi.id, p->code); }));
           return ctx.json(200, position_json(*updated));
         },
         {.permission = Permission::kOrgManage, .body_limit = 16 * 1024}});

  // ---- ASN ----
  r.add({"GET",
         "/asn",
         [](Context& ctx) -> Reply {
           const auto& p = ctx.user();
           if (p.role == auth::Role::kSystemAdmin) return ctx.redirect("/instansi");
           if (p.role == auth::Role::kOfficer) {
             if (!p.asn_id) return Error::not_found("asn.not_found");
             auto own = TRY(
                 ctx.services.db.read([&](db::Tx& tx) { return find_asn_by_id(tx, *p.asn_id); }));
             if (!own) return Error::not_found("asn.not_found");
             return ctx.redirect("/asn/" + own->nip);
           }
           auto own = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return find_instansi(tx, p.instansi_id.value_or(0)); }));
           if (!own) return Error::not_found("instansi.not_found");
           return ctx.redirect("/instansi/" + own->code + "/asn");
         },
         {.permission = Permission::kAsnRead}});

  r.add({"GET",
         "/instansi/{code}/asn",
         [](Context& ctx) -> Reply {
           Instansi instansi = TRY(visible_instansi(ctx, ctx.param("code")));
           return asn_list_page(ctx, instansi);
         },
         {.permission = Permission::kAsnRead}});

  r.add({"GET",
         "/instansi/{code}/asn/new",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kAsnManage));
           AsnDraft d;
           d.employment = "PNS";
           nlohmann::json form = TRY(asn_form(
               ctx, instansi, d));  // not inside the braces: an early return would leak them
           return ctx.page("asn_form",
                           {{"instansi", instansi_json(instansi)},
                            {"form", form},
                            {"creating", true},
                            {"action", "/instansi/" + instansi.code + "/asn"}},
                           "asn.new_title");
         },
         {.permission = Permission::kAsnManage}});

  r.add({"POST",
         "/instansi/{code}/asn",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kAsnManage));
           auto in = TRY(ctx.input());
           auto saved = save_asn_action(ctx, instansi, in, std::nullopt, false);
           if (!saved.ok()) {
             return answer_error_or(ctx, saved.error(), [&]() -> Reply {
               AsnDraft d = read_asn(in, AsnDraft{}, false, true);
               nlohmann::json form = TRY(asn_form(ctx, instansi, d));
               return ctx.page("asn_form",
                               {{"instansi", instansi_json(instansi)},
                                {"form", form},
                                {"creating", true},
                                {"action", "/instansi/" + instansi.code + "/asn"},
                                {"errors", ctx.field_errors(saved.error())}},
                               "asn.new_title", 422);
             });
           }
           return ctx.redirect("/asn/" + saved->nip, "asn.created");
         },
         {.permission = Permission::kAsnManage, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/asn/{nip}",
         [](Context& ctx) -> Reply {
           Asn asn = TRY(visible_asn(ctx, ctx.param("nip")));
           TRY(audit_asn_read(ctx, asn));
           auto instansi = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return find_instansi(tx, asn.instansi_id); }));
           auto info = parse_nip(asn.nip, today(ctx));
           nlohmann::json data = {{"asn", asn_json(asn)},
                                  {"instansi", instansi_json(*instansi)},
                                  {"can_manage", ctx.user().can(Permission::kAsnManage)}};
           if (info.ok()) {
             data["sex_label"] = ctx.t(info->sex == 'L' ? "asn.sex_male" : "asn.sex_female");
             data["start"] = fmt::format("{:04}-{:02}", info->start.year, info->start.month);
           }
           return ctx.page("asn_detail", data, "asn.detail_title");
         },
         {.permission = Permission::kAsnRead}});

  r.add({"GET",
         "/asn/{nip}/edit",
         [](Context& ctx) -> Reply {
           Asn asn = TRY(visible_asn(ctx, ctx.param("nip")));
           if (!ctx.user().can(Permission::kAsnManage)) return Error::forbidden();
           auto instansi = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return find_instansi(tx, asn.instansi_id); }));
           AsnDraft d{asn.nip,           asn.name,   asn.employment, asn.unit_code,
                      asn.position_code, asn.active, asn.email};
           nlohmann::json form = TRY(asn_form(ctx, *instansi, d));
           return ctx.page("asn_form",
                           {{"instansi", instansi_json(*instansi)},
                            {"form", form},
                            {"creating", false},
                            {"action", "/asn/" + asn.nip}},
                           "asn.edit_title");
         },
         {.permission = Permission::kAsnManage}});

  r.add({"POST",
         "/asn/{nip}",
         [](Context& ctx) -> Reply {
           Asn asn = TRY(visible_asn(ctx, ctx.param("nip")));
           auto instansi = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return find_instansi(tx, asn.instansi_id); }));
           auto in = TRY(ctx.input());
           auto saved = save_asn_action(ctx, *instansi, in, asn, false);
           if (!saved.ok()) {
             return answer_error_or(ctx, saved.error(), [&]() -> Reply {
               AsnDraft base{asn.nip,           asn.name,   asn.employment, asn.unit_code,
                             asn.position_code, asn.active, asn.email};
               AsnDraft d = read_asn(in, base, false, false);
               nlohmann::json form = TRY(asn_form(ctx, *instansi, d));
               return ctx.page("asn_form",
                               {{"instansi", instansi_json(*instansi)},
                                {"form", form},
                                {"creating", false},
                                {"action", "/asn/" + asn.nip},
                                {"errors", ctx.field_errors(saved.error())}},
                               "asn.edit_title", 422);
             });
           }
           return ctx.redirect("/asn/" + asn.nip, "saved");
         },
         {.permission = Permission::kAsnManage, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/api/v1/instansi/{code}/asn",
         [](Context& ctx) -> Reply {
           Instansi instansi = TRY(visible_instansi(ctx, ctx.param("code")));
           AsnPage page = TRY(list_asn_action(ctx, instansi));
           nlohmann::json items = nlohmann::json::array();
           for (const auto& a : page.items) items.push_back(asn_json(a));
           nlohmann::json body = {{"items", items}, {"next_cursor", opt(page.next_cursor)}};
           // Listing names is a read of personal data: audited as one entry per page.
           TRY(web::record_audit(ctx,
                                 ctx.audit("asn.list", "instansi", instansi.code, instansi.id,
                                           fmt::format(R"({{"count":{}}})", page.items.size()))));
           return ctx.json(200, body);
         },
         {.permission = Permission::kAsnRead}});

  r.add({"POST",
         "/api/v1/instansi/{code}/asn",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kAsnManage));
           auto in = TRY(ctx.input());
           Asn saved = TRY(save_asn_action(ctx, instansi, in, std::nullopt, false));
           auto res = ctx.json(201, asn_json(saved));
           res.set_header("Location", "/api/v1/asn/" + saved.nip);
           return res;
         },
         {.permission = Permission::kAsnManage, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/api/v1/asn/{nip}",
         [](Context& ctx) -> Reply {
           Asn asn = TRY(visible_asn(ctx, ctx.param("nip")));
           TRY(audit_asn_read(ctx, asn));
           return ctx.json(200, asn_json(asn));
         },
         {.permission = Permission::kAsnRead}});

  r.add({"PATCH",
         "/api/v1/asn/{nip}",
         [](Context& ctx) -> Reply {
           Asn asn = TRY(visible_asn(ctx, ctx.param("nip")));
           if (!ctx.user().can(Permission::kAsnManage)) return Error::forbidden();
           auto instansi = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return find_instansi(tx, asn.instansi_id); }));
           auto in = TRY(ctx.input());
           return ctx.json(200, asn_json(TRY(save_asn_action(ctx, *instansi, in, asn, true))));
         },
         {.permission = Permission::kAsnManage, .body_limit = 16 * 1024}});

  // ---- CSV import ----
  const size_t upload_limit =
      static_cast<size_t>(app.services().config.max_upload_mb) * 1024 * 1024;
  r.add({"GET",
         "/instansi/{code}/import",
         [](Context& ctx) -> Reply {
           Instansi instansi =
               TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kAsnManage));
           return import_page(ctx, instansi, nlohmann::json::object(), 200);
         },
         {.permission = Permission::kAsnManage}});

  r.add(
      {"POST",
       "/instansi/{code}/import",
       [](Context& ctx) -> Reply {
         Instansi instansi =
             TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kAsnManage));
         std::string boundary = http::multipart_boundary(ctx.request.header("content-type"));
         if (boundary.empty()) return Error::invalid("error.content_type");
         TempFile csv{ctx.request.body_file + ".csv"};
         auto parts = http::read_multipart(ctx.request.body_file, boundary, csv.path);
         if (!parts.ok())
           return import_page(ctx, instansi, {{"error", ctx.t(parts.error().key)}}, 400);
         if (parts->file_bytes == 0)
           return import_page(ctx, instansi, {{"error", ctx.t("import.no_file")}}, 422);
         bool good_rows = parts->fields["mode"] == "good_rows";
         bool dry_run = parts->fields["mode"] == "check";
         auto report = import_action(ctx, instansi, csv.path, good_rows, dry_run);
         if (!report.ok()) {
           if (report.error().kind != ErrorKind::kInvalid) return report.release_error();
           nlohmann::json problems = nlohmann::json::array();
           for (const auto& f : report.error().fields) {
             problems.push_back(
                 {{"line", 1}, {"column", f.field}, {"message", ctx.t(f.key, f.args)}});
           }
           return import_page(ctx, instansi,
                              {{"error", ctx.t(report.error().key, report.error().args)},
                               {"report", {{"problems", problems}}}},
                              422);
         }
         nlohmann::json j = web::import_report_json(ctx, report.value());
         j["dry_run"] = dry_run;
         j["has_problems"] = !report->problems.empty();
         return import_page(ctx, instansi, {{"report", j}}, report->bad_rows > 0 ? 422 : 200);
       },
       {.permission = Permission::kAsnManage, .body_limit = upload_limit, .upload_to_file = true}});

  r.add(
      {"POST",
       "/api/v1/instansi/{code}/asn/import",
       [](Context& ctx) -> Reply {
         Instansi instansi =
             TRY(manageable_instansi(ctx, ctx.param("code"), Permission::kAsnManage));
         std::string_view type = ctx.request.header("content-type");
         if (!type.starts_with("text/csv")) return Error::invalid("error.content_type");
         std::string mode = ctx.request.query_param("mode").value_or("all");
         if (mode != "all" && mode != "good_rows" && mode != "check") {
           return Error::field("mode", "input.not_allowed", {{"allowed", "all, good_rows, check"}});
         }
         ImportReport report = TRY(import_action(ctx, instansi, ctx.request.body_file,
                                                 mode == "good_rows", mode == "check"));
         return ctx.json(report.bad_rows > 0 ? 422 : 200, web::import_report_json(ctx, report));
       },
       {.permission = Permission::kAsnManage, .body_limit = upload_limit, .upload_to_file = true}});
}

}  // namespace harmoni::org

#include "org/org_cases.hpp"

#include <fmt/format.h>

namespace harmoni::org {
namespace {

using auth::Permission;

YearMonth this_month(const Env& env) { return month_in_wib(env.now_seconds()); }

Error unique_to_field(Error e, const std::string& field, const std::string& key) {
  if (e.key == "db.unique") return Error::field(field, key);
  return e;
}

Result<std::optional<int64_t>> resolve_parent(db::Tx& tx, int64_t instansi_id,
                                              const std::string& code) {
  if (code.empty()) return std::optional<int64_t>{};
  auto parent = TRY(find_unit(tx, instansi_id, code));
  if (!parent) return Error::field("parent", "unit.parent_unknown");
  return std::optional<int64_t>{parent->id};
}

// The draft's unit (in the caller's scope) and position resolved to ids.
Result<AsnRecord> resolve_asn(db::Tx& tx, const Actor& actor, const Instansi& instansi,
                              const AsnDraft& draft) {
  AsnRecord record{.instansi_id = instansi.id, .draft = draft};
  std::vector<FieldError> errors;
  auto unit = TRY(find_unit(tx, instansi.id, draft.unit_code));
  if (!unit) {
    errors.push_back({"unit", "unit.unknown", {{"code", draft.unit_code}}});
  } else {
    record.unit_id = unit->id;
    if (!actor.user().sees_unit(instansi.id, unit->path)) {
      errors.push_back({"unit", "unit.out_of_scope", {}});
    }
  }
  if (!draft.position_code.empty()) {
    auto position = TRY(find_position(tx, instansi.id, draft.position_code));
    if (!position) {
      errors.push_back({"position", "position.unknown", {{"code", draft.position_code}}});
    } else {
      record.position_id = position->id;
    }
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return record;
}

}  // namespace

Result<std::vector<Region>> regions(const Env& env, std::optional<std::string> parent_code) {
  return env.db.read([&](db::Tx& tx) { return list_regions(tx, parent_code); });
}

Result<std::vector<Region>> region_tree(const Env& env) {
  return env.db.read([&](db::Tx& tx) -> Result<std::vector<Region>> {
    std::vector<Region> all;
    for (auto& province : TRY(list_regions(tx, std::nullopt))) {
      auto children = TRY(list_regions(tx, province.code));
      all.push_back(std::move(province));
      for (auto& c : children) all.push_back(std::move(c));
    }
    return all;
  });
}

Result<Instansi> visible_instansi(const Env& env, const Actor& actor, std::string_view code) {
  auto found = TRY(env.db.read(
      [&](db::Tx& tx) { return find_instansi_by_code(tx, upper_code(std::string(code))); }));
  if (!found || !actor.user().in_instansi(found->id)) return Error::not_found("instansi.not_found");
  return *found;
}

Result<Instansi> manageable_instansi(const Env& env, const Actor& actor, std::string_view code,
                                     Permission permission) {
  Instansi instansi = TRY(visible_instansi(env, actor, code));
  if (!actor.user().can(permission)) return Error::forbidden();
  return instansi;
}

Result<Instansi> instansi_of(const Env& env, int64_t id) {
  auto found = TRY(env.db.read([&](db::Tx& tx) { return find_instansi(tx, id); }));
  if (!found) return Error::not_found("instansi.not_found");
  return *found;
}

Result<std::optional<Instansi>> own_instansi(const Env& env, const Actor& actor) {
  if (!actor.user().instansi_id) return std::optional<Instansi>{};
  return env.db.read([&](db::Tx& tx) { return find_instansi(tx, *actor.user().instansi_id); });
}

Result<std::vector<Instansi>> visible_instansi_list(const Env& env, const Actor& actor) {
  std::optional<int64_t> only;
  if (actor.user().role != auth::Role::kSystemAdmin) only = actor.user_instansi();
  return env.db.read([&](db::Tx& tx) { return list_instansi(tx, only); });
}

Status check_instansi(const Env& env, Instansi& i) {
  std::vector<FieldError> errors;
  i.code = upper_code(i.code);
  if (!i.code.empty() && !is_valid_code(i.code)) errors.push_back({"code", "code.invalid", {}});
  if (!i.region_code.empty()) {
    auto region = TRY(env.db.read([&](db::Tx& tx) { return find_region(tx, i.region_code); }));
    if (!region) errors.push_back({"region", "region.unknown", {{"code", i.region_code}}});
  }
  if (i.kind == "daerah" && i.region_code.empty()) {
    errors.push_back({"region", "instansi.region_required", {}});
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

Result<Instansi> create_instansi(const Env& env, const Actor& actor, Instansi i) {
  TRY(check_instansi(env, i));
  auto id = env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id = TRY(insert_instansi(tx, i, env.now_seconds()));
    TRY(audit::append(tx, actor.audit("instansi.create", "instansi", i.code, id), env.now_ms()));
    return id;
  });
  if (!id.ok()) return unique_to_field(id.release_error(), "code", "code.taken");
  i.id = id.value();
  return i;
}

Status change_instansi(const Env& env, const Actor& actor, Instansi i) {
  TRY(check_instansi(env, i));
  return env.db.write([&](db::Tx& tx) -> Status {
    TRY(update_instansi(tx, i, env.now_seconds()));
    return audit::append(tx, actor.audit("instansi.update", "instansi", i.code, i.id),
                         env.now_ms());
  });
}

Result<std::vector<Unit>> units_of(const Env& env, int64_t instansi_id) {
  return env.db.read([&](db::Tx& tx) { return list_units(tx, instansi_id); });
}

Result<Unit> unit_of(const Env& env, const Instansi& instansi, std::string_view code) {
  auto unit = TRY(env.db.read(
      [&](db::Tx& tx) { return find_unit(tx, instansi.id, upper_code(std::string(code))); }));
  if (!unit) return Error::not_found("unit.not_found");
  return *unit;
}

Result<Unit> create_unit(const Env& env, const Actor& actor, const Instansi& instansi,
                         const UnitDraft& u) {
  auto unit = env.db.write([&](db::Tx& tx) -> Result<Unit> {
    auto parent = TRY(resolve_parent(tx, instansi.id, u.parent_code));
    int64_t id = TRY(insert_unit(tx, instansi.id, parent, u.code, u.name, env.now_seconds()));
    TRY(audit::append(tx, actor.audit("unit.create", "unit", std::to_string(id), instansi.id),
                      env.now_ms()));
    return *TRY(find_unit_by_id(tx, id));
  });
  if (!unit.ok()) return unique_to_field(unit.release_error(), "code", "code.taken");
  return unit;
}

Status change_unit(const Env& env, const Actor& actor, const Unit& current, const UnitDraft& u) {
  return env.db.write([&](db::Tx& tx) -> Status {
    auto parent = TRY(resolve_parent(tx, current.instansi_id, u.parent_code));
    TRY(update_unit(tx, current, parent, u.name, u.active, env.now_seconds()));
    return audit::append(
        tx, actor.audit("unit.update", "unit", std::to_string(current.id), current.instansi_id),
        env.now_ms());
  });
}

Result<std::vector<std::pair<Instansi, Unit>>> visible_units(const Env& env, const Actor& actor) {
  const auto& p = actor.user();
  std::optional<int64_t> only;
  if (p.role != auth::Role::kSystemAdmin) only = actor.user_instansi();
  return env.db.read([&](db::Tx& tx) -> Result<std::vector<std::pair<Instansi, Unit>>> {
    std::vector<std::pair<Instansi, Unit>> out;
    for (const auto& i : TRY(list_instansi(tx, only))) {
      for (auto& u : TRY(list_units(tx, i.id))) {
        if (!p.sees_unit(i.id, u.path) && p.role == auth::Role::kUnitHead) continue;
        out.emplace_back(i, std::move(u));
      }
    }
    return out;
  });
}

Result<std::vector<Position>> positions_of(const Env& env, int64_t instansi_id) {
  return env.db.read([&](db::Tx& tx) { return list_positions(tx, instansi_id); });
}

Result<Position> position_of(const Env& env, const Instansi& instansi, std::string_view code) {
  auto p = TRY(env.db.read(
      [&](db::Tx& tx) { return find_position(tx, instansi.id, upper_code(std::string(code))); }));
  if (!p) return Error::not_found();
  return *p;
}

Result<Position> create_position(const Env& env, const Actor& actor, const Instansi& instansi,
                                 Position p) {
  p.instansi_id = instansi.id;
  auto id = env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id = TRY(insert_position(tx, p, env.now_seconds()));
    TRY(audit::append(tx,
                      actor.audit("position.create", "position", std::to_string(id), instansi.id),
                      env.now_ms()));
    return id;
  });
  if (!id.ok()) return unique_to_field(id.release_error(), "code", "code.taken");
  p.id = id.value();
  return p;
}

Status change_position(const Env& env, const Actor& actor, const Position& p) {
  return env.db.write([&](db::Tx& tx) -> Status {
    TRY(update_position(tx, p, env.now_seconds()));
    return audit::append(
        tx, actor.audit("position.update", "position", std::to_string(p.id), p.instansi_id),
        env.now_ms());
  });
}

Result<Asn> visible_asn(const Env& env, const Actor& actor, std::string_view nip) {
  auto found = TRY(env.db.read(
      [&](db::Tx& tx) { return find_asn_by_nip(tx, normalize_nip(std::string(nip))); }));
  const auto& p = actor.user();
  if (!found || !p.can(Permission::kAsnRead) ||
      !p.sees_asn(found->instansi_id, found->unit_path, found->id)) {
    return Error::not_found("asn.not_found");
  }
  return *found;
}

Result<Asn> read_asn(const Env& env, const Actor& actor, std::string_view nip) {
  Asn asn = TRY(visible_asn(env, actor, nip));
  TRY(env.db.write([&](db::Tx& tx) {
    return audit::append(
        tx, actor.audit("asn.read", "asn", std::to_string(asn.id), asn.instansi_id), env.now_ms());
  }));
  return asn;
}

Result<std::string> asn_home(const Env& env, const Actor& actor) {
  const auto& p = actor.user();
  if (p.role == auth::Role::kSystemAdmin) return std::string("/instansi");
  if (p.role == auth::Role::kOfficer) {
    if (!p.asn_id) return Error::not_found("asn.not_found");
    auto own = TRY(env.db.read([&](db::Tx& tx) { return find_asn_by_id(tx, *p.asn_id); }));
    if (!own) return Error::not_found("asn.not_found");
    return "/asn/" + own->nip;
  }
  auto own = TRY(own_instansi(env, actor));
  if (!own) return Error::not_found("instansi.not_found");
  return "/instansi/" + own->code + "/asn";
}

Result<Asn> save_asn(const Env& env, const Actor& actor, const Instansi& instansi, AsnDraft draft,
                     const std::optional<Asn>& current) {
  if (auto errors = validate_asn(draft, this_month(env)); !errors.empty()) {
    return Error::fields_invalid(std::move(errors));
  }
  return env.db.write([&](db::Tx& tx) -> Result<Asn> {
    AsnRecord record = TRY(resolve_asn(tx, actor, instansi, draft));
    if (!current && TRY(find_asn_by_nip(tx, record.draft.nip))) {
      return Error::field("nip", "asn.nip_taken");
    }
    auto outcome = TRY(upsert_asn(tx, record, env.now_seconds()));
    auto saved = TRY(find_asn_by_nip(tx, record.draft.nip));
    if (outcome != UpsertOutcome::kUnchanged) {
      TRY(audit::append(tx,
                        actor.audit(current ? "asn.update" : "asn.create", "asn",
                                    std::to_string(saved->id), instansi.id),
                        env.now_ms()));
    }
    return *saved;
  });
}

Result<AsnPage> list_asn_of(const Env& env, const Actor& actor, const Instansi& instansi,
                            const AsnListing& listing) {
  const auto& p = actor.user();
  AsnQuery q{.instansi_id = instansi.id,
             .search = listing.search,
             .include_inactive = listing.include_inactive,
             .cursor = listing.cursor,
             .limit = listing.limit};
  if (p.role == auth::Role::kUnitHead) q.unit_path_prefix = p.unit_path;
  if (p.role == auth::Role::kOfficer) q.only_asn_id = p.asn_id.value_or(-1);
  std::string unit_code = upper_code(listing.unit_code);
  AsnPage page = TRY(env.db.read([&](db::Tx& tx) -> Result<AsnPage> {
    if (!unit_code.empty()) {
      auto unit = TRY(find_unit(tx, instansi.id, unit_code));
      if (!unit) return Error::field("unit", "unit.unknown", {{"code", unit_code}});
      q.unit_id = unit->id;
    }
    return list_asn(tx, q);
  }));
  if (listing.audited) {
    TRY(env.db.write([&](db::Tx& tx) {
      return audit::append(tx,
                           actor.audit("asn.list", "instansi", instansi.code, instansi.id,
                                       fmt::format(R"({{"count":{}}})", page.items.size())),
                           env.now_ms());
    }));
  }
  return page;
}

AsnDraft draft_from(const Asn& a) {
  return AsnDraft{.nip = a.nip,
                  .name = a.name,
                  .employment = a.employment,
                  .unit_code = a.unit_code,
                  .position_code = a.position_code,
                  .active = a.active,
                  .email = a.email};
}

Result<Asn> person_by_nip(const Env& env, std::string_view nip_text, int64_t instansi_id) {
  const std::string nip = normalize_nip(nip_text);
  auto found = TRY(env.db.read([&](db::Tx& tx) { return find_asn_by_nip(tx, nip); }));
  if (!found || found->instansi_id != instansi_id) return Error::not_found("asn.not_found");
  return *found;
}

Result<Asn> own_person(const Env& env, const Actor& actor) {
  const auth::Principal& p = actor.user();
  if (!p.asn_id) return Error::not_found("competency.no_asn");
  auto found = TRY(env.db.read([&](db::Tx& tx) { return find_asn_by_id(tx, *p.asn_id); }));
  if (!found) return Error::not_found("competency.no_asn");
  return *found;
}

Result<ImportReport> import_asn(const Env& env, const Actor& actor, const Instansi& instansi,
                                const std::string& csv_path, ImportOptions options) {
  return import_asn_csv(env.db, instansi.id, csv_path, options, this_month(env), env.now_seconds(),
                        actor.audit("asn.import", "instansi", instansi.code, instansi.id),
                        env.now_ms());
}

}  // namespace harmoni::org

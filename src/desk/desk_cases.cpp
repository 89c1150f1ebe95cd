#include "desk/desk_cases.hpp"

#include <charconv>

#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "platform/auth/password.hpp"

namespace harmoni::desk {
namespace {

Result<org::Unit> unit_by_id_text(const Env& env, std::string_view text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0)
    return Error::not_found("unit.not_found");
  auto unit = TRY(env.db.read([&](db::Tx& tx) { return org::find_unit_by_id(tx, id); }));
  if (!unit) return Error::not_found("unit.not_found");
  return *unit;
}

}  // namespace

Result<org::Unit> staff_unit(const Env& env, const Actor& actor, std::string_view id_text,
                             std::optional<auth::Permission> permission) {
  org::Unit unit = TRY(unit_by_id_text(env, id_text));
  if (!actor.signed_in() || !actor.user().sees_unit(unit.instansi_id, unit.path)) {
    return Error::not_found("unit.not_found");
  }
  if (permission && !actor.user().can(*permission)) return Error::forbidden();
  return unit;
}

Result<org::Unit> public_unit(const Env& env, std::string_view id_text) {
  org::Unit unit = TRY(unit_by_id_text(env, id_text));
  Desk desk = TRY(desk_of(env, unit.id));
  if (!unit.active || !desk.published) return Error::not_found("unit.not_found");
  return unit;
}

Result<org::Unit> kiosk_unit(const Env& env, std::string_view key) {
  auto unit_id =
      TRY(env.db.read([&](db::Tx& tx) { return unit_for_kiosk_key(tx, auth::sha256_hex(key)); }));
  if (!unit_id) return Error::not_found("queue.kiosk_unknown");
  return public_unit(env, std::to_string(*unit_id));
}

Result<Desk> desk_of(const Env& env, int64_t unit_id) {
  return env.db.read([&](db::Tx& tx) { return load_desk(tx, unit_id); });
}

Result<std::vector<Service>> services_of(const Env& env, int64_t unit_id, bool include_inactive) {
  return env.db.read([&](db::Tx& tx) { return list_services(tx, unit_id, include_inactive); });
}

Result<Service> service_of(const Env& env, const org::Unit& unit, std::string_view code) {
  auto found = TRY(
      env.db.read([&](db::Tx& tx) { return find_service(tx, unit.id, org::upper_code(code)); }));
  if (!found) return Error::not_found("service.unknown");
  return *found;
}

Result<Service> save_service(const Env& env, const Actor& actor, const org::Unit& unit, Service s) {
  s.unit_id = unit.id;
  TRY(validate(s));
  const bool creating = s.id == 0;
  TRY(env.db.write([&](db::Tx& tx) -> Status {
    if (creating) {
      s.id = TRY(insert_service(tx, s, env.now_seconds()));
    } else {
      TRY(update_service(tx, s, env.now_seconds()));
    }
    return audit::append(tx,
                         actor.audit(creating ? "service.create" : "service.update", "service",
                                     std::to_string(s.id), unit.instansi_id),
                         env.now_ms());
  }));
  return s;
}

Result<Counter> counter_of(const Env& env, const org::Unit& unit, std::string_view code) {
  auto c = TRY(
      env.db.read([&](db::Tx& tx) { return find_counter(tx, unit.id, org::upper_code(code)); }));
  if (!c || !c->active) return Error::not_found("queue.counter_unknown");
  return *c;
}

Result<std::string> new_kiosk_key(const Env& env, const Actor& actor, const org::Unit& unit) {
  std::string key = env.random.token(24);
  TRY(env.db.write([&](db::Tx& tx) -> Status {
    TRY(set_kiosk_key_hash(tx, unit.id, auth::sha256_hex(key), env.now_seconds()));
    return audit::append(
        tx, actor.audit("desk.kiosk_link", "unit", std::to_string(unit.id), unit.instansi_id),
        env.now_ms());
  }));
  return key;
}

}  // namespace harmoni::desk

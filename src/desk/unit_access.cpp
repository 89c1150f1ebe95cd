#include "desk/unit_access.hpp"

#include <charconv>

#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "platform/auth/password.hpp"

namespace harmoni::desk {
namespace {

Result<org::Unit> unit_by_id_text(const web::Context& ctx, std::string_view text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0)
    return Error::not_found("unit.not_found");
  auto unit = TRY(ctx.services.db.read([&](db::Tx& tx) { return org::find_unit_by_id(tx, id); }));
  if (!unit) return Error::not_found("unit.not_found");
  return *unit;
}

}  // namespace

Result<org::Unit> staff_unit(const web::Context& ctx, std::string_view id_text,
                             std::optional<auth::Permission> permission) {
  org::Unit unit = TRY(unit_by_id_text(ctx, id_text));
  if (!ctx.principal || !ctx.principal->sees_unit(unit.instansi_id, unit.path)) {
    return Error::not_found("unit.not_found");
  }
  if (permission && !ctx.principal->can(*permission)) return Error::forbidden();
  return unit;
}

Result<org::Unit> public_unit(const web::Context& ctx, std::string_view id_text) {
  org::Unit unit = TRY(unit_by_id_text(ctx, id_text));
  Desk desk = TRY(ctx.services.db.read([&](db::Tx& tx) { return load_desk(tx, unit.id); }));
  if (!unit.active || !desk.published) return Error::not_found("unit.not_found");
  return unit;
}

Result<org::Unit> kiosk_unit(const web::Context& ctx, std::string_view key) {
  auto unit_id = TRY(ctx.services.db.read(
      [&](db::Tx& tx) { return unit_for_kiosk_key(tx, auth::sha256_hex(key)); }));
  if (!unit_id) return Error::not_found("queue.kiosk_unknown");
  return public_unit(ctx, std::to_string(*unit_id));
}

}  // namespace harmoni::desk

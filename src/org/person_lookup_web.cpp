#include "org/person_lookup_web.hpp"

#include "org/nip.hpp"
#include "org/org_store.hpp"

namespace harmoni::org {

Result<Asn> person_by_nip(const web::Context& ctx, std::string_view nip_text, int64_t instansi_id) {
  const std::string nip = normalize_nip(nip_text);
  auto found = TRY(ctx.services.db.read([&](db::Tx& tx) { return find_asn_by_nip(tx, nip); }));
  if (!found || found->instansi_id != instansi_id) return Error::not_found("asn.not_found");
  return *found;
}

Result<Asn> own_person(const web::Context& ctx) {
  const auth::Principal& p = ctx.user();
  if (!p.asn_id) return Error::not_found("competency.no_asn");
  auto found = TRY(ctx.services.db.read([&](db::Tx& tx) { return find_asn_by_id(tx, *p.asn_id); }));
  if (!found) return Error::not_found("competency.no_asn");
  return *found;
}

}  // namespace harmoni::org

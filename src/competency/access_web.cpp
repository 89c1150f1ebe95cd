#include "competency/access_web.hpp"

#include "org/org_store.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::competency {

using auth::Permission;
using auth::Role;

PersonAccess person_access(const auth::Principal& p, const org::Asn& person) {
  if (p.asn_id && *p.asn_id == person.id) return PersonAccess::kSelf;
  if (p.can(Permission::kDevelopmentOversee) && p.in_instansi(person.instansi_id))
    return PersonAccess::kHr;
  if (p.leads(person.instansi_id, person.unit_path, person.id)) return PersonAccess::kSuperior;
  return PersonAccess::kNone;
}

std::optional<std::string> oversight_prefix(const auth::Principal& p) {
  if (p.can(Permission::kCampaignManage) || p.can(Permission::kDevelopmentOversee))
    return std::string();
  if (p.role == Role::kUnitHead && !p.unit_path.empty()) return p.unit_path;
  return std::nullopt;
}

Result<Campaign> visible_campaign(const web::Context& ctx, std::string_view param) {
  const auth::Principal& p = ctx.user();
  auto id = web::id_param(ctx, param);
  if (!id || !oversight_prefix(p)) return Error::not_found("competency.campaign_unknown");
  auto found = TRY(ctx.services.db.read([&](db::Tx& tx) { return find_campaign(tx, *id); }));
  if (!found || !p.instansi_id || *p.instansi_id != found->instansi_id)
    return Error::not_found("competency.campaign_unknown");
  return *found;
}

Result<Campaign> managed_campaign(const web::Context& ctx, std::string_view param) {
  Campaign c = TRY(visible_campaign(ctx, param));
  if (!ctx.user().can(Permission::kCampaignManage)) return Error::forbidden();
  return c;
}

}  // namespace harmoni::competency

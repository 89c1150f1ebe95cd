#include "competency/access.hpp"

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

std::optional<std::string> heatmap_prefix(const auth::Principal& p) {
  if (p.role == Role::kUnitHead) return p.unit_path;
  if (p.can(Permission::kDevelopmentOversee)) return std::string();
  return std::nullopt;
}

std::optional<std::string> team_prefix(const auth::Principal& p) {
  if (p.can(Permission::kDevelopmentOversee)) return std::string();
  if (p.role == Role::kUnitHead && !p.unit_path.empty()) return p.unit_path;
  return std::nullopt;
}

}  // namespace harmoni::competency

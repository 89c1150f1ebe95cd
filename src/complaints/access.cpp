#include "complaints/access.hpp"

#include <algorithm>

namespace harmoni::complaints {

using auth::Role;

bool is_leader(const auth::Principal& p) {
  return p.role == Role::kUnitHead && std::count(p.unit_path.begin(), p.unit_path.end(), '/') == 2;
}

Rights rights_of(const auth::Principal& p, const Complaint& c) {
  if (p.role == Role::kSystemAdmin || !p.in_instansi(c.instansi_id)) return {};
  if (p.asn_id && c.officer_asn_id == p.asn_id) return {};
  if (c.category == Category::kNeutrality) {
    if (p.role == Role::kCaseHandler) return {.read = true, .handle = true};
    if (is_leader(p)) return {.read = true};
    return {};
  }
  switch (p.role) {
    case Role::kCaseHandler:
    case Role::kInstansiAdmin:
      return {.read = true, .handle = true};
    case Role::kAuditor:
      return {.read = true};
    case Role::kUnitHead:
      if (!c.unit_path.empty() && !p.unit_path.empty() && c.unit_path.starts_with(p.unit_path))
        return {.read = true, .follow_up = true};
      return {};
    case Role::kOfficer:
      if (c.assignee_user_id == p.user_id) return {.read = true, .follow_up = true};
      return {};
    default:
      return {};
  }
}

bool may_see_identity(const auth::Principal& p, const Complaint& c) {
  return c.identity == Identity::kIdentified && rights_of(p, c).handle;
}

bool may_reveal_identity(const auth::Principal& p, const Complaint& c) {
  return c.identity == Identity::kConfidential && rights_of(p, c).handle &&
         c.handler_user_id == p.user_id;
}

}  // namespace harmoni::complaints

#include "peduli/access.hpp"

namespace harmoni::peduli {

bool coordinates(const auth::Principal& p, const Activity& a) {
  return p.can(auth::Permission::kLearningManage) ||
         (p.asn_id && *p.asn_id == a.coordinator_asn_id);
}

std::optional<std::string> evaluation_scope(const auth::Principal& p) {
  if (p.can(auth::Permission::kLearningManage)) return std::string();
  if (p.role == auth::Role::kUnitHead && !p.unit_path.empty()) return p.unit_path;
  return std::nullopt;
}

}  // namespace harmoni::peduli

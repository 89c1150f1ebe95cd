#include "learning/access.hpp"

namespace harmoni::learning {

using auth::Permission;

Relation relation_to(const auth::Principal& p, const org::Asn& person) {
  if (p.asn_id && *p.asn_id == person.id) return Relation::kSelf;
  if (p.can(Permission::kDevelopmentOversee) && p.in_instansi(person.instansi_id))
    return Relation::kHr;
  if (p.leads(person.instansi_id, person.unit_path, person.id)) return Relation::kSuperior;
  return Relation::kNone;
}

std::optional<std::string> follow_up_scope(const auth::Principal& p, Detail detail) {
  if (p.can(detail == Detail::kCounts ? Permission::kLearningManage
                                      : Permission::kDevelopmentOversee))
    return std::string();
  if (p.role == auth::Role::kUnitHead && !p.unit_path.empty()) return p.unit_path;
  return std::nullopt;
}

}  // namespace harmoni::learning

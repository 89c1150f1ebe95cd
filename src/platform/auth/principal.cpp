#include "platform/auth/principal.hpp"

namespace harmoni::auth {

bool role_needs_instansi(Role role) { return role != Role::kSystemAdmin; }
bool role_needs_unit(Role role) { return role == Role::kUnitHead || role == Role::kOfficer; }

bool role_has(Role role, Permission permission) {
  switch (permission) {
    case Permission::kInstansiManage:
    case Permission::kCalendarManage:
      return role == Role::kSystemAdmin;
    case Permission::kOrgRead:
      return true;
    case Permission::kOrgManage:
    case Permission::kAsnManage:
    case Permission::kUserManage:
      return role == Role::kSystemAdmin || role == Role::kInstansiAdmin;
    case Permission::kAsnRead:
      // Case handlers work on reports, not on staff records.
      return role != Role::kCaseHandler;
    case Permission::kAuditRead:
      return role == Role::kSystemAdmin || role == Role::kAuditor;
    case Permission::kDeskManage:
      return role == Role::kSystemAdmin || role == Role::kInstansiAdmin || role == Role::kUnitHead;
    case Permission::kQueueOperate:
      return role == Role::kUnitHead || role == Role::kOfficer;
    case Permission::kSurveyEntry:
      return role == Role::kInstansiAdmin || role == Role::kUnitHead || role == Role::kOfficer;
    case Permission::kIkmRead:
      // HR developers read results as evidence of whether training changed service.
      return role == Role::kSystemAdmin || role == Role::kInstansiAdmin ||
             role == Role::kUnitHead || role == Role::kHrDeveloper || role == Role::kAuditor;
    case Permission::kCampaignManage:
      return role == Role::kInstansiAdmin || role == Role::kHrDeveloper;
    case Permission::kDevelopmentOversee:
      // Individual results go to the person, their superiors and HR: not to administrators.
      return role == Role::kHrDeveloper;
    case Permission::kLearningManage:
      return role == Role::kInstansiAdmin || role == Role::kHrDeveloper;
  }
  return false;
}

bool Principal::in_instansi(int64_t id) const {
  return role == Role::kSystemAdmin || (instansi_id && *instansi_id == id);
}

bool Principal::sees_unit(int64_t id, std::string_view path) const {
  if (!in_instansi(id)) return false;
  if (role == Role::kUnitHead || role == Role::kOfficer) {
    return !unit_path.empty() && path.starts_with(unit_path);
  }
  return true;
}

bool Principal::sees_asn(int64_t id, std::string_view path, int64_t subject_asn) const {
  if (role == Role::kOfficer) return in_instansi(id) && asn_id && *asn_id == subject_asn;
  return sees_unit(id, path);
}

}  // namespace harmoni::auth

namespace harmoni::auth {

bool Principal::leads(int64_t id, std::string_view path, int64_t subject_asn) const {
  if (role != Role::kUnitHead || path.empty() || (asn_id && *asn_id == subject_asn)) return false;
  return sees_unit(id, path);
}

}  // namespace harmoni::auth

// Who is asking, and what their role lets them do. Pure: no I/O.
//
// Every role but the system administrator is scoped to one instansi; unit heads and
// officers are further scoped to a unit (a unit head sees the unit's whole subtree,
// an officer only their own records).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/util/enum_names.hpp"

namespace harmoni::auth {

enum class Role {
  kSystemAdmin,
  kInstansiAdmin,
  kUnitHead,
  kOfficer,
  kHrDeveloper,
  kCaseHandler,
  kAuditor,
};

inline constexpr EnumName<Role> kRoleNames[] = {
    {Role::kSystemAdmin, "system_admin"}, {Role::kInstansiAdmin, "instansi_admin"},
    {Role::kUnitHead, "unit_head"},       {Role::kOfficer, "officer"},
    {Role::kHrDeveloper, "hr_developer"}, {Role::kCaseHandler, "case_handler"},
    {Role::kAuditor, "auditor"}};
constexpr std::span<const EnumName<Role>> enum_names(Role) { return kRoleNames; }
bool role_needs_instansi(Role role);  // all but system_admin
bool role_needs_unit(Role role);      // unit_head, officer

enum class Permission {
  kInstansiManage,      // create and edit instansi (system admin)
  kOrgRead,             // units, positions of the instansi
  kOrgManage,           // create and edit units and positions
  kAsnRead,             // ASN records (scoped: unit subtree for unit heads, self for officers)
  kAsnManage,           // create, edit, import ASN
  kUserManage,          // user accounts of the instansi
  kAuditRead,           // the audit log of the instansi
  kDeskManage,          // services and their standards, pledge, counters, queue policy, kiosk link
  kQueueOperate,        // issue priority tickets at triage, call and serve at a counter
  kSurveyEntry,         // type in paper survey forms
  kIkmRead,             // survey results of units (officers see only their own U6/U7)
  kCampaignManage,      // 360-degree campaigns, the instansi's own indicators, rater assignments
  kDevelopmentOversee,  // every person's 360 result, heat map, plans, learning record, claims and
                        // evidence (HR)
  kLearningManage,  // programmes, classes, the JP ledger's imports and settings, Peduli activities,
                    // compliance (HR)
  kCalendarManage,  // the national holidays and collective leave days (system admin)
};

bool role_has(Role role, Permission permission);

struct Principal {
  int64_t user_id = 0;
  std::string email;
  std::string display_name;
  Role role = Role::kOfficer;
  std::optional<int64_t> instansi_id;
  std::optional<int64_t> unit_id;
  std::string unit_path;  // "/3/17/" for unit-scoped roles, "" otherwise
  std::optional<int64_t> asn_id;
  std::string lang = "id";
  std::string csrf_token;  // empty for API tokens
  bool via_api_token = false;

  bool can(Permission p) const { return role_has(role, p); }
  // May this principal see data of that instansi at all?
  bool in_instansi(int64_t instansi_id) const;
  // May this principal see a record that sits in that unit (path) of that instansi?
  // Officers only see their own records: pass the record's ASN id as subject_asn.
  bool sees_unit(int64_t instansi_id, std::string_view unit_path) const;
  bool sees_asn(int64_t instansi_id, std::string_view unit_path, int64_t asn_id) const;
  // Is this principal a superior of that person: a unit head whose unit subtree holds
  // the person's unit, and not the person themselves? (Approvals, plans, evidence.)
  bool leads(int64_t instansi_id, std::string_view unit_path, int64_t asn_id) const;
};

}  // namespace harmoni::auth

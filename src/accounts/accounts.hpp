// User accounts: who may log in, with which role, scoped to which instansi / unit.
// Pure rules here; storage in account_store, pages and API in account_routes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/auth/principal.hpp"
#include "platform/result.hpp"

namespace harmoni::accounts {

struct User {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  auth::Role role = auth::Role::kOfficer;
  std::optional<int64_t> instansi_id;
  std::optional<int64_t> unit_id;
  std::optional<int64_t> asn_id;
  std::string lang = "id";
  bool active = true;
  std::string instansi_code, unit_code, asn_nip;  // joined for display
};

// A user as submitted; instansi, unit and ASN by code / NIP.
struct UserDraft {
  std::string email;
  std::string display_name;
  std::string role;
  std::string instansi_code;
  std::string unit_code;
  std::string asn_nip;
  std::string lang = "id";
  bool active = true;
  std::string password;  // empty: keep (updates only)
};

// Checks the draft's shape and the role's scope rule: every role but system_admin
// belongs to an instansi; unit heads and officers also to a unit.
std::vector<FieldError> validate_user(UserDraft& draft, bool creating);

// May `actor` create or change an account with this role in this instansi?
// Instansi admins manage their own instansi's accounts but never system admins.
bool may_manage(const auth::Principal& actor, auth::Role target_role,
                std::optional<int64_t> target_instansi);

}  // namespace harmoni::accounts

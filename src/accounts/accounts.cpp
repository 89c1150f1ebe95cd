#include "accounts/accounts.hpp"

#include "org/org.hpp"
#include "platform/auth/credentials.hpp"

namespace harmoni::accounts {

std::vector<FieldError> validate_user(UserDraft& d, bool creating) {
  std::vector<FieldError> errors;
  d.email = auth::normalize_email(d.email);
  if (!org::is_plausible_email(d.email)) errors.push_back({"email", "email.invalid", {}});
  if (d.display_name.empty()) errors.push_back({"display_name", "input.required", {}});
  auto role = parse_enum<auth::Role>(d.role);
  if (!role) {
    errors.push_back({"role", "user.role_invalid", {}});
  } else {
    d.instansi_code = org::upper_code(d.instansi_code);
    d.unit_code = org::upper_code(d.unit_code);
    if (auth::role_needs_instansi(*role) && d.instansi_code.empty()) {
      errors.push_back({"instansi", "user.instansi_required", {}});
    }
    if (!auth::role_needs_instansi(*role) && !d.instansi_code.empty()) {
      errors.push_back({"instansi", "user.instansi_not_allowed", {}});
    }
    if (auth::role_needs_unit(*role) && d.unit_code.empty()) {
      errors.push_back({"unit", "user.unit_required", {}});
    }
  }
  if (d.lang != "id" && d.lang != "en") errors.push_back({"lang", "user.lang_invalid", {}});
  if (creating || !d.password.empty()) {
    if (auto st = auth::check_password_rule(d.password); !st.ok()) {
      for (const auto& f : st.error().fields) errors.push_back(f);
    }
  }
  return errors;
}

bool may_manage(const auth::Principal& actor, auth::Role target_role,
                std::optional<int64_t> target_instansi) {
  if (actor.role == auth::Role::kSystemAdmin) return true;
  if (actor.role != auth::Role::kInstansiAdmin) return false;
  if (target_role == auth::Role::kSystemAdmin) return false;
  return target_instansi && actor.instansi_id == target_instansi;
}

}  // namespace harmoni::accounts

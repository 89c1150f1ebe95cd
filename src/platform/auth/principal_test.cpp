#include "platform/auth/principal.hpp"

#include <gtest/gtest.h>

#include "accounts/accounts.hpp"

namespace harmoni::auth {
namespace {

Principal make(Role role, std::optional<int64_t> instansi, std::string unit_path = "",
               std::optional<int64_t> asn = {}) {
  Principal p;
  p.role = role;
  p.instansi_id = instansi;
  p.unit_path = std::move(unit_path);
  p.asn_id = asn;
  return p;
}

TEST(Principal, InstansiScope) {
  EXPECT_TRUE(make(Role::kSystemAdmin, std::nullopt).in_instansi(7));
  EXPECT_TRUE(make(Role::kAuditor, 7).in_instansi(7));
  EXPECT_FALSE(make(Role::kAuditor, 7).in_instansi(8));
  EXPECT_FALSE(make(Role::kInstansiAdmin, std::nullopt).in_instansi(7));
}

TEST(Principal, UnitHeadsSeeTheirSubtreeOnly) {
  auto head = make(Role::kUnitHead, 7, "/3/17/");
  EXPECT_TRUE(head.sees_unit(7, "/3/17/"));
  EXPECT_TRUE(head.sees_unit(7, "/3/17/40/"));
  EXPECT_FALSE(head.sees_unit(7, "/3/170/")) << "a sibling whose id shares a prefix";
  EXPECT_FALSE(head.sees_unit(7, "/3/"));
  EXPECT_FALSE(head.sees_unit(8, "/3/17/"));
}

TEST(Principal, OfficersSeeThemselvesOnly) {
  auto officer = make(Role::kOfficer, 7, "/3/17/", 99);
  EXPECT_TRUE(officer.sees_asn(7, "/3/17/", 99));
  EXPECT_FALSE(officer.sees_asn(7, "/3/17/", 100));
  EXPECT_FALSE(officer.sees_asn(8, "/3/17/", 99));
}

TEST(Principal, PermissionMatrix) {
  EXPECT_TRUE(role_has(Role::kSystemAdmin, Permission::kInstansiManage));
  EXPECT_FALSE(role_has(Role::kInstansiAdmin, Permission::kInstansiManage));
  EXPECT_TRUE(role_has(Role::kInstansiAdmin, Permission::kAsnManage));
  EXPECT_FALSE(role_has(Role::kAuditor, Permission::kAsnManage));
  EXPECT_TRUE(role_has(Role::kAuditor, Permission::kAuditRead));
  EXPECT_FALSE(role_has(Role::kCaseHandler, Permission::kAsnRead));
  EXPECT_FALSE(role_has(Role::kHrDeveloper, Permission::kUserManage));
  EXPECT_TRUE(role_has(Role::kHrDeveloper, Permission::kDevelopmentOversee));
  for (Role r : {Role::kSystemAdmin, Role::kInstansiAdmin, Role::kAuditor, Role::kUnitHead,
                 Role::kOfficer}) {
    EXPECT_FALSE(role_has(r, Permission::kDevelopmentOversee))
        << "individual 360 results are HR's, not admins'";
  }
  EXPECT_TRUE(role_has(Role::kInstansiAdmin, Permission::kCampaignManage));
  EXPECT_FALSE(role_has(Role::kSystemAdmin, Permission::kCampaignManage));
}

TEST(Accounts, InstansiAdminsCannotCreateSystemAdminsOrTouchOthers) {
  auto admin = make(Role::kInstansiAdmin, 7);
  EXPECT_TRUE(accounts::may_manage(admin, Role::kOfficer, 7));
  EXPECT_FALSE(accounts::may_manage(admin, Role::kOfficer, 8));
  EXPECT_FALSE(accounts::may_manage(admin, Role::kSystemAdmin, std::nullopt));
  EXPECT_FALSE(accounts::may_manage(make(Role::kHrDeveloper, 7), Role::kOfficer, 7));
}

TEST(Accounts, ValidateUserEnforcesScopeRules) {
  accounts::UserDraft d{
      "  Siti@Example.GO.ID ", "Siti", "officer", "kab-sambas", "", "", "id", true,
      "long enough pw"};
  auto errors = accounts::validate_user(d, true);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "user.unit_required");
  EXPECT_EQ(d.email, "siti@example.go.id");
  EXPECT_EQ(d.instansi_code, "KAB-SAMBAS");
  accounts::UserDraft sys{"a@b.id", "A", "system_admin", "KAB-SAMBAS", "", "", "id", true, "short"};
  auto sys_errors = accounts::validate_user(sys, true);
  ASSERT_EQ(sys_errors.size(), 2u);
  EXPECT_EQ(sys_errors[0].key, "user.instansi_not_allowed");
  EXPECT_EQ(sys_errors[1].key, "password.too_short");
}

}  // namespace
}  // namespace harmoni::auth

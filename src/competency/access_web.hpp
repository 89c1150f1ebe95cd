// Who may see and do what in the competency capability, and finding what a route is
// about. Anything the caller may not see answers "not found", so its existence does
// not leak.
//
// - A campaign belongs to one instansi: campaign managers (HR, instansi admin), HR
//   (overseers) and unit heads of that instansi see it; raters reach their forms
//   through their assignments only.
// - A person's individual result and plan: the person, a unit head whose subtree holds
//   the person (their superiors up the tree), and HR of the instansi. Not the
//   administrators, not auditors. Every such read by someone else is audited.
// - Progress and the heat map: the whole instansi for managers and HR, a unit head's
//   subtree for them.
#pragma once

#include <optional>
#include <string>

#include "competency/competency_store.hpp"
#include "org/org.hpp"
#include "org/org_cases.hpp"
#include "platform/web/app.hpp"

namespace harmoni::competency {

enum class PersonAccess { kNone, kSelf, kSuperior, kHr };
PersonAccess person_access(const auth::Principal& principal, const org::Asn& person);

// The campaign whose id is in path parameter `param`, if the caller may see it.
Result<Campaign> visible_campaign(const web::Context& ctx, std::string_view param);
// The same, for managing it (kCampaignManage); "forbidden" for those who only see it.
Result<Campaign> managed_campaign(const web::Context& ctx, std::string_view param);

// The part of the instansi whose progress and heat map the caller sees: "" for all,
// a unit path for a unit head; nullopt for nobody.
std::optional<std::string> oversight_prefix(const auth::Principal& principal);

using org::own_person;
using org::person_by_nip;

}  // namespace harmoni::competency

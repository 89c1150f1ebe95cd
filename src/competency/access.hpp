// Who may see and do what in the competency capability. Pure: no I/O.
//
// - A campaign belongs to one instansi: campaign managers (HR, instansi admin), HR
//   (overseers) and unit heads of that instansi see it; raters reach their forms
//   through their assignments only.
// - A person's individual result and plan: the person, a unit head whose subtree holds
//   the person (their superiors up the tree), and HR of the instansi. Not the
//   administrators, not auditors. Every such read by someone else is audited.
// - Progress, the heat map and the team's plans: the whole instansi for managers and HR,
//   a unit head's subtree for them.
#pragma once

#include <optional>
#include <string>

#include "org/org.hpp"
#include "platform/auth/principal.hpp"

namespace harmoni::competency {

enum class PersonAccess { kNone, kSelf, kSuperior, kHr };
PersonAccess person_access(const auth::Principal& principal, const org::Asn& person);

// The part of the instansi whose progress and heat map the caller sees: "" for all, a
// unit path for a unit head; nullopt for nobody.
std::optional<std::string> oversight_prefix(const auth::Principal& principal);
// The part whose heat map the caller sees (HR: all; a unit head: their subtree).
std::optional<std::string> heatmap_prefix(const auth::Principal& principal);
// The part whose development plans the caller follows (HR: all; a unit head: theirs).
std::optional<std::string> team_prefix(const auth::Principal& principal);

// The person and their superiors write the plan; HR only reads it.
inline bool can_edit_plan(PersonAccess access) {
  return access == PersonAccess::kSelf || access == PersonAccess::kSuperior;
}

}  // namespace harmoni::competency

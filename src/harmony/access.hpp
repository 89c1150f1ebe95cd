// Who may see and do what with a disharmony case. Pure.
//
// The instansi's case handlers handle every case of the instansi; the heads of the unit
// concerned (their subtree holds it) read it and are told of what is overdue. A party
// (an ASN on the case) sees only its status and the agreements that concern them,
// whatever their role. Nobody else sees a case: not instansi administrators, not
// auditors (they read the audit log), not the system administrator.
#pragma once

#include <vector>

#include "harmony/analysis.hpp"
#include "harmony/disharmony.hpp"
#include "platform/auth/principal.hpp"

namespace harmoni::harmony {

struct Rights {
  bool read = false;    // the whole case
  bool handle = false;  // every step
  bool party = false;   // status and own agreements only
};
Rights rights_of(const auth::Principal& p, const Case& c, const std::vector<Party>& parties);

// Whether the principal may write knowledge-base articles (case handlers, HR developers
// of an instansi), and approve a case's lessons for publication (case handlers).
bool may_write_articles(const auth::Principal& p);
bool may_approve_articles(const auth::Principal& p);

}  // namespace harmoni::harmony

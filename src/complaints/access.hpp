// Who may see and do what with a report. Pure.
//
// Case handlers (and, but for election-neutrality reports, instansi administrators)
// verify, route and answer; the head of the unit it was given to (their subtree) and the
// officer they assign follow it up; auditors read. Neutrality reports are seen only by
// case handlers and the instansi's leaders (heads of its top-level units). The officer a
// report is about never sees it, whatever their role, and nobody outside the instansi does.
#pragma once

#include "complaints/complaint.hpp"
#include "platform/auth/principal.hpp"

namespace harmoni::complaints {

struct Rights {
  bool read = false;
  bool handle = false;     // verify, ask, forward, merge, answer, reveal (when assigned)
  bool follow_up = false;  // assign an officer, draft the follow-up
};

Rights rights_of(const auth::Principal& p, const Complaint& c);
// Whether the principal heads a top-level unit of their instansi (a leader).
bool is_leader(const auth::Principal& p);
// Whether the reporter's name and contact may be shown to this principal: handlers see an
// identified reporter; a confidential one only the handler assigned to the report, after
// stating a reason (the reveal is audited); an anonymous one nobody, as none is kept.
bool may_see_identity(const auth::Principal& p, const Complaint& c);
bool may_reveal_identity(const auth::Principal& p, const Complaint& c);

}  // namespace harmoni::complaints

// Use cases of disharmony handling: opening a case (from a staff report, a complaint or
// one's own observation), every step from analysis to closing, watch notes, the
// overview for heads and leaders, the instansi's settings and the reminder job. Each
// runs in one transaction with its history entry, notices and audit entry.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "competency/competency_store.hpp"
#include "harmony/access.hpp"
#include "harmony/harmony_store.hpp"
#include "org/org.hpp"
#include "platform/cases/env.hpp"

namespace harmoni::harmony {

// A new case; parties are added once it exists. Handlers only.
Result<int64_t> open_case(const Env& env, const Actor& actor, Case c);
// One step from a complaint of discrimination or officer conduct: the complaint's unit,
// its officer as a party, the instansi's region; the handler says the kind (and the
// dimension for discrimination). Refused ("harmony.complaint_has_case") when one exists.
Result<int64_t> open_case_from_complaint(const Env& env, const Actor& actor, int64_t complaint_id,
                                         Kind kind, std::optional<Dimension> dimension);

// What the new-case form starts from when a complaint opens it: the complaint's unit, a
// kind from its category; or the case the complaint opened already.
struct FromComplaint {
  std::optional<int64_t> existing_case;
  Case draft;
};
Result<FromComplaint> prefill_from_complaint(const Env& env, const Actor& actor,
                                             int64_t complaint_id);
// The units a case or a watch note may name: the instansi's for handlers, a head's subtree.
Result<std::vector<org::Unit>> units_for(const Env& env, const Actor& actor);

// The case as a handler or head reads it (audited, "harmony.case_read").
struct Mediator {
  int64_t asn_id = 0;
  std::string name, unit_name;
  int level = 0;
};
struct SimilarCase {
  Case c;
  int score = 0;
};
struct CaseView {
  Case c;
  Rights rights;
  std::string instansi_name;
  std::vector<Party> parties;
  std::vector<Finding> findings;
  std::vector<Cause> causes;
  std::vector<Session> sessions;
  std::vector<Agreement> agreements;
  std::vector<StepRecord> steps;
  std::vector<SimilarCase> similar;   // closed cases alike, most alike first
  std::vector<Mediator> mediators;    // people whose 360 results show Perekat Bangsa level 3+
  std::optional<int64_t> article_id;  // the lessons written from it
};
Result<CaseView> read_case(const Env& env, const Actor& actor, int64_t id);

// What a party sees: the status, and the agreements they carry.
struct PartyCase {
  int64_t id = 0;
  std::string title;
  State status = State::kOpen;
  std::optional<Outcome> outcome;
  std::vector<Agreement> my_agreements;
};
Result<std::vector<PartyCase>> my_cases(const Env& env, const Actor& actor);

struct CasePage {
  std::vector<Case> items;
  std::optional<int64_t> next_before;
};
Result<CasePage> list_cases_for(const Env& env, const Actor& actor, std::optional<State> status,
                                bool open_only, std::optional<int64_t> before_id, int limit);

// Before any input is read: not found when the case is not visible, forbidden when seen
// without the right to handle it.
Status may_handle(const Env& env, const Actor& actor, int64_t case_id);

Status start_analysis(const Env& env, const Actor& actor, int64_t id);
// An ASN by NIP (of the instansi), or anyone else by the role they play.
Status add_party(const Env& env, const Actor& actor, int64_t id, PartyKind kind,
                 const std::string& nip, int side);
Status add_finding(const Env& env, const Actor& actor, int64_t id, Finding f);
Status add_cause(const Env& env, const Actor& actor, int64_t id, Cause c);
Status set_rule(const Env& env, const Actor& actor, int64_t id, const std::string& rule);
// A session; the facilitator by NIP (optional), an ASN of the instansi.
Status record_session(const Env& env, const Actor& actor, int64_t id, Session s,
                      const std::string& facilitator_nip);
// An agreement; its owner by NIP, told in their inbox when they have an account.
Status add_agreement(const Env& env, const Actor& actor, int64_t id, Agreement a,
                     const std::string& owner_nip);
Status check_agreement(const Env& env, const Actor& actor, int64_t id, int64_t agreement_id,
                       const Check& check);
Status start_monitoring(const Env& env, const Actor& actor, int64_t id);
Status close_case(const Env& env, const Actor& actor, int64_t id, const Closing& closing);
Status reopen_case(const Env& env, const Actor& actor, int64_t id, const std::string& reason);

// ---- watch notes ----
// Handlers for any unit or the region; heads for a unit of their subtree.
Result<int64_t> add_watch_note(const Env& env, const Actor& actor, WatchNote note);
Status close_watch_note(const Env& env, const Actor& actor, int64_t id);

// ---- overview ----
struct OverviewView {
  Overview counts;
  int min_group = 5;
  std::vector<WatchNote> watch_notes;
  std::vector<Case> open_cases;  // the oldest first, at most 20
};
// For handlers (the instansi) and unit heads (their subtree). Diversity dimensions are
// given only for groups of at least the instansi's minimum; smaller ones are withheld.
Result<OverviewView> harmony_overview(const Env& env, const Actor& actor);

// ---- settings (instansi administrators) ----
Result<Settings> harmony_settings_of(const Env& env, const Actor& actor);
Status save_harmony_settings(const Env& env, const Actor& actor, const Settings& s);

// ---- jobs ----
struct ReminderRun {
  int agreements = 0;
  int reviews = 0;
};
// Tells the case's handler (or every handler of the instansi) and the unit's heads of
// agreements past their day, once per due day, and of watch notes due for review.
Result<ReminderRun> run_harmony_reminders(const Env& env);

}  // namespace harmoni::harmony

// Use cases of Peduli, the social-care programme: activities, signing up, the
// coordinator's confirmation (with its JP credit) and closing, the reflection journal
// and its sharing, and the evaluation. Each checks what the caller may see or do, owns its
// transaction and writes its audit entry.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "org/org.hpp"
#include "peduli/access.hpp"
#include "peduli/evaluation.hpp"
#include "peduli/peduli_store.hpp"
#include "platform/cases/env.hpp"

namespace harmoni::peduli {

// An activity of the caller's instansi ("peduli.activity_unknown" otherwise).
Result<ActivityRow> activity_of(const Env& env, const Actor& actor, std::optional<int64_t> id);
// The coming activities of the instansi, and the caller's own (when they are an ASN).
struct Overview {
  std::vector<ActivityRow> upcoming;
  std::vector<MyActivity> mine;
};
Result<Overview> overview(const Env& env, const Actor& actor);
// The instansi's activities from a day on (all when empty).
Result<std::vector<ActivityRow>> activities_from(const Env& env, const Actor& actor,
                                                 const std::string& from);
// Checks (the coordinator by NIP, the region, the activity's rules) and stores a new or
// changed activity; returns its id.
Result<int64_t> save_activity(const Env& env, const Actor& actor, Activity activity,
                              std::string_view coordinator_nip, bool creating);
// An activity's page: who takes part, and the caller's own place in it.
struct Attendees {
  std::vector<Participant> people;
  std::optional<Participant> mine;
  bool linked = false;  // the caller is an ASN
};
Result<Attendees> attendees_of(const Env& env, const Actor& actor, const ActivityRow& row);

// Signing up (or cancelling) for oneself.
Status join(const Env& env, const Actor& actor, const ActivityRow& row, bool cancel);

// Forbidden unless the caller coordinates the activity. Checked again by the use cases
// below; routes ask first, so nobody else learns what the form expects.
Status may_coordinate(const Actor& actor, const Activity& activity);
// One line of the coordinator's confirmation; a form's line names its fields
// "attendance:NIP" / "minutes:NIP" so an error points at the line.
struct Mark {
  std::string nip;
  Attendance attendance = Attendance::kAttended;
  int64_t minutes = 0;
  bool from_form = false;
};
// Every line is checked before any is written: one bad line changes nothing.
Status confirm_attendance(const Env& env, const Actor& actor, const ActivityRow& row,
                          const std::vector<Mark>& marks);
// The coordinator closes the activity with the number of people it reached.
Status close_activity(const Env& env, const Actor& actor, const ActivityRow& row,
                      int beneficiaries);

// ---- reflections ----

// The caller and the activity they may reflect on (only after attending it).
struct Reflecting {
  org::Asn me;
  ActivityRow row;
};
Result<Reflecting> reflecting(const Env& env, const Actor& actor, std::optional<int64_t> id);
// One's reflection so far (empty when none) and the NIP of the mentor it is shared with.
Result<std::pair<Reflection, std::string>> reflection_of(const Env& env, const Reflecting& r);
// Checks (the mentor by NIP) and stores one's reflection; the audit names its sharing,
// never what it says.
Result<Reflection> save_reflection_of(const Env& env, const Actor& actor, const Reflecting& r,
                                      Reflection reflection, std::string_view mentor_nip);
// Reflections shared with the caller: as a mentor, and as the head of their writers.
struct Shared {
  std::vector<SharedReflection> to_mentor;
  std::vector<SharedReflection> to_superior;
};
Result<Shared> shared_with(const Env& env, const Actor& actor);

// ---- the evaluation ----

struct EvaluationFacts {
  std::string from, to;  // 'YYYY-MM-DD'
  Evaluation evaluation;
  std::map<int64_t, UnitShare> shares;  // leaders next to staff, per unit
  std::vector<org::Unit> units;
  std::map<std::string, std::string> region_names;  // "" for no region
};
// A period of the programme for HR (the instansi) or a unit head (their subtree); by
// default this year so far.
Result<EvaluationFacts> evaluation_of(const Env& env, const Actor& actor, std::string from,
                                      std::string to, const std::string& no_region_label);

}  // namespace harmoni::peduli

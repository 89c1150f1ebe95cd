// Storage of Peduli: activities, sign-ups and confirmed attendance, reflections, and
// the rows the evaluation and the leaders' share are computed from. SQL stays in the .cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "peduli/activity.hpp"
#include "peduli/evaluation.hpp"
#include "peduli/reflection.hpp"
#include "platform/db/database.hpp"

namespace harmoni::peduli {

Result<int64_t> insert_activity(db::Tx& tx, const Activity& activity,
                                std::optional<int64_t> user_id, int64_t now);
Status update_activity(db::Tx& tx, const Activity& activity, int64_t now);
Result<std::optional<Activity>> find_activity(db::Tx& tx, int64_t activity_id);

struct ActivityRow {
  Activity activity;
  std::string coordinator_name, coordinator_nip, region_name;
  int signed_up = 0;  // signed up or attended
  int attended = 0;
};
// An instansi's activities from `from` on (or all when empty), soonest first.
Result<std::vector<ActivityRow>> list_activities(db::Tx& tx, int64_t instansi_id,
                                                 const std::string& from);
Result<std::optional<ActivityRow>> activity_row(db::Tx& tx, int64_t activity_id);

struct Participant {
  int64_t asn_id = 0;
  std::string nip, name, unit_name;
  Attendance attendance = Attendance::kSignedUp;
  int64_t minutes = 0;
};
Result<std::vector<Participant>> participants(db::Tx& tx, int64_t activity_id);
Result<std::optional<Participant>> participant(db::Tx& tx, int64_t activity_id, int64_t asn_id);

// Signs a person up (again, after cancelling) within the capacity, under the activity's
// row lock: "peduli.full", "peduli.already_signed_up", "peduli.not_open".
Status sign_up(db::Tx& tx, const Activity& activity, int64_t asn_id, int64_t now);
Status cancel_sign_up(db::Tx& tx, int64_t activity_id, int64_t asn_id, int64_t now);
// The coordinator's confirmation, and with it the person's JP credit in the learning
// ledger by the instansi's rule (none for someone absent; a later change replaces it).
// "peduli.not_signed_up" for someone who never signed up.
Status confirm(db::Tx& tx, const Activity& activity, int64_t asn_id, Attendance attendance,
               int64_t minutes, std::optional<int64_t> user_id, int64_t now);

// A person's activities (signed up or attended), newest first.
struct MyActivity {
  ActivityRow row;
  Attendance attendance = Attendance::kSignedUp;
  int64_t minutes = 0;
  bool reflected = false;
};
Result<std::vector<MyActivity>> activities_of(db::Tx& tx, int64_t asn_id);

Result<int64_t> save_reflection(db::Tx& tx, const Reflection& reflection, int64_t now);
Result<std::optional<Reflection>> find_reflection(db::Tx& tx, int64_t activity_id, int64_t asn_id);
// Reflections shared with this mentor.
struct SharedReflection {
  Reflection reflection;
  std::string writer_name, writer_nip, activity_title;
};
Result<std::vector<SharedReflection>> reflections_shared_with_mentor(db::Tx& tx,
                                                                     int64_t mentor_asn_id);
// Reflections shared with superiors, of writers in a unit subtree.
Result<std::vector<SharedReflection>> reflections_shared_under(db::Tx& tx, int64_t instansi_id,
                                                               const std::string& unit_path_prefix);

// Confirmed participation of an instansi's activities in a period (dates inclusive), in a
// unit subtree ("" for all), for the evaluation; `is_head` from the person's position.
Result<std::vector<Participation>> participation(db::Tx& tx, int64_t instansi_id,
                                                 const std::string& from, const std::string& to,
                                                 const std::string& unit_path_prefix);
// Every active person of the scope with their unit and whether they head it.
Result<std::vector<Person>> people(db::Tx& tx, int64_t instansi_id,
                                   const std::string& unit_path_prefix);

}  // namespace harmoni::peduli

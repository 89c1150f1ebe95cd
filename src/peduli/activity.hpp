// Peduli: the social-care programme (seed 001's ASN Kalbar Peduli). Civil servants,
// leaders first, work alongside poor and vulnerable communities; an activity has a
// coordinator who confirms who came and for how long. Beneficiaries are counted,
// never named. Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/util/date.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::peduli {

enum class TargetGroup {
  kPoorHouseholds,
  kElderly,
  kDisabilities,
  kDisasterVictims,
  kChildren,
  kOtherVulnerable
};
inline constexpr EnumName<TargetGroup> kTargetGroupNames[] = {
    {TargetGroup::kPoorHouseholds, "poor_households"},
    {TargetGroup::kElderly, "elderly"},
    {TargetGroup::kDisabilities, "disabilities"},
    {TargetGroup::kDisasterVictims, "disaster_victims"},
    {TargetGroup::kChildren, "children"},
    {TargetGroup::kOtherVulnerable, "other_vulnerable"}};
constexpr std::span<const EnumName<TargetGroup>> enum_names(TargetGroup) {
  return kTargetGroupNames;
}

enum class ActivityStatus { kPlanned, kDone, kCancelled };
inline constexpr EnumName<ActivityStatus> kActivityStatusNames[] = {
    {ActivityStatus::kPlanned, "planned"},
    {ActivityStatus::kDone, "done"},
    {ActivityStatus::kCancelled, "cancelled"}};
constexpr std::span<const EnumName<ActivityStatus>> enum_names(ActivityStatus) {
  return kActivityStatusNames;
}

struct Activity {
  int64_t id = 0;
  int64_t instansi_id = 0;
  std::string title;
  TargetGroup target_group = TargetGroup::kOtherVulnerable;
  std::string region_code;           // a regency or city ("61.01")
  std::string place;                 // village, institution: where to meet
  std::string starts_on, ends_on;    // 'YYYY-MM-DD'
  std::string start_time, end_time;  // 'HH:MM' (WIB)
  std::string partner;               // the partner organisation, if any
  int capacity = 20;
  int64_t coordinator_asn_id = 0;
  int beneficiaries = 0;  // people reached, a count only
  std::string description;
  ActivityStatus status = ActivityStatus::kPlanned;
};

// Minutes from the start to the end (0 when malformed).
int64_t planned_minutes(const Activity& activity);

// A title, real dates and times with the end after the start, at most 14 days long,
// capacity 1..5,000, beneficiaries 0..1,000,000, a coordinator. Field errors name
// "title", "starts_on", "ends_on", "start_time", "end_time", "capacity", "beneficiaries",
// "coordinator".
Status validate(const Activity& activity);

enum class Attendance { kSignedUp, kAttended, kAbsent, kCancelled };
inline constexpr EnumName<Attendance> kAttendanceNames[] = {{Attendance::kSignedUp, "signed_up"},
                                                            {Attendance::kAttended, "attended"},
                                                            {Attendance::kAbsent, "absent"},
                                                            {Attendance::kCancelled, "cancelled"}};
constexpr std::span<const EnumName<Attendance>> enum_names(Attendance) { return kAttendanceNames; }

// Confirming a participant's work: attended with minutes 1..the activity's span
// (plus an hour of travel and preparation), or absent (0 minutes).
Status check_confirmation(const Activity& activity, Attendance attendance, int64_t minutes);

}  // namespace harmoni::peduli

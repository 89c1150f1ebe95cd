// Learning programmes and their classes, and the rules of enrolling in a class.
// Pure domain: no I/O.
//
// Enrolment: HR enrols people directly; with self-registration open, a person asks and
// their superior (a unit head over them) approves or refuses. Seats count enrolled and
// completed people, never those still waiting. Attendance is taken for enrolled people
// only. At the end HR marks each participant completed (optionally with a score and a
// pass) or not; completion writes the JP ledger and issues a certificate.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"
#include "platform/util/date.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::learning {

enum class ProgrammeType {
  kCharacter,
  kSoftSkills,
  kIntercultural,
  kMulticulturalEthics,
  kExcellentService,
  kEmotionManagement,
  kNationalValues,
  kCrossCulturalForum,
  kSocialCare,
  kOther,
};
inline constexpr EnumName<ProgrammeType> kProgrammeTypeNames[] = {
    {ProgrammeType::kCharacter, "character"},
    {ProgrammeType::kSoftSkills, "soft_skills"},
    {ProgrammeType::kIntercultural, "intercultural"},
    {ProgrammeType::kMulticulturalEthics, "multicultural_ethics"},
    {ProgrammeType::kExcellentService, "excellent_service"},
    {ProgrammeType::kEmotionManagement, "emotion_management"},
    {ProgrammeType::kNationalValues, "national_values"},
    {ProgrammeType::kCrossCulturalForum, "cross_cultural_forum"},
    {ProgrammeType::kSocialCare, "social_care"},
    {ProgrammeType::kOther, "other"}};
constexpr std::span<const EnumName<ProgrammeType>> enum_names(ProgrammeType) {
  return kProgrammeTypeNames;
}

enum class Mode { kClassroom, kElearning, kSelfStudy, kCoaching, kExperiential };
inline constexpr EnumName<Mode> kModeNames[] = {{Mode::kClassroom, "classroom"},
                                                {Mode::kElearning, "elearning"},
                                                {Mode::kSelfStudy, "self_study"},
                                                {Mode::kCoaching, "coaching"},
                                                {Mode::kExperiential, "experiential"}};
constexpr std::span<const EnumName<Mode>> enum_names(Mode) { return kModeNames; }

struct Programme {
  int64_t id = 0;
  int64_t instansi_id = 0;
  std::string code;  // 2-32 of A-Z 0-9 . _ -
  std::string title;
  ProgrammeType type = ProgrammeType::kOther;
  Mode mode = Mode::kClassroom;
  int64_t jp_e2 = 0;               // what completing it earns, hundredths of a JP
  std::vector<std::string> items;  // competency item codes it develops ("HA.1", "PB.2.3", "X.OWN")
  std::string organiser;
  std::string description;
  bool active = true;
};
// A title, a JP value 0.01..200 JP, an organiser; codes checked by the caller against the
// catalogue.
Status validate(const Programme& programme);

// The kind of learning (the competency catalogue's learning kinds) a programme gives,
// so a development plan's action can be met by it: "character", "soft_skill",
// "intercultural", "mentoring", "social_care", or "" for none in particular.
std::string_view learning_kind_of(const Programme& programme);
// Whether a plan action (its item and kind of learning) is met by the programme.
bool meets(const Programme& programme, std::string_view item_code, std::string_view learning_kind);

enum class ClassStatus { kPlanned, kDone, kCancelled };
inline constexpr EnumName<ClassStatus> kClassStatusNames[] = {
    {ClassStatus::kPlanned, "planned"},
    {ClassStatus::kDone, "done"},
    {ClassStatus::kCancelled, "cancelled"}};
constexpr std::span<const EnumName<ClassStatus>> enum_names(ClassStatus) {
  return kClassStatusNames;
}

struct ClassSession {
  int64_t id = 0;
  int64_t programme_id = 0;
  std::string starts_on, ends_on;  // 'YYYY-MM-DD'
  std::string place;               // a room and address
  std::string link;                // or an online link
  int capacity = 30;
  bool self_registration = false;  // people may ask to join (their superior approves)
  ClassStatus status = ClassStatus::kPlanned;
};
// Real dates with the end not before the start, a place or a link (https:// only),
// capacity 1..10,000. Field errors name "starts_on", "ends_on", "place", "link", "capacity".
Status validate(const ClassSession& session);

enum class EnrolmentStatus {
  kRequested,
  kEnrolled,
  kRejected,
  kWithdrawn,
  kCompleted,
  kNotCompleted
};
inline constexpr EnumName<EnrolmentStatus> kEnrolmentStatusNames[] = {
    {EnrolmentStatus::kRequested, "requested"}, {EnrolmentStatus::kEnrolled, "enrolled"},
    {EnrolmentStatus::kRejected, "rejected"},   {EnrolmentStatus::kWithdrawn, "withdrawn"},
    {EnrolmentStatus::kCompleted, "completed"}, {EnrolmentStatus::kNotCompleted, "not_completed"}};
constexpr std::span<const EnumName<EnrolmentStatus>> enum_names(EnrolmentStatus) {
  return kEnrolmentStatusNames;
}
// Whether an enrolment in this status holds a seat.
bool holds_seat(EnrolmentStatus status);

// The step from one status to another, or the message key of why not:
// "learning.class_full" (no seat left when enrolling), "learning.not_enrolled",
// "learning.status_step".
Status check_step(EnrolmentStatus from, EnrolmentStatus to, int seats_taken, int capacity);

}  // namespace harmoni::learning

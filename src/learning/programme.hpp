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
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"
#include "platform/util/date.hpp"

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
inline constexpr ProgrammeType kProgrammeTypes[] = {
    ProgrammeType::kCharacter,        ProgrammeType::kSoftSkills,
    ProgrammeType::kIntercultural,    ProgrammeType::kMulticulturalEthics,
    ProgrammeType::kExcellentService, ProgrammeType::kEmotionManagement,
    ProgrammeType::kNationalValues,   ProgrammeType::kCrossCulturalForum,
    ProgrammeType::kSocialCare,       ProgrammeType::kOther};
// "character", "soft_skills", "intercultural", "multicultural_ethics", "excellent_service",
// "emotion_management", "national_values", "cross_cultural_forum", "social_care", "other"
std::string_view programme_type_name(ProgrammeType type);
std::optional<ProgrammeType> parse_programme_type(std::string_view name);

enum class Mode { kClassroom, kElearning, kSelfStudy, kCoaching, kExperiential };
inline constexpr Mode kModes[] = {Mode::kClassroom, Mode::kElearning, Mode::kSelfStudy,
                                  Mode::kCoaching, Mode::kExperiential};
std::string_view mode_name(
    Mode mode);  // "classroom", "elearning", "self_study", "coaching", "experiential"
std::optional<Mode> parse_mode(std::string_view name);

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
std::string_view class_status_name(ClassStatus status);  // "planned", "done", "cancelled"
std::optional<ClassStatus> parse_class_status(std::string_view name);

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
// "requested", "enrolled", "rejected", "withdrawn", "completed", "not_completed"
std::string_view enrolment_status_name(EnrolmentStatus status);
std::optional<EnrolmentStatus> parse_enrolment_status(std::string_view name);
// Whether an enrolment in this status holds a seat.
bool holds_seat(EnrolmentStatus status);

// The step from one status to another, or the message key of why not:
// "learning.class_full" (no seat left when enrolling), "learning.not_enrolled",
// "learning.status_step".
Status check_step(EnrolmentStatus from, EnrolmentStatus to, int seats_taken, int capacity);

}  // namespace harmoni::learning

#include "learning/programme.hpp"

#include <algorithm>

#include "learning/jp.hpp"

namespace harmoni::learning {
namespace {

bool valid_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 32) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace

Status validate(const Programme& p) {
  std::vector<FieldError> errors;
  if (!valid_code(p.code)) errors.push_back({"code", "learning.code_invalid", {}});
  if (p.title.size() < 3) errors.push_back({"title", "input.too_short", {{"min", "3"}}});
  if (p.jp_e2 < 1 || p.jp_e2 > 20000)
    errors.push_back({"jp", "input.out_of_range", {{"min", "0.01"}, {"max", "200"}}});
  if (p.organiser.empty()) errors.push_back({"organiser", "input.required", {}});
  if (p.items.size() > 50) errors.push_back({"items", "input.too_many", {{"max", "50"}}});
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

std::string_view learning_kind_of(const Programme& p) {
  if (p.mode == Mode::kCoaching) return "mentoring";
  switch (p.type) {
    case ProgrammeType::kCharacter:
    case ProgrammeType::kNationalValues:
      return "character";
    case ProgrammeType::kSoftSkills:
    case ProgrammeType::kExcellentService:
    case ProgrammeType::kEmotionManagement:
      return "soft_skill";
    case ProgrammeType::kIntercultural:
    case ProgrammeType::kMulticulturalEthics:
    case ProgrammeType::kCrossCulturalForum:
      return "intercultural";
    case ProgrammeType::kSocialCare:
      return "social_care";
    case ProgrammeType::kOther:
      break;
  }
  return "";
}

bool meets(const Programme& p, std::string_view item_code, std::string_view learning_kind) {
  if (!item_code.empty() && std::find(p.items.begin(), p.items.end(), item_code) != p.items.end())
    return true;
  return !learning_kind.empty() && learning_kind_of(p) == learning_kind;
}

Status validate(const ClassSession& c) {
  std::vector<FieldError> errors;
  auto start = parse_date(c.starts_on), end = parse_date(c.ends_on);
  if (!start) errors.push_back({"starts_on", "learning.date_invalid", {}});
  if (!end) {
    errors.push_back({"ends_on", "learning.date_invalid", {}});
  } else if (start && *end < *start) {
    errors.push_back({"ends_on", "learning.ends_before_start", {{"date", c.starts_on}}});
  }
  if (c.place.empty() && c.link.empty()) errors.push_back({"place", "learning.place_or_link", {}});
  if (!c.link.empty() && !c.link.starts_with("https://"))
    errors.push_back({"link", "learning.link_https", {}});
  if (c.capacity < 1 || c.capacity > 10000)
    errors.push_back({"capacity", "input.out_of_range", {{"min", "1"}, {"max", "10000"}}});
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

bool holds_seat(EnrolmentStatus s) {
  return s == EnrolmentStatus::kEnrolled || s == EnrolmentStatus::kCompleted;
}

Status check_step(EnrolmentStatus from, EnrolmentStatus to, int seats_taken, int capacity) {
  using S = EnrolmentStatus;
  const bool allowed = (from == S::kRequested &&
                        (to == S::kEnrolled || to == S::kRejected || to == S::kWithdrawn)) ||
                       ((from == S::kRejected || from == S::kWithdrawn) &&
                        (to == S::kEnrolled || to == S::kRequested)) ||
                       (from == S::kEnrolled &&
                        (to == S::kCompleted || to == S::kNotCompleted || to == S::kWithdrawn)) ||
                       (from == S::kNotCompleted && to == S::kCompleted);
  if (!allowed) {
    if ((to == S::kCompleted || to == S::kNotCompleted) && from != S::kEnrolled)
      return Error::conflict("learning.not_enrolled");
    return Error::conflict("learning.status_step");
  }
  if (to == S::kEnrolled && !holds_seat(from) && seats_taken >= capacity)
    return Error::conflict("learning.class_full");
  return {};
}

}  // namespace harmoni::learning

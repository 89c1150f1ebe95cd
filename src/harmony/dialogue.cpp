#include "harmony/dialogue.hpp"

#include <algorithm>

#include "harmony/text_rules.hpp"

namespace harmoni::harmony {

Status validate(const Session& session, const Date& today) {
  std::vector<FieldError> errors;
  if (today < session.held_on) errors.push_back({"held_on", "harmony.date_future", {}});
  if (session.sides_present.empty()) errors.push_back({"sides", "harmony.sides_required", {}});
  for (const Need& need : session.needs) {
    if (std::find(session.sides_present.begin(), session.sides_present.end(), need.side) ==
        session.sides_present.end())
      errors.push_back(
          {"needs", "harmony.need_side_absent", {{"side", std::to_string(need.side)}}});
    check_length(errors, "needs", need.text, 3, 1000);
  }
  check_length(errors, "notes", session.notes, 0, 4000);
  return errors_or_ok(std::move(errors));
}

Status validate(const Agreement& agreement, const Date& today) {
  std::vector<FieldError> errors;
  check_length(errors, "text", agreement.text, 5, 1000);
  if (agreement.owner_asn_id <= 0) errors.push_back({"owner", "input.required", {}});
  if (agreement.due_on < today) errors.push_back({"due_on", "harmony.due_past", {}});
  return errors_or_ok(std::move(errors));
}

bool is_overdue(const Agreement& agreement, const Date& today) {
  return agreement.state != AgreementState::kKept && agreement.due_on < today;
}

Status validate(const Check& check) {
  std::vector<FieldError> errors;
  check_length(errors, "note", check.note, check.kept ? 0 : 5, 2000);
  return errors_or_ok(std::move(errors));
}

}  // namespace harmoni::harmony

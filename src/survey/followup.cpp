#include "survey/followup.hpp"

#include <vector>

#include "platform/util/date.hpp"
#include "survey/ikm.hpp"

namespace harmoni::survey {

Status validate(const FollowUp& f) {
  std::vector<FieldError> errors;
  bool known_element = f.element.empty();
  for (int i = 1; i <= kElements; ++i)
    known_element = known_element || f.element == "U" + std::to_string(i);
  if (!known_element) errors.push_back({"element", "skm.element_unknown", {}});
  auto from = parse_date(f.period_from), to = parse_date(f.period_to), due = parse_date(f.due_date);
  if (!from || !to || *to < *from) errors.push_back({"period", "skm.date_invalid", {}});
  if (!due) {
    errors.push_back({"due_date", "skm.date_invalid", {}});
  } else if (to && *due < *to) {
    // Results are known only once the period is over; so is what to do about them.
    errors.push_back({"due_date", "followup.due_before_period", {{"date", f.period_to}}});
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

}  // namespace harmoni::survey

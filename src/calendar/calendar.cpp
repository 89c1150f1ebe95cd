#include "calendar/calendar.hpp"

#include "platform/util/utf8.hpp"

namespace harmoni::calendar {

Status validate(const Holiday& h) {
  std::vector<FieldError> errors;
  const size_t length = utf8_length(h.name);
  if (length < 3) errors.push_back({"name", "input.too_short", {{"min", "3"}}});
  if (length > 120) errors.push_back({"name", "input.too_long", {{"max", "120"}}});
  if (h.day.year < 2000 || h.day.year > 2100)
    errors.push_back({"date", "calendar.year_out_of_range", {{"min", "2000"}, {"max", "2100"}}});
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

WorkingCalendar::WorkingCalendar(const std::vector<Holiday>& days_off) {
  for (const auto& h : days_off) {
    days_off_.insert(h.day);
    years_.insert(h.day.year);
  }
}

bool WorkingCalendar::is_working_day(const Date& d) const {
  return iso_weekday(d) <= 5 && !days_off_.contains(d);
}

Date WorkingCalendar::add_working_days(const Date& from, int n) const {
  Date d = from;
  if (n <= 0) {
    while (!is_working_day(d)) d = next_day(d);
    return d;
  }
  while (n > 0) {
    d = next_day(d);
    if (is_working_day(d)) --n;
  }
  return d;
}

int WorkingCalendar::working_days_between(const Date& from, const Date& to) const {
  int count = 0;
  for (Date d = next_day(from); d <= to; d = next_day(d)) count += is_working_day(d);
  return count;
}

}  // namespace harmoni::calendar

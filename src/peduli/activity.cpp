#include "peduli/activity.hpp"

#include <charconv>

namespace harmoni::peduli {
namespace {

// 'HH:MM' to minutes since midnight.
std::optional<int> clock_minutes(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  auto [he, hec] = std::from_chars(t.data(), t.data() + 2, h);
  auto [me, mec] = std::from_chars(t.data() + 3, t.data() + 5, m);
  if (hec != std::errc() || mec != std::errc() || he != t.data() + 2 || me != t.data() + 5)
    return std::nullopt;
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return h * 60 + m;
}

// Days from a to b (b >= a expected; small spans only).
int days_between(Date a, const Date& b) {
  int n = 0;
  while (a < b && n < 400) {
    a = next_day(a);
    ++n;
  }
  return n;
}

}  // namespace

int64_t planned_minutes(const Activity& a) {
  auto start = parse_date(a.starts_on), end = parse_date(a.ends_on);
  auto from = clock_minutes(a.start_time), to = clock_minutes(a.end_time);
  if (!start || !end || !from || !to || *end < *start) return 0;
  const int64_t minutes = static_cast<int64_t>(days_between(*start, *end)) * 24 * 60 + *to - *from;
  return minutes > 0 ? minutes : 0;
}

Status validate(const Activity& a) {
  std::vector<FieldError> errors;
  if (a.title.size() < 3) errors.push_back({"title", "input.too_short", {{"min", "3"}}});
  auto start = parse_date(a.starts_on), end = parse_date(a.ends_on);
  if (!start) errors.push_back({"starts_on", "learning.date_invalid", {}});
  if (!end) errors.push_back({"ends_on", "learning.date_invalid", {}});
  if (!clock_minutes(a.start_time)) errors.push_back({"start_time", "peduli.time_invalid", {}});
  if (!clock_minutes(a.end_time)) errors.push_back({"end_time", "peduli.time_invalid", {}});
  if (errors.empty()) {
    if (planned_minutes(a) <= 0) {
      errors.push_back(
          {"ends_on", "peduli.ends_before_start", {{"date", a.starts_on}, {"time", a.start_time}}});
    } else if (days_between(*start, *end) > 14) {
      errors.push_back({"ends_on", "peduli.too_long", {{"days", "14"}}});
    }
  }
  if (a.capacity < 1 || a.capacity > 5000)
    errors.push_back({"capacity", "input.out_of_range", {{"min", "1"}, {"max", "5000"}}});
  if (a.beneficiaries < 0 || a.beneficiaries > 1000000) {
    errors.push_back({"beneficiaries", "input.out_of_range", {{"min", "0"}, {"max", "1000000"}}});
  }
  if (a.coordinator_asn_id <= 0)
    errors.push_back({"coordinator", "peduli.coordinator_required", {}});
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

Status check_confirmation(const Activity& activity, Attendance attendance, int64_t minutes) {
  if (attendance == Attendance::kAbsent)
    return minutes == 0 ? Status{} : Error::field("minutes", "peduli.absent_no_minutes");
  if (attendance != Attendance::kAttended)
    return Error::field("attendance", "peduli.confirm_attended_or_absent");
  const int64_t most = planned_minutes(activity) + 60;
  if (minutes < 1 || minutes > most) {
    return Error::field("minutes", "input.out_of_range",
                        {{"min", "1"}, {"max", std::to_string(most)}});
  }
  return {};
}

}  // namespace harmoni::peduli

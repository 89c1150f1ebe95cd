// Working days: Monday to Friday, except national holidays and collective leave days
// (cuti bersama), which a joint decree of three ministers sets each year and sometimes
// changes during it. The days off are data an administrator keeps; this is the
// arithmetic over them. Pure: the calendar is handed in.
#pragma once

#include <set>
#include <span>
#include <string>
#include <vector>

#include "platform/result.hpp"
#include "platform/util/date.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::calendar {

enum class HolidayKind { kNational, kCollectiveLeave };
inline constexpr EnumName<HolidayKind> kHolidayKindNames[] = {
    {HolidayKind::kNational, "national"}, {HolidayKind::kCollectiveLeave, "collective_leave"}};
constexpr std::span<const EnumName<HolidayKind>> enum_names(HolidayKind) {
  return kHolidayKindNames;
}

struct Holiday {
  Date day;
  std::string name;  // "Hari Raya Idul Fitri 1447 H"
  HolidayKind kind = HolidayKind::kNational;
};

// A name of 3 to 120 characters; the day between 2000 and 2100.
Status validate(const Holiday& h);

class WorkingCalendar {
 public:
  WorkingCalendar() = default;
  explicit WorkingCalendar(const std::vector<Holiday>& days_off);

  bool is_working_day(const Date& d) const;
  // The `n`th working day after `from` (n >= 1): a deadline of n working days from a
  // report received on `from`, whatever hour it came. n = 0 gives `from` itself when it
  // is a working day, else the next working day.
  Date add_working_days(const Date& from, int n) const;
  // How many working days lie after `from` up to and including `to` (0 when to <= from):
  // how late a step came, in the unit deadlines are counted in.
  int working_days_between(const Date& from, const Date& to) const;
  // Whether any day off of that year is known: a year with none means the calendar was
  // not kept up, and deadlines in it may fall on a holiday.
  bool knows_year(int year) const { return years_.contains(year); }

 private:
  std::set<Date> days_off_;
  std::set<int> years_;
};

}  // namespace harmoni::calendar

// Working-day arithmetic with the calendar handed in: weekends and days off never count,
// a deadline never falls on one, and more days never give an earlier date.
#include "calendar/calendar.hpp"

#include <gtest/gtest.h>

#include <random>

namespace harmoni::calendar {
namespace {

// The 2026 decree's days around Idul Fitri 1447 H.
WorkingCalendar lebaran_2026() {
  return WorkingCalendar(
      {{{2026, 3, 18}, "Cuti bersama Nyepi", HolidayKind::kCollectiveLeave},
       {{2026, 3, 19}, "Hari Suci Nyepi", HolidayKind::kNational},
       {{2026, 3, 20}, "Cuti bersama Idul Fitri", HolidayKind::kCollectiveLeave},
       {{2026, 3, 21}, "Idul Fitri 1447 H", HolidayKind::kNational},
       {{2026, 3, 22}, "Idul Fitri 1447 H", HolidayKind::kNational},
       {{2026, 3, 23}, "Cuti bersama Idul Fitri", HolidayKind::kCollectiveLeave},
       {{2026, 3, 24}, "Cuti bersama Idul Fitri", HolidayKind::kCollectiveLeave}});
}

TEST(WorkingCalendar, SkipsWeekendsAndDaysOff) {
  const WorkingCalendar c = lebaran_2026();
  // A report on Tuesday 17 March: three working days are 25, 26 and 27 March.
  EXPECT_EQ(c.add_working_days({2026, 3, 17}, 3), (Date{2026, 3, 27}));
  EXPECT_EQ(c.add_working_days({2026, 3, 17}, 1), (Date{2026, 3, 25}));
  // Friday to the next working day is Monday; a Saturday report counts from Monday.
  EXPECT_EQ(c.add_working_days({2026, 12, 4}, 1), (Date{2026, 12, 7}));
  EXPECT_EQ(c.add_working_days({2026, 12, 5}, 1), (Date{2026, 12, 7}));
  EXPECT_EQ(c.add_working_days({2026, 12, 5}, 0), (Date{2026, 12, 7}));
  EXPECT_EQ(c.add_working_days({2026, 12, 3}, 0), (Date{2026, 12, 3}));
  EXPECT_EQ(c.working_days_between({2026, 3, 17}, {2026, 3, 27}), 3);
  EXPECT_EQ(c.working_days_between({2026, 3, 27}, {2026, 3, 17}), 0);
  EXPECT_TRUE(c.knows_year(2026));
  EXPECT_FALSE(c.knows_year(2027));
}

TEST(WorkingCalendar, PropertiesHoldOverRandomCalendarsAndDates) {
  std::mt19937 rng(20261203);
  for (int round = 0; round < 200; ++round) {
    std::vector<Holiday> off;
    const int count = static_cast<int>(rng() % 40);
    for (int i = 0; i < count; ++i) {
      off.push_back({add_days(Date{2026, 1, 1}, rng() % 400), "Libur", HolidayKind::kNational});
    }
    const WorkingCalendar c(off);
    const Date from = add_days(Date{2026, 1, 1}, rng() % 365);
    Date previous = from;
    for (int n = 1; n <= 70; ++n) {
      const Date due = c.add_working_days(from, n);
      ASSERT_TRUE(c.is_working_day(due)) << format_date(due);
      ASSERT_LE(iso_weekday(due), 5);
      ASSERT_LT(previous, due) << "more days never give an earlier (or the same) date";
      ASSERT_EQ(c.working_days_between(from, due), n) << "the two agree";
      previous = due;
    }
  }
}

TEST(Holiday, NeedsANameAndAPlausibleYear) {
  EXPECT_TRUE(validate({{2026, 8, 17}, "Hari Kemerdekaan", HolidayKind::kNational}).ok());
  auto bad = validate({{1999, 8, 17}, "HK", HolidayKind::kNational});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 2u);
}

}  // namespace
}  // namespace harmoni::calendar

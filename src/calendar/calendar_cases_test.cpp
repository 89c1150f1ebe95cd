// The calendar's use cases on every backend: a decree imported whole or not at all, a
// check that stores nothing, days kept by system administrators only, and the shipped
// years loaded once without bringing back what an administrator removed.
#include "calendar/calendar_cases.hpp"

#include <gtest/gtest.h>

#include "support/seed.hpp"

namespace harmoni::calendar {
namespace {

constexpr std::string_view kDecree2027 =
    "tanggal;nama;jenis\n"
    "2027-01-01;Tahun Baru 2027 Masehi;libur nasional\n"
    "2027-02-06;Tahun Baru Imlek 2578 Kongzili;libur nasional\n"
    "2027-02-05;Cuti bersama Tahun Baru Imlek;cuti bersama\n";

class CalendarCases : public ::testing::TestWithParam<std::string> {
 protected:
  auth::Principal root_{.user_id = 1, .role = auth::Role::kSystemAdmin};
  auth::Principal admin_{.user_id = 2, .role = auth::Role::kInstansiAdmin, .instansi_id = 1};
  test::CaseWorld world_{GetParam(), 1'796'277'600'000};
};

TEST_P(CalendarCases, ADecreeIsImportedWholeOrNotAtAll) {
  std::string broken = std::string(kDecree2027) + "2027-02-30;Tanggal salah;libur nasional\n" +
                       "2027-01-01;Lagi;libur nasional\n" + "2027-03-10;Nyepi;hari besar\n";
  auto refused = import_holidays(world_.env(), world_.as(root_), broken, {});
  ASSERT_TRUE(refused.ok()) << refused.error().key;
  EXPECT_EQ(refused->rows, 6);
  EXPECT_EQ(refused->bad_rows, 3);
  EXPECT_FALSE(refused->written);
  EXPECT_TRUE(holidays_of_year(world_.env(), 2027)->empty());
  std::set<std::string> keys;
  for (const auto& p : refused->problems) keys.insert(p.key);
  EXPECT_EQ(keys, (std::set<std::string>{"calendar.date_invalid", "calendar.day_repeated",
                                         "calendar.kind_invalid"}));

  auto checked = import_holidays(world_.env(), world_.as(root_), kDecree2027, {.dry_run = true});
  EXPECT_FALSE(checked->written);
  EXPECT_TRUE(holidays_of_year(world_.env(), 2027)->empty());

  auto stored = import_holidays(world_.env(), world_.as(root_), kDecree2027, {});
  ASSERT_TRUE(stored->written);
  EXPECT_EQ(stored->inserted, 3);
  auto days = holidays_of_year(world_.env(), 2027).value();
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[1].day, (Date{2027, 2, 5}));
  EXPECT_EQ(days[1].kind, HolidayKind::kCollectiveLeave);
  EXPECT_EQ(world_.audited("holiday.import"), 1);
  // Again: nothing changes.
  auto again = import_holidays(world_.env(), world_.as(root_), kDecree2027, {});
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(again->inserted + again->updated, 0);
}

TEST_P(CalendarCases, OnlySystemAdministratorsKeepTheCalendar) {
  const Holiday h{{2027, 8, 17}, "Proklamasi Kemerdekaan", HolidayKind::kNational};
  Status refused = save_holiday(world_.env(), world_.as(admin_), h);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kForbidden);
  EXPECT_FALSE(import_holidays(world_.env(), world_.as(admin_), kDecree2027, {}).ok());
  ASSERT_TRUE(save_holiday(world_.env(), world_.as(root_), h).ok());
  EXPECT_EQ(world_.audited("holiday.create"), 1);
  EXPECT_FALSE(remove_holiday(world_.env(), world_.as(admin_), h.day).ok());
  ASSERT_TRUE(remove_holiday(world_.env(), world_.as(root_), h.day).ok());
  auto gone = remove_holiday(world_.env(), world_.as(root_), h.day);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().key, "calendar.day_unknown");
}

TEST_P(CalendarCases, ShippedYearsLoadOnceAndRemovalsStay) {
  ASSERT_TRUE(load_shipped_calendar(world_.db(), 1).ok());
  auto y2026 = holidays_of_year(world_.env(), 2026).value();
  EXPECT_EQ(y2026.size(), 25u) << "17 national holidays and 8 days of collective leave";
  ASSERT_TRUE(remove_holiday(world_.env(), world_.as(root_), {2026, 12, 24}).ok());
  ASSERT_TRUE(load_shipped_calendar(world_.db(), 2).ok());
  EXPECT_EQ(holidays_of_year(world_.env(), 2026)->size(), 24u);
  auto cal = working_calendar(world_.env(), 2026, 2026).value();
  EXPECT_TRUE(cal.is_working_day({2026, 12, 24}));
  EXPECT_FALSE(cal.is_working_day({2026, 12, 25}));
  // After Lebaran: a report on 17 March is verified by 27 March at the latest.
  EXPECT_EQ(cal.add_working_days({2026, 3, 17}, 3), (Date{2026, 3, 27}));
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarCases, ::testing::ValuesIn(test::backend_names()));

}  // namespace
}  // namespace harmoni::calendar

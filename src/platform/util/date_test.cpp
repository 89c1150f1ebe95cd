#include "platform/util/date.hpp"

#include <gtest/gtest.h>

namespace harmoni {
namespace {

TEST(Date, ParsesOnlyRealDates) {
  EXPECT_EQ(parse_date("2026-11-23"), (Date{2026, 11, 23}));
  EXPECT_EQ(parse_date("2024-02-29"), (Date{2024, 2, 29}));
  for (const char* bad : {"2023-02-29", "2026-13-01", "2026-1-01", "26-11-23", "2026/11/23",
                          "2026-11-2x", "", "2026-11-230", "2026-00-10", "2026-04-31"}) {
    EXPECT_FALSE(parse_date(bad).has_value()) << bad;
  }
}

TEST(Date, FormatsAndSteps) {
  EXPECT_EQ(format_date({2026, 1, 5}), "2026-01-05");
  EXPECT_EQ(format_month({2026, 1, 5}), "2026-01");
  EXPECT_EQ(next_day({2026, 12, 31}), (Date{2027, 1, 1}));
  EXPECT_EQ(next_day({2024, 2, 28}), (Date{2024, 2, 29}));
  EXPECT_EQ(next_day({2023, 2, 28}), (Date{2023, 3, 1}));
  EXPECT_EQ(last_of_month({2024, 2, 3}), (Date{2024, 2, 29}));
  EXPECT_EQ(first_of_month({2024, 2, 3}), (Date{2024, 2, 1}));
}

TEST(Date, CountsDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(days_since_epoch(Date{1970, 1, 1}), 0);
  EXPECT_EQ(days_since_epoch(Date{2000, 3, 1}), 11017);
  EXPECT_EQ(days_since_epoch(Date{1969, 12, 31}), -1);
  EXPECT_EQ(add_days(Date{2024, 2, 28}, 1), (Date{2024, 2, 29}));
  EXPECT_EQ(add_days(Date{2026, 12, 31}, 1), (Date{2027, 1, 1}));
  EXPECT_EQ(add_days(Date{2026, 3, 1}, -1), (Date{2026, 2, 28}));
  // Every day of four centuries agrees with stepping one day at a time.
  Date walked{1900, 1, 1};
  const int64_t start = days_since_epoch(walked);
  for (int64_t n = 0; n < 146097; ++n) {
    ASSERT_EQ(date_from_epoch_days(start + n), walked) << n;
    walked = next_day(walked);
  }
}

TEST(Date, OfficeDayIsWesternIndonesianTime) {
  // 2026-11-22T17:00:00Z is midnight in Jakarta.
  const int64_t midnight_wib_ms = 1795366800000;
  EXPECT_EQ(date_in_wib(midnight_wib_ms), (Date{2026, 11, 23}));
  EXPECT_EQ(date_in_wib(midnight_wib_ms - 1000), (Date{2026, 11, 22}));
  EXPECT_EQ(wib_day_start_ms(midnight_wib_ms + 5 * 3'600'000), midnight_wib_ms);
  EXPECT_EQ(wib_day_start_ms(midnight_wib_ms - 1), midnight_wib_ms - 86'400'000);
}

TEST(Date, EachIndonesianZoneHasItsOwnMidnight) {
  // 2026-11-22T16:30:00Z: still the 22nd in Jakarta (midnight at 17:00Z), already the
  // 23rd in Makassar (16:00Z) and Jayapura (15:00Z).
  const int64_t at = 1795365000000;
  EXPECT_EQ(date_in_zone(at, TimeZone::kWib), (Date{2026, 11, 22}));
  EXPECT_EQ(date_in_zone(at, TimeZone::kWita), (Date{2026, 11, 23}));
  EXPECT_EQ(date_in_zone(at, TimeZone::kWit), (Date{2026, 11, 23}));
  const Date day{2026, 11, 23};
  EXPECT_EQ(day_start_ms(day, TimeZone::kWib), 1795366800000);
  EXPECT_EQ(day_start_ms(day, TimeZone::kWita), 1795366800000 - 3'600'000);
  EXPECT_EQ(day_start_ms(day, TimeZone::kWit), 1795366800000 - 7'200'000);
  for (auto zone : {TimeZone::kWib, TimeZone::kWita, TimeZone::kWit}) {
    EXPECT_EQ(date_in_zone(day_start_ms(day, zone), zone), day);
    EXPECT_EQ(date_in_zone(day_start_ms(day, zone) - 1, zone), (Date{2026, 11, 22}));
  }
  // Before 1970 the day still starts at midnight.
  EXPECT_EQ(date_in_zone(day_start_ms(Date{1969, 12, 31}, TimeZone::kWib), TimeZone::kWib),
            (Date{1969, 12, 31}));
}

TEST(Date, KnowsTheWeekday) {
  EXPECT_EQ(iso_weekday(Date{2026, 12, 3}), 4);  // a Thursday
  EXPECT_EQ(iso_weekday(Date{2026, 12, 6}), 7);
  EXPECT_EQ(iso_weekday(Date{2026, 12, 7}), 1);
  EXPECT_EQ(iso_weekday(Date{1970, 1, 1}), 4);
  EXPECT_EQ(iso_weekday(Date{1969, 12, 29}), 1);
}

TEST(Date, InstantsForTheApiAreUtc) {
  EXPECT_EQ(iso_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(iso_utc(1'796'263'200'999), "2026-12-03T02:00:00Z");
  EXPECT_EQ(iso_utc(-1), "1969-12-31T23:59:59Z");
}

}  // namespace
}  // namespace harmoni

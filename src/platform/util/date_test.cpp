#include "platform/util/date.hpp"

#include <gtest/gtest.h>

namespace harmoni {
namespace {

TEST(Date, ParsesOnlyRealDates) {
  EXPECT_EQ(parse_date("2026-11-23"), (Date{2026, 11, 23}));
  EXPECT_EQ(parse_date("2024-02-29"), (Date{2024, 2, 29}));
  for (const char* bad : {"2023-02-29", "2026-13-01", "2026-1-01", "26-11-23", "2026/11/23", "2026-11-2x", "",
                          "2026-11-230", "2026-00-10", "2026-04-31"}) {
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

TEST(Date, OfficeDayIsWesternIndonesianTime) {
  // 2026-11-22T17:00:00Z is midnight in Jakarta.
  const int64_t midnight_wib_ms = 1795366800000;
  EXPECT_EQ(date_in_wib(midnight_wib_ms), (Date{2026, 11, 23}));
  EXPECT_EQ(date_in_wib(midnight_wib_ms - 1000), (Date{2026, 11, 22}));
  EXPECT_EQ(wib_day_start_ms(midnight_wib_ms + 5 * 3'600'000), midnight_wib_ms);
  EXPECT_EQ(wib_day_start_ms(midnight_wib_ms - 1), midnight_wib_ms - 86'400'000);
}

}  // namespace
}  // namespace harmoni

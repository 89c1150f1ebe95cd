// Dates and numbers as people read them, in both languages.
#include "platform/util/display.hpp"

#include <gtest/gtest.h>

namespace harmoni {
namespace {

TEST(Display, DatesReadInTheUsersLanguage) {
  EXPECT_EQ(long_date({2026, 12, 3}, "id"), "3 Desember 2026");
  EXPECT_EQ(long_date({2026, 3, 21}, "en"), "21 March 2026");
  // 2026-12-03 06:05 UTC is 14.05 in Makassar.
  EXPECT_EQ(long_date_time(1'796'277'900'000, TimeZone::kWita, "id"),
            "3 Desember 2026 pukul 14.05 WITA");
  EXPECT_EQ(long_date_time(1'796'277'900'000, TimeZone::kWib, "en"), "3 December 2026, 13:05 WIB");
}

TEST(Display, NumbersUseTheDecimalCommaInIndonesian) {
  EXPECT_EQ(decimal(4.25, 2, "id"), "4,25");
  EXPECT_EQ(decimal(4.25, 2, "en"), "4.25");
  EXPECT_EQ(decimal(1234567.891, 1, "id"), "1.234.567,9");
  EXPECT_EQ(decimal(1234567.891, 1, "en"), "1,234,567.9");
  EXPECT_EQ(decimal(87, 0, "id"), "87");
  EXPECT_EQ(decimal(-0.004, 2, "id"), "0,00");
  EXPECT_EQ(decimal(-12.5, 1, "id"), "-12,5");
}

}  // namespace
}  // namespace harmoni

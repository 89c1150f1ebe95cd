// Calendar dates ('YYYY-MM-DD') and the Indonesian office day. Pure: no clock here;
// callers pass instants from the injected Clock.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace harmoni {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  friend auto operator<=>(const Date&, const Date&) = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);  // 0 for a month outside 1..12
// Strictly 'YYYY-MM-DD' with a real day; nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(const Date& d);   // 'YYYY-MM-DD'
std::string format_month(const Date& d);  // 'YYYY-MM'
// The calendar day in western Indonesian time (UTC+7, no daylight saving) of an instant.
Date date_in_wib(int64_t unix_ms);
// The instant (ms) that day began: midnight WIB.
int64_t wib_day_start_ms(int64_t unix_ms);
Date next_day(const Date& d);
// Days since 1970-01-01 (negative before), and back: steps of any size, in O(1).
int64_t days_since_epoch(const Date& d);
Date date_from_epoch_days(int64_t days);
Date add_days(const Date& d, int64_t days);
Date first_of_month(const Date& d);
Date last_of_month(const Date& d);

}  // namespace harmoni

// Calendar dates ('YYYY-MM-DD') and the Indonesian office day. Pure: no clock here;
// callers pass instants from the injected Clock.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/util/enum_names.hpp"

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
// Indonesia's three time zones, none with daylight saving: western (UTC+7), central
// (UTC+8), eastern (UTC+9).
enum class TimeZone { kWib, kWita, kWit };
inline constexpr EnumName<TimeZone> kTimeZoneNames[] = {
    {TimeZone::kWib, "WIB"}, {TimeZone::kWita, "WITA"}, {TimeZone::kWit, "WIT"}};
constexpr std::span<const EnumName<TimeZone>> enum_names(TimeZone) { return kTimeZoneNames; }

// The calendar day of an instant in that zone.
Date date_in_zone(int64_t unix_ms, TimeZone zone);
// The instant (ms) the day began in that zone (its midnight).
int64_t day_start_ms(const Date& d, TimeZone zone);
// The calendar day in western Indonesian time of an instant (the office day of most
// instansi, and of the pages that do not know one).
Date date_in_wib(int64_t unix_ms);
// The instant (ms) that day began: midnight WIB.
int64_t wib_day_start_ms(int64_t unix_ms);
// 1 for Monday up to 7 for Sunday.
int iso_weekday(const Date& d);
Date next_day(const Date& d);
// Days since 1970-01-01 (negative before), and back: steps of any size, in O(1).
int64_t days_since_epoch(const Date& d);
Date date_from_epoch_days(int64_t days);
Date add_days(const Date& d, int64_t days);
// "2026-12-03T02:00:00Z": an instant for the API (RFC 3339, UTC, whole seconds).
std::string iso_utc(int64_t unix_ms);
Date first_of_month(const Date& d);
Date last_of_month(const Date& d);

}  // namespace harmoni

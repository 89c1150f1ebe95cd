#include "platform/util/date.hpp"

#include <cstdio>
#include <ctime>

namespace harmoni {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  Date d{number(0, 4), number(5, 2), number(8, 2)};
  if (d.year < 1900 || d.year > 9999 || d.day < 1 || d.day > days_in_month(d.year, d.month))
    return std::nullopt;
  return d;
}

// snprintf, not fmt: this file is also built into the fuzz targets, which link nothing else.
std::string format_date(const Date& d) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", d.year, d.month, d.day);
  return out;
}

std::string format_month(const Date& d) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d", d.year, d.month);
  return out;
}

namespace {
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t offset_ms(TimeZone zone) {
  switch (zone) {
    case TimeZone::kWita:
      return 8 * 3'600'000;
    case TimeZone::kWit:
      return 9 * 3'600'000;
    case TimeZone::kWib:
      break;
  }
  return 7 * 3'600'000;
}
// Floor division, so instants before 1970 fall on the right day too.
int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

Date date_in_zone(int64_t unix_ms, TimeZone zone) {
  return date_from_epoch_days(floor_div(unix_ms + offset_ms(zone), kDayMs));
}

int64_t day_start_ms(const Date& d, TimeZone zone) {
  return days_since_epoch(d) * kDayMs - offset_ms(zone);
}

Date date_in_wib(int64_t unix_ms) { return date_in_zone(unix_ms, TimeZone::kWib); }

int64_t wib_day_start_ms(int64_t unix_ms) {
  return day_start_ms(date_in_wib(unix_ms), TimeZone::kWib);
}

int iso_weekday(const Date& d) {
  // 1970-01-01 was a Thursday (4).
  return static_cast<int>((days_since_epoch(d) % 7 + 7 + 3) % 7) + 1;
}

Date next_day(const Date& d) {
  if (d.day < days_in_month(d.year, d.month)) return Date{d.year, d.month, d.day + 1};
  if (d.month < 12) return Date{d.year, d.month + 1, 1};
  return Date{d.year + 1, 1, 1};
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
int64_t days_since_epoch(const Date& d) {
  const int64_t y = d.month <= 2 ? d.year - 1 : d.year;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date date_from_epoch_days(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0)), month, day};
}

Date add_days(const Date& d, int64_t days) {
  return date_from_epoch_days(days_since_epoch(d) + days);
}

Date first_of_month(const Date& d) { return Date{d.year, d.month, 1}; }
Date last_of_month(const Date& d) { return Date{d.year, d.month, days_in_month(d.year, d.month)}; }

std::string iso_utc(int64_t unix_ms) {
  const int64_t seconds = unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000;
  const int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const int64_t in_day = seconds - days * 86400;
  const Date d = date_from_epoch_days(days);
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                static_cast<int>(in_day % 60));
  return out;
}

}  // namespace harmoni

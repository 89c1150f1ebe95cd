#include "platform/util/display.hpp"

#include <fmt/format.h>

#include <cmath>

namespace harmoni {
namespace {

constexpr std::string_view kMonthsId[] = {"Januari",   "Februari", "Maret",    "April",
                                          "Mei",       "Juni",     "Juli",     "Agustus",
                                          "September", "Oktober",  "November", "Desember"};
constexpr std::string_view kMonthsEn[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

bool english(std::string_view lang) { return lang == "en"; }

}  // namespace

std::string long_date(const Date& d, std::string_view lang) {
  if (d.month < 1 || d.month > 12) return format_date(d);
  const auto& months = english(lang) ? kMonthsEn : kMonthsId;
  return fmt::format("{} {} {}", d.day, months[d.month - 1], d.year);
}

std::string long_date_time(int64_t unix_ms, TimeZone zone, std::string_view lang) {
  const Date d = date_in_zone(unix_ms, zone);
  const int64_t minutes = (unix_ms - day_start_ms(d, zone)) / 60'000;
  const std::string_view zone_name = enum_name(zone);
  if (english(lang)) {
    return fmt::format("{}, {:02}:{:02} {}", long_date(d, lang), minutes / 60, minutes % 60,
                       zone_name);
  }
  return fmt::format("{} pukul {:02}.{:02} {}", long_date(d, lang), minutes / 60, minutes % 60,
                     zone_name);
}

std::string decimal(double value, int places, std::string_view lang) {
  if (!std::isfinite(value)) return "–";
  std::string plain = fmt::format("{:.{}f}", std::fabs(value), places);
  const size_t point = plain.find('.');
  std::string whole = plain.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : plain.substr(point + 1);
  const char group = english(lang) ? ',' : '.';
  const char mark = english(lang) ? '.' : ',';
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += group;
    grouped += whole[i];
  }
  std::string out = (value < 0 && plain.find_first_not_of("0.") != std::string::npos) ? "-" : "";
  out += grouped;
  if (!fraction.empty()) out += mark + fraction;
  return out;
}

}  // namespace harmoni

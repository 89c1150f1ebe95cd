// How dates and numbers read on pages, PDFs and exports meant for people: "3 Desember
// 2026", "4,25" in Bahasa Indonesia; "3 December 2026", "4.25" in English. The API keeps
// ISO dates and JSON numbers. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/util/date.hpp"

namespace harmoni {

// "3 Desember 2026"; any language but "en" reads Indonesian.
std::string long_date(const Date& d, std::string_view lang);
// "3 Desember 2026 pukul 14.05 WITA" / "3 December 2026, 14:05 WITA": the instant in a zone.
std::string long_date_time(int64_t unix_ms, TimeZone zone, std::string_view lang);
// A number with `places` decimals: decimal comma in Bahasa Indonesia, thousands by dots.
std::string decimal(double value, int places, std::string_view lang);

}  // namespace harmoni

// NIP, the 18-digit civil-servant number, checked for structure:
//   digits 1-8   birth date YYYYMMDD (a real date)
//   digits 9-14  start of service YYYYMM (a real month, not in the future, at 18 or older)
//   digit 15     sex: 1 male, 2 female
//   digits 16-18 sequence number 001-999
// Pure: the current month comes in as a parameter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/util/date.hpp"  // days_in_month

namespace harmoni::org {

struct YearMonth {
  int year = 0;
  int month = 0;  // 1..12
  friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

struct NipInfo {
  int birth_year = 0, birth_month = 0, birth_day = 0;
  YearMonth start;
  char sex = 'L';  // 'L' laki-laki (1), 'P' perempuan (2)
  int sequence = 0;
};

// The calendar month at a Unix time, counted in Indonesia's western time (UTC+7):
// a month boundary a few hours off elsewhere in the archipelago changes no NIP check.
YearMonth month_in_wib(int64_t unix_seconds);

// Strips spaces and dots people type into NIPs ("19850312 201001 1 003").
std::string normalize_nip(std::string_view input);
// Checks a normalised NIP. Errors are field errors on `field` with keys nip.*.
Result<NipInfo> parse_nip(std::string_view nip, YearMonth today, std::string_view field = "nip");

}  // namespace harmoni::org

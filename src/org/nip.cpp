#include "org/nip.hpp"

#include <algorithm>

namespace harmoni::org {
namespace {

int number(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

YearMonth month_in_wib(int64_t unix_seconds) {
  Date d = date_in_wib(unix_seconds * 1000);
  return YearMonth{d.year, d.month};
}

std::string normalize_nip(std::string_view input) {
  std::string out;
  for (char c : input) {
    if (c != ' ' && c != '.' && c != '-' && c != '\t') out += c;
  }
  return out;
}

Result<NipInfo> parse_nip(std::string_view nip, YearMonth today, std::string_view field) {
  auto fail = [&](std::string key, MessageArgs args = {}) {
    return Error::field(std::string(field), std::move(key), std::move(args));
  };
  if (!std::all_of(nip.begin(), nip.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return fail("nip.digits");
  }
  if (nip.size() != 18) return fail("nip.length", {{"count", std::to_string(nip.size())}});
  NipInfo info;
  info.birth_year = number(nip.substr(0, 4));
  info.birth_month = number(nip.substr(4, 2));
  info.birth_day = number(nip.substr(6, 2));
  if (info.birth_year < 1900 || info.birth_month < 1 || info.birth_month > 12 ||
      info.birth_day < 1 || info.birth_day > days_in_month(info.birth_year, info.birth_month) ||
      YearMonth{info.birth_year, info.birth_month} > today) {
    return fail("nip.birth_date");
  }
  info.start = YearMonth{number(nip.substr(8, 4)), number(nip.substr(12, 2))};
  if (info.start.month < 1 || info.start.month > 12 || info.start.year < 1900 ||
      info.start > today) {
    return fail("nip.start_month");
  }
  // Appointment needs an age of at least 18 (compared by month).
  if (info.start < YearMonth{info.birth_year + 18, info.birth_month})
    return fail("nip.start_too_young");
  char sex = nip[14];
  if (sex != '1' && sex != '2') return fail("nip.sex");
  info.sex = sex == '1' ? 'L' : 'P';
  info.sequence = number(nip.substr(15, 3));
  if (info.sequence == 0) return fail("nip.sequence");
  return info;
}

}  // namespace harmoni::org

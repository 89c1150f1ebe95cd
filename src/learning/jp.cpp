#include "learning/jp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace harmoni::learning {

int64_t minutes_to_jp_e2(int64_t minutes, int minutes_per_jp) {
  if (minutes <= 0 || minutes_per_jp <= 0) return 0;
  return (minutes * 200 + minutes_per_jp) / (2 * minutes_per_jp);
}

std::string jp_text(int64_t jp_e2) {
  const int64_t whole = jp_e2 / 100, part = jp_e2 % 100;
  if (part == 0) return std::to_string(whole);
  if (part % 10 == 0) return fmt::format("{}.{}", whole, part / 10);
  return fmt::format("{}.{:02}", whole, part);
}

std::optional<int64_t> parse_jp(std::string_view text) {
  size_t sep = text.find_first_of(".,");
  std::string_view whole = text.substr(0, sep),
                   frac = sep == std::string_view::npos ? "" : text.substr(sep + 1);
  if (whole.empty() || frac.size() > 2 || (sep != std::string_view::npos && frac.empty()))
    return std::nullopt;
  int64_t w = 0, f = 0;
  auto [we, wec] = std::from_chars(whole.data(), whole.data() + whole.size(), w);
  if (wec != std::errc() || we != whole.data() + whole.size() || w < 0 || w > 1000)
    return std::nullopt;
  if (!frac.empty()) {
    auto [fe, fec] = std::from_chars(frac.data(), frac.data() + frac.size(), f);
    if (fec != std::errc() || fe != frac.data() + frac.size() || f < 0) return std::nullopt;
    if (frac.size() == 1) f *= 10;
  }
  const int64_t value = w * 100 + f;
  if (value > 100000) return std::nullopt;
  return value;
}

Standing standing(int64_t jp_e2) {
  Standing s{.jp_e2 = jp_e2};
  s.met = jp_e2 >= kYearlyRightE2;
  s.missing_e2 = s.met ? 0 : kYearlyRightE2 - jp_e2;
  return s;
}

Status validate(const LearningSettings& s) {
  std::vector<FieldError> errors;
  if (s.minutes_per_jp < 30 || s.minutes_per_jp > 120) {
    errors.push_back({"minutes_per_jp", "input.out_of_range", {{"min", "30"}, {"max", "120"}}});
  }
  if (s.peduli_jp_per_hour_e2 < 0 || s.peduli_jp_per_hour_e2 > 400) {
    errors.push_back({"peduli_jp_per_hour", "input.out_of_range", {{"min", "0"}, {"max", "4"}}});
  }
  if (s.peduli_max_jp_e2 < 0 || s.peduli_max_jp_e2 > 4000) {
    errors.push_back({"peduli_max_jp", "input.out_of_range", {{"min", "0"}, {"max", "40"}}});
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

int64_t peduli_jp_e2(int64_t confirmed_minutes, const LearningSettings& s) {
  if (confirmed_minutes <= 0) return 0;
  const int64_t earned = (confirmed_minutes * s.peduli_jp_per_hour_e2 + 30) / 60;
  return std::min(earned, s.peduli_max_jp_e2);
}

}  // namespace harmoni::learning

// Learning hours (jam pelajaran, JP): every ASN is owed at least 20 JP of competency
// development a calendar year (PP 11/2017 as amended by PP 17/2020). Amounts are kept in
// hundredths of a JP (integers), so sums are exact and a year's total is never a float.
// Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/util/date.hpp"

namespace harmoni::learning {

inline constexpr int64_t kYearlyRightE2 = 2000;  // 20 JP (also in migrations/0007's triggers)
inline constexpr int kDefaultMinutesPerJp = 45;  // a common convention; a setting per instansi
inline constexpr int64_t kMaxRecordMinutes = 60 * 24 * 366;

// Minutes of learning as hundredths of a JP, rounded half up: 90 minutes at 45 a JP is
// 200 (2 JP); 50 minutes is 111.
int64_t minutes_to_jp_e2(int64_t minutes, int minutes_per_jp);
// "2", "2.5", "1.11": a JP amount for people.
std::string jp_text(int64_t jp_e2);
// Parses "2", "2.5", "2,5", "12.25" (at most two decimals, 0..1000 JP).
std::optional<int64_t> parse_jp(std::string_view text);

// The calendar year a record counts in: the year it was completed. Never across years.
inline int ledger_year(const Date& completed_on) { return completed_on.year; }

// How a person stands against the yearly right.
struct Standing {
  int64_t jp_e2 = 0;
  int64_t missing_e2 = 0;  // to reach 20 JP; 0 when met
  bool met = false;
};
Standing standing(int64_t jp_e2);

// Checks the per-instansi settings: minutes per JP (30..120), and the social-care credit
// (JP per hour of confirmed work, hundredths, 0..400, and a cap per activity, 0..4000).
struct LearningSettings {
  int minutes_per_jp = kDefaultMinutesPerJp;
  int64_t peduli_jp_per_hour_e2 = 100;  // 1 JP for an hour of work alongside a community
  int64_t peduli_max_jp_e2 = 800;       // at most 8 JP from one activity
};
Status validate(const LearningSettings& settings);

// The JP a confirmed social-care activity earns: hours times the rate, capped.
int64_t peduli_jp_e2(int64_t confirmed_minutes, const LearningSettings& settings);

}  // namespace harmoni::learning

#include "org/nip.hpp"

#include <gtest/gtest.h>

namespace harmoni::org {
namespace {

constexpr YearMonth kToday{2026, 11};

std::string key_of(const Result<NipInfo>& r) { return r.ok() ? "ok" : r.error().fields.at(0).key; }

TEST(Nip, AcceptsAWellFormedNip) {
  auto info = parse_nip("198503122010011003", kToday);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->birth_year, 1985);
  EXPECT_EQ(info->birth_month, 3);
  EXPECT_EQ(info->birth_day, 12);
  EXPECT_EQ(info->start, (YearMonth{2010, 1}));
  EXPECT_EQ(info->sex, 'L');
  EXPECT_EQ(info->sequence, 3);
  EXPECT_EQ(parse_nip("199002292015032001", kToday).ok(), false) << "1990 is no leap year";
  EXPECT_EQ(parse_nip("199202292015032001", kToday)->sex, 'P');
}

TEST(Nip, NormalisesTypedSeparators) {
  EXPECT_EQ(normalize_nip("19850312 201001 1 003"), "198503122010011003");
  EXPECT_EQ(normalize_nip("19850312.201001.1.003"), "198503122010011003");
}

TEST(Nip, RejectsEachStructuralFault) {
  EXPECT_EQ(key_of(parse_nip("19850312201001100", kToday)), "nip.length") << "17 digits";
  EXPECT_EQ(parse_nip("19850312201001100", kToday).error().fields[0].args.at("count"), "17");
  EXPECT_EQ(key_of(parse_nip("1985031220100110034", kToday)), "nip.length");
  EXPECT_EQ(key_of(parse_nip("19850312201001100a", kToday)), "nip.digits");
  EXPECT_EQ(key_of(parse_nip("198513122010011003", kToday)), "nip.birth_date") << "month 13";
  EXPECT_EQ(key_of(parse_nip("198502302010011003", kToday)), "nip.birth_date") << "30 February";
  EXPECT_EQ(key_of(parse_nip("198503002010011003", kToday)), "nip.birth_date") << "day 0";
  EXPECT_EQ(key_of(parse_nip("198503122010131003", kToday)), "nip.start_month") << "month 13";
  EXPECT_EQ(key_of(parse_nip("198503122010001003", kToday)), "nip.start_month") << "month 0";
  EXPECT_EQ(key_of(parse_nip("198503122027011003", kToday)), "nip.start_month") << "in the future";
  EXPECT_EQ(key_of(parse_nip("198503122000011003", kToday)), "nip.start_too_young") << "aged 14";
  EXPECT_EQ(key_of(parse_nip("198503122010013003", kToday)), "nip.sex");
  EXPECT_EQ(key_of(parse_nip("198503122010011000", kToday)), "nip.sequence");
}

TEST(Nip, EighteenthBirthdayMonthIsTheEarliestStart) {
  EXPECT_TRUE(parse_nip("199005102008051001", kToday).ok());
  EXPECT_EQ(key_of(parse_nip("199005102008041001", kToday)), "nip.start_too_young");
}

TEST(Nip, MonthsAreCountedInWesternIndonesianTime) {
  // 2026-10-31 17:00 UTC is midnight of 1 November in Jakarta.
  EXPECT_EQ(month_in_wib(1793469600 - 3600), (YearMonth{2026, 11}));
  EXPECT_EQ(month_in_wib(1793469600 - 2 * 3600 - 1), (YearMonth{2026, 10}));
}

TEST(Nip, LeapYears) {
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(2023, 13), 0);
}

}  // namespace
}  // namespace harmoni::org

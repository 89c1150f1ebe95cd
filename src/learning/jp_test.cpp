#include "learning/jp.hpp"

#include <gtest/gtest.h>

namespace harmoni::learning {
namespace {

TEST(Jp, MinutesBecomeHundredthsOfAJpRoundedOnce) {
  EXPECT_EQ(minutes_to_jp_e2(45, 45), 100);
  EXPECT_EQ(minutes_to_jp_e2(90, 45), 200);
  EXPECT_EQ(minutes_to_jp_e2(50, 45), 111);  // 1.111... -> 1.11
  EXPECT_EQ(minutes_to_jp_e2(68, 45), 151);  // 1.5111 -> 1.51
  EXPECT_EQ(minutes_to_jp_e2(1, 45), 2);     // 0.0222 -> 0.02
  EXPECT_EQ(minutes_to_jp_e2(60, 60), 100);
  EXPECT_EQ(minutes_to_jp_e2(0, 45), 0);
  EXPECT_EQ(minutes_to_jp_e2(-5, 45), 0);
  // Summing exact hundredths never drifts: 9 records of 100 minutes is 9 x 222.
  int64_t sum = 0;
  for (int i = 0; i < 9; ++i) sum += minutes_to_jp_e2(100, 45);
  EXPECT_EQ(sum, 1998);
}

TEST(Jp, TextAndParsing) {
  EXPECT_EQ(jp_text(2000), "20");
  EXPECT_EQ(jp_text(250), "2.5");
  EXPECT_EQ(jp_text(111), "1.11");
  EXPECT_EQ(jp_text(5), "0.05");
  EXPECT_EQ(parse_jp("2"), 200);
  EXPECT_EQ(parse_jp("2,5"), 250);
  EXPECT_EQ(parse_jp("12.25"), 1225);
  for (const char* bad : {"", "2.", ".5", "2.555", "-1", "abc", "1001", "2.5x"})
    EXPECT_FALSE(parse_jp(bad).has_value()) << bad;
}

TEST(Jp, TheYearlyRightIsTwentyJp) {
  EXPECT_FALSE(standing(1999).met);
  EXPECT_EQ(standing(1999).missing_e2, 1);
  EXPECT_TRUE(standing(2000).met);
  EXPECT_EQ(standing(3500).missing_e2, 0);
  EXPECT_EQ(ledger_year(Date{2026, 12, 31}), 2026);
  EXPECT_EQ(ledger_year(Date{2027, 1, 1}), 2027) << "a record counts in the year it was completed";
}

TEST(Jp, SettingsAndTheSocialCareRule) {
  LearningSettings s;
  EXPECT_TRUE(validate(s).ok());
  EXPECT_EQ(peduli_jp_e2(180, s), 300) << "three hours, one JP an hour";
  EXPECT_EQ(peduli_jp_e2(20 * 60, s), 800) << "capped at 8 JP an activity";
  EXPECT_EQ(peduli_jp_e2(0, s), 0);
  s.peduli_jp_per_hour_e2 = 50;
  EXPECT_EQ(peduli_jp_e2(90, s), 75);
  s.minutes_per_jp = 20;
  s.peduli_max_jp_e2 = 5000;
  auto refused = validate(s);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.size(), 2u);
}

}  // namespace
}  // namespace harmoni::learning

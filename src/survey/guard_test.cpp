#include "survey/guard.hpp"

#include <gtest/gtest.h>

namespace harmoni::survey {
namespace {

TEST(SurveyGuard, LimitsPerDay) {
  GuardState s{2, 1000, "4444"};
  auto st = check_guard(s, kLinkBrowserGuard, 10'000'000, "3333");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().key, "skm.limit_reached");
  s.responses = 1;
  EXPECT_TRUE(check_guard(s, kLinkBrowserGuard, 10'000'000, "3333").ok());
}

TEST(SurveyGuard, SameAnswersAgainSoonAreADuplicate) {
  GuardState s{1, 1'000'000, "444444444"};
  EXPECT_EQ(check_guard(s, kLinkAddressGuard, 1'000'000 + 60'000, "444444444").error().key,
            "skm.duplicate");
  EXPECT_TRUE(check_guard(s, kLinkAddressGuard, 1'000'000 + 60'000, "444444443").ok());
  EXPECT_TRUE(check_guard(s, kLinkAddressGuard, 1'000'000 + 11 * 60'000, "444444444").ok());
}

TEST(SurveyGuard, KioskNeedsTimeBetweenResponses) {
  GuardState s{500, 1'000'000, "x"};
  EXPECT_EQ(check_guard(s, kKioskGuard, 1'005'000, "y").error().key, "skm.too_fast");
  EXPECT_TRUE(check_guard(s, kKioskGuard, 1'010'000, "x").ok());
  EXPECT_TRUE(check_guard(GuardState{}, kKioskGuard, 5, "x").ok());
}

}  // namespace
}  // namespace harmoni::survey

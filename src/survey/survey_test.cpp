#include "survey/survey.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace harmoni::survey {
namespace {

Date d(const char* text) { return *parse_date(text); }

TEST(SurveyPeriod, WholeMonthsFromMonthlyCountsEndsFromDaily) {
  auto plan = plan_period(d("2026-01-15"), d("2026-04-10"));
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->day_ranges.size(), 2u);
  EXPECT_EQ(plan->day_ranges[0], (std::pair<std::string, std::string>{"2026-01-15", "2026-01-31"}));
  EXPECT_EQ(plan->day_ranges[1], (std::pair<std::string, std::string>{"2026-04-01", "2026-04-10"}));
  EXPECT_EQ(plan->month_range, (std::pair<std::string, std::string>{"2026-02", "2026-03"}));
}

TEST(SurveyPeriod, QuarterAndYearAreMonthsOnly) {
  auto q = plan_period(d("2026-07-01"), d("2026-09-30"));
  EXPECT_TRUE(q->day_ranges.empty());
  EXPECT_EQ(q->month_range, (std::pair<std::string, std::string>{"2026-07", "2026-09"}));
  auto y = plan_period(d("2025-01-01"), d("2025-12-31"));
  EXPECT_EQ(y->month_range, (std::pair<std::string, std::string>{"2025-01", "2025-12"}));
  auto across = plan_period(d("2025-12-01"), d("2026-01-31"));
  EXPECT_EQ(across->month_range, (std::pair<std::string, std::string>{"2025-12", "2026-01"}));
}

TEST(SurveyPeriod, ShortRangesAreDaysOnly) {
  auto one = plan_period(d("2026-03-05"), d("2026-03-05"));
  EXPECT_FALSE(one->month_range.has_value());
  EXPECT_EQ(one->day_ranges.size(), 1u);
  auto straddle = plan_period(d("2026-03-20"), d("2026-04-10"));
  EXPECT_FALSE(straddle->month_range.has_value());
  EXPECT_EQ(straddle->day_ranges[0],
            (std::pair<std::string, std::string>{"2026-03-20", "2026-04-10"}));
  auto january_end = plan_period(d("2026-01-10"), d("2026-02-28"));
  EXPECT_EQ(january_end->month_range, (std::pair<std::string, std::string>{"2026-02", "2026-02"}));
}

TEST(SurveyPeriod, BackwardsRangeIsAFieldError) {
  auto bad = plan_period(d("2026-04-10"), d("2026-04-09"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "to");
  EXPECT_EQ(bad.error().fields.at(0).key, "skm.range_backwards");
}

TEST(SurveyResponse, Validation) {
  Response r;
  r.answers = {4, 3, 0, 4, 4, 4, 4, 4, 4};
  EXPECT_TRUE(validate(r).ok());
  r.answers[2] = 5;
  r.answers[0] = -1;
  r.respondent.sex = "x";
  auto st = validate(r);
  ASSERT_FALSE(st.ok());
  ASSERT_EQ(st.error().fields.size(), 3u);
  EXPECT_EQ(st.error().fields[0].field, "answers.U1");
  EXPECT_EQ(st.error().fields[1].field, "answers.U3");
  EXPECT_EQ(st.error().fields[2].field, "respondent.sex");
  Response empty;
  EXPECT_EQ(validate(empty).error().fields.at(0).key, "skm.no_answers");
  Response chatty;
  chatty.answers[0] = 3;
  chatty.suggestion = std::string(2001, 'a');
  EXPECT_EQ(validate(chatty).error().fields.at(0).field, "suggestion");
}

TEST(FormOrder, MovesOnlyFacilitiesBeforeComplaintsAndKeepsEveryElement) {
  EXPECT_EQ(element_order(FormOrder::kStandard),
            (std::array<int, kElements>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(element_order(FormOrder::kFacilitiesBeforeComplaints),
            (std::array<int, kElements>{0, 1, 2, 3, 4, 5, 6, 8, 7}));
  for (FormOrder o : enum_values<FormOrder>()) {
    EXPECT_EQ(parse_enum<FormOrder>(enum_name(o)), o);
    auto order = element_order(o);
    std::sort(order.begin(), order.end());
    EXPECT_EQ(order, element_order(FormOrder::kStandard))
        << "a permutation: nothing asked twice or left out";
  }
  EXPECT_FALSE(parse_enum<FormOrder>("u8_before_u9").has_value());
  EXPECT_FALSE(parse_enum<FormOrder>("").has_value());
}

}  // namespace
}  // namespace harmoni::survey

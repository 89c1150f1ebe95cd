#include <gtest/gtest.h>

#include "peduli/activity.hpp"
#include "peduli/evaluation.hpp"
#include "peduli/reflection.hpp"

namespace harmoni::peduli {
namespace {

Activity good() {
  return Activity{.title = "Bakti sosial di panti wreda",
                  .target_group = TargetGroup::kElderly,
                  .region_code = "61.01",
                  .starts_on = "2026-06-06",
                  .ends_on = "2026-06-06",
                  .start_time = "08:00",
                  .end_time = "12:30",
                  .capacity = 25,
                  .coordinator_asn_id = 7};
}

TEST(Activity, ItMustEndAfterItStarts) {
  EXPECT_TRUE(validate(good()).ok());
  EXPECT_EQ(planned_minutes(good()), 270);
  Activity a = good();
  a.end_time = "07:00";
  auto refused = validate(a);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields[0].key, "peduli.ends_before_start");
  a = good();
  a.ends_on = "2026-06-05";
  EXPECT_EQ(validate(a).error().fields[0].field, "ends_on");
  a = good();
  a.ends_on = "2026-06-07";  // overnight
  a.end_time = "06:00";
  EXPECT_EQ(planned_minutes(a), 22 * 60);
  a.ends_on = "2026-06-30";
  EXPECT_EQ(validate(a).error().fields[0].key, "peduli.too_long");
  a = good();
  a.start_time = "25:00";
  a.capacity = 0;
  a.coordinator_asn_id = 0;
  EXPECT_EQ(validate(a).error().fields.size(), 3u);
}

TEST(Activity, ConfirmationWithinTheActivitysSpan) {
  const Activity a = good();
  EXPECT_TRUE(check_confirmation(a, Attendance::kAttended, 270).ok());
  EXPECT_TRUE(check_confirmation(a, Attendance::kAttended, 330).ok())
      << "an hour for travel and preparation";
  EXPECT_FALSE(check_confirmation(a, Attendance::kAttended, 331).ok());
  EXPECT_FALSE(check_confirmation(a, Attendance::kAttended, 0).ok());
  EXPECT_TRUE(check_confirmation(a, Attendance::kAbsent, 0).ok());
  EXPECT_FALSE(check_confirmation(a, Attendance::kAbsent, 30).ok());
  EXPECT_FALSE(check_confirmation(a, Attendance::kSignedUp, 30).ok());
}

TEST(Reflection, PrivateUnlessShared) {
  Reflection r{.asn_id = 10, .answers = {"Lansia yang tinggal sendiri", "", ""}};
  EXPECT_TRUE(validate(r).ok());
  EXPECT_TRUE(may_read(r, 10, false));
  EXPECT_FALSE(may_read(r, 11, true)) << "private: not even a superior";
  r.sharing = Sharing::kSuperior;
  EXPECT_TRUE(may_read(r, 11, true));
  EXPECT_FALSE(may_read(r, 12, false));
  r.sharing = Sharing::kMentor;
  EXPECT_FALSE(validate(r).ok()) << "a mentor must be named";
  r.mentor_asn_id = 12;
  EXPECT_TRUE(may_read(r, 12, false));
  EXPECT_FALSE(may_read(r, 11, true)) << "shared with the mentor only";
  r.mentor_asn_id = 10;
  EXPECT_FALSE(validate(r).ok()) << "not oneself";
  Reflection empty{.asn_id = 10};
  EXPECT_EQ(validate(empty).error().fields[0].key, "peduli.reflection_empty");
}

TEST(Evaluation, ConsistencyReachAndLeaders) {
  std::vector<Participation> rows = {{1, 100, true, "2026-05", 1, "61.01", "elderly", 240, 30},
                                     {2, 100, false, "2026-05", 1, "61.01", "elderly", 240, 30},
                                     {1, 100, true, "2026-06", 2, "61.02", "children", 180, 50},
                                     {3, 200, false, "2026-06", 2, "61.02", "children", 120, 50},
                                     {3, 200, false, "2026-07", 3, "61.01", "elderly", 60, 10}};
  Evaluation e = evaluate(rows);
  EXPECT_EQ(e.participants, 3);
  EXPECT_EQ(e.returning, 2) << "persons 1 and 3 came back";
  EXPECT_EQ(e.activities, 3);
  EXPECT_EQ(e.minutes, 840);
  EXPECT_EQ(e.beneficiaries, 90) << "counted once per activity";
  EXPECT_EQ(e.by_month["2026-06"].people, 2);
  EXPECT_EQ(e.by_month["2026-06"].activities, 1);
  EXPECT_EQ(e.people_by_region["61.01"], 3);
  EXPECT_EQ(e.activities_by_target["elderly"], 2);
  EXPECT_EQ(e.beneficiaries_by_target["children"], 50);
  auto shares = leader_shares(
      {{1, 100, true}, {2, 100, false}, {4, 100, false}, {5, 100, true}, {3, 200, false}},
      {1, 2, 3});
  EXPECT_EQ(shares[100].heads, 2);
  EXPECT_EQ(shares[100].heads_took_part, 1);
  EXPECT_EQ(shares[100].staff, 2);
  EXPECT_EQ(shares[100].staff_took_part, 1);
  EXPECT_EQ(shares[200].staff_took_part, 1);
}

}  // namespace
}  // namespace harmoni::peduli

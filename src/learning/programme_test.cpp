#include "learning/programme.hpp"

#include <gtest/gtest.h>

#include <set>

namespace harmoni::learning {
namespace {

using S = EnrolmentStatus;

std::set<std::string> fields_of(const Status& st) {
  std::set<std::string> out;
  if (!st.ok()) {
    for (const auto& f : st.error().fields) out.insert(f.field);
  }
  return out;
}

TEST(Programme, ValidationAndNames) {
  Programme p{.code = "KOM-ANTARBUDAYA",
              .title = "Komunikasi antarbudaya",
              .type = ProgrammeType::kIntercultural,
              .jp_e2 = 2400,
              .items = {"PB.1.3", "HA.1"},
              .organiser = "BPSDM Kalbar"};
  EXPECT_TRUE(validate(p).ok());
  p.code = "x";
  p.jp_e2 = 0;
  p.organiser = "";
  EXPECT_EQ(fields_of(validate(p)), (std::set<std::string>{"code", "jp", "organiser"}));
  for (ProgrammeType t : enum_values<ProgrammeType>())
    EXPECT_EQ(parse_enum<ProgrammeType>(enum_name(t)), t);
  for (Mode m : enum_values<Mode>()) EXPECT_EQ(parse_enum<Mode>(enum_name(m)), m);
  EXPECT_FALSE(parse_enum<Mode>("webinar").has_value());
}

TEST(Programme, MeetsAPlanActionByItemOrKindOfLearning) {
  Programme p{.type = ProgrammeType::kIntercultural, .mode = Mode::kClassroom, .items = {"PB.3.3"}};
  EXPECT_TRUE(meets(p, "PB.3.3", "mentoring"));
  EXPECT_TRUE(meets(p, "HA.1", "intercultural"));
  EXPECT_FALSE(meets(p, "HA.1", "character"));
  p.mode = Mode::kCoaching;
  EXPECT_EQ(learning_kind_of(p), "mentoring");
  p.type = ProgrammeType::kSocialCare;
  p.mode = Mode::kExperiential;
  EXPECT_EQ(learning_kind_of(p), "social_care");
  p.type = ProgrammeType::kOther;
  EXPECT_FALSE(meets(p, "", ""));
}

TEST(Classes, DatesPlaceAndCapacity) {
  ClassSession c{
      .starts_on = "2026-03-02", .ends_on = "2026-03-04", .place = "Aula BPSDM", .capacity = 30};
  EXPECT_TRUE(validate(c).ok());
  c.ends_on = "2026-03-01";
  auto backwards = validate(c);
  EXPECT_EQ(fields_of(backwards), std::set<std::string>{"ends_on"});
  EXPECT_EQ(backwards.error().fields[0].key, "learning.ends_before_start");
  c = ClassSession{.starts_on = "2026-03-02",
                   .ends_on = "2026-03-02",
                   .link = "http://zoom.example",
                   .capacity = 0};
  EXPECT_EQ(fields_of(validate(c)), (std::set<std::string>{"link", "capacity"}));
  c.link = "";
  c.capacity = 10;
  EXPECT_EQ(fields_of(validate(c)), std::set<std::string>{"place"});
}

TEST(Enrolment, StepsAndSeats) {
  EXPECT_TRUE(check_step(S::kRequested, S::kEnrolled, 29, 30).ok());
  auto full = check_step(S::kRequested, S::kEnrolled, 30, 30);
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.error().key, "learning.class_full");
  EXPECT_TRUE(check_step(S::kRequested, S::kRejected, 30, 30).ok()) << "refusing needs no seat";
  EXPECT_TRUE(check_step(S::kEnrolled, S::kCompleted, 30, 30).ok())
      << "completing keeps the seat it holds";
  EXPECT_EQ(check_step(S::kRequested, S::kCompleted, 0, 30).error().key, "learning.not_enrolled");
  EXPECT_EQ(check_step(S::kWithdrawn, S::kNotCompleted, 0, 30).error().key,
            "learning.not_enrolled");
  EXPECT_EQ(check_step(S::kCompleted, S::kWithdrawn, 0, 30).error().key, "learning.status_step");
  EXPECT_TRUE(check_step(S::kNotCompleted, S::kCompleted, 30, 30).ok());
  EXPECT_TRUE(holds_seat(S::kEnrolled));
  EXPECT_TRUE(holds_seat(S::kCompleted));
  EXPECT_FALSE(holds_seat(S::kRequested));
}

}  // namespace
}  // namespace harmoni::learning

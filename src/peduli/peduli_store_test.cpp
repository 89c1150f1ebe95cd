// Peduli in storage on every backend: sign-ups within capacity, confirmation only of
// those who signed up (with its JP credit), reflections kept per person, and the evaluation's rows.
#include "peduli/peduli_store.hpp"

#include <gtest/gtest.h>

#include "learning/learning_store.hpp"
#include "org/org_store.hpp"
#include "support/backends.hpp"
#include "support/seed.hpp"

namespace harmoni::peduli {
namespace {

constexpr int64_t kNow = 1'790'000'000;

class PeduliStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = test::open_backend(GetParam());
    auto ok = t_.db->write([&](db::Tx& tx) -> Status {
      instansi_ = TRY(test::insert_sambas(tx));
      int64_t unit =
          TRY(org::insert_unit(tx, instansi_, std::nullopt, "DINSOS", "Dinas Sosial", 1));
      int64_t head = TRY(org::insert_position(tx,
                                              org::Position{.instansi_id = instansi_,
                                                            .code = "KADIS",
                                                            .name = "Kepala Dinas",
                                                            .kind = "struktural",
                                                            .jenjang = "jpt_pratama",
                                                            .grade = 14,
                                                            .required_pb_level = 4},
                                              1));
      for (int i = 1; i <= 4; ++i) {
        org::AsnRecord r{instansi_,
                         org::AsnDraft{fmt::format("19800101200501{}{:03}", 1, i),
                                       "Pegawai " + std::to_string(i), "PNS", "", "", true, ""},
                         unit, i == 1 ? std::optional<int64_t>(head) : std::nullopt};
        TRY(org::upsert_asn(tx, r, 1));
        people_.push_back(TRY(org::find_asn_by_nip(tx, r.draft.nip))->id);
      }
      Activity a{.instansi_id = instansi_,
                 .title = "Bakti sosial panti wreda",
                 .target_group = TargetGroup::kElderly,
                 .region_code = "61.01",
                 .starts_on = "2026-06-06",
                 .ends_on = "2026-06-06",
                 .start_time = "08:00",
                 .end_time = "12:00",
                 .capacity = 2,
                 .coordinator_asn_id = people_[0],
                 .beneficiaries = 35};
      activity_ = TRY(insert_activity(tx, a, std::nullopt, kNow));
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
  }
  Activity activity() {
    return **t_.db->read([&](db::Tx& tx) { return find_activity(tx, activity_); });
  }
  Status sign(int64_t asn) {
    return t_.db->write([&](db::Tx& tx) { return sign_up(tx, activity(), asn, kNow); });
  }

  test::TestDatabase t_;
  int64_t instansi_ = 0, activity_ = 0;
  std::vector<int64_t> people_;
};

TEST_P(PeduliStore, SignUpsConfirmationAndTheEvaluationsRows) {
  ASSERT_TRUE(sign(people_[0]).ok());
  EXPECT_EQ(sign(people_[0]).error().key, "peduli.already_signed_up");
  ASSERT_TRUE(sign(people_[1]).ok());
  EXPECT_EQ(sign(people_[2]).error().key, "peduli.full");
  ASSERT_TRUE(
      t_.db->write([&](db::Tx& tx) { return cancel_sign_up(tx, activity_, people_[1], kNow); })
          .ok());
  ASSERT_TRUE(sign(people_[2]).ok()) << "a cancelled place is free again";
  auto confirm_as = [&](int64_t asn, Attendance a, int64_t minutes) {
    return t_.db->write(
        [&](db::Tx& tx) { return confirm(tx, activity(), asn, a, minutes, std::nullopt, kNow); });
  };
  EXPECT_EQ(confirm_as(people_[3], Attendance::kAttended, 60).error().key, "peduli.not_signed_up");
  ASSERT_TRUE(confirm_as(people_[0], Attendance::kAttended, 240).ok());
  ASSERT_TRUE(confirm_as(people_[2], Attendance::kAbsent, 0).ok());
  // The ledger follows: 240 minutes at the default 1 JP an hour, nothing for the absent.
  auto jp = [&](int64_t asn) {
    return *t_.db->read([&](db::Tx& tx) { return learning::jp_of(tx, asn, 2026); });
  };
  EXPECT_EQ(jp(people_[0]), 400);
  EXPECT_EQ(jp(people_[2]), 0);
  ASSERT_TRUE(confirm_as(people_[0], Attendance::kAttended, 120).ok());
  EXPECT_EQ(jp(people_[0]), 200) << "a corrected confirmation replaces the credit";
  ASSERT_TRUE(confirm_as(people_[0], Attendance::kAbsent, 0).ok());
  EXPECT_EQ(jp(people_[0]), 0) << "confirmed absent after all: the credit goes";
  ASSERT_TRUE(confirm_as(people_[0], Attendance::kAttended, 240).ok());
  auto list = *t_.db->read([&](db::Tx& tx) { return participants(tx, activity_); });
  ASSERT_EQ(list.size(), 2u);
  auto row = **t_.db->read([&](db::Tx& tx) { return activity_row(tx, activity_); });
  EXPECT_EQ(row.signed_up, 1);
  EXPECT_EQ(row.attended, 1);
  EXPECT_EQ(row.region_name.empty(), false);
  auto rows = *t_.db->read(
      [&](db::Tx& tx) { return participation(tx, instansi_, "2026-01-01", "2026-12-31", ""); });
  ASSERT_EQ(rows.size(), 1u) << "only confirmed attendance counts";
  EXPECT_TRUE(rows[0].is_head);
  EXPECT_EQ(rows[0].month, "2026-06");
  EXPECT_EQ(rows[0].minutes, 240);
  auto everyone = *t_.db->read([&](db::Tx& tx) { return people(tx, instansi_, ""); });
  EXPECT_EQ(everyone.size(), 4u);
  Reflection r{.activity_id = activity_,
               .asn_id = people_[0],
               .answers = {"Lansia kesepian", "Terharu", "Lebih sabar"},
               .sharing = Sharing::kMentor,
               .mentor_asn_id = people_[3]};
  ASSERT_TRUE(t_.db->write([&](db::Tx& tx) { return save_reflection(tx, r, kNow); }).ok());
  r.answers[2] = "Lebih sabar di loket";
  ASSERT_TRUE(t_.db->write([&](db::Tx& tx) { return save_reflection(tx, r, kNow); }).ok())
      << "edited, not doubled";
  auto shared =
      *t_.db->read([&](db::Tx& tx) { return reflections_shared_with_mentor(tx, people_[3]); });
  ASSERT_EQ(shared.size(), 1u);
  EXPECT_EQ(shared[0].reflection.answers[2], "Lebih sabar di loket");
  EXPECT_TRUE(t_.db->read([&](db::Tx& tx) { return reflections_shared_under(tx, instansi_, ""); })
                  ->empty());
  auto mine = *t_.db->read([&](db::Tx& tx) { return activities_of(tx, people_[0]); });
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_TRUE(mine[0].reflected);
  EXPECT_EQ(mine[0].attendance, Attendance::kAttended);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeduliStore, ::testing::ValuesIn(test::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace harmoni::peduli

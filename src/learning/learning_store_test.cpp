// Learning in storage on every backend: the ledger is idempotent and keeps yearly totals
// exact (also when a person moves unit), compliance matches a raw count, classes keep
// their capacity, attendance needs a seat, claims keep their evidence byte for byte.
#include "learning/learning_store.hpp"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "org/org_store.hpp"
#include "platform/auth/password.hpp"
#include "support/backends.hpp"
#include "support/seed.hpp"

namespace harmoni::learning {
namespace {

constexpr int64_t kNow = 1'790'000'000;

class LearningStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = test::open_backend(GetParam());
    auto ok = db().write([&](db::Tx& tx) -> Status {
      instansi_ = TRY(test::insert_sambas(tx));
      a_ = TRY(org::insert_unit(tx, instansi_, std::nullopt, "DINAS-A", "Dinas A", 1));
      b_ = TRY(org::insert_unit(tx, instansi_, std::nullopt, "DINAS-B", "Dinas B", 1));
      for (int i = 1; i <= 6; ++i) {
        org::AsnRecord r{instansi_,
                         org::AsnDraft{fmt::format("19800101200501{}{:03}", 1, i),
                                       "Pegawai " + std::to_string(i), "PNS", "", "", true, ""},
                         i <= 4 ? a_ : b_, std::nullopt};
        TRY(org::upsert_asn(tx, r, 1));
        people_.push_back(TRY(org::find_asn_by_nip(tx, r.draft.nip))->id);
      }
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
  }
  db::Database& db() { return *t_.db; }

  LearningRecord record(int64_t asn, std::string ref, Date on, int64_t jp_e2) {
    return LearningRecord{.asn_id = asn,
                          .source = Source::kLms,
                          .source_ref = std::move(ref),
                          .title = "Kursus",
                          .activity_type = "lms",
                          .completed_on = on,
                          .minutes = jp_e2 * 45 / 100 + 1,
                          .jp_e2 = jp_e2};
  }
  Result<LedgerOutcome> write(const std::vector<LearningRecord>& records) {
    return db().write([&](db::Tx& tx) { return record_learning(tx, records, kNow); });
  }
  int64_t jp(int64_t asn, int year) {
    return *db().read([&](db::Tx& tx) { return jp_of(tx, asn, year); });
  }

  test::TestDatabase t_;
  int64_t instansi_ = 0, a_ = 0, b_ = 0;
  std::vector<int64_t> people_;
};

TEST_P(LearningStore, TheLedgerIsIdempotentAndCountsPerYear) {
  auto first = write({record(people_[0], "lms:x:1:a", {2026, 3, 1}, 1200),
                      record(people_[0], "lms:x:2:a", {2026, 12, 31}, 900),
                      record(people_[0], "lms:x:3:a", {2027, 1, 1}, 500),
                      record(people_[1], "lms:x:1:b", {2026, 5, 5}, 250)});
  ASSERT_TRUE(first.ok()) << first.error().internal_detail;
  EXPECT_EQ(first->inserted, 4);
  EXPECT_EQ(jp(people_[0], 2026), 2100);
  EXPECT_EQ(jp(people_[0], 2027), 500) << "never across years";
  // The same file again: nothing changes.
  auto again = write({record(people_[0], "lms:x:1:a", {2026, 3, 1}, 1200),
                      record(people_[0], "lms:x:2:a", {2026, 12, 31}, 900)});
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(jp(people_[0], 2026), 2100);
  // A corrected record moves its JP, across years if its date moved.
  auto corrected = write({record(people_[0], "lms:x:2:a", {2027, 1, 2}, 800)});
  EXPECT_EQ(corrected->updated, 1);
  EXPECT_EQ(jp(people_[0], 2026), 1200);
  EXPECT_EQ(jp(people_[0], 2027), 1300);
  // A reference twice in one call: the first stands.
  auto twice = write({record(people_[2], "lms:x:9:c", {2026, 1, 1}, 100),
                      record(people_[2], "lms:x:9:c", {2026, 1, 1}, 700)});
  EXPECT_EQ(twice->inserted, 1);
  EXPECT_EQ(jp(people_[2], 2026), 100);
  auto listed = *db().read([&](db::Tx& tx) { return records_of(tx, people_[0], 2026); });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].source_ref, "lms:x:1:a");
}

TEST_P(LearningStore, ComplianceMatchesARawCountAndFollowsMoves) {
  std::mt19937_64 rng(20);
  std::vector<LearningRecord> records;
  for (int i = 0; i < 120; ++i) {
    records.push_back(record(people_[rng() % people_.size()], "lms:r:" + std::to_string(i),
                             {2026, 1 + static_cast<int>(rng() % 12), 1},
                             static_cast<int64_t>(rng() % 900)));
  }
  ASSERT_TRUE(write(records).ok());
  auto check = [&] {
    auto units = *db().read([&](db::Tx& tx) { return compliance(tx, instansi_, 2026, ""); });
    for (const auto& u : units) {
      auto raw = *db().read([&](db::Tx& tx) -> Result<db::Row> {
        auto row =
            TRY(tx.query_one("SELECT COUNT(*), SUM(CASE WHEN s.jp >= 2000 THEN 1 ELSE 0 END), "
                             "SUM(s.jp) FROM (SELECT a.id, "
                             "COALESCE((SELECT SUM(r.jp_e2) FROM learning_records r WHERE r.asn_id "
                             "= a.id AND r.year = 2026), 0) AS jp "
                             "FROM asn a WHERE a.unit_id = ? AND a.active = 1) s",
                             {u.unit_id}));
        return *row;
      });
      EXPECT_EQ(u.people, raw.i64(0)) << u.unit_code;
      EXPECT_EQ(u.met, raw.i64(1)) << u.unit_code;
      EXPECT_EQ(u.jp_e2, raw.i64(2)) << u.unit_code;
    }
    return units;
  };
  auto before = check();
  ASSERT_EQ(before.size(), 2u);
  // Person 0 moves to Dinas B and person 5 leaves: the totals follow without a rewrite.
  ASSERT_TRUE(db().write([&](db::Tx& tx) -> Status {
                    TRY(tx.exec("UPDATE asn SET unit_id = ? WHERE id = ?", {b_, people_[0]}));
                    TRY(tx.exec("UPDATE asn SET active = 0 WHERE id = ?", {people_[5]}));
                    return {};
                  })
                  .ok());
  auto after = check();
  EXPECT_EQ(after[0].people + after[1].people, 5);
  // Records removed and a person back at work: the unit counts follow too.
  ASSERT_TRUE(db().write([&](db::Tx& tx) -> Status {
                    for (int i = 0; i < 20; ++i)
                      TRY(remove_learning(tx, "lms:r:" + std::to_string(i)));
                    TRY(tx.exec("UPDATE asn SET active = 1 WHERE id = ?", {people_[5]}));
                    return {};
                  })
                  .ok());
  check();
  ASSERT_TRUE(db().write([&](db::Tx& tx) -> Status {
                    TRY(tx.exec("UPDATE asn SET active = 0 WHERE id = ?", {people_[5]}));
                    return {};
                  })
                  .ok());
  check();
  auto below = *db().read([&](db::Tx& tx) {
    return people_below(tx, BelowQuery{.instansi_id = instansi_, .year = 2026, .unit_id = a_});
  });
  for (const auto& p : below) {
    EXPECT_LT(p.jp_e2, kYearlyRightE2);
    EXPECT_NE(p.asn_id, people_[0]) << "moved away";
  }
  int64_t exported = 0;
  ASSERT_TRUE(db().read([&](db::Tx& tx) {
                    return each_person_jp(tx, instansi_, 2026, "", [&](const PersonJp&) {
                      ++exported;
                      return true;
                    });
                  })
                  .ok());
  EXPECT_EQ(exported, 5);
}

TEST_P(LearningStore, ClassesKeepTheirCapacityAndAttendanceNeedsASeat) {
  int64_t programme = 0, klass = 0;
  ASSERT_TRUE(db().write([&](db::Tx& tx) -> Status {
                    programme =
                        TRY(insert_programme(tx,
                                             Programme{.instansi_id = instansi_,
                                                       .code = "KOM",
                                                       .title = "Komunikasi antarbudaya",
                                                       .type = ProgrammeType::kIntercultural,
                                                       .jp_e2 = 1600,
                                                       .items = {"PB.1.3"},
                                                       .organiser = "BPSDM"},
                                             kNow));
                    klass = TRY(insert_class(tx,
                                             ClassSession{.programme_id = programme,
                                                          .starts_on = "2026-03-02",
                                                          .ends_on = "2026-03-03",
                                                          .place = "Aula",
                                                          .capacity = 2,
                                                          .self_registration = true},
                                             kNow));
                    return {};
                  })
                  .ok());
  auto dup = db().write([&](db::Tx& tx) {
    return insert_programme(
        tx, Programme{.instansi_id = instansi_, .code = "KOM", .title = "x", .organiser = "y"},
        kNow);
  });
  EXPECT_EQ(dup.error().fields[0].key, "learning.code_taken");
  auto session = **db().read([&](db::Tx& tx) { return find_class(tx, klass); });
  auto move = [&](int64_t asn, EnrolmentStatus to) {
    return db().write(
        [&](db::Tx& tx) { return move_enrolment(tx, session, asn, to, std::nullopt, "", kNow); });
  };
  ASSERT_TRUE(move(people_[0], EnrolmentStatus::kRequested).ok());
  ASSERT_TRUE(move(people_[1], EnrolmentStatus::kEnrolled).ok());
  ASSERT_TRUE(move(people_[0], EnrolmentStatus::kEnrolled).ok()) << "approved";
  EXPECT_EQ(move(people_[2], EnrolmentStatus::kEnrolled).error().key, "learning.class_full");
  ASSERT_TRUE(move(people_[2], EnrolmentStatus::kRequested).ok()) << "waiting takes no seat";
  EXPECT_EQ(move(people_[2], EnrolmentStatus::kEnrolled).error().key, "learning.class_full");
  // Attendance for someone without a seat is refused; nothing is written.
  auto absent = db().write([&](db::Tx& tx) {
    return record_attendance(tx, klass, people_[2], "2026-03-02", true, std::nullopt, kNow);
  });
  EXPECT_EQ(absent.error().key, "learning.not_enrolled");
  ASSERT_TRUE(db().write([&](db::Tx& tx) {
                    return record_attendance(tx, klass, people_[0], "2026-03-02", true,
                                             std::nullopt, kNow);
                  })
                  .ok());
  ASSERT_TRUE(db().write([&](db::Tx& tx) {
                    return record_attendance(tx, klass, people_[0], "2026-03-03", true,
                                             std::nullopt, kNow);
                  })
                  .ok());
  auto days = *db().read([&](db::Tx& tx) { return days_attended(tx, klass); });
  EXPECT_EQ(days[people_[0]], 2);
  EXPECT_EQ(days.count(people_[2]), 0u);
  ASSERT_TRUE(move(people_[0], EnrolmentStatus::kCompleted).ok());
  EXPECT_EQ(move(people_[2], EnrolmentStatus::kCompleted).error().key, "learning.not_enrolled");
  auto rows = *db().read([&](db::Tx& tx) { return list_classes(tx, programme); });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].seats_taken, 2);
  EXPECT_EQ(rows[0].waiting, 1);
  auto mine = *db().read([&](db::Tx& tx) { return enrolments_of(tx, people_[0]); });
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].programme_title, "Komunikasi antarbudaya");
  auto open = *db().read([&](db::Tx& tx) { return open_classes(tx, instansi_, "2026-01-01"); });
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].programme.code, "KOM");
  // Certificates: one per enrolment, found by their code.
  Certificate cert{.code = "c0de-abc",
                   .enrolment_id = mine[0].enrolment.id,
                   .asn_id = people_[0],
                   .programme_title = "Komunikasi antarbudaya",
                   .completed_on = "2026-03-03",
                   .jp_e2 = 1600};
  ASSERT_TRUE(db().write([&](db::Tx& tx) { return insert_certificate(tx, cert, kNow); }).ok());
  auto found = *db().read([&](db::Tx& tx) { return find_certificate(tx, "c0de-abc"); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->holder_name, "Pegawai 1");
  EXPECT_FALSE(db().read([&](db::Tx& tx) { return find_certificate(tx, "nope"); })->has_value());
}

TEST_P(LearningStore, TwoApprovalsNeverTakeTheLastSeatTwice) {
  int64_t klass = 0;
  ASSERT_TRUE(db().write([&](db::Tx& tx) -> Status {
                    int64_t programme = TRY(insert_programme(tx,
                                                             Programme{.instansi_id = instansi_,
                                                                       .code = "ETIK",
                                                                       .title = "Etika",
                                                                       .jp_e2 = 800,
                                                                       .organiser = "BPSDM"},
                                                             kNow));
                    klass = TRY(insert_class(tx,
                                             ClassSession{.programme_id = programme,
                                                          .starts_on = "2026-03-02",
                                                          .ends_on = "2026-03-02",
                                                          .place = "Aula",
                                                          .capacity = 3},
                                             kNow));
                    return {};
                  })
                  .ok());
  auto session = **db().read([&](db::Tx& tx) { return find_class(tx, klass); });
  std::vector<std::thread> threads;
  std::atomic<int> enrolled{0};
  for (int64_t asn : people_) {
    threads.emplace_back([&, asn] {
      auto r = db().write([&](db::Tx& tx) {
        return move_enrolment(tx, session, asn, EnrolmentStatus::kEnrolled, std::nullopt, "", kNow);
      });
      if (r.ok()) ++enrolled;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(enrolled.load(), 3);
  auto all = *db().read([&](db::Tx& tx) { return class_enrolments(tx, klass); });
  EXPECT_EQ(seats_taken(all), 3);
}

TEST_P(LearningStore, ClaimsKeepTheirEvidenceAndAreDecidedOnce) {
  std::string pdf = std::string("%PDF-1.4\n") + std::string("\x00\x01\xFF\xFE binary", 12);
  int64_t claim = 0;
  int64_t user = 0;
  ASSERT_TRUE(
      db().write([&](db::Tx& tx) -> Status {
            claim = TRY(insert_claim(tx,
                                     Claim{.asn_id = people_[0],
                                           .title = "Kursus daring",
                                           .completed_on = "2026-11-01",
                                           .minutes = 180},
                                     "application/pdf", pdf, auth::sha256_hex(pdf), kNow));
            user = TRY(tx.insert_returning_id(
                "INSERT INTO users (email, display_name, password_hash, role, instansi_id, "
                "created_at, "
                "updated_at) VALUES ('k@x.go.id', 'K', 'x', 'hr_developer', ?, 0, 0) RETURNING id",
                {instansi_}));
            return {};
          })
          .ok());
  auto evidence = *db().read([&](db::Tx& tx) { return evidence_of(tx, claim); });
  ASSERT_TRUE(evidence.has_value());
  EXPECT_EQ(evidence->data, pdf) << "byte for byte";
  EXPECT_EQ(evidence->content_type, "application/pdf");
  auto pending = *db().read([&](db::Tx& tx) { return claims_under(tx, instansi_, ""); });
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].name, "Pegawai 1");
  ASSERT_TRUE(db().write([&](db::Tx& tx) {
                    return decide_claim(tx, claim, ClaimStatus::kApproved, user, "ok", kNow);
                  })
                  .ok());
  EXPECT_EQ(db().write([&](db::Tx& tx) {
                  return decide_claim(tx, claim, ClaimStatus::kRejected, user, "", kNow);
                })
                .error()
                .key,
            "learning.claim_decided");
  EXPECT_TRUE(db().read([&](db::Tx& tx) { return claims_under(tx, instansi_, ""); })->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, LearningStore, ::testing::ValuesIn(test::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace harmoni::learning

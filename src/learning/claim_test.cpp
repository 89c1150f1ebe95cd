#include "learning/claim.hpp"

#include <gtest/gtest.h>

#include "learning/lms_csv.hpp"

namespace harmoni::learning {
namespace {

TEST(Claim, DatesAndMinutes) {
  const Date today{2026, 12, 2};
  Claim c{.title = "Kursus daring etika pelayanan", .completed_on = "2026-11-20", .minutes = 240};
  EXPECT_TRUE(validate(c, today).ok());
  c.completed_on = "2026-12-03";
  EXPECT_EQ(validate(c, today).error().fields[0].key, "learning.date_future");
  c.completed_on = "2024-12-31";
  EXPECT_EQ(validate(c, today).error().fields[0].key, "learning.date_too_old");
  c.completed_on = "2025-01-01";
  c.minutes = 10;
  EXPECT_EQ(validate(c, today).error().fields[0].field, "minutes");
}

TEST(Claim, EvidenceIsToldByItsBytesNotItsName) {
  EXPECT_EQ(*evidence_type("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(*evidence_type(std::string("\x89PNG\r\n\x1a\n", 8) + "rest"), "image/png");
  EXPECT_EQ(*evidence_type("\xFF\xD8\xFF\xE0 jpeg"), "image/jpeg");
  EXPECT_EQ(evidence_type("MZ\x90\x00 an exe").error().fields[0].key, "learning.evidence_type");
  EXPECT_EQ(evidence_type("<html><script>").error().fields[0].key, "learning.evidence_type");
  EXPECT_EQ(evidence_type("").error().fields[0].key, "learning.evidence_empty");
  std::string big = "%PDF-" + std::string(kMaxEvidenceBytes, 'a');
  EXPECT_EQ(evidence_type(big).error().fields[0].key, "learning.evidence_size");
}

TEST(LmsCsv, RowsBecomeLedgerRecords) {
  auto columns =
      map_lms_header({"NIP", "id_kursus", "judul", "tanggal_selesai", "menit", "nilai", "lulus"});
  ASSERT_TRUE(columns.ok());
  std::vector<FieldError> problems;
  auto row = lms_row(
      *columns, {"19800101 200501 1 001", "ETIK-01", "Etika ASN", "2026-05-04", "90", "85", "ya"},
      "moodle", 45, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(row.nip, "198001012005011001");
  EXPECT_EQ(row.record.source_ref, "lms:moodle:ETIK-01:198001012005011001");
  EXPECT_EQ(row.record.jp_e2, 200);
  EXPECT_EQ(row.record.score, 85);
  EXPECT_EQ(row.record.completed_on, (Date{2026, 5, 4}));
  auto failed =
      lms_row(*columns,
              {"198001012005011001", "ETIK-02", "Etika lanjut", "2026-05-04", "90", "40", "tidak"},
              "moodle", 45, problems);
  EXPECT_EQ(failed.record.jp_e2, 0) << "not passed: kept, no JP";
  EXPECT_EQ(failed.record.verb, "failed");
  auto bad = lms_row(*columns, {"123", "", "", "04-05-2026", "-3", "101", "mungkin"}, "moodle", 45,
                     problems);
  std::set<std::string> fields;
  for (const auto& p : problems) fields.insert(p.field);
  EXPECT_EQ(fields, (std::set<std::string>{"nip", "id_kursus", "judul", "tanggal_selesai", "menit",
                                           "nilai", "lulus"}));
  // JP instead of minutes.
  auto by_jp = map_lms_header({"nip", "course_id", "title", "completed_on", "jp"});
  ASSERT_TRUE(by_jp.ok());
  problems.clear();
  auto jp_row = lms_row(*by_jp, {"198001012005011001", "X1", "Kursus", "2026-01-10", "2,5"},
                        "lms-pusat", 45, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(jp_row.record.jp_e2, 250);
  EXPECT_EQ(jp_row.record.minutes, 113);
  EXPECT_FALSE(map_lms_header({"nip", "course_id", "title", "completed_on"}).ok())
      << "minutes or JP needed";
  EXPECT_FALSE(map_lms_header({"nip", "course_id", "title", "completed_on", "jp", "warna"}).ok());
  EXPECT_TRUE(valid_provider("moodle"));
  EXPECT_FALSE(valid_provider("Moodle Pusat"));
}

}  // namespace
}  // namespace harmoni::learning

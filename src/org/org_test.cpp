#include "org/org.hpp"

#include <gtest/gtest.h>

#include "org/asn_csv.hpp"

namespace harmoni::org {
namespace {

TEST(Org, Codes) {
  EXPECT_TRUE(is_valid_code("KAB-SAMBAS"));
  EXPECT_TRUE(is_valid_code("PKM.01_A"));
  EXPECT_FALSE(is_valid_code(""));
  EXPECT_FALSE(is_valid_code("-LEADING"));
  EXPECT_FALSE(is_valid_code("lower"));
  EXPECT_FALSE(is_valid_code("WITH SPACE"));
  EXPECT_FALSE(is_valid_code(std::string(33, 'A')));
  EXPECT_EQ(upper_code("kab-sambas"), "KAB-SAMBAS");
}

TEST(Org, NameKeyFoldsCaseAndPunctuation) {
  EXPECT_EQ(name_key("dr. Siti  AMINAH, S.Kep."), "dr siti aminah s kep");
  EXPECT_EQ(name_key("  Yohanes   "), "yohanes");
}

TEST(Org, PersonNames) {
  EXPECT_TRUE(is_valid_person_name("Siti Aminah, S.Kep."));
  EXPECT_TRUE(is_valid_person_name("Ma'ruf Al-Amin"));
  EXPECT_TRUE(is_valid_person_name("Élise Tjhin"));
  EXPECT_FALSE(is_valid_person_name("A"));
  EXPECT_FALSE(is_valid_person_name("Agent 007"));
  EXPECT_FALSE(is_valid_person_name("<script>"));
  EXPECT_FALSE(is_valid_person_name(std::string(101, 'a')));
}

TEST(Org, DefaultRequiredLevelsFollowTheDomainTable) {
  EXPECT_EQ(default_required_level("pelaksana", "pelaksana"), 1);
  EXPECT_EQ(default_required_level("fungsional", "terampil"), 1);
  EXPECT_EQ(default_required_level("struktural", "pengawas"), 2);
  EXPECT_EQ(default_required_level("fungsional", "ahli_pertama"), 2);
  EXPECT_EQ(default_required_level("struktural", "administrator"), 3);
  EXPECT_EQ(default_required_level("fungsional", "ahli_muda"), 3);
  EXPECT_EQ(default_required_level("struktural", "jpt_pratama"), 4);
  EXPECT_EQ(default_required_level("fungsional", "ahli_madya"), 4);
  EXPECT_EQ(default_required_level("struktural", "jpt_madya"), 5);
  EXPECT_EQ(default_required_level("fungsional", "ahli_utama"), 5);
}

TEST(Org, ValidateAsnCollectsEveryProblem) {
  AsnDraft d{"1234", "X", "HONORER", "bad code", "", true, "not-an-email"};
  auto errors = validate_asn(d, {2026, 11});
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"nip", "name", "employment", "unit", "email"}));
  AsnDraft good{"19850312 201001 1 003", "Ahmad Syahrial", "PNS", "dukcapil", "", true, ""};
  EXPECT_TRUE(validate_asn(good, {2026, 11}).empty());
  EXPECT_EQ(good.nip, "198503122010011003");
  EXPECT_EQ(good.unit_code, "DUKCAPIL");
}

TEST(AsnCsv, HeaderAcceptsBothLanguagesAndReportsProblems) {
  auto ok = map_asn_header({"NIP", "Nama", "status", "kode_unit", "jabatan"});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->position, 4);
  EXPECT_EQ(ok->active, -1);
  auto english = map_asn_header({"nip", "name", "employment", "unit", "active", "email"});
  ASSERT_TRUE(english.ok());
  auto bad = map_asn_header({"nip", "nama", "nama", "unit", "gaji"});
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> keys;
  for (const auto& f : bad.error().fields) keys.push_back(f.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"csv.duplicate_column", "csv.unknown_column",
                                            "csv.missing_column"}));
}

TEST(AsnCsv, RowToDraft) {
  auto columns = map_asn_header({"nip", "nama", "status", "unit", "aktif"}).release_value();
  std::vector<FieldError> problems;
  auto d = asn_row_to_draft(columns, {" 198503122010011003 ", "Ahmad", "pppk", "DUKCAPIL", "tidak"},
                            problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(d.nip, "198503122010011003");
  EXPECT_EQ(d.employment, "PPPK");
  EXPECT_FALSE(d.active);
  asn_row_to_draft(columns, {"1", "2"}, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].key, "csv.short_row");
  problems.clear();
  asn_row_to_draft(columns, {"1", "2", "3", "4", "mungkin"}, problems);
  EXPECT_EQ(problems.at(0).key, "csv.bad_flag");
}

}  // namespace
}  // namespace harmoni::org

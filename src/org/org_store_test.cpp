// Organisation storage and the ASN CSV import, on every backend.
#include "org/org_store.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

#include "org/asn_import.hpp"
#include "support/backends.hpp"
#include "support/seed.hpp"

namespace harmoni::org {
namespace {

constexpr YearMonth kToday{2026, 11};

class OrgStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = test::open_backend(GetParam());
    auto ids = db().write([](db::Tx& tx) -> Result<std::vector<int64_t>> {
      int64_t instansi = TRY(test::insert_sambas(tx));
      int64_t other = TRY(insert_instansi(tx,
                                          Instansi{.code = "KOTA-PONTIANAK",
                                                   .name = "Pemerintah Kota Pontianak",
                                                   .kind = "daerah",
                                                   .region_code = "61.71"},
                                          1));
      int64_t dukcapil =
          TRY(insert_unit(tx, instansi, std::nullopt, "DUKCAPIL", "Dinas Dukcapil", 1));
      int64_t service =
          TRY(insert_unit(tx, instansi, dukcapil, "DUKCAPIL-PDP", "Bidang Pelayanan", 1));
      int64_t health = TRY(insert_unit(tx, instansi, std::nullopt, "DINKES", "Dinas Kesehatan", 1));
      TRY(insert_position(tx,
                          Position{.instansi_id = instansi,
                                   .code = "OPERATOR",
                                   .name = "Operator Layanan",
                                   .kind = "pelaksana",
                                   .jenjang = "pelaksana",
                                   .grade = 5,
                                   .required_pb_level = 1},
                          1));
      return std::vector<int64_t>{instansi, other, dukcapil, service, health};
    });
    ASSERT_TRUE(ids.ok()) << ids.error().internal_detail;
    instansi_ = ids.value()[0];
    other_ = ids.value()[1];
    dukcapil_ = ids.value()[2];
    service_ = ids.value()[3];
    health_ = ids.value()[4];
  }
  db::Database& db() { return *t_.db; }

  Status add_asn(const std::string& nip, const std::string& name, int64_t unit,
                 int64_t instansi = 0) {
    AsnRecord rec{instansi ? instansi : instansi_, AsnDraft{nip, name, "PNS", "X", "", true, ""},
                  unit, std::nullopt};
    return db().write([&](db::Tx& tx) -> Status {
      TRY(upsert_asn(tx, rec, 1));
      return {};
    });
  }

  std::string write_csv(const std::string& text) {
    std::string path = t_.dir->file(fmt::format("import{}.csv", ++files_));
    std::ofstream(path) << text;
    return path;
  }

  Result<ImportReport> import(const std::string& path, ImportOptions options = {}) {
    audit::Entry e{std::nullopt, "test", instansi_, "asn.import", "instansi",
                   "KAB-SAMBAS", "test", "-",       "{}"};
    return import_asn_csv(db(), instansi_, path, options, kToday, 100, e, 100000);
  }

  int64_t asn_count() {
    return db().read([](db::Tx& tx) { return tx.scalar_i64("SELECT count(*) FROM asn"); }).value();
  }

  test::TestDatabase t_;
  int64_t instansi_ = 0, other_ = 0, dukcapil_ = 0, service_ = 0, health_ = 0;
  int files_ = 0;
};

TEST_P(OrgStore, UnitTreePathsAndMoves) {
  auto units = db().read([&](db::Tx& tx) { return list_units(tx, instansi_); });
  ASSERT_TRUE(units.ok());
  ASSERT_EQ(units->size(), 3u);
  auto service =
      *db().read([&](db::Tx& tx) { return find_unit(tx, instansi_, "DUKCAPIL-PDP"); }).value();
  EXPECT_EQ(service.path, fmt::format("/{}/{}/", dukcapil_, service_));
  EXPECT_EQ(service.parent_code, "DUKCAPIL");
  auto dukcapil = *db().read([&](db::Tx& tx) { return find_unit_by_id(tx, dukcapil_); }).value();
  // Moving DUKCAPIL under DINKES moves its child too.
  ASSERT_TRUE(db().write([&](db::Tx& tx) {
                    return update_unit(tx, dukcapil, health_, dukcapil.name, true, 2);
                  })
                  .ok());
  service =
      *db().read([&](db::Tx& tx) { return find_unit(tx, instansi_, "DUKCAPIL-PDP"); }).value();
  EXPECT_EQ(service.path, fmt::format("/{}/{}/{}/", health_, dukcapil_, service_));
  // A unit cannot move under its own descendant.
  dukcapil = *db().read([&](db::Tx& tx) { return find_unit_by_id(tx, dukcapil_); }).value();
  Status loop = db().write(
      [&](db::Tx& tx) { return update_unit(tx, dukcapil, service_, dukcapil.name, true, 3); });
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.error().fields.at(0).key, "unit.move_into_itself");
}

TEST_P(OrgStore, UnitCodesAreUniquePerInstansi) {
  Status dup = db().write([&](db::Tx& tx) -> Status {
    TRY(insert_unit(tx, instansi_, std::nullopt, "DUKCAPIL", "Lagi", 1));
    return {};
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().key, "db.unique");
  Status elsewhere = db().write([&](db::Tx& tx) -> Status {
    TRY(insert_unit(tx, other_, std::nullopt, "DUKCAPIL", "Dukcapil Pontianak", 1));
    return {};
  });
  EXPECT_TRUE(elsewhere.ok());
}

TEST_P(OrgStore, AsnSearchPagingAndScope) {
  const char* names[] = {"Siti Aminah",      "Budi Santoso", "Siti Rahayu",
                         "Agustinus Lawing", "Maria Lim",    "Ahmad Siti"};
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(
        add_asn(fmt::format("19850312201001100{}", i + 1), names[i], i % 2 ? health_ : service_)
            .ok());
  }
  auto list = [&](AsnQuery q) {
    return db().read([&](db::Tx& tx) { return list_asn(tx, q); }).value();
  };
  AsnQuery q;
  q.instansi_id = instansi_;
  q.limit = 4;
  auto first = list(q);
  ASSERT_EQ(first.items.size(), 4u);
  EXPECT_EQ(first.items[0].name, "Agustinus Lawing");
  ASSERT_FALSE(first.next_cursor.empty());
  q.cursor = first.next_cursor;
  auto second = list(q);
  ASSERT_EQ(second.items.size(), 2u);
  EXPECT_TRUE(second.next_cursor.empty());
  EXPECT_EQ(second.items[1].name, "Siti Rahayu");
  // Word-prefix search matches any word of the name.
  AsnQuery s;
  s.instansi_id = instansi_;
  s.search = "siti";
  EXPECT_EQ(list(s).items.size(), 3u);
  s.search = "SITI ra";
  ASSERT_EQ(list(s).items.size(), 1u);
  s.search = "1985031220100110";
  s.limit = 4;
  auto by_nip = list(s);
  ASSERT_EQ(by_nip.items.size(), 4u) << "NIP prefix";
  EXPECT_EQ(by_nip.items[0].nip, "198503122010011001") << "NIP searches come in NIP order";
  s.cursor = by_nip.next_cursor;
  auto rest = list(s);
  ASSERT_EQ(rest.items.size(), 2u);
  EXPECT_EQ(rest.items[1].nip, "198503122010011006");
  // A unit head's scope: only the DUKCAPIL subtree.
  AsnQuery scoped;
  scoped.instansi_id = instansi_;
  scoped.unit_path_prefix = fmt::format("/{}/", dukcapil_);
  EXPECT_EQ(list(scoped).items.size(), 3u);
  AsnQuery bad;
  bad.instansi_id = instansi_;
  bad.cursor = "not-a-cursor!";
  auto refused = db().read([&](db::Tx& tx) { return list_asn(tx, bad); });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).key, "paging.cursor_invalid");
}

TEST_P(OrgStore, UpsertIsIdempotentAndGuardsOtherInstansi) {
  AsnRecord rec{instansi_, AsnDraft{"198503122010011003", "Ahmad", "PNS", "DUKCAPIL", "", true, ""},
                service_, std::nullopt};
  auto outcome = [&](const AsnRecord& r) {
    return db().write([&](db::Tx& tx) { return upsert_asn(tx, r, 1); });
  };
  EXPECT_EQ(outcome(rec).value(), UpsertOutcome::kInserted);
  EXPECT_EQ(outcome(rec).value(), UpsertOutcome::kUnchanged);
  rec.draft.name = "Ahmad Syahrial";
  EXPECT_EQ(outcome(rec).value(), UpsertOutcome::kUpdated);
  AsnQuery q;
  q.instansi_id = instansi_;
  q.search = "syahrial";
  EXPECT_EQ(db().read([&](db::Tx& tx) { return list_asn(tx, q); }).value().items.size(), 1u)
      << "tokens follow renames";
  AsnRecord foreign = rec;
  foreign.instansi_id = other_;
  auto clash = outcome(foreign);
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().fields.at(0).key, "asn.nip_other_instansi");
}

TEST_P(OrgStore, ImportReportsEveryBadRowAndStoresNothing) {
  std::string path = write_csv(
      "nip,nama,status,unit,jabatan\n"
      "198503122010011003,Ahmad Syahrial,PNS,DUKCAPIL-PDP,OPERATOR\n"
      "19850312201001100,Budi,PNS,DUKCAPIL,\n"            // 17 digits
      "198503122010011004,Siti,HONORER,DUKCAPIL,\n"       // employment
      "198503122010011005,Maria Lim,PNS,NOWHERE,\n"       // unknown unit
      "198503122010011006,Agustinus,PNS,DINKES,KEPALA\n"  // unknown position
      "198503122010011003,Ahmad Lagi,PNS,DINKES,\n");     // repeats line 2
  auto report = import(path);
  ASSERT_TRUE(report.ok()) << report.error().internal_detail;
  EXPECT_EQ(report->rows, 6);
  EXPECT_EQ(report->bad_rows, 5);
  EXPECT_FALSE(report->written);
  EXPECT_EQ(asn_count(), 0) << "nothing imported when any row is bad";
  std::vector<std::string> seen;
  for (const auto& p : report->problems)
    seen.push_back(fmt::format("{}:{}:{}", p.line, p.column, p.key));
  EXPECT_EQ(seen, (std::vector<std::string>{"3:nip:nip.length", "4:status:asn.employment_invalid",
                                            "5:unit:unit.unknown", "6:jabatan:position.unknown",
                                            "7:nip:csv.duplicate_nip"}));
}

TEST_P(OrgStore, ImportGoodRowsAndReimportChangesNothing) {
  std::string path = write_csv(
      "NIP;Nama;Status;Unit;Aktif\n"
      "198503122010011003;Ahmad Syahrial;PNS;DUKCAPIL-PDP;1\n"
      "198707152012022001;Siti Aminah;PPPK;dinkes;ya\n"
      "bad;Budi;PNS;DINKES;1\n");
  auto strict = import(path);
  ASSERT_TRUE(strict.ok());
  EXPECT_EQ(asn_count(), 0);
  auto good = import(path, ImportOptions{.import_good_rows = true});
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(good->written);
  EXPECT_EQ(good->inserted, 2);
  EXPECT_EQ(good->bad_rows, 1);
  EXPECT_EQ(asn_count(), 2);
  auto again = import(path, ImportOptions{.import_good_rows = true});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(asn_count(), 2);
}

TEST_P(OrgStore, ImportStopsAtABrokenFileWithItsLine) {
  auto report =
      import(write_csv("nip,nama,status,unit\n198503122010011003,\"Ahmad,PNS,DUKCAPIL\n"));
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].key, "csv.unterminated_quote");
  EXPECT_EQ(report->problems[0].line, 2);
  auto header = import(write_csv("nip,nama,unit\n"));
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().key, "csv.bad_header");
  EXPECT_EQ(header.error().fields.at(0).key, "csv.missing_column");
  EXPECT_EQ(asn_count(), 0);
}

TEST_P(OrgStore, ImportRefusesNipsOfAnotherInstansiAtomically) {
  // The NIP is already registered with Kota Pontianak.
  ASSERT_TRUE(add_asn("198503122010011003", "Ahmad", dukcapil_).ok());
  ASSERT_TRUE(db().write([&](db::Tx& tx) -> Status {
                    TRY(tx.exec("UPDATE asn SET instansi_id = ?, unit_id = NULL", {other_}));
                    return {};
                  })
                  .ok());
  auto report =
      import(write_csv("nip,nama,status,unit\n"
                       "198707152012022001,Siti Aminah,PNS,DINKES\n"
                       "198503122010011003,Ahmad,PNS,DINKES\n"));
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->written);
  EXPECT_EQ(report->problems.back().key, "asn.nip_other_instansi");
  EXPECT_EQ(report->problems.back().line, 3);
  EXPECT_EQ(asn_count(), 1) << "the good first row was rolled back too";
}

INSTANTIATE_TEST_SUITE_P(Backends, OrgStore, ::testing::ValuesIn(test::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace harmoni::org

// Harmony's use cases on every backend: a case from opening to dialogue, agreement,
// closure and its published lessons found by another word form; who sees what (handlers,
// heads of the unit, parties, nobody else); a complaint opening a case in one step; the
// reminders; the overview's small groups withheld; the lessons carrying none of the
// case's names, NIPs or places; and search quality on the demo's articles, the same
// results on SQLite and PostgreSQL.
#include "harmony/harmony_cases.hpp"

#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "complaints/complaint_cases.hpp"
#include "harmony/article_file.hpp"
#include "harmony/kb_cases.hpp"
#include "harmony/markdown.hpp"
#include "learning/learning_store.hpp"
#include "org/org_store.hpp"
#include "platform/embedded.hpp"
#include "platform/inbox/inbox_store.hpp"
#include "support/seed.hpp"

namespace harmoni::harmony {
namespace {

// Thursday 3 December 2026, 09:00 WIB.
constexpr int64_t kStart = 1'796'263'200'000;
constexpr int64_t kDay = 24LL * 3600 * 1000;

constexpr const char* kBudiNip = "198501012010011001";
constexpr const char* kRinaNip = "199002022015022002";
constexpr const char* kSariNip = "198807072012012003";

class HarmonyCases : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto ok = world_.db().write([&](db::Tx& tx) -> Status {
      sambas_ = TRY(test::insert_sambas(tx));
      test::ServiceUnits units = TRY(test::insert_service_units(tx, sambas_, "Loket Sungai Raya"));
      unit_ = units.counter;
      top_ = units.top;
      sibling_ = units.sibling;
      const int64_t loket = unit_.id;
      pontianak_ = TRY(test::insert_pontianak(tx));
      for (auto [nip, name] :
           {std::pair{kBudiNip, "Budi Santoso"}, std::pair{kRinaNip, "Rina Wati"},
            std::pair{kSariNip, "Sari Lestari"}}) {
        TRY(org::upsert_asn(tx,
                            {.instansi_id = sambas_,
                             .draft = {.nip = nip, .name = name, .employment = "PNS"},
                             .unit_id = loket},
                            1));
      }
      budi_asn_ = TRY(org::find_asn_by_nip(tx, kBudiNip))->id;
      rina_asn_ = TRY(org::find_asn_by_nip(tx, kRinaNip))->id;
      handler_ = test::staff_principal(
          TRY(test::insert_staff(tx, "handler@sambas.go.id", "case_handler", "KAB-SAMBAS", "", "")),
          auth::Role::kCaseHandler, sambas_);
      second_ = test::staff_principal(TRY(test::insert_staff(tx, "handler2@sambas.go.id",
                                                             "case_handler", "KAB-SAMBAS", "", "")),
                                      auth::Role::kCaseHandler, sambas_);
      head_ = test::staff_principal(TRY(test::insert_staff(tx, "head@sambas.go.id", "unit_head",
                                                           "KAB-SAMBAS", "DUKCAPIL", "")),
                                    auth::Role::kUnitHead, sambas_, top_);
      sibling_head_ =
          test::staff_principal(TRY(test::insert_staff(tx, "dinkes@sambas.go.id", "unit_head",
                                                       "KAB-SAMBAS", "DINKES", "")),
                                auth::Role::kUnitHead, sambas_, sibling_);
      admin_ = test::staff_principal(
          TRY(test::insert_staff(tx, "admin@sambas.go.id", "instansi_admin", "KAB-SAMBAS", "", "")),
          auth::Role::kInstansiAdmin, sambas_);
      rina_ =
          test::staff_principal(TRY(test::insert_staff(tx, "rina@sambas.go.id", "officer",
                                                       "KAB-SAMBAS", "DUKCAPIL.LOKET", kRinaNip)),
                                auth::Role::kOfficer, sambas_, unit_);
      rina_.asn_id = rina_asn_;
      hr_ = test::staff_principal(
          TRY(test::insert_staff(tx, "hr@sambas.go.id", "hr_developer", "KAB-SAMBAS", "", "")),
          auth::Role::kHrDeveloper, sambas_);
      pontianak_handler_ =
          test::staff_principal(TRY(test::insert_staff(tx, "handler@pontianak.go.id",
                                                       "case_handler", "KOTA-PONTIANAK", "", "")),
                                auth::Role::kCaseHandler, pontianak_);
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().key << " " << ok.error().internal_detail;
  }

  Actor as(const auth::Principal& p) { return test::CaseWorld::as(p); }
  Env env() { return world_.env(); }

  Case new_case() const {
    return {.unit_id = unit_.id,
            .setting = Setting::kCommunity,
            .region_code = "61.01",
            .kind = Kind::kDiscrimination,
            .dimension = Dimension::kRegionOfOrigin,
            .origin = Origin::kStaffReport,
            .title = "Pemohon pindahan merasa dibedakan",
            .summary =
                "Pak Ahmad, pemohon pindahan, merasa Budi Santoso di Loket Sungai Raya "
                "menyindir logatnya pada 1 Desember 2026."};
  }

  int64_t open(const Case& c) {
    auto id = open_case(env(), as(handler_), c);
    EXPECT_TRUE(id.ok()) << id.error().key;
    return id.value();
  }

  void expect_ok(const Status& st) {
    ASSERT_TRUE(st.ok()) << st.error().key << " "
                         << (st.error().fields.empty()
                                 ? ""
                                 : st.error().fields[0].field + " " + st.error().fields[0].key);
  }

  // A case through dialogue to closure.
  int64_t resolved_case() {
    const int64_t id = open(new_case());
    expect_ok(add_party(env(), as(handler_), id, PartyKind::kAsn, kBudiNip, 2));
    expect_ok(add_party(env(), as(handler_), id, PartyKind::kCitizen, "", 1));
    expect_ok(add_finding(
        env(), as(handler_), id,
        {.is_fact = true,
         .text = "Rekaman loket menunjukkan Budi Santoso menanyakan asal Pak Ahmad tiga kali.",
         .source = Source::kRecord}));
    expect_ok(add_finding(env(), as(handler_), id,
                          {.is_fact = false, .text = "Pemohon merasa dicurigai.", .side = 1}));
    expect_ok(add_cause(env(), as(handler_), id,
                        {.category = CauseCategory::kPolicy,
                         .whys = {"Berkas pemohon pindahan diperiksa lebih lama",
                                  "Tidak ada daftar periksa yang sama untuk semua"}}));
    expect_ok(set_rule(env(), as(handler_), id, "UU 25/2009 pasal 4 (persamaan perlakuan)"));
    expect_ok(record_session(env(), as(handler_), id,
                             {.held_on = Date{2026, 12, 3},
                              .sides_present = {1, 2},
                              .needs = {{1, "Dilayani tanpa dicurigai"}, {2, "Syarat yang jelas"}}},
                             kSariNip));
    expect_ok(add_agreement(env(), as(handler_), id,
                            {.text = "Daftar periksa berkas yang sama dipakai semua petugas",
                             .due_on = Date{2026, 12, 10}},
                            kRinaNip));
    return id;
  }

  test::CaseWorld world_{GetParam(), kStart};
  int64_t sambas_ = 0, pontianak_ = 0, budi_asn_ = 0, rina_asn_ = 0;
  org::Unit unit_, top_, sibling_;
  auth::Principal handler_, second_, head_, sibling_head_, admin_, rina_, hr_, pontianak_handler_;
};

TEST_P(HarmonyCases, FromReportToPublishedLessonsFoundByAnotherWordForm) {
  const int64_t id = resolved_case();
  // The owner of the agreement was told.
  auto told = world_.db().read([&](db::Tx& tx) { return inbox::list_items(tx, rina_.user_id, 5); });
  ASSERT_EQ(told->size(), 1u);
  EXPECT_EQ((*told)[0].message_key, "inbox.harmony_agreement");

  CaseView v = read_case(env(), as(handler_), id).value();
  EXPECT_EQ(v.c.status, State::kDialogue);
  ASSERT_EQ(v.agreements.size(), 1u);
  expect_ok(start_monitoring(env(), as(handler_), id));
  expect_ok(check_agreement(env(), as(handler_), id, v.agreements[0].id, {.kept = true}));
  // Closing says why, and cannot claim resolution without dialogue (there was one).
  expect_ok(close_case(
      env(), as(handler_), id,
      {.outcome = Outcome::kResolved, .reason = "Petugas meminta maaf; daftar periksa dipakai."}));
  EXPECT_EQ(read_case(env(), as(handler_), id)->c.status, State::kClosed);

  auto labels = [](const std::string& key) { return "«" + key + "»"; };
  const int64_t article = draft_from_case(env(), as(handler_), id, labels).value();
  ArticleView draft = read_article(env(), as(handler_), article).value();
  EXPECT_EQ(draft.article.state, ArticleState::kDraft);
  for (const char* gone : {"Budi", "Santoso", "Ahmad", "Sari", "Rina", "Sungai Raya", "Sambas",
                           kBudiNip, "Desember", "Dinas Dukcapil"})
    EXPECT_EQ(draft.article.body.find(gone), std::string::npos) << gone << "\n"
                                                                << draft.article.body;
  EXPECT_NE(draft.article.body.find("UU 25/2009"), std::string::npos);
  EXPECT_EQ(draft_from_case(env(), as(handler_), id, labels).error().key, "kb.case_has_article");
  // Not readable outside the writers before it is published.
  EXPECT_EQ(read_article(env(), as(rina_), article).error().kind, ErrorKind::kNotFound);
  // Confirmed by its author, approved by a second handler, never by the author.
  EXPECT_EQ(approve_article(env(), as(handler_), article).error().kind, ErrorKind::kConflict);
  expect_ok(submit_article(env(), as(handler_), article));
  EXPECT_EQ(approve_article(env(), as(handler_), article).error().key, "kb.approver_is_author");
  expect_ok(approve_article(env(), as(second_), article));

  // Found by another form of a word of its text ("diperiksa" met by "pemeriksaan").
  auto found = search_articles(env(), as(rina_), "pemeriksaan berkas", {}, 0, 10).value();
  ASSERT_FALSE(found.items.empty());
  EXPECT_EQ(found.items[0].article.id, article);
  bool highlighted = false;
  for (const Fragment& f : found.items[0].snippet) highlighted |= f.hit;
  EXPECT_TRUE(highlighted);
  // Not by another instansi: the lessons are for Sambas.
  EXPECT_TRUE(search_articles(env(), as(pontianak_handler_), "pemeriksaan berkas", {}, 0, 10)
                  ->items.empty());

  // Studying it earns self-learning JP once.
  ArticleView read = read_article(env(), as(rina_), article).value();
  EXPECT_TRUE(read.may_study);
  const std::vector<std::string> answers(read.article.questions.size(),
                                         "Saya memakai daftar periksa untuk semua pemohon.");
  EXPECT_FALSE(study_article(env(), as(rina_), article, {"pendek"}).ok());
  expect_ok(study_article(env(), as(rina_), article, answers));
  EXPECT_EQ(study_article(env(), as(rina_), article, answers).error().key, "kb.studied_already");
  auto records =
      world_.db().read([&](db::Tx& tx) { return learning::records_of(tx, rina_asn_, 2026); });
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].source, learning::Source::kKb);
  EXPECT_EQ((*records)[0].minutes, 45);
  EXPECT_EQ(study_report(env(), as(hr_))->at(0).people, 1);
  EXPECT_GE(world_.audited("harmony.case_read"), 1);
}

TEST_P(HarmonyCases, OnlyHandlersAndHeadsOfTheUnitSeeACase) {
  const int64_t id = resolved_case();
  EXPECT_TRUE(read_case(env(), as(head_), id)->rights.read);
  EXPECT_FALSE(read_case(env(), as(head_), id)->rights.handle);
  EXPECT_EQ(start_monitoring(env(), as(head_), id).error().kind, ErrorKind::kForbidden);
  for (const auth::Principal* p : {&sibling_head_, &admin_, &hr_, &pontianak_handler_})
    EXPECT_EQ(read_case(env(), as(*p), id).error().kind, ErrorKind::kNotFound);
  // Rina owns an agreement but is no party: she sees her agreement nowhere but her inbox
  // link; Budi, a party, sees the status and nothing else in his list.
  auto mine = my_cases(env(), as(rina_)).value();
  EXPECT_TRUE(mine.empty());
  EXPECT_EQ(read_case(env(), as(rina_), id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(open_case(env(), as(head_), new_case()).error().kind, ErrorKind::kForbidden);
  // A head's list holds the cases of their subtree only.
  EXPECT_EQ(list_cases_for(env(), as(head_), std::nullopt, false, std::nullopt, 10)->items.size(),
            1u);
  EXPECT_TRUE(list_cases_for(env(), as(sibling_head_), std::nullopt, false, std::nullopt, 10)
                  ->items.empty());
}

TEST_P(HarmonyCases, ThePartiesSeeStatusAndTheirAgreements) {
  const int64_t id = open(new_case());
  expect_ok(start_analysis(env(), as(handler_), id));
  expect_ok(add_party(env(), as(handler_), id, PartyKind::kAsn, kRinaNip, 1));
  EXPECT_EQ(add_party(env(), as(handler_), id, PartyKind::kAsn, kRinaNip, 2).error().fields[0].key,
            "harmony.party_twice");
  expect_ok(record_session(env(), as(handler_), id,
                           {.held_on = Date{2026, 12, 3}, .sides_present = {1}}, ""));
  expect_ok(add_agreement(env(), as(handler_), id,
                          {.text = "Mengikuti pelatihan komunikasi", .due_on = Date{2026, 12, 20}},
                          kRinaNip));
  auto mine = my_cases(env(), as(rina_)).value();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].status, State::kDialogue);
  ASSERT_EQ(mine[0].my_agreements.size(), 1u);
  // A party never reads the case itself.
  EXPECT_EQ(read_case(env(), as(rina_), id).error().kind, ErrorKind::kNotFound);
}

TEST_P(HarmonyCases, RefusedStepsChangeNothing) {
  const int64_t id = open(new_case());
  EXPECT_EQ(start_monitoring(env(), as(handler_), id).error().key, "harmony.step_not_allowed");
  EXPECT_EQ(close_case(env(), as(handler_), id,
                       {.outcome = Outcome::kResolved, .reason = "Selesai dengan baik."})
                .error()
                .fields[0]
                .key,
            "harmony.outcome_needs_dialogue");
  EXPECT_EQ(add_party(env(), as(handler_), id, PartyKind::kAsn, "199912312020121001", 1)
                .error()
                .fields[0]
                .key,
            "harmony.asn_unknown");
  CaseView v = read_case(env(), as(handler_), id).value();
  EXPECT_EQ(v.c.status, State::kOpen);
  EXPECT_TRUE(v.parties.empty());
  EXPECT_EQ(v.steps.size(), 1u);
  Case bad = new_case();
  bad.region_code = "99.99";
  EXPECT_EQ(open_case(env(), as(handler_), bad).error().fields[0].key, "harmony.region_unknown");
  bad = new_case();
  bad.unit_id = sibling_.id + 1000;
  EXPECT_EQ(open_case(env(), as(handler_), bad).error().fields[0].key, "harmony.unit_unknown");
}

TEST_P(HarmonyCases, AComplaintOpensACaseInOneStep) {
  auto receipt = complaints::submit_report(
      env(), Actor{.source = "203.0.113.9"},
      {.report = {.description = "Petugas loket membeda-bedakan warga dari luar daerah.",
                  .happened_on = Date{2026, 12, 2},
                  .identity = complaints::Identity::kAnonymous},
       .unit_id = unit_.id});
  ASSERT_TRUE(receipt.ok()) << receipt.error().key << " " << receipt.error().fields.at(0).field
                            << " " << receipt.error().fields.at(0).key;
  const int64_t complaint = receipt->id;
  // Not yet verified as discrimination: no case.
  EXPECT_EQ(open_case_from_complaint(env(), as(handler_), complaint, Kind::kDiscrimination,
                                     Dimension::kRegionOfOrigin)
                .error()
                .key,
            "harmony.complaint_category");
  expect_ok(complaints::verify(env(), as(handler_), complaint,
                               {.category = complaints::Category::kDiscrimination,
                                .grade = complaints::Grade::kNormative,
                                .unit_id = unit_.id,
                                .officer_nip = kBudiNip}));
  EXPECT_EQ(open_case_from_complaint(env(), as(pontianak_handler_), complaint,
                                     Kind::kDiscrimination, Dimension::kRegionOfOrigin)
                .error()
                .kind,
            ErrorKind::kNotFound);
  const int64_t id = open_case_from_complaint(env(), as(handler_), complaint, Kind::kDiscrimination,
                                              Dimension::kRegionOfOrigin)
                         .value();
  CaseView v = read_case(env(), as(handler_), id).value();
  EXPECT_EQ(v.c.origin, Origin::kComplaint);
  EXPECT_EQ(v.c.complaint_id, complaint);
  EXPECT_EQ(v.c.region_code, "61.01");
  ASSERT_EQ(v.parties.size(), 2u);
  EXPECT_EQ(v.parties[1].asn_id, budi_asn_);
  EXPECT_EQ(open_case_from_complaint(env(), as(handler_), complaint, Kind::kDiscrimination,
                                     Dimension::kRegionOfOrigin)
                .error()
                .key,
            "harmony.complaint_has_case");
}

TEST_P(HarmonyCases, OverdueAgreementsAndReviewsReachHandlerAndHeadOnce) {
  resolved_case();
  WatchNote note{.unit_id = unit_.id,
                 .note = "Ketegangan antarwarga menjelang pilkada.",
                 .review_on = Date{2026, 12, 8}};
  ASSERT_TRUE(add_watch_note(env(), as(head_), note).ok());
  EXPECT_EQ(add_watch_note(env(), as(sibling_head_), note).error().fields[0].key,
            "harmony.unit_unknown");
  world_.clock.advance_ms(10 * kDay);  // 13 December: both due
  auto run = run_harmony_reminders(env()).value();
  EXPECT_EQ(run.agreements, 1);
  EXPECT_EQ(run.reviews, 1);
  auto head_items =
      world_.db().read([&](db::Tx& tx) { return inbox::list_items(tx, head_.user_id, 10); });
  ASSERT_EQ(head_items->size(), 2u);
  auto handler_items =
      world_.db().read([&](db::Tx& tx) { return inbox::list_items(tx, handler_.user_id, 10); });
  EXPECT_EQ(handler_items->size(), 1u);
  run = run_harmony_reminders(env()).value();
  EXPECT_EQ(run.agreements + run.reviews, 0);
}

TEST_P(HarmonyCases, OverviewWithholdsSmallGroupsOfADimension) {
  for (int i = 0; i < 5; ++i) open(new_case());
  Case other = new_case();
  other.dimension = Dimension::kReligion;
  open(other);
  OverviewView o = harmony_overview(env(), as(head_)).value();
  int64_t region = 0, religion = 0;
  for (auto [d, n] : o.counts.by_dimension) {
    if (d == Dimension::kRegionOfOrigin) region = n;
    if (d == Dimension::kReligion) religion = n;
  }
  EXPECT_EQ(region, 5);
  EXPECT_EQ(religion, -1);
  EXPECT_EQ(o.counts.open_under_30, 6);
  EXPECT_EQ(harmony_overview(env(), as(admin_)).error().kind, ErrorKind::kForbidden);
}

// The demo's articles, written by the handler in file order (ids 1..32).
void write_demo_articles(const Env& env, const Actor& writer) {
  for (int i = 1;; ++i) {
    auto text = embedded_file(fmt::format("data/kb/demo/{:02d}.md", i));
    if (!text) break;
    Article a = parse_article_file(*text).value();
    auto id = write_article(env, writer, a, true);
    ASSERT_TRUE(id.ok()) << i << " " << id.error().key;
    ASSERT_EQ(*id, i);
  }
}

TEST_P(HarmonyCases, SearchFindsTheRightArticlesFirstOnEveryDatabase) {
  write_demo_articles(env(), as(handler_));
  // Each query with the articles that must come first, in order: the same on both
  // databases, so both give the same results.
  const std::vector<std::pair<std::string, std::vector<int64_t>>> expected = {
      {"dirundung", {2}},
      {"perundungan rekan kerja", {2}},
      {"kerukunan umat beragama", {10}},
      {"mendiskriminasi warga keturunan", {25}},
      {"kesepakatan spesifik tenggat", {14}},
      {"membedakan fakta opini", {13}},
      {"netralitas", {18}},
      {"dilecehkan", {24}},
      {"bermusyawarah tokoh adat", {9}},
      {"lima mengapa akar masalah", {12}},
      {"bahasa daerah lanjut usia", {15}},
      {"konflik kepentingan bantuan sosial", {5}},
  };
  for (const auto& [query, first] : expected) {
    auto page = search_articles(env(), as(rina_), query, {}, 0, 10).value();
    ASSERT_GE(page.items.size(), first.size()) << query;
    for (size_t i = 0; i < first.size(); ++i)
      EXPECT_EQ(page.items[i].article.id, first[i]) << query << " #" << i;
    for (size_t i = 1; i < page.items.size(); ++i)
      EXPECT_GE(page.items[i - 1].score, page.items[i].score) << query;
  }
  // Both articles on disability come first, whichever leads.
  auto disability = search_articles(env(), as(rina_), "penyandang disabilitas", {}, 0, 10).value();
  ASSERT_GE(disability.items.size(), 2u);
  EXPECT_EQ(disability.items[0].article.id + disability.items[1].article.id, 4 + 27);
  // Filters narrow; an instansi-scoped article is not another instansi's.
  auto filtered = search_articles(env(), as(rina_), "diskriminasi",
                                  {{TagKind::kDimension, "disability"}}, 0, 10)
                      .value();
  ASSERT_FALSE(filtered.items.empty());
  for (const Found& f : filtered.items)
    EXPECT_NE(std::find(f.article.tags.begin(), f.article.tags.end(),
                        Tag{TagKind::kDimension, "disability"}),
              f.article.tags.end());
  auto elsewhere = search_articles(env(), as(pontianak_handler_), "perundungan", {}, 0, 10).value();
  for (const Found& f : elsewhere.items) EXPECT_EQ(f.article.scope, Scope::kAll);
  EXPECT_EQ(search_articles(env(), as(rina_), "yang dan di", {}, 0, 10).error().fields[0].key,
            "kb.query_empty");
  // Withdrawn: out of the index.
  expect_ok(withdraw_article(env(), as(handler_), 2));
  auto after = search_articles(env(), as(rina_), "dirundung", {}, 0, 10).value();
  for (const Found& f : after.items) EXPECT_NE(f.article.id, 2);
}

// The search reads only the top of each term's list: it must give what scoring every
// article would, for queries of common and rare words alike.
TEST_P(HarmonyCases, ReadingTheTopOfTheListsGivesTheExactRanking) {
  write_demo_articles(env(), as(handler_));
  // 600 more, each a run of one demo article's words, so lists are longer than a slice.
  std::vector<std::string> words;
  for (int i = 1; i <= 32; ++i) {
    std::string plain = markdown_plain(
        parse_article_file(*embedded_file(fmt::format("data/kb/demo/{:02d}.md", i)))->body);
    for (const Token& t : tokenize(plain)) words.push_back(plain.substr(t.begin, t.end - t.begin));
  }
  ASSERT_TRUE(world_.db()
                  .bulk_write([&](db::Tx& tx) -> Status {
                    std::vector<ToIndex> batch;
                    for (size_t i = 0; i < 600; ++i) {
                      std::string body;
                      for (size_t k = 0; k < 40 + i % 90; ++k)
                        body += words[(i * 37 + k * (1 + i % 7)) % words.size()] + " ";
                      Article a{.instansi_id = sambas_,
                                .title = words[(i * 11) % words.size()] + " bagian",
                                .body = body,
                                .scope = i % 3 ? Scope::kInstansi : Scope::kAll,
                                .state = ArticleState::kPublished,
                                .published_at = 1};
                      const int64_t id = TRY(insert_article(tx, a, 1));
                      batch.push_back({.article_id = id,
                                       .audience = a.scope == Scope::kAll ? 0 : sambas_,
                                       .terms = index_terms(a.title, a.body)});
                    }
                    return index_articles(tx, batch);
                  })
                  .ok());
  const std::vector<std::string> queries = {"pegawai",
                                            "warga layanan",
                                            "kesepakatan pelayanan petugas",
                                            "agama",
                                            "unit kerja pimpinan",
                                            "diskriminasi warga",
                                            "aturan",
                                            "media sosial pesan",
                                            "petugas",
                                            "dialog musyawarah tokoh"};
  // The defaults read these short lists whole; the others read slices of 5 rows and settle
  // half-known articles by lookups only, by reading on only, or by choosing between them.
  const std::vector<ListReading> readings = {
      {},
      {.first_slice = 5, .short_list = 0, .lookup_rows = 0},
      {.first_slice = 5, .short_list = 0, .lookup_rows = 1'000'000},
      {.first_slice = 5, .short_list = 0, .lookup_rows = 8}};
  for (const ListReading& reading : readings)
    for (const std::string& query : queries) {
      for (auto [offset, limit] : {std::pair{0, 1}, {0, 3}, {0, 10}, {4, 3}}) {
        auto fast = world_.db().read([&](db::Tx& tx) {
          return search(tx, {.terms = distinct_terms(query),
                             .instansi_id = sambas_,
                             .offset = offset,
                             .limit = limit,
                             .reading = reading});
        });
        ASSERT_TRUE(fast.ok());
        // Every article scored: the weights of all its query terms, summed in term order.
        auto all = world_.db().read([&](db::Tx& tx) -> Result<std::vector<Hit>> {
          const int64_t n = TRY(tx.scalar_i64("SELECT articles FROM kb_index_stats"));
          std::vector<std::pair<int64_t, double>> idf;
          for (const std::string& t : distinct_terms(query)) {
            auto row =
                TRY(tx.query_one("SELECT id, df FROM kb_terms WHERE term = ? AND df > 0", {t}));
            if (row) idf.emplace_back(row->i64(0), bm25_idf(n, row->i64(1)));
          }
          std::sort(idf.begin(), idf.end());
          std::map<int64_t, std::vector<double>> w;
          for (size_t i = 0; i < idf.size(); ++i)
            TRY(
                tx.each("SELECT article_id, weight FROM kb_postings WHERE term_id = ? AND audience "
                        "IN (0, ?)",
                        {idf[i].first, sambas_}, [&](const db::Row& r) {
                          auto& v = w[r.i64(0)];
                          v.resize(idf.size());
                          v[i] = r.f64(1);
                          return true;
                        }));
          std::vector<Hit> out;
          for (auto& [id, v] : w) {
            double sum = 0;
            for (size_t i = 0; i < idf.size(); ++i) sum += idf[i].second * v[i];
            out.push_back({id, sum});
          }
          std::sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) {
            return a.score != b.score ? a.score > b.score : a.article_id < b.article_id;
          });
          out.erase(out.begin(), out.begin() + std::min<size_t>(out.size(), offset));
          if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
          return out;
        });
        ASSERT_TRUE(all.ok());
        ASSERT_EQ(fast->size(), all->size()) << query;
        for (size_t i = 0; i < all->size(); ++i) {
          EXPECT_EQ((*fast)[i].article_id, (*all)[i].article_id) << query << " #" << i;
          EXPECT_EQ((*fast)[i].score, (*all)[i].score) << query << " #" << i;
        }
      }
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, HarmonyCases, ::testing::ValuesIn(test::backend_names()));

}  // namespace
}  // namespace harmoni::harmony

// Complaint handling's use cases on every backend: a report from receipt to closure with
// its notices and counts, steps refused outside the machine or the actor's rights, the
// reporter's protection (confidential identity revealed only by its handler, audited;
// an anonymous report leaves nothing that names its maker; the officer it is about never
// sees it), forwarding between instansi, reopening, guessing codes, and the deadline job.
#include "complaints/complaint_cases.hpp"

#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "complaints/complaints_xlsx.hpp"
#include "complaints/tracking_code.hpp"
#include "org/org_store.hpp"
#include "platform/mail/delivery.hpp"
#include "support/ports.hpp"
#include "support/sample_jpeg.hpp"
#include "support/seed.hpp"
#include "support/smtp_server.hpp"

namespace harmoni::complaints {
namespace {

// Thursday 3 December 2026, 09:00 WIB.
constexpr int64_t kStart = 1'796'263'200'000;
constexpr int64_t kDay = 24LL * 3600 * 1000;

class ComplaintCases : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto ok = world_.db().write([&](db::Tx& tx) -> Status {
      sambas_ = TRY(test::insert_sambas(tx));
      test::ServiceUnits units = TRY(test::insert_service_units(tx, sambas_, "Loket Pelayanan"));
      unit_ = units.counter;
      top_ = units.top;
      sibling_ = units.sibling;
      const int64_t counter_unit = unit_.id;
      pontianak_ = TRY(test::insert_pontianak(tx));
      TRY(org::insert_unit(tx, pontianak_, std::nullopt, "DUKCAPIL", "Dinas Dukcapil", 1));
      for (auto [nip, name] : {std::pair{"198501012010011001", "Budi Santoso"},
                               std::pair{"199002022015022002", "Rina Wati"}}) {
        TRY(org::upsert_asn(tx,
                            {.instansi_id = sambas_,
                             .draft = {.nip = nip, .name = name, .employment = "PNS"},
                             .unit_id = counter_unit},
                            1));
      }
      budi_asn_ = TRY(org::find_asn_by_nip(tx, "198501012010011001"))->id;
      rina_asn_ = TRY(org::find_asn_by_nip(tx, "199002022015022002"))->id;
      handler_ = test::staff_principal(
          TRY(test::insert_staff(tx, "handler@sambas.go.id", "case_handler", "KAB-SAMBAS", "", "")),
          auth::Role::kCaseHandler, sambas_);
      other_handler_ =
          test::staff_principal(TRY(test::insert_staff(tx, "handler2@sambas.go.id", "case_handler",
                                                       "KAB-SAMBAS", "", "")),
                                auth::Role::kCaseHandler, sambas_);
      admin_ = test::staff_principal(
          TRY(test::insert_staff(tx, "admin@sambas.go.id", "instansi_admin", "KAB-SAMBAS", "", "")),
          auth::Role::kInstansiAdmin, sambas_);
      head_ = test::staff_principal(TRY(test::insert_staff(tx, "head@sambas.go.id", "unit_head",
                                                           "KAB-SAMBAS", "DUKCAPIL", "")),
                                    auth::Role::kUnitHead, sambas_, top_);
      officer_ = test::staff_principal(
          TRY(test::insert_staff(tx, "rina@sambas.go.id", "officer", "KAB-SAMBAS", "DUKCAPIL.LOKET",
                                 "199002022015022002")),
          auth::Role::kOfficer, sambas_, unit_);
      officer_.asn_id = rina_asn_;
      budi_ = test::staff_principal(TRY(test::insert_staff(tx, "budi@sambas.go.id", "case_handler",
                                                           "KAB-SAMBAS", "", "198501012010011001")),
                                    auth::Role::kCaseHandler, sambas_);
      budi_.asn_id = budi_asn_;
      sibling_head_ =
          test::staff_principal(TRY(test::insert_staff(tx, "dinkes@sambas.go.id", "unit_head",
                                                       "KAB-SAMBAS", "DINKES", "")),
                                auth::Role::kUnitHead, sambas_, sibling_);
      auditor_ = test::staff_principal(
          TRY(test::insert_staff(tx, "audit@sambas.go.id", "auditor", "KAB-SAMBAS", "", "")),
          auth::Role::kAuditor, sambas_);
      pontianak_handler_ =
          test::staff_principal(TRY(test::insert_staff(tx, "handler@pontianak.go.id",
                                                       "case_handler", "KOTA-PONTIANAK", "", "")),
                                auth::Role::kCaseHandler, pontianak_);
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().key << " " << ok.error().internal_detail;
  }

  Actor citizen() const { return Actor{.source = "203.0.113.9"}; }

  Submission report(Identity identity) const {
    Submission s{
        .report = {.kind = Kind::kPengaduan,
                   .description = "Petugas loket meminta uang tambahan agar KTP cepat jadi.",
                   .happened_on = Date{2026, 12, 2},
                   .identity = identity},
        .unit_id = unit_.id,
        .service_code = "KTP-EL"};
    if (identity != Identity::kAnonymous) {
      s.report.name = "Siti Aminah";
      s.report.contact = "siti.aminah@contoh.id";
    }
    return s;
  }

  Receipt submit(Identity identity) {
    auto r = submit_report(world_.env(), citizen(), report(identity));
    EXPECT_TRUE(r.ok()) << r.error().key;
    return r.value();
  }

  Complaint load(int64_t id) {
    return *world_.db().read([&](db::Tx& tx) { return find_complaint(tx, id); }).value();
  }

  int64_t count(const std::string& sql, const db::Params& params = {}) {
    return world_.db().read([&](db::Tx& tx) { return tx.scalar_i64(sql, params); }).value();
  }

  Actor as(const auth::Principal& p) { return test::CaseWorld::as(p); }

  Verification to_unit() const {
    return {.category = Category::kIllegalFees,
            .grade = Grade::kSimple,
            .unit_id = unit_.id,
            .officer_nip = "198501012010011001",
            .note = "Diteruskan ke Loket Pelayanan."};
  }

  test::CaseWorld world_{GetParam(), kStart};
  int64_t sambas_ = 0, pontianak_ = 0, budi_asn_ = 0, rina_asn_ = 0;
  org::Unit unit_, top_, sibling_;
  auth::Principal handler_, other_handler_, admin_, head_, officer_, budi_, sibling_head_, auditor_,
      pontianak_handler_;
};

TEST_P(ComplaintCases, AReportGoesFromReceiptToClosure) {
  const Receipt receipt = submit(Identity::kIdentified);
  EXPECT_EQ(receipt.verification_due, (Date{2026, 12, 8}));  // Fri 4, Mon 7, Tue 8
  EXPECT_EQ(receipt.tracking_code.size(), kTrackingCodeLength);
  auto tracked =
      track_report(world_.env(), citizen(), display_tracking_code(receipt.tracking_code));
  ASSERT_TRUE(tracked.ok()) << tracked.error().key;
  EXPECT_EQ(tracked->complaint.status, State::kReceived);
  ASSERT_EQ(tracked->steps.size(), 1u);

  ASSERT_TRUE(verify(world_.env(), as(handler_), receipt.id, to_unit()).ok());
  Complaint c = load(receipt.id);
  EXPECT_EQ(c.status, State::kDisposed);
  EXPECT_EQ(c.handler_user_id, handler_.user_id);
  EXPECT_EQ(c.officer_asn_id, budi_asn_);
  EXPECT_EQ(c.resolve_due, (Date{2026, 12, 7}));
  EXPECT_EQ(c.first_response_on, (Date{2026, 12, 3}));

  // The head gives it to an officer of the unit (not to the officer it is about).
  ASSERT_TRUE(assign_officer(world_.env(), as(head_), receipt.id, officer_.user_id).ok());
  Status drafted = save_draft(world_.env(), as(officer_), receipt.id,
                              "Petugas telah ditegur dan uang dikembalikan kepada pelapor.");
  ASSERT_TRUE(drafted.ok()) << drafted.error().key;
  // The answer goes out through the handler only.
  EXPECT_EQ(
      answer_report(world_.env(), as(head_), receipt.id, "Sudah ditindaklanjuti.").error().kind,
      ErrorKind::kForbidden);
  ASSERT_TRUE(answer_report(world_.env(), as(handler_), receipt.id,
                            "Petugas telah ditegur dan uang Anda dikembalikan.")
                  .ok());
  auto answered = track_report(world_.env(), citizen(), receipt.tracking_code).value();
  EXPECT_TRUE(answered.can_respond);
  EXPECT_EQ(answered.complaint.answer, "Petugas telah ditegur dan uang Anda dikembalikan.");
  // The reporter never sees internal steps or who took them.
  for (const PublicStep& s : answered.steps) EXPECT_TRUE(step_is_public(s.step));

  ASSERT_TRUE(reporter_confirm(world_.env(), citizen(), receipt.tracking_code).ok());
  ASSERT_TRUE(reporter_rate(world_.env(), citizen(), receipt.tracking_code, 4).ok());
  EXPECT_EQ(reporter_rate(world_.env(), citizen(), receipt.tracking_code, 1).error().key,
            "complaint.already_rated");
  c = load(receipt.id);
  EXPECT_EQ(c.status, State::kClosed);
  EXPECT_EQ(c.outcome, Outcome::kConfirmed);
  EXPECT_EQ(c.rating, 4);

  // Notices: the head (disposed), the officer (assigned), the handler (drafted); mail to
  // the reporter for the receipt, the verification and the answer.
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbox WHERE user_id = ?", {head_.user_id}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbox WHERE user_id = ?", {officer_.user_id}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbox WHERE user_id = ?", {handler_.user_id}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 3);
  EXPECT_EQ(world_.audited("complaint.submit"), 1);
  EXPECT_EQ(world_.audited("complaint.answered"), 1);

  // The public counts followed every step.
  auto stats =
      public_statistics(world_.env(), sambas_, std::nullopt, {2026, 12, 1}, {2026, 12, 31}).value();
  EXPECT_EQ(stats.total, -1);  // one report: under the minimum, withheld
  EXPECT_EQ(count("SELECT n FROM complaint_counts WHERE dimension = 'status' AND value = "
                  "'closed' AND unit_id = ?",
                  {unit_.id}),
            1);
  EXPECT_EQ(count("SELECT COALESCE(SUM(n), 0) FROM complaint_counts WHERE dimension = 'status'"),
            1);
}

TEST_P(ComplaintCases, StepsOutsideTheMachineOrTheRightsAreRefused) {
  const Receipt r = submit(Identity::kIdentified);
  EXPECT_EQ(answer_report(world_.env(), as(handler_), r.id, "Jawaban terlalu dini.").error().key,
            "complaint.step_not_allowed");
  EXPECT_EQ(reporter_confirm(world_.env(), citizen(), r.tracking_code).error().key,
            "complaint.step_not_allowed");
  // Another instansi, the officer it will be about, an auditor: not found or forbidden.
  EXPECT_EQ(verify(world_.env(), as(pontianak_handler_), r.id, to_unit()).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(verify(world_.env(), as(auditor_), r.id, to_unit()).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(verify(world_.env(), as(head_), r.id, to_unit()).error().kind, ErrorKind::kForbidden);
  // A unit of another instansi is refused, and nothing was written.
  Verification elsewhere = to_unit();
  elsewhere.unit_id = 999999;
  EXPECT_EQ(verify(world_.env(), as(handler_), r.id, elsewhere).error().fields.at(0).field, "unit");
  EXPECT_EQ(load(r.id).status, State::kReceived);
  EXPECT_EQ(count("SELECT COUNT(*) FROM complaint_steps WHERE complaint_id = ?", {r.id}), 1);

  ASSERT_TRUE(verify(world_.env(), as(handler_), r.id, to_unit()).ok());
  // Budi is the officer it is about: even as a case handler he does not see it.
  EXPECT_EQ(open_complaint(world_.env(), as(budi_), r.id).error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(staff_list(world_.env(), as(budi_), {}).value().items.empty());
  EXPECT_EQ(open_complaint(world_.env(), as(sibling_head_), r.id).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(open_complaint(world_.env(), as(officer_), r.id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(staff_list(world_.env(), as(head_), {}).value().items.size(), 1u);
  EXPECT_TRUE(open_complaint(world_.env(), as(auditor_), r.id).ok());
  // Heads cannot give it to the officer it is about.
  auto budi_user = world_.db().read([&](db::Tx& tx) {
    return tx.scalar_i64("SELECT id FROM users WHERE asn_id = ?", {budi_asn_});
  });
  EXPECT_EQ(assign_officer(world_.env(), as(head_), r.id, *budi_user).error().fields.at(0).field,
            "officer");
}

TEST_P(ComplaintCases, AConfidentialIdentityIsRevealedOnlyByItsHandlerWithAReason) {
  const Receipt r = submit(Identity::kConfidential);
  // Sealed at rest: the name is nowhere in the report's row.
  EXPECT_EQ(count("SELECT COUNT(*) FROM complaints WHERE identity_sealed LIKE '%Siti%'"), 0);
  ASSERT_TRUE(verify(world_.env(), as(handler_), r.id, to_unit()).ok());
  auto seen_by_handler = open_complaint(world_.env(), as(handler_), r.id).value();
  EXPECT_FALSE(seen_by_handler.identity.has_value());
  EXPECT_TRUE(seen_by_handler.may_reveal);
  EXPECT_FALSE(open_complaint(world_.env(), as(head_), r.id).value().may_reveal);
  EXPECT_FALSE(open_complaint(world_.env(), as(other_handler_), r.id).value().may_reveal);
  EXPECT_EQ(
      reveal_identity(world_.env(), as(other_handler_), r.id, "Perlu konfirmasi data.").error().key,
      "complaint.reveal_not_allowed");
  EXPECT_EQ(reveal_identity(world_.env(), as(handler_), r.id, "").error().fields.at(0).field,
            "reason");
  auto who = reveal_identity(world_.env(), as(handler_), r.id, "Perlu konfirmasi kronologi.");
  ASSERT_TRUE(who.ok()) << who.error().key;
  EXPECT_EQ(who->name, "Siti Aminah");
  EXPECT_EQ(world_.audited("complaint.reveal_identity"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%kronologi%'"), 1);
}

TEST_P(ComplaintCases, AnAnonymousReportLeavesNothingThatNamesItsMaker) {
  Submission s = report(Identity::kAnonymous);
  s.report.name = "Siti";
  EXPECT_EQ(submit_report(world_.env(), citizen(), s).error().fields.at(0).field, "identity");
  const Receipt r = submit(Identity::kAnonymous);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM complaints WHERE id = ? AND identity_sealed IS NULL", {r.id}), 1);
  // Neither the address nor the code is stored anywhere, not even in the audit log.
  for (const char* table : {"complaints", "complaint_steps", "audit_log", "rate_limits"}) {
    auto rows = world_.db().read(
        [&](db::Tx& tx) { return tx.query(std::string("SELECT * FROM ") + table); });
    for (const db::Row& row : rows.value()) {
      for (size_t i = 0; i < row.size(); ++i) {
        EXPECT_EQ(row.text(i).find("203.0.113.9"), std::string::npos) << table;
        EXPECT_EQ(row.text(i).find(r.tracking_code), std::string::npos) << table;
      }
    }
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 0);
  ASSERT_TRUE(verify(world_.env(), as(handler_), r.id, to_unit()).ok());
  EXPECT_FALSE(open_complaint(world_.env(), as(handler_), r.id).value().may_reveal);
}

TEST_P(ComplaintCases, AReportForwardedToAnotherInstansiBelongsToIt) {
  const Receipt r = submit(Identity::kIdentified);
  ASSERT_TRUE(forward_to_instansi(world_.env(), as(handler_), r.id, "kota-pontianak",
                                  "Layanan Kota Pontianak.")
                  .ok());
  Complaint c = load(r.id);
  EXPECT_EQ(c.instansi_id, pontianak_);
  EXPECT_EQ(c.status, State::kReceived);
  EXPECT_FALSE(c.unit_id.has_value());
  EXPECT_EQ(c.forwarded_from, sambas_);
  EXPECT_EQ(open_complaint(world_.env(), as(handler_), r.id).error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(open_complaint(world_.env(), as(pontianak_handler_), r.id).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbox WHERE user_id = ?", {pontianak_handler_.user_id}), 1);
  // Its counts moved with it.
  EXPECT_EQ(count("SELECT COALESCE(SUM(n), 0) FROM complaint_counts WHERE instansi_id = ? AND "
                  "dimension = 'kind'",
                  {sambas_}),
            0);
  EXPECT_EQ(count("SELECT COALESCE(SUM(n), 0) FROM complaint_counts WHERE instansi_id = ? AND "
                  "dimension = 'kind'",
                  {pontianak_}),
            1);
  // A body outside Harmoni ends it here.
  ASSERT_TRUE(
      forward_outside(world_.env(), as(pontianak_handler_), r.id, "Ombudsman RI", "ORI/2026/123")
          .ok());
  EXPECT_EQ(load(r.id).status, State::kForwarded);
}

TEST_P(ComplaintCases, TheReporterReopensWithinTheWindowAndAnswersQuestions) {
  const Receipt r = submit(Identity::kIdentified);
  ASSERT_TRUE(ask_reporter(world_.env(), as(handler_), r.id, "Jam berapa kejadian itu?").ok());
  auto waiting = track_report(world_.env(), citizen(), r.tracking_code).value();
  EXPECT_EQ(waiting.question, "Jam berapa kejadian itu?");
  ASSERT_TRUE(reporter_reply(world_.env(), citizen(), r.tracking_code, "Sekitar pukul 10 pagi.",
                             std::nullopt)
                  .ok());
  EXPECT_EQ(load(r.id).status, State::kReceived);
  ASSERT_TRUE(verify(world_.env(), as(handler_), r.id, to_unit()).ok());
  ASSERT_TRUE(save_draft(world_.env(), as(head_), r.id, "Petugas sudah diberi pembinaan.").ok());
  ASSERT_TRUE(
      answer_report(world_.env(), as(handler_), r.id, "Petugas sudah diberi pembinaan.").ok());
  EXPECT_EQ(reporter_reopen(world_.env(), citizen(), r.tracking_code, "pendek")
                .error()
                .fields.at(0)
                .field,
            "reason");
  ASSERT_TRUE(reporter_reopen(world_.env(), citizen(), r.tracking_code,
                              "Uang saya belum dikembalikan sampai hari ini.")
                  .ok());
  Complaint c = load(r.id);
  EXPECT_EQ(c.status, State::kDisposed);
  EXPECT_EQ(c.reopen_count, 1);
  EXPECT_FALSE(c.answered_on.has_value());
  // The window passes for the next answer: the job closes it as lapsed.
  ASSERT_TRUE(save_draft(world_.env(), as(head_), r.id, "Uang telah dikembalikan hari ini.").ok());
  ASSERT_TRUE(answer_report(world_.env(), as(handler_), r.id, "Uang telah dikembalikan.").ok());
  world_.clock.advance_ms(20 * kDay);
  EXPECT_EQ(
      reporter_reopen(world_.env(), citizen(), r.tracking_code, "Masih belum selesai menurut saya.")
          .error()
          .key,
      "complaint.reopen_window_passed");
  auto run = run_deadlines(world_.env()).value();
  EXPECT_EQ(run.closed, 1);
  c = load(r.id);
  EXPECT_EQ(c.status, State::kClosed);
  EXPECT_EQ(c.outcome, Outcome::kLapsed);
  EXPECT_EQ(run_deadlines(world_.env()).value().closed, 0);
}

TEST_P(ComplaintCases, OverdueReportsAreEscalatedOnceToTheCoordinator) {
  const Receipt r = submit(Identity::kAnonymous);
  world_.clock.advance_ms(7 * kDay);
  auto run = run_deadlines(world_.env()).value();
  EXPECT_EQ(run.escalated, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbox WHERE user_id = ? AND message_key = "
                  "'inbox.complaint_overdue'",
                  {admin_.user_id}),
            1);
  EXPECT_EQ(run_deadlines(world_.env()).value().escalated, 0);
  auto overdue = staff_list(world_.env(), as(handler_), {.kind = ListKind::kOverdue}).value();
  ASSERT_EQ(overdue.items.size(), 1u);
  EXPECT_EQ(overdue.items[0].id, r.id);
}

TEST_P(ComplaintCases, GuessingCodesIsLimitedAndRevealsNothing) {
  const Receipt r = submit(Identity::kAnonymous);
  EXPECT_EQ(track_report(world_.env(), citizen(), "ABC").error().fields.at(0).field, "code");
  SeededRandom guesses(99);
  for (int i = 0; i < 10; ++i) {
    auto miss = track_report(world_.env(), citizen(), new_tracking_code(guesses));
    EXPECT_EQ(miss.error().key, "complaint.track_unknown");
  }
  // Over the limit even the right code is refused, for that source only.
  EXPECT_EQ(track_report(world_.env(), citizen(), r.tracking_code).error().key,
            "complaint.track_too_many");
  EXPECT_TRUE(track_report(world_.env(), Actor{.source = "198.51.100.7"}, r.tracking_code).ok());
}

TEST_P(ComplaintCases, BadReportsAreRefusedWholeAndNothingIsWritten) {
  Submission s = report(Identity::kConfidential);
  s.report.contact = "";
  s.report.happened_on = Date{2026, 12, 10};
  auto refused = submit_report(world_.env(), citizen(), s);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.size(), 2u);
  s = report(Identity::kIdentified);
  s.service_code = "NONE";
  EXPECT_EQ(submit_report(world_.env(), citizen(), s).error().fields.at(0).field, "service");
  s = report(Identity::kIdentified);
  s.evidence = std::string("MZ\x90\x00 not a picture", 18);
  EXPECT_EQ(submit_report(world_.env(), citizen(), s).error().fields.at(0).key,
            "complaint.file_kind");
  s = report(Identity::kIdentified);
  s.unit_id.reset();
  EXPECT_EQ(submit_report(world_.env(), citizen(), s).error().fields.at(0).field, "instansi");
  EXPECT_EQ(count("SELECT COUNT(*) FROM complaints"), 0);
  // "I don't know the unit": the instansi alone is enough.
  s.instansi_code = "KAB-SAMBAS";
  s.service_code.clear();
  EXPECT_TRUE(submit_report(world_.env(), citizen(), s).ok());
}

TEST_P(ComplaintCases, NeutralityReportsAreSeenOnlyByHandlersAndLeaders) {
  Submission s = report(Identity::kConfidential);
  s.unit_id.reset();
  s.service_code.clear();
  s.instansi_code = "KAB-SAMBAS";
  s.report.description = "Seorang ASN mengunggah dukungan kepada calon bupati di media sosial.";
  s.neutrality = NeutralityReport{.reported_nip = "199002022015022002",
                                  .links = "https://contoh.id/unggahan/1"};
  const Receipt r = submit_report(world_.env(), citizen(), s).value();
  EXPECT_EQ(load(r.id).category, Category::kNeutrality);
  EXPECT_TRUE(open_complaint(world_.env(), as(handler_), r.id).ok());
  EXPECT_TRUE(open_complaint(world_.env(), as(head_), r.id).ok());  // a top-level head
  EXPECT_EQ(open_complaint(world_.env(), as(admin_), r.id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(open_complaint(world_.env(), as(auditor_), r.id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(open_complaint(world_.env(), as(officer_), r.id).error().kind, ErrorKind::kNotFound);
  Neutrality n{.violation_class = "ethics",
               .violation_type = "social_media",
               .recommended_sanction = "open_statement",
               .enforcement = "in_progress"};
  ASSERT_TRUE(save_neutrality_details(world_.env(), as(handler_), r.id, n).ok());
  auto view = open_complaint(world_.env(), as(handler_), r.id).value();
  ASSERT_TRUE(view.neutrality.has_value());
  EXPECT_EQ(view.neutrality->reported_nip, "199002022015022002");
  EXPECT_EQ(view.neutrality->enforcement, "in_progress");
  EXPECT_EQ(save_neutrality_details(world_.env(), as(head_), r.id, n).error().kind,
            ErrorKind::kForbidden);
  n.recommended_sanction = "a warning";
  EXPECT_EQ(save_neutrality_details(world_.env(), as(handler_), r.id, n).error().fields.at(0).field,
            "recommended_sanction");
}

TEST_P(ComplaintCases, TheExportHoldsHandlingFactsOfWhatTheViewerMaySee) {
  const Receipt seen = submit(Identity::kIdentified);
  ASSERT_TRUE(verify(world_.env(), as(handler_), seen.id, to_unit()).ok());
  Submission elsewhere = report(Identity::kAnonymous);
  elsewhere.unit_id = sibling_.id;
  elsewhere.service_code.clear();
  ASSERT_TRUE(submit_report(world_.env(), citizen(), elsewhere).ok());
  // The Dukcapil head exports: only the report in their subtree, no text, no reporter.
  auto query = start_complaint_export(world_.env(), as(head_), 2026);
  ASSERT_TRUE(query.ok()) << query.error().key;
  EXPECT_EQ(world_.audited("complaint.export"), 1);
  ComplaintExport e{.query = *query,
                    .viewer = head_,
                    .headings = {"a", "b"},
                    .labels = {{"complaint.category.illegal_fees", "Pungutan liar"}},
                    .yes = "Ya",
                    .no = "Tidak"};
  const std::string dir = ::testing::TempDir();
  const std::string path = dir + "/complaints-export.xlsx";
  ASSERT_TRUE(write_complaints_xlsx(world_.db(), e, path, dir).ok());
  const std::string cmd =
      "python3 -c \"import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read("
      "'xl/worksheets/sheet1.xml').decode())\" " +
      path;
  std::string xml;
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) xml.append(buffer, n);
  ASSERT_EQ(pclose(pipe), 0);
  EXPECT_NE(xml.find("Pungutan liar"), std::string::npos) << xml.substr(0, 400);
  EXPECT_NE(xml.find("Loket Pelayanan"), std::string::npos);
  EXPECT_EQ(xml.find("Siti"), std::string::npos);
  EXPECT_EQ(xml.find("uang tambahan"), std::string::npos);
  EXPECT_EQ(xml.find("Dinas Kesehatan"), std::string::npos) << "another unit's report";
  std::remove(path.c_str());
  EXPECT_EQ(start_complaint_export(world_.env(), as(pontianak_handler_), 2026).ok(), true);
  auth::Principal hr{.user_id = 99, .role = auth::Role::kHrDeveloper, .instansi_id = sambas_};
  EXPECT_EQ(start_complaint_export(world_.env(), as(hr), 2026).error().kind, ErrorKind::kForbidden);
}

TEST_P(ComplaintCases, OnlyTheInstansiAdministratorKeepsTheRules) {
  Settings s = settings_to_edit(world_.env(), as(admin_)).value();
  EXPECT_EQ(s.rules.verify_days, 3);
  EXPECT_EQ(settings_to_edit(world_.env(), as(handler_)).error().kind, ErrorKind::kForbidden);
  s.rules.verify_days = 0;
  s.coordinator_user_id = handler_.user_id;
  EXPECT_EQ(save_complaint_settings(world_.env(), as(admin_), s).error().fields.at(0).field,
            "verify_days");
  s.rules.verify_days = 5;
  s.coordinator_user_id = pontianak_handler_.user_id;
  EXPECT_EQ(save_complaint_settings(world_.env(), as(admin_), s).error().fields.at(0).field,
            "coordinator");
  s.coordinator_user_id = handler_.user_id;
  s.time_zone = TimeZone::kWit;
  ASSERT_TRUE(save_complaint_settings(world_.env(), as(admin_), s).ok());
  EXPECT_EQ(world_.audited("complaint.settings"), 1);
  // New reports count five working days in WIT; overdue ones go to the coordinator.
  const Receipt r = submit(Identity::kAnonymous);
  EXPECT_EQ(r.verification_due, (Date{2026, 12, 10}));
  world_.clock.advance_ms(10 * kDay);
  ASSERT_EQ(run_deadlines(world_.env()).value().escalated, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM inbox WHERE user_id = ? AND message_key = "
                  "'inbox.complaint_overdue'",
                  {handler_.user_id}),
            1);
  EXPECT_EQ(coordinator_choices(world_.env(), as(admin_)).value().size(), 4u);
}

TEST_P(ComplaintCases, AReporterWithAnAddressIsToldByMailThroughARealRelay) {
  test::SmtpServer server;
  Submission s = report(Identity::kConfidential);
  const Receipt r = submit_report(world_.env(), citizen(), s).value();
  ASSERT_TRUE(ask_reporter(world_.env(), as(handler_), r.id, "Jam berapa Anda dilayani?").ok());
  mail::DeliverySettings settings{.relay = mail::parse_relay(server.relay()).value(),
                                  .from = "Harmoni <noreply@sambas.go.id>",
                                  .id_domain = "sambas.go.id"};
  auto sent = mail::deliver_due(world_.env(), settings);
  ASSERT_TRUE(sent.ok()) << sent.error().internal_detail;
  auto messages = server.wait_for(2);
  ASSERT_EQ(messages.size(), 2u);
  const std::string receipt = test::decoded_body(messages[0]);
  EXPECT_NE(receipt.find(display_tracking_code(r.tracking_code)), std::string::npos) << receipt;
  EXPECT_NE(receipt.find("Siti Aminah"), std::string::npos);
  EXPECT_NE(messages[0].find("siti.aminah@contoh.id"), std::string::npos);
  const std::string asked = test::decoded_body(messages[1]);
  EXPECT_NE(asked.find("keterangan tambahan"), std::string::npos) << asked;
  // Neither mail carries the report's text or the handler's question.
  for (const auto& m : {receipt, asked}) {
    EXPECT_EQ(m.find("uang tambahan"), std::string::npos);
    EXPECT_EQ(m.find("Jam berapa"), std::string::npos);
  }
}

TEST_P(ComplaintCases, StaffAreMailedOnlyWhenTheInstansiChoseIt) {
  const Receipt quiet = submit(Identity::kAnonymous);
  ASSERT_TRUE(verify(world_.env(), as(handler_), quiet.id, to_unit()).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 0) << "the head's notice is in the inbox only";
  Settings s = settings_to_edit(world_.env(), as(admin_)).value();
  s.mail_staff = true;
  ASSERT_TRUE(save_complaint_settings(world_.env(), as(admin_), s).ok());
  const Receipt told = submit(Identity::kAnonymous);
  ASSERT_TRUE(verify(world_.env(), as(handler_), told.id, to_unit()).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 1) << "the unit's head is mailed";
}

TEST_P(ComplaintCases, AFailedMailNeverBlocksAStep) {
  // No relay answers: the step commits, the mail waits in the outbox.
  const Receipt r = submit(Identity::kIdentified);
  ASSERT_TRUE(verify(world_.env(), as(handler_), r.id, to_unit()).ok());
  mail::DeliverySettings settings{
      .relay = mail::parse_relay("127.0.0.1:" + std::to_string(test::free_port())).value(),
      .from = "Harmoni <noreply@sambas.go.id>",
      .id_domain = "sambas.go.id"};
  settings.relay.timeout = std::chrono::milliseconds(500);
  ASSERT_TRUE(mail::deliver_due(world_.env(), settings).ok());
  EXPECT_EQ(load(r.id).status, State::kDisposed);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"), 2);
}

TEST_P(ComplaintCases, EvidenceIsStrippedOfWhatCouldNameItsMakerAndSealed) {
  Submission s = report(Identity::kAnonymous);
  s.evidence = test::camera_jpeg();
  const Receipt r = submit_report(world_.env(), citizen(), s).value();
  EXPECT_EQ(count("SELECT COUNT(*) FROM complaint_files WHERE data_sealed LIKE '%GPS%'"), 0);
  ASSERT_TRUE(verify(world_.env(), as(handler_), r.id, to_unit()).ok());
  auto view = open_complaint(world_.env(), as(handler_), r.id).value();
  ASSERT_EQ(view.files.size(), 1u);
  auto [type, bytes] = evidence_file(world_.env(), as(handler_), r.id, view.files[0].id).value();
  EXPECT_EQ(type, "image/jpeg");
  EXPECT_EQ(bytes.substr(0, 2), "\xFF\xD8");
  for (const char* betraying : {"GPS", "SerialNumber", "Siti Aminah", "Pixel 7", "Budi", "SEFT"})
    EXPECT_EQ(bytes.find(betraying), std::string::npos) << betraying;
  EXPECT_EQ(world_.audited("complaint.file_read"), 1);
  EXPECT_EQ(
      evidence_file(world_.env(), as(pontianak_handler_), r.id, view.files[0].id).error().kind,
      ErrorKind::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, ComplaintCases, ::testing::ValuesIn(test::backend_names()));

}  // namespace
}  // namespace harmoni::complaints

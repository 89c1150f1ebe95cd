// The survey's use cases on every backend: one submit_response for the three doors, each
// with its own checks made in the response's transaction, and one rule for an officer's
// results.
#include "survey/survey_cases.hpp"

#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "queue/queue_cases.hpp"
#include "support/backends.hpp"
#include "support/seed.hpp"

namespace harmoni::survey {
namespace {

constexpr int64_t kMonday = 1'795'143'600'000;  // 2026-11-23 09:00 WIB

class SurveyCases : public ::testing::TestWithParam<std::string> {
 protected:
  test::CaseWorld world_{GetParam(), kMonday};

  void SetUp() override {
    auto ok = world_.db().write([&](db::Tx& tx) -> Status {
      int64_t instansi = TRY(test::insert_sambas(tx));
      int64_t unit_id =
          TRY(org::insert_unit(tx, instansi, std::nullopt, "DUKCAPIL", "Dinas Dukcapil", 1));
      unit_ = *TRY(org::find_unit_by_id(tx, unit_id));
      int64_t child = TRY(org::insert_unit(tx, instansi, unit_id, "LOKET", "Loket", 1));
      child_ = *TRY(org::find_unit_by_id(tx, child));
      TRY(test::insert_ktp_service(tx, unit_id, 60));
      counter_ = TRY(desk::insert_counter(
          tx, desk::Counter{.unit_id = unit_id, .code = "LOKET-1", .name = "Loket 1"}, 1));
      for (auto [nip, name, unit] : {std::tuple{kOfficer, "Siti Aminah", "LOKET"},
                                     std::tuple{kColleague, "Budi Santoso", "LOKET"},
                                     std::tuple{kHead, "Rina Wati", "DUKCAPIL"}}) {
        org::AsnRecord r{
            .instansi_id = instansi,
            .draft =
                org::AsnDraft{.nip = nip, .name = name, .employment = "PNS", .unit_code = unit},
            .unit_id = std::string(unit) == "LOKET" ? child : unit_id};
        TRY(org::upsert_asn(tx, r, 1));
      }
      for (auto [email, role, unit, nip] :
           {std::tuple{"kepala@sambas.go.id", "unit_head", "DUKCAPIL", kHead},
            std::tuple{"petugas@sambas.go.id", "officer", "LOKET", kOfficer}}) {
        accounts::UserDraft d{.email = email,
                              .display_name = email,
                              .role = role,
                              .instansi_code = "KAB-SAMBAS",
                              .unit_code = unit,
                              .asn_nip = nip};
        user_ids_.push_back(TRY(accounts::insert_user(tx, d, "not-a-hash", 1)));
      }
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
    officer_ = person(kOfficer);
    head_ = auth::Principal{.user_id = user_ids_[0],
                            .email = "kepala@sambas.go.id",
                            .role = auth::Role::kUnitHead,
                            .instansi_id = unit_.instansi_id,
                            .unit_id = unit_.id,
                            .unit_path = unit_.path,
                            .asn_id = person(kHead).id};
    clerk_ = auth::Principal{.user_id = user_ids_[1],
                             .email = "petugas@sambas.go.id",
                             .role = auth::Role::kOfficer,
                             .instansi_id = unit_.instansi_id,
                             .unit_id = child_.id,
                             .unit_path = child_.path,
                             .asn_id = officer_.id};
  }

  org::Asn person(const char* nip) {
    return *world_.db().read([&](db::Tx& tx) { return org::find_asn_by_nip(tx, nip); }).value();
  }
  static Response answers(int each) {
    Response r;
    r.answers.fill(each);
    return r;
  }
  int64_t responses() {
    return world_.db()
        .read([](db::Tx& tx) { return tx.scalar_i64("SELECT COUNT(*) FROM skm_responses"); })
        .value();
  }
  // A visit issued at the kiosk; served when asked (called by the clerk at the counter).
  std::string visit(bool served) {
    auto issued = queue::issue(world_.env(), Actor{}, unit_, {.service_code = "KTP-EL"});
    EXPECT_TRUE(issued.ok()) << issued.error().key;
    if (served) {
      desk::Counter counter{.id = counter_, .unit_id = unit_.id, .code = "LOKET-1"};
      auto called = queue::call_next_ticket(world_.env(), world_.as(clerk_), unit_, counter);
      EXPECT_TRUE(called.ok() && *called) << (called.ok() ? "nobody" : called.error().key);
    }
    return issued->token;
  }

  static constexpr const char* kOfficer = "198503152010011001";
  static constexpr const char* kColleague = "199001012015031002";
  static constexpr const char* kHead = "197805102003121003";
  org::Unit unit_, child_;
  int64_t counter_ = 0;
  std::vector<int64_t> user_ids_;
  org::Asn officer_;
  auth::Principal head_, clerk_;
};

TEST_P(SurveyCases, AVisitIsAnsweredOnceAfterItWasServedAndNamesItsOfficer) {
  // The counter calls the oldest waiting visit: this one, before the next is issued.
  const std::string served = visit(true);
  const std::string waiting = visit(false);
  auto early = submit_response(world_.env(), Actor{}, {FromTicket{waiting}, answers(4)});
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().key, "skm.not_served_yet");
  EXPECT_EQ(responses(), 0);

  ASSERT_TRUE(submit_response(world_.env(), Actor{}, {FromTicket{served}, answers(4)}).ok());
  auto again = submit_response(world_.env(), Actor{}, {FromTicket{served}, answers(1)});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().key, "skm.ticket_used");
  EXPECT_EQ(responses(), 1);
  EXPECT_EQ(world_.db()
                .read([](db::Tx& tx) {
                  return tx.scalar_i64("SELECT officer_asn_id FROM skm_responses");
                })
                .value(),
            officer_.id)
      << "the officer who served the visit";

  auto unknown =
      submit_response(world_.env(), Actor{}, {FromTicket{"not-a-token-at-all-xx"}, answers(4)});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, ErrorKind::kNotFound);
}

TEST_P(SurveyCases, TheKioskDoorKeepsItsGuardAndChecksTheService) {
  FromLink door{.unit = unit_,
                .service_code = "KTP-EL",
                .channel = Channel::kKiosk,
                .guards = {{"kiosk:1", kKioskGuard}}};
  ASSERT_TRUE(submit_response(world_.env(), Actor{}, {door, answers(3)}).ok());
  auto fast = submit_response(world_.env(), Actor{}, {door, answers(3)});
  ASSERT_FALSE(fast.ok());
  EXPECT_EQ(fast.error().key, "skm.too_fast");
  world_.clock.advance_ms(11'000);
  ASSERT_TRUE(submit_response(world_.env(), Actor{}, {door, answers(2)}).ok());

  FromLink other = door;
  other.service_code = "PASPOR";
  auto wrong = submit_response(world_.env(), Actor{}, {other, answers(3)});
  ASSERT_FALSE(wrong.ok());
  ASSERT_EQ(wrong.error().fields.size(), 1u);
  EXPECT_EQ(wrong.error().fields[0].field, "service");
  EXPECT_EQ(responses(), 2);
}

TEST_P(SurveyCases, APaperFormIsCheckedWholeAndAudited) {
  FromPaper door{.unit = unit_,
                 .service_code = "ktp-el",
                 .officer_nip = "199912312020121999",
                 .day = {2026, 11, 20}};
  auto stranger = submit_response(world_.env(), world_.as(head_), {door, answers(4)});
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.error().fields.at(0).field, "officer");

  Response bad = answers(4);
  bad.answers[2] = 5;
  door.officer_nip = kOfficer;
  EXPECT_FALSE(submit_response(world_.env(), world_.as(head_), {door, bad}).ok());
  EXPECT_EQ(responses(), 0) << "nothing of a refused form is kept";
  EXPECT_EQ(world_.audited("skm.entry"), 0);

  auto saved = submit_response(world_.env(), world_.as(head_), {door, answers(4)});
  ASSERT_TRUE(saved.ok()) << saved.error().key;
  EXPECT_EQ(saved->service_code, "KTP-EL");
  EXPECT_EQ(saved->day, (Date{2026, 11, 20}));
  EXPECT_EQ(responses(), 1);
  EXPECT_EQ(world_.audited("skm.entry"), 1);
}

TEST_P(SurveyCases, OfficerResultsGoToTheOfficerAndTheirHeadsOnly) {
  const Date from{2026, 11, 1}, to{2026, 11, 30};
  auto own = officer_results(world_.env(), world_.as(clerk_), {.from = from, .to = to});
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->officer.nip, kOfficer);
  EXPECT_EQ(world_.audited("ikm.officer_read"), 0) << "one's own results are not audited";

  auto colleague =
      officer_results(world_.env(), world_.as(clerk_), {.nip = kColleague, .from = from, .to = to});
  ASSERT_FALSE(colleague.ok());
  EXPECT_EQ(colleague.error().key, "results.officer_private")
      << "an officer sees a colleague's record, never their results";

  auto by_head = officer_results(world_.env(), world_.as(head_),
                                 {.nip = kOfficer, .unit = unit_, .from = from, .to = to});
  ASSERT_TRUE(by_head.ok()) << by_head.error().key;
  EXPECT_EQ(world_.audited("ikm.officer_read"), 1);

  auto as_clerk_from_unit = officer_results(
      world_.env(), world_.as(clerk_), {.nip = kOfficer, .unit = unit_, .from = from, .to = to});
  ASSERT_FALSE(as_clerk_from_unit.ok());
  EXPECT_EQ(as_clerk_from_unit.error().key, "results.officer_private")
      << "a unit's officer table is its heads'";
}

INSTANTIATE_TEST_SUITE_P(Backends, SurveyCases, ::testing::ValuesIn(test::backend_names()));

}  // namespace
}  // namespace harmoni::survey

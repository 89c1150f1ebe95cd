// Survey storage on every backend: responses, their counts, and indexes read from
// the counts agreeing with the raw responses.
#include "survey/survey_store.hpp"

#include <gtest/gtest.h>

#include <random>

#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "queue/visits_store.hpp"
#include "support/backends.hpp"
#include "support/seed.hpp"

namespace harmoni::survey {
namespace {

class SurveyStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = test::open_backend(GetParam());
    auto ok = db().write([&](db::Tx& tx) -> Status {
      instansi_ = TRY(test::insert_sambas(tx));
      unit_ = TRY(org::insert_unit(tx, instansi_, std::nullopt, "DUKCAPIL", "Dinas Dukcapil", 1));
      other_unit_ =
          TRY(org::insert_unit(tx, instansi_, std::nullopt, "DINKES", "Dinas Kesehatan", 1));
      desk::Service ktp = TRY(test::insert_ktp_service(tx, unit_, 60));
      ktp_ = ktp.id;
      desk::Service kk = ktp;
      kk.code = "KK";
      kk.name = "Kartu Keluarga";
      kk_ = TRY(desk::insert_service(tx, kk, 1));
      desk::Service clinic = ktp;
      clinic.unit_id = other_unit_;
      clinic.code = "POLI";
      clinic_ = TRY(desk::insert_service(tx, clinic, 1));
      org::AsnRecord officer{
          instansi_,
          org::AsnDraft{"198503152010011001", "Siti Aminah", "PNS", "DUKCAPIL", "", true, ""},
          unit_, std::nullopt};
      TRY(org::upsert_asn(tx, officer, 1));
      officer_ = TRY(org::find_asn_by_nip(tx, "198503152010011001"))->id;
      questionnaire_ = TRY(builtin_questionnaire_id(tx, 1));
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
  }
  db::Database& db() { return *t_.db; }

  Status add(int64_t unit, int64_t service, std::optional<int64_t> officer, const char* day,
             std::array<int, kElements> answers, std::optional<int64_t> ticket = std::nullopt) {
    StoredResponse r;
    r.unit_id = unit;
    r.instansi_id = instansi_;
    r.service_id = service;
    r.officer_asn_id = officer;
    r.questionnaire_id = questionnaire_;
    r.channel = Channel::kPaper;
    r.ticket_id = ticket;
    r.submitted_at_ms = 1;
    r.day = *parse_date(day);
    r.response.answers = answers;
    return db().write([&](db::Tx& tx) -> Status {
      TRY(record_response(tx, r));
      return {};
    });
  }

  AnswerCounts counts(CountsQuery q, const char* from, const char* to) {
    q.period = plan_period(*parse_date(from), *parse_date(to)).value();
    auto c = db().read([&](db::Tx& tx) { return load_counts(tx, q); });
    EXPECT_TRUE(c.ok());
    auto raw = db().read([&](db::Tx& tx) { return load_counts_from_responses(tx, q, from, to); });
    EXPECT_TRUE(raw.ok());
    // The counts must always agree with a plain aggregate over the responses.
    EXPECT_EQ(c->counts, raw->counts) << from << ".." << to;
    EXPECT_EQ(c->respondents, raw->respondents) << from << ".." << to;
    return *c;
  }

  test::TestDatabase t_;
  int64_t instansi_ = 0, unit_ = 0, other_unit_ = 0, ktp_ = 0, kk_ = 0, clinic_ = 0, officer_ = 0,
          questionnaire_ = 0;
};

TEST_P(SurveyStore, WorkedExampleThroughStorage) {
  const std::array<int, kElements> sums = {105, 101, 100, 116, 102, 105, 106, 105, 115};
  for (int k = 0; k < 29; ++k) {
    std::array<int, kElements> a{};
    for (int i = 0; i < kElements; ++i) a[i] = k < sums[i] - 87 ? 4 : 3;
    ASSERT_TRUE(add(unit_, ktp_, officer_, "2026-02-10", a).ok());
  }
  AnswerCounts c = counts({.unit_id = unit_}, "2026-01-01", "2026-03-31");
  IndexResult r = compute_index(c, Weight::kExact);
  EXPECT_EQ(r.respondents, 29);
  EXPECT_EQ(r.score_e2, 9148);
  EXPECT_EQ(compute_index(c, Weight::k011).score_e2, 9056);
}

TEST_P(SurveyStore, FiltersAndPeriodsAgreeWithTheRawResponses) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> answer(0, 4), day(1, 28), month(1, 12);
  for (int k = 0; k < 150; ++k) {
    std::array<int, kElements> a{};
    for (auto& x : a) x = answer(rng);
    a[0] = 1 + k % 4;  // never all skipped
    int64_t unit = k % 5 == 0 ? other_unit_ : unit_;
    int64_t service = unit == other_unit_ ? clinic_ : (k % 2 ? ktp_ : kk_);
    std::optional<int64_t> officer =
        unit == unit_ && k % 3 ? std::optional<int64_t>(officer_) : std::nullopt;
    char date[11];
    std::snprintf(date, sizeof date, "2026-%02d-%02d", month(rng), day(rng));
    ASSERT_TRUE(add(unit, service, officer, date, a).ok());
  }
  for (auto [from, to] :
       {std::pair{"2026-01-01", "2026-12-31"}, std::pair{"2026-02-14", "2026-05-03"},
        std::pair{"2026-03-01", "2026-03-31"}, std::pair{"2026-06-10", "2026-06-20"},
        std::pair{"2025-01-01", "2025-12-31"}}) {
    counts({.unit_id = unit_}, from, to);
    counts({.unit_id = unit_, .service_id = ktp_}, from, to);
    counts({.unit_id = unit_, .officer_asn_id = officer_}, from, to);
    counts({.unit_id = unit_, .service_id = kk_, .officer_asn_id = officer_}, from, to);
    counts({.instansi_id = instansi_}, from, to);
    counts({.instansi_id = instansi_, .officer_asn_id = officer_}, from, to);
    counts({.service_id = kk_, .officer_asn_id = officer_}, from, to);
  }
  AnswerCounts year = counts({.instansi_id = instansi_}, "2026-01-01", "2026-12-31");
  EXPECT_EQ(year.respondents, 150);
}

TEST_P(SurveyStore, OneResponsePerTicket) {
  auto ticket = db().write([&](db::Tx& tx) {
    return tx.insert_returning_id(
        "INSERT INTO tickets (unit_id, service_id, day, number, label, ticket_class, channel, "
        "status, issued_at_ms, "
        "eligible_at_ms, survey_token_hash) VALUES (?, ?, '2026-11-23', 1, 'A-001', 'regular', "
        "'kiosk', 'done', 1, 1, 'h') "
        "RETURNING id",
        {unit_, ktp_});
  });
  ASSERT_TRUE(ticket.ok()) << ticket.error().internal_detail;
  ASSERT_TRUE(add(unit_, ktp_, officer_, "2026-11-23", {4, 4, 4, 4, 4, 4, 4, 4, 4}, *ticket).ok());
  Status again = add(unit_, ktp_, officer_, "2026-11-23", {1, 1, 1, 1, 1, 1, 1, 1, 1}, *ticket);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().key, "skm.ticket_used");
  // Nothing of the refused response was counted.
  AnswerCounts c = counts({.unit_id = unit_}, "2026-11-01", "2026-11-30");
  EXPECT_EQ(c.respondents, 1);
  EXPECT_EQ(c.counts[0][0], 0);
  queue::ServedVisits q{.unit_id = unit_, .from = "2026-11-01", .to = "2026-11-30"};
  EXPECT_EQ(db().read([&](db::Tx& tx) { return queue::count_served_visits(tx, q); }).value(), 1);
}

TEST_P(SurveyStore, OutOfRangeAnswerIsRefusedByTheSchemaToo) {
  Status st = add(unit_, ktp_, std::nullopt, "2026-11-23", {5, 4, 4, 4, 4, 4, 4, 4, 4});
  ASSERT_FALSE(st.ok());
  AnswerCounts c = counts({.unit_id = unit_}, "2026-11-01", "2026-11-30");
  EXPECT_EQ(c.respondents, 0);
}

TEST_P(SurveyStore, BuiltinQuestionnaireIsStoredOnce) {
  auto again = db().write([&](db::Tx& tx) { return builtin_questionnaire_id(tx, 2); });
  EXPECT_EQ(again.value(), questionnaire_);
  auto definition = db().read([&](db::Tx& tx) {
    return tx.query_one("SELECT definition FROM questionnaires WHERE id = ?", {questionnaire_});
  });
  EXPECT_NE((*definition.value()).text(0).find("Sangat sopan dan ramah"), std::string::npos);
}

TEST_P(SurveyStore, BulkLoadCountsLikeOneByOne) {
  std::vector<StoredResponse> batch;
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> answer(0, 4), day(1, 28);
  for (int k = 0; k < 450; ++k) {
    StoredResponse r;
    r.unit_id = unit_;
    r.instansi_id = instansi_;
    r.service_id = k % 2 ? ktp_ : kk_;
    if (k % 3) r.officer_asn_id = officer_;
    r.questionnaire_id = questionnaire_;
    r.channel = Channel::kKiosk;
    r.submitted_at_ms = k;
    char date[11];
    std::snprintf(date, sizeof date, "2026-0%d-%02d", 1 + k % 3, day(rng));
    r.day = *parse_date(date);
    for (auto& a : r.response.answers) a = answer(rng);
    r.response.answers[8] = 1 + k % 4;
    batch.push_back(r);
  }
  auto ok = db().write([&](db::Tx& tx) { return record_responses_bulk(tx, batch); });
  ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
  // One more, one by one, lands in the same rows.
  ASSERT_TRUE(add(unit_, ktp_, officer_, "2026-02-14", {4, 4, 4, 4, 4, 4, 4, 4, 4}).ok());
  for (auto [from, to] :
       {std::pair{"2026-01-01", "2026-03-31"}, std::pair{"2026-01-10", "2026-02-20"}}) {
    EXPECT_EQ(counts({.unit_id = unit_}, from, to).respondents > 0, true);
    counts({.unit_id = unit_, .service_id = ktp_, .officer_asn_id = officer_}, from, to);
    counts({.instansi_id = instansi_}, from, to);
    counts({.officer_asn_id = officer_}, from, to);
  }
  EXPECT_EQ(counts({.instansi_id = instansi_}, "2026-01-01", "2026-03-31").respondents, 451);
}

INSTANTIATE_TEST_SUITE_P(Backends, SurveyStore, ::testing::ValuesIn(test::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace harmoni::survey

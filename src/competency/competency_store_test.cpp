// 360-degree campaigns in storage on every backend: opening assigns raters from the
// organisation, forms are sent once and stored without their rater, results and the
// heat map are computed at close, and plans keep their actions.
#include "competency/competency_store.hpp"

#include <gtest/gtest.h>

#include <set>

#include "accounts/account_store.hpp"
#include "competency/competency_cases.hpp"
#include "competency/shipped_catalog.hpp"
#include "org/org_store.hpp"
#include "support/backends.hpp"
#include "support/seed.hpp"

namespace harmoni::competency {
namespace {

constexpr int64_t kNow = 1'790'000'000;

class CompetencyStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = test::open_backend(GetParam());
    auto ok = db().write([&](db::Tx& tx) -> Status {
      instansi_ = TRY(test::insert_sambas(tx));
      dinas_ = TRY(org::insert_unit(tx, instansi_, std::nullopt, "DINAS", "Dinas", 1));
      bidang_ = TRY(org::insert_unit(tx, instansi_, dinas_, "BIDANG", "Bidang", 1));
      auto position = [&](const char* code, const char* kind, const char* jenjang, int grade,
                          int level) -> Result<int64_t> {
        return org::insert_position(tx,
                                    org::Position{.instansi_id = instansi_,
                                                  .code = code,
                                                  .name = code,
                                                  .kind = kind,
                                                  .jenjang = jenjang,
                                                  .grade = grade,
                                                  .required_pb_level = level},
                                    1);
      };
      int64_t kepala = TRY(position("KEPALA", "struktural", "jpt_pratama", 14, 4));
      int64_t kabid = TRY(position("KABID", "struktural", "administrator", 11, 3));
      int64_t staf = TRY(position("STAF", "pelaksana", "pelaksana", 7, 2));
      auto person = [&](int n, int64_t unit, int64_t pos) -> Result<int64_t> {
        org::AsnRecord r{instansi_,
                         org::AsnDraft{fmt::format("19800101200501{}{:03}", 1, n),
                                       "Pegawai " + std::to_string(n), "PNS", "", "", true, ""},
                         unit, pos};
        TRY(org::upsert_asn(tx, r, 1));
        return TRY(org::find_asn_by_nip(tx, r.draft.nip))->id;
      };
      head_ = TRY(person(1, dinas_, kepala));
      for (int i = 2; i <= 5; ++i) dinas_staff_.push_back(TRY(person(i, dinas_, staf)));
      kabid_ = TRY(person(6, bidang_, kabid));
      for (int i = 7; i <= 9; ++i) bidang_staff_.push_back(TRY(person(i, bidang_, staf)));
      Item own = TRY(custom_item(
          catalog(), CustomItemDraft{.code = "KERJA-1",
                                     .value_code = "HA",
                                     .text = {"Menjaga kerahasiaan jabatan", "Keeps confidences"},
                                     .low = {"Membocorkan", ""},
                                     .high = {"Menjaga", ""},
                                     .learning = {"character"}}));
      TRY(insert_custom_item(tx, instansi_, own, kNow));
      accounts::UserDraft head{.email = "kepala@sambas.go.id",
                               .display_name = "Kepala Dinas",
                               .role = "unit_head",
                               .instansi_code = "KAB-SAMBAS",
                               .unit_code = "DINAS"};
      agreer_ = TRY(accounts::insert_user(tx, head, "not-a-hash", 1));
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
  }
  db::Database& db() { return *t_.db; }
  static const Catalog& catalog() { return *shipped_catalog().value(); }

  Campaign make_campaign() {
    CampaignSettings s{
        .name = "360 Harmonis 2026", .starts_on = "2026-10-01", .deadline = "2026-10-31"};
    s.item_codes = {"HA.1", "HA.2", "PB.1.1", "PB.1.2", "PB.1.3", "X.KERJA-1"};
    auto id = db().write([&](db::Tx& tx) -> Result<int64_t> {
      auto own = TRY(list_custom_items(tx, instansi_));
      TRY(validate(s, catalog(), own));
      return insert_campaign(tx, instansi_, s, build_instrument(s, catalog(), own), std::nullopt,
                             kNow);
    });
    EXPECT_TRUE(id.ok()) << id.error().internal_detail;
    return campaign(*id);
  }
  Campaign campaign(int64_t id) {
    auto c = db().read([&](db::Tx& tx) { return find_campaign(tx, id); });
    EXPECT_TRUE(c.ok() && c->has_value());
    return **c;
  }
  std::vector<AssignmentRow> inbox(int64_t rater) {
    return *db().read([&](db::Tx& tx) { return rater_inbox(tx, rater); });
  }
  Status send(const AssignmentRow& a, int score, int64_t id) {
    RatingAnswers answers{.group = a.group, .comment = "catatan " + std::to_string(id)};
    for (const auto& code : {"HA.1", "HA.2", "PB.1.1", "PB.1.2", "PB.1.3", "X.KERJA-1"})
      answers.scores[code] = score;
    return db().write([&](db::Tx& tx) { return submit_answers(tx, a, answers, id, kNow); });
  }

  test::TestDatabase t_;
  int64_t agreer_ = 0;
  int64_t instansi_ = 0, dinas_ = 0, bidang_ = 0, head_ = 0, kabid_ = 0;
  std::vector<int64_t> dinas_staff_, bidang_staff_;
};

TEST_P(CompetencyStore, CustomItemsAndCampaignsKeepTheirWording) {
  auto own = *db().read([&](db::Tx& tx) { return list_custom_items(tx, instansi_); });
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].code, "X.KERJA-1");
  EXPECT_EQ(own[0].group, "HA");
  EXPECT_EQ(own[0].learning, std::vector<std::string>{"character"});
  auto twice =
      db().write([&](db::Tx& tx) { return insert_custom_item(tx, instansi_, own[0], kNow); });
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().key, "competency.custom_code_taken");

  Campaign c = make_campaign();
  EXPECT_EQ(c.status, CampaignStatus::kDraft);
  EXPECT_EQ(c.settings.item_codes.size(), 6u);
  ASSERT_EQ(c.instrument->items.size(), 6u);
  EXPECT_EQ(c.instrument->find("X.KERJA-1")->text.en, "Keeps confidences");
  EXPECT_EQ(c.settings.weights, (std::array<int, 4>{10, 40, 20, 30}));
  // A draft can change, scoped to one unit's subtree.
  c.settings.scope_unit_ids = {bidang_};
  ASSERT_TRUE(db().write([&](db::Tx& tx) {
                    return update_draft_campaign(tx, c.id, c.settings, *c.instrument, kNow);
                  })
                  .ok());
  EXPECT_EQ(campaign(c.id).settings.scope_unit_ids, std::vector<int64_t>{bidang_});
  auto list = *db().read([&](db::Tx& tx) { return list_campaigns(tx, instansi_); });
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].settings.name, "360 Harmonis 2026");
}

TEST_P(CompetencyStore, OpeningAssignsRatersFromTheOrganisation) {
  Campaign c = make_campaign();
  auto opened = db().write([&](db::Tx& tx) { return open_campaign(tx, c, kNow); });
  ASSERT_TRUE(opened.ok()) << opened.error().internal_detail;
  EXPECT_GT(*opened, 9);
  EXPECT_EQ(campaign(c.id).status, CampaignStatus::kOpen);
  EXPECT_FALSE(db().write([&](db::Tx& tx) { return open_campaign(tx, campaign(c.id), kNow); }).ok())
      << "opens once";
  // A Bidang staff member rates themselves and their peers (the other Bidang staff).
  auto mine = inbox(bidang_staff_[0]);
  std::map<RaterGroup, std::set<int64_t>> rated;
  for (const auto& a : mine) rated[a.group].insert(a.ratee_asn_id);
  EXPECT_EQ(rated[RaterGroup::kSelf], std::set<int64_t>{bidang_staff_[0]});
  EXPECT_EQ(rated[RaterGroup::kPeer], (std::set<int64_t>{bidang_staff_[1], bidang_staff_[2]}));
  EXPECT_EQ(rated[RaterGroup::kSubordinate], std::set<int64_t>{kabid_})
      << "rates their head upwards";
  // The Kabid's raters: self, the Kepala above, subordinates from the Bidang.
  auto raters = *db().read([&](db::Tx& tx) { return ratee_assignments(tx, c.id, kabid_); });
  std::map<RaterGroup, int> groups;
  for (const auto& a : raters) ++groups[a.group];
  EXPECT_EQ(groups[RaterGroup::kSelf], 1);
  EXPECT_EQ(groups[RaterGroup::kSuperior], 1);
  EXPECT_EQ(groups[RaterGroup::kSubordinate], 3);
  EXPECT_EQ(raters[0].ratee_name, "Pegawai 6");
}

TEST_P(CompetencyStore, FormsAreSentOnceDraftsStayWithTheRaterAndHrChangesAreRecorded) {
  Campaign c = make_campaign();
  ASSERT_TRUE(db().write([&](db::Tx& tx) { return open_campaign(tx, c, kNow); }).ok());
  auto mine = inbox(bidang_staff_[0]);
  ASSERT_FALSE(mine.empty());
  const AssignmentRow a = mine[0];
  RatingAnswers draft{.group = a.group, .scores = {{"HA.1", 4}}, .comment = "belum selesai"};
  ASSERT_TRUE(db().write([&](db::Tx& tx) { return save_draft(tx, a.id, draft, kNow); }).ok());
  auto back = *db().read([&](db::Tx& tx) { return load_draft(tx, a); });
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->scores.at("HA.1"), 4);
  EXPECT_EQ(back->comment, "belum selesai");
  ASSERT_TRUE(send(a, 3, 91'000'001).ok());
  EXPECT_FALSE(db().read([&](db::Tx& tx) { return load_draft(tx, a); })->has_value())
      << "the draft goes with the form";
  auto again = send(a, 4, 91'000'002);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().key, "competency.already_sent");
  // Nothing of the second try was kept.
  EXPECT_EQ(*db().read(
                [&](db::Tx& tx) { return tx.scalar_i64("SELECT COUNT(*) FROM rating_responses"); }),
            1);
  // Stored without the rater: the only columns are id, campaign, ratee, group, answers.
  auto row = *db().read([&](db::Tx& tx) { return tx.query_one("SELECT * FROM rating_responses"); });
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->size(), 5u);
  EXPECT_EQ(row->i64(0), 91'000'001);

  // HR: a sent form stays; a pending one goes with a reason; a rater comes (back) with one.
  auto removed_sent = db().write(
      [&](db::Tx& tx) { return remove_assignment(tx, a.id, "salah", std::nullopt, kNow); });
  EXPECT_EQ(removed_sent.error().key, "competency.assignment_sent");
  const AssignmentRow pending = mine[1];
  ASSERT_TRUE(db().write([&](db::Tx& tx) {
                    return remove_assignment(tx, pending.id, "cuti panjang", std::nullopt, kNow);
                  })
                  .ok());
  auto after = *db().read([&](db::Tx& tx) { return find_assignment(tx, pending.id); });
  EXPECT_EQ(after->status, AssignmentStatus::kRemoved);
  EXPECT_EQ(after->reason, "cuti panjang");
  auto dup = db().write([&](db::Tx& tx) {
    return add_assignment(tx, c.id, a.ratee_asn_id, a.rater_asn_id, RaterGroup::kPeer, "lagi",
                          std::nullopt, kNow);
  });
  EXPECT_EQ(dup.error().key, "competency.assignment_exists");
  auto back_again = db().write([&](db::Tx& tx) {
    return add_assignment(tx, c.id, pending.ratee_asn_id, pending.rater_asn_id, pending.group,
                          "kembali bertugas", std::nullopt, kNow);
  });
  ASSERT_TRUE(back_again.ok());
  EXPECT_EQ(*back_again, pending.id);
  auto restored = *db().read([&](db::Tx& tx) { return find_assignment(tx, pending.id); });
  EXPECT_EQ(restored->status, AssignmentStatus::kPending);
  EXPECT_TRUE(restored->by_hr);

  auto progress = *db().read([&](db::Tx& tx) { return campaign_progress(tx, c.id, ""); });
  int64_t total = 0, sent = 0;
  for (const auto& u : progress) {
    total += u.assignments;
    sent += u.submitted;
  }
  EXPECT_EQ(sent, 1);
  EXPECT_GT(total, 9);
  auto waiting = *db().read([&](db::Tx& tx) { return pending_raters(tx, c.id, "", 100); });
  EXPECT_FALSE(waiting.empty());
}

TEST_P(CompetencyStore, ClosingComputesResultsAndTheHeatMap) {
  Campaign c = make_campaign();
  ASSERT_TRUE(db().write([&](db::Tx& tx) { return open_campaign(tx, c, kNow); }).ok());
  int64_t id = 500;
  std::set<int64_t> raters(dinas_staff_.begin(), dinas_staff_.end());
  raters.insert(bidang_staff_.begin(), bidang_staff_.end());
  raters.insert({head_, kabid_});
  for (int64_t r : raters) {
    for (const auto& a : inbox(r))
      ASSERT_TRUE(send(a, a.group == RaterGroup::kSelf ? 5 : 3, ++id).ok());
  }
  ASSERT_TRUE(db().write([&](db::Tx& tx) {
                    return move_campaign(tx, c.id, CampaignStatus::kOpen, CampaignStatus::kClosed,
                                         kNow);
                  })
                  .ok());
  EXPECT_FALSE(db().write([&](db::Tx& tx) {
                     return move_campaign(tx, c.id, CampaignStatus::kOpen, CampaignStatus::kClosed,
                                          kNow);
                   })
                   .ok());
  auto computed = compute_results(db(), campaign(c.id), kNow, 3);  // small chunks: several rounds
  ASSERT_TRUE(computed.ok()) << computed.error().internal_detail;
  EXPECT_EQ(computed->people, 9);
  EXPECT_EQ(computed->forms, id - 500);
  // Computing again replaces, never doubles.
  ASSERT_TRUE(compute_results(db(), campaign(c.id), kNow).ok());
  EXPECT_EQ(*db().read([&](db::Tx& tx) {
    return tx.scalar_i64("SELECT COUNT(*) FROM competency_results");
  }),
            9);
  EXPECT_TRUE(campaign(c.id).results_at.has_value());

  auto kabid = *db().read([&](db::Tx& tx) { return find_result(tx, c.id, kabid_); });
  ASSERT_TRUE(kabid.has_value());
  EXPECT_EQ(kabid->required_level, 3);
  EXPECT_EQ(kabid->unit_id, bidang_);
  const PersonResult& r = kabid->result;
  EXPECT_TRUE(r.shown[static_cast<size_t>(Column::kSubordinate)]) << "three subordinates answered";
  EXPECT_EQ(r.responses[static_cast<size_t>(Column::kSubordinate)], 3);
  ASSERT_TRUE(r.level.has_value());
  EXPECT_EQ(*r.level, 1) << "only level 1 indicators were asked";
  EXPECT_EQ(r.blind_spots.size(), 6u) << "self 5 against others 3 on every item";
  // A Bidang staff member has only two peers: their scores are withheld, not shown.
  auto staff = *db().read([&](db::Tx& tx) { return find_result(tx, c.id, bidang_staff_[0]); });
  EXPECT_FALSE(staff->result.shown[static_cast<size_t>(Column::kPeer)]);
  EXPECT_TRUE(staff->result.withheld_any);

  auto heat = *db().read([&](db::Tx& tx) { return load_heat(tx, c.id, ""); });
  ASSERT_EQ(heat.size(), 2u);
  EXPECT_EQ(heat[0].unit_code, "DINAS");
  EXPECT_EQ(heat[0].aggregate.people, 5);
  EXPECT_EQ(heat[1].aggregate.people, 4);
  EXPECT_EQ(heat[1].aggregate.with_level, 4)
      << "each has a superior (known) or enough others to judge a level";
  auto history = *db().read([&](db::Tx& tx) { return results_of_person(tx, kabid_); });
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].campaign_name, "360 Harmonis 2026");
}

TEST_P(CompetencyStore, PlansKeepTheirActionsAndAgreement) {
  auto plan = db().write([&](db::Tx& tx) { return plan_for(tx, kabid_, std::nullopt, kNow); });
  ASSERT_TRUE(plan.ok()) << plan.error().internal_detail;
  EXPECT_EQ(db().write([&](db::Tx& tx) { return plan_for(tx, kabid_, std::nullopt, kNow); })->id,
            plan->id)
      << "one per person and campaign";
  PlanAction a{.item_code = "PB.3.3",
               .learning_kind = "mentoring",
               .title = "Pendampingan mediasi oleh Kepala Dinas",
               .target_date = "2027-03-31"};
  auto action = db().write([&](db::Tx& tx) { return insert_action(tx, plan->id, a, kNow); });
  ASSERT_TRUE(action.ok());
  ASSERT_TRUE(db().write([&](db::Tx& tx) {
                    return set_plan_status(tx, plan->id, PlanStatus::kAgreed, agreer_, kNow);
                  })
                  .ok());
  ASSERT_TRUE(db().write([&](db::Tx& tx) {
                    return set_action_status(tx, plan->id, *action, ActionStatus::kDone, "selesai",
                                             kNow);
                  })
                  .ok());
  EXPECT_FALSE(db().write([&](db::Tx& tx) {
                     return set_action_status(tx, plan->id + 1, *action, ActionStatus::kDone, "",
                                              kNow);
                   })
                   .ok());
  auto found = *db().read([&](db::Tx& tx) { return find_plan(tx, plan->id); });
  ASSERT_TRUE(found.has_value());
  const Plan stored = *found;
  EXPECT_TRUE(stored.status == PlanStatus::kAgreed);
  EXPECT_EQ(stored.agreed_by, agreer_);
  ASSERT_EQ(stored.actions.size(), 1u);
  EXPECT_TRUE(stored.actions[0].status == ActionStatus::kDone);
  EXPECT_EQ(stored.actions[0].note, "selesai");
  auto team = *db().read([&](db::Tx& tx) -> Result<std::vector<TeamPlan>> {
    auto unit = TRY(org::find_unit_by_id(tx, bidang_));
    return team_plans(tx, instansi_, unit->path, 50);
  });
  ASSERT_EQ(team.size(), 4u);
  int with_plan = 0;
  for (const auto& t : team) {
    if (t.plan_id) {
      ++with_plan;
      EXPECT_EQ(t.actions, 1);
      EXPECT_EQ(t.done, 1);
    }
  }
  EXPECT_EQ(with_plan, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, CompetencyStore, ::testing::ValuesIn(test::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace harmoni::competency

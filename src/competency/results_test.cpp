#include "competency/results.hpp"

#include <gtest/gtest.h>

#include <random>

#include "competency/shipped_catalog.hpp"

namespace harmoni::competency {
namespace {

const Catalog& catalog() { return *shipped_catalog().value(); }

CampaignSettings settings_for(std::vector<std::string> codes) {
  CampaignSettings s;
  s.name = "uji";
  s.starts_on = "2026-10-01";
  s.deadline = "2026-10-31";
  s.item_codes = std::move(codes);
  return s;  // weights self 10, superior 40, peer 20, subordinate 30; groups of 3
}

RatingAnswers form(RaterGroup g, std::map<std::string, int> scores, std::string comment = "") {
  RatingAnswers a{.group = g, .scores = std::move(scores), .comment = std::move(comment)};
  return a;
}

size_t c(Column col) { return static_cast<size_t>(col); }

const Scores& item(const PersonResult& r, const std::string& code) {
  for (const auto& s : r.items) {
    if (s.code == code) return s;
  }
  throw std::runtime_error("no item " + code);
}

const Scores& group(const PersonResult& r, const std::string& code) {
  for (const auto& s : r.groups) {
    if (s.code == code) return s;
  }
  throw std::runtime_error("no group " + code);
}

TEST(Answers, FinalFormsAnswerEveryItemWithExamplesForExtremes) {
  auto s = settings_for({"HA.1", "HA.2"});
  Instrument in = build_instrument(s, catalog(), {});
  const Scale& scale = catalog().scale();
  EXPECT_TRUE(validate_answers(form(RaterGroup::kPeer, {{"HA.1", 3}}), in, scale, false).ok())
      << "a draft may be partial";
  auto partial = validate_answers(form(RaterGroup::kPeer, {{"HA.1", 3}}), in, scale, true);
  ASSERT_FALSE(partial.ok());
  EXPECT_EQ(partial.error().fields[0].field, "scores.HA.2");
  EXPECT_TRUE(
      validate_answers(form(RaterGroup::kPeer, {{"HA.1", 3}, {"HA.2", 0}}), in, scale, true).ok())
      << "cannot judge is an answer";
  auto extreme =
      validate_answers(form(RaterGroup::kPeer, {{"HA.1", 5}, {"HA.2", 1}}), in, scale, true);
  ASSERT_FALSE(extreme.ok());
  EXPECT_EQ(extreme.error().fields.size(), 2u);
  EXPECT_EQ(extreme.error().fields[0].key, "competency.example_required");
  auto with_examples = form(RaterGroup::kPeer, {{"HA.1", 5}, {"HA.2", 1}});
  with_examples.examples = {{"HA.1", "Menolong warga lansia mengisi formulir."},
                            {"HA.2", "Tidak menolong rekan."}};
  EXPECT_TRUE(validate_answers(with_examples, in, scale, true).ok());
  for (int bad : {-1, 6, 7}) {
    auto st = validate_answers(form(RaterGroup::kPeer, {{"HA.1", bad}}), in, scale, false);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().fields[0].key, "competency.score_range");
  }
  auto unknown = validate_answers(form(RaterGroup::kPeer, {{"HA.9", 3}}), in, scale, false);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields[0].field, "scores.HA.9");
  auto chatty = form(RaterGroup::kPeer, {});
  chatty.comment = std::string(kMaxCommentChars + 1, 'a');
  EXPECT_FALSE(validate_answers(chatty, in, scale, false).ok());
}

TEST(Results, GroupsMeansAndWeightedScores) {
  auto s = settings_for({"HA.1", "HA.2", "HA.3"});
  Instrument in = build_instrument(s, catalog(), {});
  std::vector<RatingAnswers> forms = {
      form(RaterGroup::kSelf, {{"HA.1", 5}, {"HA.2", 4}, {"HA.3", 4}}),
      form(RaterGroup::kSuperior, {{"HA.1", 3}, {"HA.2", 3}, {"HA.3", 4}}),
      form(RaterGroup::kPeer, {{"HA.1", 3}, {"HA.2", 4}, {"HA.3", 2}}),
      form(RaterGroup::kPeer, {{"HA.1", 2}, {"HA.2", 4}, {"HA.3", 3}}),
      form(RaterGroup::kPeer, {{"HA.1", 4}, {"HA.2", 4}, {"HA.3", 0}}),
      form(RaterGroup::kSubordinate, {{"HA.1", 4}, {"HA.2", 3}, {"HA.3", 3}}),
      form(RaterGroup::kSubordinate, {{"HA.1", 4}, {"HA.2", 3}, {"HA.3", 3}}),
      form(RaterGroup::kSubordinate, {{"HA.1", 4}, {"HA.2", 4}, {"HA.3", 3}}),
  };
  PersonResult r = compute_result(in, s, forms);
  EXPECT_TRUE(r.shown[c(Column::kPeer)]);
  EXPECT_TRUE(r.shown[c(Column::kSubordinate)]);
  EXPECT_FALSE(r.shown[c(Column::kOthers)]);
  EXPECT_EQ(r.responses[c(Column::kPeer)], 3);
  const Scores& ha1 = item(r, "HA.1");
  EXPECT_DOUBLE_EQ(ha1.columns[c(Column::kPeer)]->mean, 3.0);
  EXPECT_DOUBLE_EQ(ha1.columns[c(Column::kSubordinate)]->mean, 4.0);
  // others = (40*3 + 20*3 + 30*4) / 90; overall adds self 10*5.
  EXPECT_NEAR(*ha1.others, 300.0 / 90, 1e-9);
  EXPECT_NEAR(*ha1.overall, 350.0 / 100, 1e-9);
  // HA.3: one peer could not judge, so only two peers judged: the peer cell is hidden.
  const Scores& ha3 = item(r, "HA.3");
  EXPECT_FALSE(ha3.columns[c(Column::kPeer)].has_value());
  EXPECT_NEAR(*ha3.others, (40 * 4.0 + 30 * 3.0) / 70, 1e-9);
  // The value rolls its behaviours up: mean of shown item means per column.
  const Scores& ha = group(r, "HA");
  EXPECT_NEAR(ha.columns[c(Column::kSelf)]->mean, 13.0 / 3, 1e-9);
  EXPECT_NEAR(ha.columns[c(Column::kPeer)]->mean, (3.0 + 4.0) / 2, 1e-9);
  // Self 5 against others 3.33 on HA.1: a blind spot at the default margin of 1.0.
  EXPECT_EQ(r.blind_spots, std::vector<std::string>{"HA.1"});
  EXPECT_TRUE(r.hidden_strengths.empty());
}

TEST(Results, SmallAnonymousGroupsArePooledOrWithheld) {
  auto s = settings_for({"HA.1"});
  Instrument in = build_instrument(s, catalog(), {});
  auto two_peers_one_sub = compute_result(
      in, s,
      {form(RaterGroup::kPeer, {{"HA.1", 2}}), form(RaterGroup::kPeer, {{"HA.1", 3}}),
       form(RaterGroup::kSubordinate, {{"HA.1", 4}})});
  EXPECT_FALSE(two_peers_one_sub.shown[c(Column::kPeer)]);
  EXPECT_FALSE(two_peers_one_sub.shown[c(Column::kSubordinate)]);
  ASSERT_TRUE(two_peers_one_sub.shown[c(Column::kOthers)]);
  EXPECT_DOUBLE_EQ(item(two_peers_one_sub, "HA.1").columns[c(Column::kOthers)]->mean, 3.0);
  EXPECT_FALSE(two_peers_one_sub.withheld_any);

  // Three peers are shown; one subordinate alone is withheld, never pooled with a
  // group that is also shown on its own (the difference would give it away).
  auto one_sub = compute_result(
      in, s,
      {form(RaterGroup::kPeer, {{"HA.1", 2}}), form(RaterGroup::kPeer, {{"HA.1", 3}}),
       form(RaterGroup::kPeer, {{"HA.1", 4}}), form(RaterGroup::kSubordinate, {{"HA.1", 1}})});
  EXPECT_TRUE(one_sub.shown[c(Column::kPeer)]);
  EXPECT_FALSE(one_sub.shown[c(Column::kSubordinate)]);
  EXPECT_FALSE(one_sub.shown[c(Column::kOthers)]);
  EXPECT_TRUE(one_sub.withheld_any);
  EXPECT_EQ(one_sub.responses[c(Column::kSubordinate)], 0);

  auto two = compute_result(
      in, s, {form(RaterGroup::kPeer, {{"HA.1", 2}}), form(RaterGroup::kPeer, {{"HA.1", 3}})});
  EXPECT_FALSE(two.shown[c(Column::kPeer)]);
  EXPECT_FALSE(two.shown[c(Column::kOthers)]);
  EXPECT_FALSE(item(two, "HA.1").overall.has_value()) << "nothing shown, nothing computed";
}

// The heart of anonymity: whatever withheld or hidden raters answered, the result is
// the same, so no page, export or API built on it can reveal them.
TEST(Results, WithheldRatingsNeverChangeTheResult) {
  std::mt19937_64 rng(360);
  auto s = settings_for(
      {"HA.1", "HA.2", "HA.3", "PB.1.1", "PB.1.2", "PB.1.3", "PB.2.1", "PB.2.2", "PB.2.3"});
  Instrument in = build_instrument(s, catalog(), {});
  auto random_form = [&](RaterGroup g) {
    RatingAnswers a{.group = g};
    for (const auto& i : in.items) {
      int score = static_cast<int>(rng() % 6);
      a.scores[i.code] = score;
      if (score == 1 || score == 5) a.examples[i.code] = "contoh " + std::to_string(rng() % 1000);
    }
    if (rng() % 2) a.comment = "komentar " + std::to_string(rng() % 1000);
    return a;
  };
  int checked = 0;
  for (int round = 0; round < 500; ++round) {
    s.min_group_size = 3 + static_cast<int>(rng() % 3);
    std::vector<RatingAnswers> forms;
    forms.push_back(random_form(RaterGroup::kSelf));
    if (rng() % 4) forms.push_back(random_form(RaterGroup::kSuperior));
    const int peers = static_cast<int>(rng() % 6), subs = static_cast<int>(rng() % 6);
    for (int i = 0; i < peers; ++i) forms.push_back(random_form(RaterGroup::kPeer));
    for (int i = 0; i < subs; ++i) forms.push_back(random_form(RaterGroup::kSubordinate));
    PersonResult before = compute_result(in, s, forms);
    // Change every rating that is not part of a shown cell and see nothing move.
    bool changed_any = false;
    std::vector<RatingAnswers> altered = forms;
    for (auto& f : altered) {
      Column col = f.group == RaterGroup::kPeer
                       ? (before.shown[c(Column::kOthers)] ? Column::kOthers : Column::kPeer)
                   : f.group == RaterGroup::kSubordinate
                       ? (before.shown[c(Column::kOthers)] ? Column::kOthers : Column::kSubordinate)
                   : f.group == RaterGroup::kSelf ? Column::kSelf
                                                  : Column::kSuperior;
      if (!before.shown[c(col)]) {
        f = random_form(f.group);
        changed_any = true;
        continue;
      }
      for (const auto& score : before.items) {
        if (score.columns[c(col)]) continue;
        // Who judged stays the same (that decides what is shown); what they said changes.
        if (f.scores[score.code] > 0) f.scores[score.code] = 1 + static_cast<int>(rng() % 5);
        f.examples[score.code] = "diubah " + std::to_string(rng());
        changed_any = true;
      }
    }
    if (!changed_any) continue;
    ++checked;
    PersonResult after = compute_result(in, s, altered);
    ASSERT_EQ(before.items.size(), after.items.size());
    for (size_t i = 0; i < before.items.size(); ++i) {
      for (size_t k = 0; k < kColumns; ++k) {
        ASSERT_EQ(before.items[i].columns[k].has_value(), after.items[i].columns[k].has_value());
        if (before.items[i].columns[k]) {
          EXPECT_DOUBLE_EQ(before.items[i].columns[k]->mean, after.items[i].columns[k]->mean);
        }
      }
      EXPECT_EQ(before.items[i].overall, after.items[i].overall);
    }
    for (size_t i = 0; i < before.groups.size(); ++i)
      EXPECT_EQ(before.groups[i].others, after.groups[i].others);
    EXPECT_EQ(before.level, after.level);
    EXPECT_EQ(before.demonstrated, after.demonstrated);
    EXPECT_EQ(before.blind_spots, after.blind_spots);
    EXPECT_EQ(before.examples, after.examples);
    EXPECT_EQ(before.responses, after.responses);
    EXPECT_EQ(before.comments, after.comments) << "withheld forms' comments never appear";
    // Every anonymous cell shown stands for at least min_group_size raters.
    for (const auto& sc : before.items) {
      for (Column col : {Column::kPeer, Column::kSubordinate, Column::kOthers}) {
        if (sc.columns[c(col)]) {
          EXPECT_GE(sc.columns[c(col)]->n, s.min_group_size);
        }
      }
    }
  }
  EXPECT_GT(checked, 300);
}

TEST(Results, PerekatBangsaLevelByAgreementAndEveryLowerLevel) {
  auto s = settings_for(
      {"PB.1.1", "PB.1.2", "PB.1.3", "PB.2.1", "PB.2.2", "PB.2.3", "PB.3.1", "PB.3.2", "PB.3.3"});
  Instrument in = build_instrument(s, catalog(), {});
  auto scores = [](int l1, int l2, int l3) {
    std::map<std::string, int> m;
    for (int i = 1; i <= 3; ++i) {
      m["PB.1." + std::to_string(i)] = l1;
      m["PB.2." + std::to_string(i)] = l2;
      m["PB.3." + std::to_string(i)] = l3;
    }
    return m;
  };
  // Superior and three peers agree on levels 1 and 2; on level 3 only two of four do.
  std::vector<RatingAnswers> forms = {
      form(RaterGroup::kSelf, scores(5, 5, 5)), form(RaterGroup::kSuperior, scores(4, 3, 3)),
      form(RaterGroup::kPeer, scores(4, 3, 3)), form(RaterGroup::kPeer, scores(3, 3, 2)),
      form(RaterGroup::kPeer, scores(3, 4, 2))};
  PersonResult r = compute_result(in, s, forms);
  ASSERT_TRUE(r.level.has_value());
  EXPECT_EQ(*r.level, 2) << "2 of 4 agree on level 3: under 67%";
  EXPECT_EQ(r.demonstrated.size(), 6u);
  s.level_rule.agree_percent = 50;
  EXPECT_EQ(*compute_result(in, s, forms).level, 3);
  // A level above one that is not met does not count, however well rated.
  s.level_rule.agree_percent = 67;
  forms[1] = form(RaterGroup::kSuperior, scores(2, 4, 4));
  forms[2] = form(RaterGroup::kPeer, scores(2, 4, 4));
  forms[3] = form(RaterGroup::kPeer, scores(2, 4, 4));
  forms[4] = form(RaterGroup::kPeer, scores(2, 4, 4));
  EXPECT_EQ(*compute_result(in, s, forms).level, 0);
  // Only the person's own view: not assessed.
  EXPECT_FALSE(compute_result(in, s, {form(RaterGroup::kSelf, scores(5, 5, 5))}).level.has_value());
  // No indicators in the instrument: not assessed.
  auto values_only = settings_for({"HA.1"});
  EXPECT_FALSE(compute_result(build_instrument(values_only, catalog(), {}), values_only,
                              {form(RaterGroup::kSuperior, {{"HA.1", 4}})})
                   .level.has_value());
}

TEST(Results, CommentsCarryNoOrderOrName) {
  auto s = settings_for({"HA.1"});
  Instrument in = build_instrument(s, catalog(), {});
  std::vector<RatingAnswers> forms = {form(RaterGroup::kPeer, {{"HA.1", 3}}, "zebra"),
                                      form(RaterGroup::kPeer, {{"HA.1", 3}}, "apel"),
                                      form(RaterGroup::kPeer, {{"HA.1", 5}}, "mangga")};
  forms[2].examples["HA.1"] = "Selalu menolong warga lansia.";
  auto r = compute_result(in, s, forms);
  EXPECT_EQ(r.comments, (std::vector<std::string>{"apel", "mangga", "zebra"}));
  ASSERT_EQ(r.examples.size(), 1u);
  EXPECT_EQ(r.examples[0].first, "HA.1");
}

}  // namespace
}  // namespace harmoni::competency

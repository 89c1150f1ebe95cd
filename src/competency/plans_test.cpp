#include "competency/plans.hpp"

#include <gtest/gtest.h>

#include "competency/shipped_catalog.hpp"

namespace harmoni::competency {
namespace {

const Catalog& catalog() { return *shipped_catalog().value(); }

Scores scored(std::string code, std::optional<double> others) {
  Scores s{.code = std::move(code)};
  s.others = others;
  return s;
}

TEST(Plans, SuggestFromTheLevelGapThenLowScoresThenBlindSpots) {
  CampaignSettings s;
  s.values_version = "2023";
  s.item_codes = {"HA.1",   "HA.2",   "BP.2",   "PB.1.1", "PB.1.2",
                  "PB.1.3", "PB.2.1", "PB.2.2", "PB.2.3", "PB.3.1"};
  Instrument in = build_instrument(s, catalog(), {});
  PersonResult r;
  r.level = 1;
  r.demonstrated = {"PB.1.1", "PB.1.2", "PB.1.3", "PB.2.2"};
  r.items = {scored("HA.1", 2.4), scored("HA.2", 3.5), scored("BP.2", 2.1), scored("PB.2.1", 2.9),
             scored("PB.2.3", 3.1)};
  r.blind_spots = {"HA.2", "HA.1"};
  auto got = suggest_actions(in, r, 3, 3);
  std::vector<std::string> codes;
  for (const auto& g : got) codes.push_back(g.item_code);
  EXPECT_EQ(codes,
            (std::vector<std::string>{"PB.2.1", "PB.2.3", "PB.3.1", "BP.2", "HA.1", "HA.2"}));
  EXPECT_EQ(got[0].reason, SuggestionReason::kLevelGap);
  EXPECT_EQ(got[3].reason, SuggestionReason::kLowScore);
  EXPECT_DOUBLE_EQ(*got[3].score, 2.1);
  EXPECT_EQ(got[5].reason, SuggestionReason::kBlindSpot);
  EXPECT_EQ(got[5].learning.front(), "mentoring") << "blind spots start with a leader's feedback";
  EXPECT_EQ(got[0].learning, catalog().find("PB.2.1", "2023")->learning);

  // At the required level with good scores and no blind spots: nothing to suggest.
  PersonResult fine;
  fine.level = 3;
  fine.items = {scored("HA.1", 3.6)};
  EXPECT_TRUE(suggest_actions(in, fine, 3, 3).empty());
}

TEST(Plans, ActionsNeedAKnownKindATitleAndAFutureDate) {
  PlanAction a{.item_code = "HA.1",
               .learning_kind = "social_care",
               .title = "Ikut kegiatan ASN Peduli",
               .target_date = "2027-03-31"};
  EXPECT_TRUE(validate_action(a, catalog(), Date{2026, 12, 2}).ok());
  a.target_date = "2026-12-01";
  EXPECT_EQ(validate_action(a, catalog(), Date{2026, 12, 2}).error().fields[0].key,
            "competency.target_in_past");
  EXPECT_TRUE(validate_action(a, catalog(), std::nullopt).ok())
      << "an existing action keeps its date";
  a.learning_kind = "golf";
  a.title = "x";
  a.target_date = "31-03-2027";
  EXPECT_EQ(validate_action(a, catalog(), std::nullopt).error().fields.size(), 3u);
  for (ActionStatus st : enum_values<ActionStatus>())
    EXPECT_EQ(parse_enum<ActionStatus>(enum_name(st)), st);
  EXPECT_FALSE(parse_enum<PlanStatus>("approved").has_value());
}

}  // namespace
}  // namespace harmoni::competency

#include "competency/campaign.hpp"

#include <gtest/gtest.h>

#include <set>

#include "competency/shipped_catalog.hpp"

namespace harmoni::competency {
namespace {

const Catalog& catalog() { return *shipped_catalog().value(); }

CampaignSettings good() {
  CampaignSettings s;
  s.name = "360 Harmonis 2026";
  s.starts_on = "2026-10-01";
  s.deadline = "2026-10-31";
  s.item_codes = {"HA.1", "HA.2", "HA.3", "PB.1.1", "PB.1.2", "PB.1.3", "X.OWN"};
  return s;
}

std::vector<Item> own() {
  return {Item{.code = "X.OWN", .kind = ItemKind::kCustom, .group = "HA", .text = {"Sendiri", ""}}};
}

std::set<std::string> fields_of(const Status& st) {
  std::set<std::string> out;
  if (!st.ok()) {
    for (const auto& f : st.error().fields) out.insert(f.field);
  }
  return out;
}

TEST(Campaign, AcceptsASoundCampaign) { EXPECT_TRUE(validate(good(), catalog(), own()).ok()); }

TEST(Campaign, RefusesADeadlineBeforeItsStart) {
  auto s = good();
  s.deadline = "2026-09-30";
  auto st = validate(s, catalog(), own());
  EXPECT_EQ(fields_of(st), std::set<std::string>{"deadline"});
  EXPECT_EQ(st.error().fields[0].key, "competency.deadline_before_start");
  s.deadline = "2026-02-30";
  EXPECT_EQ(fields_of(validate(s, catalog(), own())), std::set<std::string>{"deadline"});
  s.deadline = s.starts_on;  // one day is a period
  EXPECT_TRUE(validate(s, catalog(), own()).ok());
}

TEST(Campaign, WeightsMustAddUpOverTheGroupsAsked) {
  auto s = good();
  s.weights = {10, 40, 20, 20};
  auto st = validate(s, catalog(), own());
  EXPECT_EQ(fields_of(st), std::set<std::string>{"weights"});
  EXPECT_EQ(st.error().fields[0].args.at("sum"), "90");
  s.groups = {false, true, true, true};
  s.weights = {0, 50, 20, 30};
  EXPECT_TRUE(validate(s, catalog(), own()).ok());
  s.weights = {10, 40, 20, 30};  // a weight for a group not asked
  EXPECT_EQ(fields_of(validate(s, catalog(), own())), std::set<std::string>{"weights"});
  s.groups = {true, false, false, false};
  s.weights = {100, 0, 0, 0};
  EXPECT_EQ(fields_of(validate(s, catalog(), own())), std::set<std::string>{"groups"})
      << "self alone is no 360";
  s = good();
  s.weights = {-10, 60, 20, 30};
  EXPECT_EQ(fields_of(validate(s, catalog(), own())), std::set<std::string>{"weights"});
}

TEST(Campaign, ItemsMustBeKnownAndAskedOnce) {
  auto s = good();
  s.item_codes.push_back("HA.9");
  EXPECT_EQ(fields_of(validate(s, catalog(), own())), std::set<std::string>{"items"});
  s = good();
  s.item_codes.push_back("HA.1");
  auto st = validate(s, catalog(), own());
  EXPECT_EQ(st.error().fields[0].key, "competency.item_twice");
  s.item_codes.clear();
  EXPECT_EQ(fields_of(validate(s, catalog(), own())), std::set<std::string>{"items"});
  s = good();
  EXPECT_FALSE(validate(s, catalog(), {}).ok()) << "another instansi's item is unknown here";
  s.values_version = "2019";
  EXPECT_TRUE(fields_of(validate(s, catalog(), own())).contains("values_version"));
}

TEST(Campaign, GroupSizeAndRulesInRange) {
  auto s = good();
  s.min_group_size = 2;
  s.max_peers = 11;
  s.level_rule.agree_percent = 0;
  s.blind_spot_tenths = 0;
  EXPECT_EQ(fields_of(validate(s, catalog(), own())),
            (std::set<std::string>{"min_group_size", "max_peers", "level_rule", "blind_spot"}));
}

TEST(Campaign, SettingsAndInstrumentSurviveStorage) {
  auto s = good();
  s.groups = {false, true, true, true};
  s.weights = {0, 50, 20, 30};
  s.min_group_size = 4;
  s.level_rule = {4, 75, 3};
  s.blind_spot_tenths = 15;
  CampaignSettings back;
  ASSERT_TRUE(read_settings_json(settings_json(s), back).ok());
  EXPECT_EQ(back.groups, s.groups);
  EXPECT_EQ(back.weights, s.weights);
  EXPECT_EQ(back.min_group_size, 4);
  EXPECT_EQ(back.level_rule.agree_percent, 75);
  EXPECT_EQ(back.blind_spot_tenths, 15);
  EXPECT_EQ(back.item_codes, s.item_codes);

  Instrument in = build_instrument(s, catalog(), own());
  ASSERT_EQ(in.items.size(), 7u);
  EXPECT_EQ(in.items[0].text.id, "Menghargai setiap orang apa pun latar belakangnya")
      << "the 2023 wording";
  auto parsed = parse_instrument(instrument_json(in));
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->items.size(), 7u);
  EXPECT_EQ(parsed->items[3].level, 1);
  EXPECT_EQ(parsed->items[6].kind, ItemKind::kCustom);
  EXPECT_EQ(parsed->find("HA.2")->high.en, in.find("HA.2")->high.en);
  EXPECT_EQ(parsed->find("HA.2")->learning, in.find("HA.2")->learning);
  EXPECT_FALSE(parse_instrument("{}").ok());
}

}  // namespace
}  // namespace harmoni::competency

#include "competency/catalog.hpp"

#include <gtest/gtest.h>

#include <set>

#include "competency/shipped_catalog.hpp"
#include "platform/embedded.hpp"

namespace harmoni::competency {
namespace {

const Catalog& shipped() {
  auto c = shipped_catalog();
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().internal_detail);
  return **c;
}

TEST(Catalog, ShipsEveryOfficialItemInBothVersions) {
  const Catalog& c = shipped();
  for (std::string_view version : kValuesVersions) {
    auto items = c.items(version);
    int behaviours = 0, indicators = 0, managerial = 0;
    for (const auto& i : items) {
      behaviours += i.kind == ItemKind::kBehaviour;
      indicators += i.kind == ItemKind::kIndicator;
      managerial += i.kind == ItemKind::kManagerial;
      EXPECT_FALSE(i.text.en.empty()) << i.code << " has English";
      EXPECT_FALSE(i.low.id.empty() || i.high.id.empty()) << i.code << " has both anchors";
    }
    EXPECT_EQ(behaviours, 21) << version;
    EXPECT_EQ(indicators, 15) << version;
    EXPECT_EQ(managerial, 8) << version;
    EXPECT_EQ(c.values(version).size(), 7u);
    ASSERT_NE(c.version_title(version), nullptr);
  }
  EXPECT_EQ(c.levels().size(), 5u);
  EXPECT_EQ(c.find("PB.3.3", "2023")->level, 3);
  EXPECT_EQ(c.find("HA.1", "2021")->group, "HA");
  EXPECT_FALSE(c.find("HA.4", "2021").has_value());
  EXPECT_FALSE(c.find("HA.1", "2019").has_value());
  // Same codes, wording of its own legal text.
  EXPECT_NE(c.find("HA.1", "2021")->text.id, c.find("HA.1", "2023")->text.id);
  EXPECT_EQ(c.find("BP.1", "2021")->code, c.find("BP.1", "2023")->code);
  EXPECT_EQ(c.learning_kinds().size(), 5u);
  EXPECT_TRUE(c.scale().is_extreme(1));
  EXPECT_TRUE(c.scale().is_extreme(5));
  EXPECT_FALSE(c.scale().is_extreme(3));
  EXPECT_EQ(c.scale().labels.at(0).en, "Cannot judge");
}

TEST(Catalog, BandsFollowTheSeedArticles) {
  EXPECT_EQ(band_for_level(0), "");
  EXPECT_EQ(band_for_level(1), "dasar");
  EXPECT_EQ(band_for_level(2), "menengah");
  EXPECT_EQ(band_for_level(3), "menengah");
  EXPECT_EQ(band_for_level(4), "tinggi");
  EXPECT_EQ(band_for_level(5), "tinggi");
  EXPECT_EQ(shipped().bands().size(), 3u);
}

TEST(Catalog, RefusesABrokenFile) {
  std::string text(*embedded_file("data/competency/catalog.json"));
  EXPECT_FALSE(Catalog::parse("[]").ok());
  EXPECT_FALSE(Catalog::parse("{").ok());
  std::string no_anchor = text;
  no_anchor.replace(no_anchor.find("\"low\""), 5, "\"lo\"");
  EXPECT_FALSE(Catalog::parse(no_anchor).ok());
  std::string bad_kind = text;
  bad_kind.replace(bad_kind.find("[\"character\", \"intercultural\"]"), 11, "[\"karakter\"");
  EXPECT_FALSE(Catalog::parse(bad_kind).ok());
  std::string bad_code = text;
  bad_code.replace(bad_code.find("\"PB.2.2\""), 8, "\"PB.2.9\"");
  EXPECT_FALSE(Catalog::parse(bad_code).ok());
}

TEST(Catalog, AnInstansiAddsItsOwnIndicators) {
  const Catalog& c = shipped();
  CustomItemDraft d{.code = "HRM-KERJA-1",
                    .value_code = "HA",
                    .text = {"Bersikap toleran dan empati", ""},
                    .low = {"Mengabaikan", ""},
                    .high = {"Merangkul", ""},
                    .learning = {"intercultural"}};
  auto item = custom_item(c, d);
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->code, "X.HRM-KERJA-1");
  EXPECT_EQ(item->kind, ItemKind::kCustom);
  EXPECT_EQ(item->group, "HA");
  EXPECT_EQ(item->text.in("en"), "Bersikap toleran dan empati") << "falls back to Indonesian";

  CustomItemDraft bad{.code = "x y", .value_code = "ZZ", .learning = {"karakter"}};
  auto refused = custom_item(c, bad);
  ASSERT_FALSE(refused.ok());
  std::set<std::string> fields;
  for (const auto& f : refused.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields,
            (std::set<std::string>{"code", "value", "text_id", "low_id", "high_id", "learning"}));
}

}  // namespace
}  // namespace harmoni::competency

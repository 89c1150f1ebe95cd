#include "competency/heatmap.hpp"

#include <gtest/gtest.h>

namespace harmoni::competency {
namespace {

PersonSummary person(int64_t unit, std::map<std::string, double> scores, std::optional<int> level) {
  return PersonSummary{unit, std::move(scores), level};
}

TEST(Heatmap, NeverShowsAGroupSmallerThanTheMinimum) {
  std::vector<PersonSummary> people = {person(1, {{"HA", 3.0}, {"BP", 4.0}}, 2),
                                       person(1, {{"HA", 4.0}, {"BP", 2.0}}, 4),
                                       person(1, {{"HA", 3.5}}, 1),
                                       person(2, {{"HA", 1.0}}, 1),  // alone in unit 2
                                       person(3, {{"HA", 2.0}}, std::nullopt),
                                       person(3, {{"HA", 3.0}}, std::nullopt),
                                       person(3, {{"HA", 4.0}}, 5)};
  std::map<int64_t, HeatAggregate> by_unit;
  for (const auto& p : people) add_to_heat(by_unit, p);
  std::vector<HeatAggregate> units;
  for (const auto& [id, a] : by_unit) units.push_back(a);
  auto rows = build_heatmap(units, {"HA", "BP"}, 3);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_FALSE(rows[0].hidden);
  EXPECT_EQ(rows[0].people, 3);
  EXPECT_NEAR(*rows[0].cells.at("HA").mean, 3.5, 1e-9);
  EXPECT_FALSE(rows[0].cells.at("BP").mean.has_value()) << "only two people have a BP score";
  EXPECT_TRUE(rows[0].bands_shown);
  EXPECT_EQ(rows[0].bands, (std::array<int, 4>{0, 1, 1, 1}));
  EXPECT_TRUE(rows[1].hidden);
  EXPECT_EQ(rows[1].people, 0);
  EXPECT_TRUE(rows[1].cells.empty());
  EXPECT_FALSE(rows[2].hidden);
  EXPECT_FALSE(rows[2].bands_shown) << "one person with a level";
  EXPECT_EQ(rows[2].bands, (std::array<int, 4>{}));
}

}  // namespace
}  // namespace harmoni::competency

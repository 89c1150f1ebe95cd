// The heat map of a campaign for unit heads and HR: per unit, the others' mean score of
// each value (or other rollup group) and how many people stand in each Perekat Bangsa
// band. Built from people's results, which already hold only shown ratings; a unit
// with fewer than min_group_size assessed people shows nothing at all, and a cell
// with fewer people than that shows no mean. Units are rows of their direct members
// only and there is no total row, so no two shown figures can be subtracted to
// reveal a hidden one. Pure domain: no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace harmoni::competency {

struct PersonSummary {
  int64_t unit_id = 0;
  std::map<std::string, double> group_scores;  // rollup group -> others' score
  std::optional<int> level;
};

// What a unit's people add up to, before anything is hidden (stored when a campaign
// closes; never shown as such).
struct HeatAggregate {
  int64_t unit_id = 0;
  int people = 0;
  std::map<std::string, std::pair<double, int>> sums;  // group -> (sum of scores, people with one)
  std::array<int, 4> bands{};  // not assessed (level 0), dasar, menengah, tinggi
  int with_level = 0;
};

// Adds one person to their unit's aggregate.
void add_to_heat(std::map<int64_t, HeatAggregate>& by_unit, const PersonSummary& person);

struct HeatCell {
  std::optional<double> mean;
  int people = 0;  // with a score in this group (0 when the row is hidden)
};

struct HeatRow {
  int64_t unit_id = 0;
  bool hidden = false;  // fewer than min_group_size people: nothing shown
  int people = 0;       // 0 when hidden
  std::map<std::string, HeatCell> cells;
  // People per band: not assessed, dasar, menengah, tinggi (all 0 when hidden or when
  // fewer than min_group_size have a level).
  std::array<int, 4> bands{};
  bool bands_shown = false;
};

// One row per aggregate, in the order given.
std::vector<HeatRow> build_heatmap(const std::vector<HeatAggregate>& units,
                                   const std::vector<std::string>& groups, int min_group_size);

}  // namespace harmoni::competency

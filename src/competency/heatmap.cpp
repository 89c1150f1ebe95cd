#include "competency/heatmap.hpp"

#include "competency/catalog.hpp"

namespace harmoni::competency {

void add_to_heat(std::map<int64_t, HeatAggregate>& by_unit, const PersonSummary& person) {
  HeatAggregate& a = by_unit[person.unit_id];
  a.unit_id = person.unit_id;
  ++a.people;
  for (const auto& [group, score] : person.group_scores) {
    auto& [sum, n] = a.sums[group];
    sum += score;
    ++n;
  }
  if (person.level) {
    ++a.with_level;
    std::string_view band = band_for_level(*person.level);
    ++a.bands[band == "tinggi" ? 3 : band == "menengah" ? 2 : band == "dasar" ? 1 : 0];
  }
}

std::vector<HeatRow> build_heatmap(const std::vector<HeatAggregate>& units,
                                   const std::vector<std::string>& groups, int min_group_size) {
  std::vector<HeatRow> rows;
  for (const auto& a : units) {
    HeatRow row{.unit_id = a.unit_id};
    if (a.people < min_group_size) {
      row.hidden = true;
      rows.push_back(std::move(row));
      continue;
    }
    row.people = a.people;
    for (const auto& g : groups) {
      auto it = a.sums.find(g);
      HeatCell cell;
      if (it != a.sums.end()) {
        cell.people = it->second.second;
        if (cell.people >= min_group_size) cell.mean = it->second.first / cell.people;
      }
      row.cells[g] = cell;
    }
    if (a.with_level >= min_group_size) {
      row.bands = a.bands;
      row.bands_shown = true;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace harmoni::competency

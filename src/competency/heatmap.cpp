#include "competency/heatmap.hpp"

#include "competency/catalog.hpp"

namespace harmoni::competency {

std::vector<HeatRow> build_heatmap(const std::vector<PersonSummary>& people, const std::vector<std::string>& groups,
                                   int min_group_size) {
  std::map<int64_t, std::vector<const PersonSummary*>> by_unit;
  for (const auto& p : people) by_unit[p.unit_id].push_back(&p);
  std::vector<HeatRow> rows;
  for (const auto& [unit, members] : by_unit) {
    HeatRow row{.unit_id = unit};
    if (static_cast<int>(members.size()) < min_group_size) {
      row.hidden = true;
      rows.push_back(std::move(row));
      continue;
    }
    row.people = static_cast<int>(members.size());
    for (const auto& g : groups) {
      double sum = 0;
      int n = 0;
      for (const PersonSummary* p : members) {
        auto it = p->group_scores.find(g);
        if (it == p->group_scores.end()) continue;
        sum += it->second;
        ++n;
      }
      HeatCell cell{.people = n};
      if (n >= min_group_size) cell.mean = sum / n;
      row.cells[g] = cell;
    }
    int with_level = 0;
    std::array<int, 4> bands{};
    for (const PersonSummary* p : members) {
      if (!p->level) continue;
      ++with_level;
      std::string_view band = band_for_level(*p->level);
      ++bands[band == "tinggi" ? 3 : band == "menengah" ? 2 : band == "dasar" ? 1 : 0];
    }
    if (with_level >= min_group_size) {
      row.bands = bands;
      row.bands_shown = true;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace harmoni::competency

#include "peduli/evaluation.hpp"

namespace harmoni::peduli {

Evaluation evaluate(const std::vector<Participation>& rows) {
  Evaluation e;
  std::map<int64_t, std::set<int64_t>> activities_of;  // person -> activities
  std::map<std::string, std::set<int64_t>> people_in_month, activities_in_month;
  std::map<std::string, std::set<int64_t>> people_in_region;
  std::map<int64_t, const Participation*> activity;  // first row of each activity
  for (const auto& r : rows) {
    activities_of[r.asn_id].insert(r.activity_id);
    people_in_month[r.month].insert(r.asn_id);
    activities_in_month[r.month].insert(r.activity_id);
    e.by_month[r.month].minutes += r.minutes;
    people_in_region[r.region_code].insert(r.asn_id);
    activity.emplace(r.activity_id, &r);
    e.minutes += r.minutes;
  }
  e.participants = static_cast<int64_t>(activities_of.size());
  for (const auto& [_, acts] : activities_of) e.returning += acts.size() >= 2;
  e.activities = static_cast<int64_t>(activity.size());
  for (const auto& [month, people] : people_in_month) {
    e.by_month[month].people = static_cast<int64_t>(people.size());
    e.by_month[month].activities = static_cast<int64_t>(activities_in_month[month].size());
  }
  for (const auto& [region, people] : people_in_region)
    e.people_by_region[region] = static_cast<int64_t>(people.size());
  for (const auto& [_, first] : activity) {
    ++e.activities_by_target[first->target_group];
    e.beneficiaries_by_target[first->target_group] += first->beneficiaries;
    e.beneficiaries += first->beneficiaries;
  }
  return e;
}

std::map<int64_t, UnitShare> leader_shares(const std::vector<Person>& people,
                                           const std::set<int64_t>& took_part) {
  std::map<int64_t, UnitShare> out;
  for (const auto& p : people) {
    UnitShare& s = out[p.unit_id];
    const bool did = took_part.contains(p.asn_id);
    if (p.is_head) {
      ++s.heads;
      s.heads_took_part += did;
    } else {
      ++s.staff;
      s.staff_took_part += did;
    }
  }
  return out;
}

}  // namespace harmoni::peduli

#include "competency/lifecycle_cases.hpp"

#include <map>

namespace harmoni::competency {

Result<int64_t> open_campaign(db::Database& db, const Campaign& c, int64_t now) {
  return db.write([&](db::Tx& tx) -> Result<int64_t> {
    auto [units, people] = TRY(load_org(tx, c.instansi_id, c.settings.scope_unit_ids));
    AssignOptions options{.groups = c.settings.groups,
                          .max_peers = c.settings.max_peers,
                          .max_subordinates = c.settings.max_subordinates,
                          .seed = static_cast<uint64_t>(c.id)};
    std::vector<Assignment> assignments = assign_raters(units, people, options);
    if (assignments.empty()) return Error::conflict("competency.scope_empty");
    TRY(move_campaign(tx, c.id, CampaignStatus::kDraft, CampaignStatus::kOpen, now));
    TRY(insert_assignments(tx, c.id, assignments, now));
    return static_cast<int64_t>(assignments.size());
  });
}

Result<ComputeOutcome> compute_results(db::Database& db, const Campaign& c, int64_t now,
                                       size_t chunk) {
  if (c.status != CampaignStatus::kClosed) return Error::conflict("competency.not_closed");
  TRY(db.write([&](db::Tx& tx) { return delete_results(tx, c.id); }));
  ComputeOutcome outcome;
  std::map<int64_t, HeatAggregate> heat;
  TRY(for_each_ratee(db, c.id, chunk, [&](std::vector<RateeForms>& batch) -> Status {
    std::vector<StoredResult> results;
    results.reserve(batch.size());
    for (auto& person : batch) {
      StoredResult r{.asn_id = person.asn_id,
                     .unit_id = person.unit_id,
                     .required_level = person.required_level};
      r.result = compute_result(*c.instrument, c.settings, person.forms);
      r.level = r.result.level;
      if (person.unit_id) add_to_heat(heat, summary_of(r.result, *person.unit_id));
      outcome.forms += static_cast<int64_t>(person.forms.size());
      results.push_back(std::move(r));
    }
    outcome.people += static_cast<int64_t>(results.size());
    return db.run_write([&](db::Tx& tx) { return insert_results(tx, c.id, results); });
  }));
  std::vector<HeatAggregate> units;
  for (auto& [_, a] : heat) units.push_back(std::move(a));
  TRY(db.run_write([&](db::Tx& tx) -> Status {
    TRY(insert_heat(tx, c.id, units));
    return mark_results_ready(tx, c.id, now);
  }));
  return outcome;
}

}  // namespace harmoni::competency

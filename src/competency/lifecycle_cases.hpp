// Opening a campaign (assigning raters) and computing its results when it closes.
// Works on the database through the store; the routes call these and audit them.
#pragma once

#include <cstdint>

#include "competency/competency_store.hpp"

namespace harmoni::competency {

// Assigns raters from the organisation as it is now and opens the campaign, in one
// transaction. Returns the number of assignments. "competency.status_step" when the
// campaign is not a draft; "competency.scope_empty" when nobody is in scope.
Result<int64_t> open_campaign(db::Database& db, const Campaign& campaign, int64_t now);

struct ComputeOutcome {
  int64_t people = 0;  // results stored
  int64_t forms = 0;   // sent forms read
};

// Computes and stores every result of a closed campaign and its heat map, replacing
// any earlier computation; marks the results ready at the end (a crash midway leaves
// them not ready, and computing again starts over). Reads and writes in chunks of
// `chunk` people so memory stays bounded.
Result<ComputeOutcome> compute_results(db::Database& db, const Campaign& campaign, int64_t now,
                                       size_t chunk = 2000);

}  // namespace harmoni::competency

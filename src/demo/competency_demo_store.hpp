// The demo instansi's 360-degree history: its own Harmonis indicators (the workplace
// and public-facing behaviours of seed 003), last year's campaign closed with results,
// and this year's campaign open with some forms still to send (the demo accounts have
// some in their inboxes). Deterministic for a given seed.
#pragma once

#include <cstdint>

#include "platform/db/database.hpp"
#include "platform/util/clock.hpp"

namespace harmoni::demo {

struct CompetencyDemo {
  int64_t campaigns = 0;
  int64_t forms = 0;
};

Result<CompetencyDemo> build_competency_demo(db::Database& db, const Clock& clock,
                                             int64_t instansi_id, SeededRandom& rng);

}  // namespace harmoni::demo

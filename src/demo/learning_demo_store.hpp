// The demo instansi's learning and social care: a catalogue of programmes of the seeds'
// kinds (character, intercultural communication, excellent service, emotion management,
// national values, a cross-cultural forum), a class held last month with its
// certificates, classes open to join (with requests waiting for a demo unit head), a
// year and a half of LMS records so compliance looks like an agency's, self-learning
// claims, and Peduli activities over the past months with reflections, plus one coming
// up. Deterministic for a given seed.
#pragma once

#include <cstdint>

#include "platform/db/database.hpp"
#include "platform/util/clock.hpp"

namespace harmoni::demo {

struct LearningDemo {
  int64_t programmes = 0;
  int64_t records = 0;
  int64_t activities = 0;
};

Result<LearningDemo> build_learning_demo(db::Database& db, const Clock& clock, int64_t instansi_id,
                                         SeededRandom& rng);

}  // namespace harmoni::demo

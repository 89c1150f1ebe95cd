// Disharmony cases in every state across the demo instansi (Kabupaten Sambas and the
// Province of Kalimantan Barat), one opened from a citizen's discrimination complaint,
// watch notes, and the knowledge base: the 32 articles of data/kb/demo/ written in
// Bahasa Indonesia, and the lessons of closed cases (one published after a second
// handler's approval, one waiting). Made through the use cases with the clock moved
// along each case's life. Deterministic for a given seed.
#pragma once

#include <cstdint>

#include "platform/crypto/vault.hpp"
#include "platform/db/database.hpp"
#include "platform/util/clock.hpp"

namespace harmoni::demo {

struct HarmonyDemo {
  int64_t cases = 0;
  int64_t articles = 0;
};
Result<HarmonyDemo> build_harmony_demo(db::Database& db, const Clock& clock, const Vault& vault,
                                       SeededRandom& rng);

}  // namespace harmoni::demo

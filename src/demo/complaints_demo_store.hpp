// A year of citizens' reports to Kabupaten Sambas, made through the complaint use cases
// with the clock moved along each report's life: closed ones (confirmed and rated,
// lapsed, reopened first), answered ones waiting for the reporter, ones with the unit,
// fresh ones to verify, questions to the reporter, forwarded to Kota Pontianak or to an
// outside body, duplicates, and election-neutrality reports; confidential, identified and
// anonymous. Contacts are phone numbers, so no demo mail is ever queued. Deterministic for
// a given seed.
#pragma once

#include <cstdint>

#include "platform/crypto/vault.hpp"
#include "platform/db/database.hpp"
#include "platform/util/clock.hpp"

namespace harmoni::demo {

// Returns how many reports it made.
Result<int64_t> build_complaints_demo(db::Database& db, const Clock& clock, const Vault& vault,
                                      int64_t instansi_id, SeededRandom& rng);

// `n` more reports over the past year for the benchmarks, written in bulk straight to the
// store with their counts: nearly all closed, a few thousand waiting for verification or
// with a unit, some of those overdue. Not trackable (their codes are not kept). Returns n.
Result<int64_t> build_complaint_volume(db::Database& db, const Clock& clock, int64_t instansi_id,
                                       int64_t n, SeededRandom& rng);

}  // namespace harmoni::demo

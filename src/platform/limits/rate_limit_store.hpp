// Limits on what one anonymous source may do in a window of time (reports sent from one
// address, tracking codes tried), kept in the database so every server of an
// installation counts together. A source is never stored, only a keyed hash of it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/crypto/vault.hpp"
#include "platform/db/database.hpp"

namespace harmoni::limits {

struct RateLimit {
  std::string_view name;  // what is counted: "complaint.submit", "complaint.track_miss"
  int max = 0;            // acts per window
  int64_t window_ms = 0;  // fixed windows, aligned to the epoch
};

// Counts one act of `source`; Error::too_many(error_key) with {minutes} to wait when the
// window already holds `max` (that act is not counted).
Status take(db::Tx& tx, const Vault& vault, const RateLimit& limit, std::string_view source,
            int64_t now_ms, std::string_view error_key);
// Whether the source may act now, without counting an act: for counting only failures
// (a wrong tracking code) after the attempt.
Status check(db::Tx& tx, const Vault& vault, const RateLimit& limit, std::string_view source,
             int64_t now_ms, std::string_view error_key);
// Drops windows that have ended; returns how many.
Result<int64_t> sweep(db::Tx& tx, int64_t now_ms);

// A daily keyed hash of an anonymous source, for counters kept elsewhere (the survey's
// guard): the same source gives the same key all day, another the next day.
std::string daily_source_key(const Vault& vault, std::string_view day, std::string_view source);

}  // namespace harmoni::limits

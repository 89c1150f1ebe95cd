// Limits on anonymous survey channels (the public link, the kiosk), against one
// person answering many times. Pure: the caller loads and stores the state.
#pragma once

#include <cstdint>
#include <string>

#include "platform/result.hpp"

namespace harmoni::survey {

struct GuardPolicy {
  int max_per_day = 0;              // responses per source, unit and day (0: no limit)
  int64_t min_interval_ms = 0;      // between two responses of one source
  int64_t duplicate_window_ms = 0;  // identical answers again within this: refused (0: allowed)
};

// The public link: one browser answers twice a day at most; one address (many phones
// share one behind a carrier's NAT) forty times, never the same answers twice within
// ten minutes. The kiosk: one response per ten seconds (a person needs longer).
inline constexpr GuardPolicy kLinkBrowserGuard{2, 0, 0};
inline constexpr GuardPolicy kLinkAddressGuard{40, 0, 10 * 60 * 1000};
inline constexpr GuardPolicy kKioskGuard{0, 10 * 1000, 0};

struct GuardState {
  int responses = 0;         // today, from this source, for this unit
  int64_t last_at_ms = 0;    // 0: none yet
  std::string last_answers;  // fingerprint of the last response's answers
};

// Ok, or an error: "skm.limit_reached" (too many today), "skm.too_fast",
// "skm.duplicate" (the same answers again just now).
Status check_guard(const GuardState& state, const GuardPolicy& policy, int64_t now_ms,
                   const std::string& answers);

}  // namespace harmoni::survey

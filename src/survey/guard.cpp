#include "survey/guard.hpp"

namespace harmoni::survey {

Status check_guard(const GuardState& s, const GuardPolicy& p, int64_t now_ms,
                   const std::string& answers) {
  if (p.max_per_day > 0 && s.responses >= p.max_per_day)
    return Error::too_many("skm.limit_reached");
  if (s.last_at_ms > 0 && p.min_interval_ms > 0 && now_ms - s.last_at_ms < p.min_interval_ms) {
    return Error::too_many("skm.too_fast");
  }
  if (s.last_at_ms > 0 && p.duplicate_window_ms > 0 &&
      now_ms - s.last_at_ms < p.duplicate_window_ms && s.last_answers == answers) {
    return Error::conflict("skm.duplicate");
  }
  return {};
}

}  // namespace harmoni::survey

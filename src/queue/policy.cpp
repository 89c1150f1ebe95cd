#include "queue/policy.hpp"

#include <algorithm>
#include <array>

namespace harmoni::queue {
namespace {

std::string minutes(int64_t ms) { return std::to_string(std::max<int64_t>(0, ms) / 60000); }

// Earlier first; ties by id so the choice never depends on input order.
bool earlier(const WaitingTicket& a, const WaitingTicket& b, int64_t a_key, int64_t b_key) {
  if (a_key != b_key) return a_key < b_key;
  return a.id < b.id;
}

}  // namespace

Status validate(const QueuePolicy& p) {
  std::vector<FieldError> errors;
  auto range = [&](const char* field, int64_t value, int64_t min, int64_t max) {
    if (value < min || value > max) {
      errors.push_back({field,
                        "input.out_of_range",
                        {{"min", std::to_string(min)}, {"max", std::to_string(max)}}});
    }
  };
  range("priority_weight_minutes", p.priority_weight_s / 60, 0, 240);
  range("max_wait_minutes", p.max_wait_s / 60, 5, 480);
  range("ratio_regular", p.ratio_regular, 1, 20);
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

std::optional<CallDecision> choose_next(const std::vector<WaitingTicket>& waiting,
                                        const QueuePolicy& policy, const QueueState& state,
                                        int64_t now_ms) {
  // The oldest eligible ticket of each kind, by a key (smaller is called first).
  auto oldest = [&](auto&& include, auto&& key) -> std::optional<size_t> {
    std::optional<size_t> best;
    for (size_t i = 0; i < waiting.size(); ++i) {
      const auto& t = waiting[i];
      if (t.eligible_at_ms > now_ms || !include(t)) continue;
      if (!best || earlier(t, waiting[*best], key(t), key(waiting[*best]))) best = i;
    }
    return best;
  };
  auto any = [](const WaitingTicket&) { return true; };
  auto priority = [](const WaitingTicket& t) { return is_priority(t.ticket_class); };
  auto regular = [](const WaitingTicket& t) { return !is_priority(t.ticket_class); };
  auto arrival = [](const WaitingTicket& t) { return t.eligible_at_ms; };

  auto decision = [&](size_t i, std::string key) {
    const auto& t = waiting[i];
    CallDecision d{i, std::move(key), {}};
    d.args["minutes"] = minutes(now_ms - t.eligible_at_ms);
    d.args["class"] = std::string(enum_name(t.ticket_class));
    return d;
  };

  auto first = oldest(any, arrival);
  if (!first) return std::nullopt;

  if (policy.kind == PolicyKind::kRatio) {
    const int n = policy.ratio_regular;
    auto p = oldest(priority, arrival);
    auto r = oldest(regular, arrival);
    const bool priority_is_oldest = p && *p == *first;
    const bool priority_may_pass = p && state.regular_calls_banked >= n;
    if (priority_is_oldest || priority_may_pass) {
      auto d = decision(
          *p, priority_is_oldest ? "queue.why.oldest_waiting" : "queue.why.ratio_priority_turn");
      d.args["n"] = std::to_string(n);
      d.next_state.regular_calls_banked = state.regular_calls_banked - (priority_is_oldest ? 0 : n);
      return d;
    }
    auto d = decision(*r, p ? "queue.why.ratio_regular_turn" : "queue.why.oldest_waiting");
    d.args["n"] = std::to_string(n);
    d.next_state.regular_calls_banked = std::min(state.regular_calls_banked + 1, 2 * n);
    return d;
  }

  // Weighted wait. Anyone past the bound first, oldest first.
  const int64_t bound_ms = policy.max_wait_s * 1000;
  if (now_ms - waiting[*first].eligible_at_ms >= bound_ms) {
    auto d = decision(*first, "queue.why.wait_bound");
    d.args["bound"] = std::to_string(policy.max_wait_s / 60);
    return d;
  }
  const int64_t head_start_ms = policy.priority_weight_s * 1000;
  auto adjusted = [&](const WaitingTicket& t) {
    return t.eligible_at_ms - (is_priority(t.ticket_class) ? head_start_ms : 0);
  };
  size_t chosen = *oldest(any, adjusted);
  if (is_priority(waiting[chosen].ticket_class) && chosen != *first) {
    auto d = decision(chosen, "queue.why.priority_head_start");
    d.args["head_start"] = std::to_string(policy.priority_weight_s / 60);
    return d;
  }
  return decision(chosen, "queue.why.oldest_waiting");
}

}  // namespace harmoni::queue

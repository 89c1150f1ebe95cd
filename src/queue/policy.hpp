// Which waiting ticket a counter calls next, and why. Pure domain: no I/O.
//
// Two policies, chosen per unit:
//  - weighted wait: a priority ticket counts as if it had arrived `priority_weight_s`
//    earlier (a head start, not a jump over everyone), and any ticket that has waited
//    `max_wait_s` is called first, oldest first. The order is first-come-first-served on
//    that adjusted arrival time, so nobody waits forever; the bound caps what the head
//    start can cost a regular citizen.
//  - ratio: "N regular : 1 priority". Every N regular calls earn one priority ticket
//    the right to pass regular tickets that came before it (at most two such rights
//    are banked, so a quiet spell does not build a long priority run). In a long line
//    that is N regular calls, then one priority. A priority ticket without that right
//    waits its turn; a regular ticket that came later never passes it.
// Both are first-come-first-served within a kind, so the explanation a citizen hears
// ("called before you because ...") is always one short sentence.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::queue {

// UU 25/2009 art. 29 groups, plus scheduled appointments. All but kRegular are priority.
enum class TicketClass {
  kRegular,
  kDisability,
  kElderly,
  kPregnant,
  kChild,
  kNaturalDisaster,
  kSocialDisaster,
  kAppointment,
};
// Names are stored: never change one.
inline constexpr EnumName<TicketClass> kTicketClassNames[] = {
    {TicketClass::kRegular, "regular"},
    {TicketClass::kDisability, "disability"},
    {TicketClass::kElderly, "elderly"},
    {TicketClass::kPregnant, "pregnant"},
    {TicketClass::kChild, "child"},
    {TicketClass::kNaturalDisaster, "natural_disaster"},
    {TicketClass::kSocialDisaster, "social_disaster"},
    {TicketClass::kAppointment, "appointment"}};
constexpr std::span<const EnumName<TicketClass>> enum_names(TicketClass) {
  return kTicketClassNames;
}
inline bool is_priority(TicketClass c) { return c != TicketClass::kRegular; }

enum class PolicyKind { kWeightedWait, kRatio };
inline constexpr EnumName<PolicyKind> kPolicyKindNames[] = {{PolicyKind::kWeightedWait, "weighted"},
                                                            {PolicyKind::kRatio, "ratio"}};
constexpr std::span<const EnumName<PolicyKind>> enum_names(PolicyKind) { return kPolicyKindNames; }

struct QueuePolicy {
  PolicyKind kind = PolicyKind::kWeightedWait;
  int64_t priority_weight_s = 15 * 60;  // weighted: head start of a priority ticket
  int64_t max_wait_s = 45 * 60;         // weighted: anyone waiting this long goes first
  int ratio_regular = 3;                // ratio: regular calls between two priority calls
};
// Field errors ("priority_weight_minutes", ...) when a setting is out of range.
Status validate(const QueuePolicy& policy);

// What the policy remembers between calls (stored per unit).
struct QueueState {
  // Ratio: regular calls not yet matched by a priority ticket passing the line
  // (at most 2N).
  int regular_calls_banked = 0;
};

struct WaitingTicket {
  int64_t id = 0;
  TicketClass ticket_class = TicketClass::kRegular;
  // When the ticket may be called and from when its wait counts: when it was issued,
  // or the appointment time. Milliseconds since the epoch.
  int64_t eligible_at_ms = 0;
};

struct CallDecision {
  size_t index = 0;        // into the waiting list given
  std::string reason_key;  // catalog key, "queue.why.*"
  MessageArgs args;        // minutes waited, class, ...
  QueueState next_state;   // to store once the call is made
};

// The ticket to call now among `waiting` (any order), or nothing when no ticket is
// eligible yet. Deterministic: ties go to the earlier eligible time, then the lower id.
std::optional<CallDecision> choose_next(const std::vector<WaitingTicket>& waiting,
                                        const QueuePolicy& policy, const QueueState& state,
                                        int64_t now_ms);

}  // namespace harmoni::queue

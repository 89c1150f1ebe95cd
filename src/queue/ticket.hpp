// A queue ticket and the steps it may take. Pure domain: no I/O.
//
//   waiting --call--> called --start--> serving --finish--> done
//                       |  \--recall (stays called)
//                       |---no_show--> no_show
//                       \---finish---> done   (served without a separate start)
//   called / serving --transfer--> waiting (another service or counter; keeps its
//                                  original time, so it is not sent to the back)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "queue/policy.hpp"

namespace harmoni::queue {

enum class TicketStatus { kWaiting, kCalled, kServing, kDone, kNoShow };
inline constexpr EnumName<TicketStatus> kTicketStatusNames[] = {{TicketStatus::kWaiting, "waiting"},
                                                                {TicketStatus::kCalled, "called"},
                                                                {TicketStatus::kServing, "serving"},
                                                                {TicketStatus::kDone, "done"},
                                                                {TicketStatus::kNoShow, "no_show"}};
constexpr std::span<const EnumName<TicketStatus>> enum_names(TicketStatus) {
  return kTicketStatusNames;
}

enum class Step { kRecall, kStart, kFinish, kNoShow, kTransfer };
inline constexpr EnumName<Step> kStepNames[] = {{Step::kRecall, "recall"},
                                                {Step::kStart, "start"},
                                                {Step::kFinish, "finish"},
                                                {Step::kNoShow, "no_show"},
                                                {Step::kTransfer, "transfer"}};
constexpr std::span<const EnumName<Step>> enum_names(Step) { return kStepNames; }

// The status after `step`, or a conflict ("queue.step_not_allowed") when the ticket's
// status does not allow it.
Result<TicketStatus> apply_step(TicketStatus from, Step step);

struct Ticket {
  int64_t id = 0;
  int64_t unit_id = 0;
  int64_t service_id = 0;
  std::string day;    // office day, 'YYYY-MM-DD'
  int number = 0;     // per unit and day
  std::string label;  // "A-012"
  TicketClass ticket_class = TicketClass::kRegular;
  std::string channel;  // kiosk | triage | appointment
  TicketStatus status = TicketStatus::kWaiting;
  int64_t issued_at_ms = 0;
  int64_t eligible_at_ms = 0;
  std::optional<int64_t> called_at_ms;
  std::optional<int64_t> started_at_ms;
  std::optional<int64_t> finished_at_ms;
  std::optional<int64_t> counter_id;  // calling counter; while waiting, a counter it was sent to
  std::optional<int64_t> officer_asn_id;
  int recalls = 0;
  std::string call_reason;  // JSON {"key": ..., "args": {...}}
};

// "A-007": the service prefix and the day's number, three digits at least.
std::string ticket_label(std::string_view prefix, int number);

}  // namespace harmoni::queue

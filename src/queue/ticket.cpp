#include "queue/ticket.hpp"

#include <fmt/format.h>

#include <array>

namespace harmoni::queue {
Result<TicketStatus> apply_step(TicketStatus from, Step step) {
  using S = TicketStatus;
  switch (step) {
    case Step::kRecall:
      if (from == S::kCalled) return S::kCalled;
      break;
    case Step::kStart:
      if (from == S::kCalled) return S::kServing;
      break;
    case Step::kFinish:
      if (from == S::kCalled || from == S::kServing) return S::kDone;
      break;
    case Step::kNoShow:
      if (from == S::kCalled) return S::kNoShow;
      break;
    case Step::kTransfer:
      if (from == S::kCalled || from == S::kServing) return S::kWaiting;
      break;
  }
  return Error::conflict("queue.step_not_allowed", {{"step", std::string(enum_name(step))},
                                                    {"status", std::string(enum_name(from))}});
}

std::string ticket_label(std::string_view prefix, int number) {
  return fmt::format("{}-{:03}", prefix, number);
}

}  // namespace harmoni::queue

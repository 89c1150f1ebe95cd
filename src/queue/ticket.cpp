#include "queue/ticket.hpp"

#include <fmt/format.h>

#include <array>

namespace harmoni::queue {
namespace {

constexpr std::array<std::string_view, 5> kStatusNames = {"waiting", "called", "serving", "done",
                                                          "no_show"};
constexpr std::array<std::string_view, 5> kStepNames = {"recall", "start", "finish", "no_show",
                                                        "transfer"};

}  // namespace

std::string_view status_name(TicketStatus s) { return kStatusNames[static_cast<size_t>(s)]; }

std::optional<TicketStatus> parse_status(std::string_view name) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<TicketStatus>(i);
  }
  return std::nullopt;
}

std::string_view step_name(Step s) { return kStepNames[static_cast<size_t>(s)]; }

std::optional<Step> parse_step(std::string_view name) {
  for (size_t i = 0; i < kStepNames.size(); ++i) {
    if (kStepNames[i] == name) return static_cast<Step>(i);
  }
  return std::nullopt;
}

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
  return Error::conflict("queue.step_not_allowed", {{"step", std::string(step_name(step))},
                                                    {"status", std::string(status_name(from))}});
}

std::string ticket_label(std::string_view prefix, int number) {
  return fmt::format("{}-{:03}", prefix, number);
}

}  // namespace harmoni::queue

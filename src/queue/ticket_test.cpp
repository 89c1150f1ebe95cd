#include "queue/ticket.hpp"

#include <gtest/gtest.h>

namespace harmoni::queue {
namespace {

TEST(Ticket, StepsAllowedByStatus) {
  using S = TicketStatus;
  EXPECT_EQ(apply_step(S::kCalled, Step::kStart).value(), S::kServing);
  EXPECT_EQ(apply_step(S::kCalled, Step::kFinish).value(), S::kDone);
  EXPECT_EQ(apply_step(S::kServing, Step::kFinish).value(), S::kDone);
  EXPECT_EQ(apply_step(S::kCalled, Step::kNoShow).value(), S::kNoShow);
  EXPECT_EQ(apply_step(S::kServing, Step::kTransfer).value(), S::kWaiting);
  EXPECT_EQ(apply_step(S::kCalled, Step::kRecall).value(), S::kCalled);
  for (auto [from, step] :
       {std::pair{S::kWaiting, Step::kStart}, std::pair{S::kDone, Step::kFinish},
        std::pair{S::kServing, Step::kNoShow}, std::pair{S::kServing, Step::kRecall},
        std::pair{S::kNoShow, Step::kTransfer}}) {
    auto r = apply_step(from, step);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().key, "queue.step_not_allowed");
  }
}

TEST(Ticket, NamesAndLabels) {
  EXPECT_EQ(parse_enum<Step>("no_show"), Step::kNoShow);
  EXPECT_FALSE(parse_enum<Step>("skip").has_value());
  EXPECT_EQ(parse_enum<TicketStatus>(enum_name(TicketStatus::kServing)), TicketStatus::kServing);
  EXPECT_EQ(ticket_label("A", 7), "A-007");
  EXPECT_EQ(ticket_label("KB", 1234), "KB-1234");
}

}  // namespace
}  // namespace harmoni::queue

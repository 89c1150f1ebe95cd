// The follow-up plan (rencana tindak lanjut) a unit makes from the results of a survey
// period: what to improve, for which element, who does it and by when. It appears in
// the SKM report of that period. Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::survey {

enum class FollowUpStatus { kPlanned, kInProgress, kDone };
inline constexpr EnumName<FollowUpStatus> kFollowUpStatusNames[] = {
    {FollowUpStatus::kPlanned, "planned"},
    {FollowUpStatus::kInProgress, "in_progress"},
    {FollowUpStatus::kDone, "done"}};
constexpr std::span<const EnumName<FollowUpStatus>> enum_names(FollowUpStatus) {
  return kFollowUpStatusNames;
}

struct FollowUp {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string period_from, period_to;  // the results it follows up, 'YYYY-MM-DD'
  std::string element;                 // "U1".."U9", or "" for the service as a whole
  std::string issue;                   // what the results showed
  std::string action;                  // what the unit will do
  std::string responsible;             // who carries it out
  std::string due_date;                // 'YYYY-MM-DD'
  FollowUpStatus status = FollowUpStatus::kPlanned;
};

// A known element (or none), a real due date no earlier than the period's end, and the
// period's dates in order. Field errors name "element", "due_date", "period".
Status validate(const FollowUp& followup);

}  // namespace harmoni::survey

// Development plans (rencana pengembangan): actions suggested from a person's measured
// gaps, agreed between the person and their superior, followed to completion.
// Pure domain: no I/O.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "competency/results.hpp"
#include "platform/util/date.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::competency {

// Why an action is suggested.
enum class SuggestionReason { kLevelGap, kLowScore, kBlindSpot };
inline constexpr EnumName<SuggestionReason> kSuggestionReasonNames[] = {
    {SuggestionReason::kLevelGap, "level_gap"},
    {SuggestionReason::kLowScore, "low_score"},
    {SuggestionReason::kBlindSpot, "blind_spot"}};
constexpr std::span<const EnumName<SuggestionReason>> enum_names(SuggestionReason) {
  return kSuggestionReasonNames;
}

struct Suggestion {
  std::string item_code;
  SuggestionReason reason = SuggestionReason::kLowScore;
  std::vector<std::string> learning;  // kinds of learning that develop the item, best first
  std::optional<double> score;        // the others' score, when there is one
};

inline constexpr size_t kMaxSuggestions = 8;

// From the gaps: first the indicators missing up to the position's required Perekat
// Bangsa level (lowest level first), then items the others scored below
// `expected_score` (lowest first), then blind spots (mentoring first). At most
// kMaxSuggestions, each item once.
std::vector<Suggestion> suggest_actions(const Instrument& instrument, const PersonResult& result,
                                        int required_level, int expected_score);

enum class PlanStatus { kDraft, kProposed, kAgreed };
inline constexpr EnumName<PlanStatus> kPlanStatusNames[] = {{PlanStatus::kDraft, "draft"},
                                                            {PlanStatus::kProposed, "proposed"},
                                                            {PlanStatus::kAgreed, "agreed"}};
constexpr std::span<const EnumName<PlanStatus>> enum_names(PlanStatus) { return kPlanStatusNames; }

enum class ActionStatus { kPlanned, kInProgress, kDone, kDropped };
inline constexpr EnumName<ActionStatus> kActionStatusNames[] = {
    {ActionStatus::kPlanned, "planned"},
    {ActionStatus::kInProgress, "in_progress"},
    {ActionStatus::kDone, "done"},
    {ActionStatus::kDropped, "dropped"}};
constexpr std::span<const EnumName<ActionStatus>> enum_names(ActionStatus) {
  return kActionStatusNames;
}

struct PlanAction {
  int64_t id = 0;
  std::string item_code;      // what it develops ("" for none in particular)
  std::string learning_kind;  // a catalogue learning kind
  std::string title;          // the concrete action: a course, a mentoring arrangement, an activity
  std::string target_date;    // 'YYYY-MM-DD'
  ActionStatus status = ActionStatus::kPlanned;
  std::string note;
};

// A known learning kind, a title, a real target date no earlier than `today` (for a new
// action). Field errors name "learning_kind", "title", "target_date".
Status validate_action(const PlanAction& action, const Catalog& catalog,
                       std::optional<Date> not_before);

}  // namespace harmoni::competency

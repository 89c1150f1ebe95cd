#include "competency/plans.hpp"

#include <algorithm>
#include <set>

namespace harmoni::competency {

std::vector<Suggestion> suggest_actions(const Instrument& instrument, const PersonResult& result,
                                        int required_level, int expected_score) {
  std::vector<Suggestion> out;
  std::set<std::string> taken;
  auto add = [&](const Item& item, SuggestionReason reason, std::optional<double> score) {
    if (out.size() >= kMaxSuggestions || !taken.insert(item.code).second) return;
    Suggestion s{item.code, reason, item.learning, score};
    if (reason == SuggestionReason::kBlindSpot) {
      // Seeing oneself as others do is learnt from a leader's feedback first.
      auto m = std::find(s.learning.begin(), s.learning.end(), "mentoring");
      if (m != s.learning.end())
        std::rotate(s.learning.begin(), m, m + 1);
      else
        s.learning.insert(s.learning.begin(), "mentoring");
    }
    out.push_back(std::move(s));
  };
  auto others_of = [&](const std::string& code) -> std::optional<double> {
    for (const auto& s : result.items) {
      if (s.code == code) return s.others;
    }
    return std::nullopt;
  };

  if (result.level) {
    const std::set<std::string> shown(result.demonstrated.begin(), result.demonstrated.end());
    for (int level = *result.level + 1; level <= required_level; ++level) {
      for (const auto& item : instrument.items) {
        if (item.kind == ItemKind::kIndicator && item.level == level &&
            !shown.contains(item.code)) {
          add(item, SuggestionReason::kLevelGap, others_of(item.code));
        }
      }
    }
  }
  std::vector<std::pair<double, const Item*>> low;
  for (const auto& item : instrument.items) {
    auto score = others_of(item.code);
    if (score && *score < expected_score) low.emplace_back(*score, &item);
  }
  std::stable_sort(low.begin(), low.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [score, item] : low) add(*item, SuggestionReason::kLowScore, score);
  for (const auto& code : result.blind_spots) {
    if (const Item* item = instrument.find(code))
      add(*item, SuggestionReason::kBlindSpot, others_of(code));
  }
  return out;
}

Status validate_action(const PlanAction& a, const Catalog& catalog,
                       std::optional<Date> not_before) {
  std::vector<FieldError> errors;
  if (!catalog.learning_kinds().contains(a.learning_kind))
    errors.push_back({"learning_kind", "competency.learning_unknown", {}});
  if (a.title.size() < 3) errors.push_back({"title", "input.too_short", {{"min", "3"}}});
  auto target = parse_date(a.target_date);
  if (!target) {
    errors.push_back({"target_date", "competency.date_invalid", {}});
  } else if (not_before && *target < *not_before) {
    errors.push_back(
        {"target_date", "competency.target_in_past", {{"date", format_date(*not_before)}}});
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

}  // namespace harmoni::competency

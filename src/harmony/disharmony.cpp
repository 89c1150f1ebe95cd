#include "harmony/disharmony.hpp"

#include <algorithm>
#include <cctype>

#include "harmony/text_rules.hpp"
#include "harmony/words.hpp"

namespace harmoni::harmony {

Result<State> status_after(State from, Step step) {
  using enum State;
  auto only_from = [&](std::initializer_list<State> allowed, State to) -> Result<State> {
    if (std::find(allowed.begin(), allowed.end(), from) == allowed.end())
      return Error::conflict("harmony.step_not_allowed");
    return to;
  };
  switch (step) {
    case Step::kOpened:
      return Error::conflict("harmony.step_not_allowed");
    case Step::kAnalysisStarted:
      return only_from({kOpen}, kAnalysis);
    case Step::kFactAdded:
    case Step::kCauseAdded:
    case Step::kRuleSet:
      return only_from({kOpen, kAnalysis, kDialogue, kMonitoring},
                       from == kOpen ? kAnalysis : from);
    case Step::kPartyAdded:
      return only_from({kOpen, kAnalysis, kDialogue, kMonitoring}, from);
    case Step::kSessionHeld:
      return only_from({kAnalysis, kDialogue, kMonitoring}, kDialogue);
    case Step::kAgreementMade:
      return only_from({kDialogue, kMonitoring}, from);
    case Step::kAgreementChecked:
      return only_from({kDialogue, kMonitoring}, from);
    case Step::kMonitoringStarted:
      return only_from({kDialogue}, kMonitoring);
    case Step::kClosed:
      return only_from({kOpen, kAnalysis, kDialogue, kMonitoring}, kClosed);
    case Step::kReopened:
      return only_from({kClosed}, kAnalysis);
  }
  return Error::conflict("harmony.step_not_allowed");
}

namespace {

bool region_code_shape(std::string_view code) {
  // "61" (a province) or "61.01" (a regency or city).
  auto digits = [](std::string_view s) {
    return s.size() == 2 &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  };
  if (code.size() == 2) return digits(code);
  return code.size() == 5 && code[2] == '.' && digits(code.substr(0, 2)) && digits(code.substr(3));
}

}  // namespace

Status validate_new(const Case& c) {
  std::vector<FieldError> errors;
  check_length(errors, "title", c.title, 5, kTitleMax);
  check_length(errors, "summary", c.summary, 20, kTextMax);
  if (c.kind == Kind::kDiscrimination && !c.dimension)
    errors.push_back({"dimension", "harmony.dimension_required", {}});
  if (c.setting == Setting::kCommunity && c.region_code.empty())
    errors.push_back({"region", "harmony.region_required", {}});
  else if (!c.region_code.empty() && !region_code_shape(c.region_code))
    errors.push_back({"region", "harmony.region_unknown", {}});
  if (c.unit_id <= 0) errors.push_back({"unit", "input.required", {}});
  if ((c.origin == Origin::kComplaint) != c.complaint_id.has_value())
    errors.push_back({"complaint", "harmony.complaint_origin", {}});
  return errors_or_ok(std::move(errors));
}

Status validate_closing(const Closing& closing, int sessions_held) {
  std::vector<FieldError> errors;
  check_length(errors, "reason", closing.reason, 10, kTextMax);
  if (closing.outcome == Outcome::kReferred && !closing.referral)
    errors.push_back({"referral", "harmony.referral_required", {}});
  if (closing.outcome != Outcome::kReferred && closing.referral)
    errors.push_back({"referral", "harmony.referral_only_referred", {}});
  if (closing.outcome != Outcome::kReferred && sessions_held == 0)
    errors.push_back({"outcome", "harmony.outcome_needs_dialogue", {}});
  return errors_or_ok(std::move(errors));
}

int similarity(const Case& a, const Case& b) {
  int score = 0;
  if (a.kind == b.kind) score += 4;
  if (a.dimension && a.dimension == b.dimension) score += 3;
  if (!a.rule.empty() && !b.rule.empty()) {
    // Rules are written by hand ("PP 94/2021 pasal 5"): alike when they share a term.
    const auto ta = distinct_terms(a.rule);
    const auto tb = distinct_terms(b.rule);
    const bool shared = std::any_of(ta.begin(), ta.end(), [&](const std::string& t) {
      return std::find(tb.begin(), tb.end(), t) != tb.end();
    });
    if (shared) score += 2;
  }
  if (score > 0 && a.setting == b.setting) score += 1;
  return score;
}

Status validate(const Settings& s) {
  std::vector<FieldError> errors;
  if (s.min_group < 3 || s.min_group > 50)
    errors.push_back({"min_group", "input.out_of_range", {{"min", "3"}, {"max", "50"}}});
  if (s.study_minutes < 0 || s.study_minutes > 480)
    errors.push_back({"study_minutes", "input.out_of_range", {{"min", "0"}, {"max", "480"}}});
  return errors_or_ok(std::move(errors));
}

Status validate(const WatchNote& note, const Date& today) {
  std::vector<FieldError> errors;
  if (!note.unit_id && note.region_code.empty())
    errors.push_back({"unit", "harmony.watch_where", {}});
  if (!note.region_code.empty() && !region_code_shape(note.region_code))
    errors.push_back({"region", "harmony.region_unknown", {}});
  check_length(errors, "note", note.note, 10, 2000);
  if (note.review_on <= today || add_days(today, 366) < note.review_on)
    errors.push_back({"review_on", "harmony.review_range", {}});
  return errors_or_ok(std::move(errors));
}

}  // namespace harmoni::harmony

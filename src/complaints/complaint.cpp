#include "complaints/complaint.hpp"

#include <algorithm>
#include <cctype>

#include "platform/util/utf8.hpp"

namespace harmoni::complaints {

bool is_final(State s) {
  return s == State::kClosed || s == State::kForwarded || s == State::kMerged;
}

Result<State> status_after(State from, Step step) {
  using enum State;
  auto only_from = [&](std::initializer_list<State> allowed, State to) -> Result<State> {
    if (std::find(allowed.begin(), allowed.end(), from) == allowed.end())
      return Error::conflict("complaint.step_not_allowed");
    return to;
  };
  switch (step) {
    case Step::kSubmitted:
      return Error::conflict("complaint.step_not_allowed");
    case Step::kAskedReporter:
      return only_from({kReceived}, kWaitingReporter);
    case Step::kReporterReplied:
      return only_from({kWaitingReporter}, kReceived);
    case Step::kReporterAdded:
      return only_from({kReceived, kDisposed, kDrafted}, from);
    case Step::kVerified:
      return only_from({kReceived}, kDisposed);
    case Step::kForwardedInstansi:
      return only_from({kReceived}, kReceived);
    case Step::kForwardedOutside:
      return only_from({kReceived}, kForwarded);
    case Step::kMerged:
      return only_from({kReceived, kWaitingReporter}, kMerged);
    case Step::kAssigned:
      return only_from({kDisposed, kDrafted}, from);
    case Step::kDrafted:
      return only_from({kDisposed, kDrafted}, kDrafted);
    case Step::kDraftReturned:
      return only_from({kDrafted}, kDisposed);
    case Step::kAnswered:
      return only_from({kDrafted}, kAnswered);
    case Step::kConfirmed:
    case Step::kLapsed:
      return only_from({kAnswered}, kClosed);
    case Step::kReopened:
      return only_from({kAnswered}, kDisposed);
    case Step::kNoReply:
      return only_from({kWaitingReporter}, kClosed);
    case Step::kRated:
      return only_from({kAnswered, kClosed}, from);
    case Step::kEscalated:
      return only_from({kReceived, kDisposed, kDrafted}, from);
  }
  return Error::conflict("complaint.step_not_allowed");
}

bool step_is_public(Step step) {
  switch (step) {
    case Step::kAssigned:
    case Step::kDrafted:
    case Step::kDraftReturned:
    case Step::kEscalated:
      return false;
    default:
      return true;
  }
}

Status validate(const Rules& r) {
  std::vector<FieldError> errors;
  auto in_range = [&](std::string field, int value, int lo, int hi) {
    if (value < lo || value > hi)
      errors.push_back({std::move(field), "complaints.rule_range",
                        {{"min", std::to_string(lo)}, {"max", std::to_string(hi)}}});
  };
  in_range("verify_days", r.verify_days, 1, 30);
  in_range("followup_days", r.followup_days, 1, 60);
  for (Grade g : enum_values<Grade>()) {
    in_range("grade_days." + std::string(enum_name(g)), resolution_days(r, g), 1, 120);
  }
  in_range("reply_days", r.reply_days, 1, 60);
  in_range("confirm_days", r.confirm_days, 1, 60);
  in_range("reopen_limit", r.reopen_limit, 0, 5);
  in_range("service_age_days", r.service_age_days, 1, 365);
  in_range("min_cell", r.min_cell, 1, 100);
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

int resolution_days(const Rules& rules, Grade grade) {
  return rules.grade_days[static_cast<int>(grade)];
}

bool is_email(std::string_view contact) {
  const auto at = contact.find('@');
  return at != std::string_view::npos && at > 0 && contact.find('@', at + 1) == contact.npos &&
         contact.find('.', at) != contact.npos && contact.back() != '.' &&
         std::none_of(contact.begin(), contact.end(),
                      [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

namespace {

// Digits with optional "+" at the start and spaces or dashes between: 8 to 15 digits.
bool is_phone(std::string_view contact) {
  int digits = 0;
  for (size_t i = 0; i < contact.size(); ++i) {
    const char c = contact[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (!(c == ' ' || c == '-' || (c == '+' && i == 0))) {
      return false;
    }
  }
  return digits >= 8 && digits <= 15;
}

}  // namespace

Status validate(const Report& report, const Date& today) {
  std::vector<FieldError> errors;
  const size_t length = utf8_length(report.description);
  if (length < kDescriptionMin || length > kDescriptionMax)
    errors.push_back({"description",
                      "complaint.description_length",
                      {{"min", std::to_string(kDescriptionMin)},
                       {"max", std::to_string(kDescriptionMax)}}});
  if (!report.happened_on) {
    errors.push_back({"happened_on", "complaint.date_required"});
  } else if (*report.happened_on > today) {
    errors.push_back({"happened_on", "complaint.date_future"});
  } else if (report.happened_on->year < 2000) {
    errors.push_back({"happened_on", "complaint.date_invalid"});
  }
  if (report.identity == Identity::kAnonymous) {
    if (!report.name.empty() || !report.contact.empty())
      errors.push_back({"identity", "complaint.anonymous_no_identity"});
  } else {
    if (utf8_length(report.name) < 2) errors.push_back({"name", "complaint.name_required"});
    if (report.contact.empty()) {
      errors.push_back({"contact", "complaint.contact_required"});
    } else if (!is_email(report.contact) && !is_phone(report.contact)) {
      errors.push_back({"contact", "complaint.contact_invalid"});
    }
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

bool service_too_old(const Rules& rules, const std::optional<Date>& happened_on,
                     const Date& received) {
  return happened_on && days_since_epoch(received) - days_since_epoch(*happened_on) >
                            rules.service_age_days;
}

std::optional<Date> staff_due(const Rules& rules, const calendar::WorkingCalendar& cal,
                              State status, const Date& since, std::optional<Grade> grade,
                              const std::optional<Date>& disposed_on) {
  switch (status) {
    case State::kReceived:
      return cal.add_working_days(since, rules.verify_days);
    case State::kDisposed:
      return cal.add_working_days(since, rules.followup_days);
    case State::kDrafted:
      return cal.add_working_days(disposed_on.value_or(since),
                                  resolution_days(rules, grade.value_or(Grade::kNormative)));
    default:
      return std::nullopt;
  }
}

std::optional<Date> reporter_due(const Rules& rules, const calendar::WorkingCalendar& cal,
                                 State status, const Date& since) {
  if (status == State::kWaitingReporter) return cal.add_working_days(since, rules.reply_days);
  if (status == State::kAnswered) return cal.add_working_days(since, rules.confirm_days);
  return std::nullopt;
}

}  // namespace harmoni::complaints

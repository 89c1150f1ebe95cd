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
      errors.push_back({std::move(field),
                        "complaints.rule_range",
                        {{"min", std::to_string(lo)}, {"max", std::to_string(hi)}}});
  };
  in_range("verify_days", r.verify_days, 1, 30);
  in_range("followup_days", r.followup_days, 1, 60);
  for (Grade g : enum_values<Grade>()) {
    in_range(std::string(enum_name(g)) + "_days", resolution_days(r, g), 1, 120);
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
  switch (grade) {
    case Grade::kSimple:
      return rules.simple_days;
    case Grade::kNormative:
      return rules.normative_days;
    case Grade::kComplex:
      return rules.complex_days;
    case Grade::kSupervisory:
      return rules.supervisory_days;
  }
  return rules.normative_days;
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
    errors.push_back(
        {"description",
         "complaint.description_length",
         {{"min", std::to_string(kDescriptionMin)}, {"max", std::to_string(kDescriptionMax)}}});
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
  return happened_on &&
         days_since_epoch(received) - days_since_epoch(*happened_on) > rules.service_age_days;
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

Complaint new_complaint(const Rules& rules, const calendar::WorkingCalendar& cal,
                        const Report& report, int64_t received_at, const Date& today) {
  Complaint c;
  c.kind = report.kind;
  c.identity = report.identity;
  c.description = report.description;
  c.happened_on = report.happened_on;
  c.service_too_old = service_too_old(rules, report.happened_on, today);
  c.received_at = received_at;
  c.received_on = today;
  c.status_since = today;
  c.verify_due = cal.add_working_days(today, rules.verify_days);
  c.staff_due = c.verify_due;
  return c;
}

namespace {

// Steps by which the instansi first answers the reporter (time to first response).
bool is_staff_response(Step step) {
  switch (step) {
    case Step::kAskedReporter:
    case Step::kVerified:
    case Step::kForwardedInstansi:
    case Step::kForwardedOutside:
    case Step::kMerged:
    case Step::kAnswered:
      return true;
    default:
      return false;
  }
}

}  // namespace

Status take_step(Complaint& c, Step step, const Date& today, const Rules& rules,
                 const calendar::WorkingCalendar& cal) {
  const State next = TRY(status_after(c.status, step));
  switch (step) {
    case Step::kReopened:
      if (c.reopen_count >= rules.reopen_limit)
        return Error::conflict("complaint.reopen_limit",
                               {{"limit", std::to_string(rules.reopen_limit)}});
      if (c.reporter_due && today > *c.reporter_due)
        return Error::conflict("complaint.reopen_window_passed");
      ++c.reopen_count;
      c.answered_on.reset();
      [[fallthrough]];
    case Step::kVerified:
      c.disposed_on = today;
      c.resolve_due =
          cal.add_working_days(today, resolution_days(rules, c.grade.value_or(Grade::kNormative)));
      break;
    case Step::kAnswered:
      c.answered_on = today;
      break;
    case Step::kConfirmed:
    case Step::kLapsed:
    case Step::kNoReply:
      c.outcome = step == Step::kConfirmed ? Outcome::kConfirmed
                  : step == Step::kLapsed  ? Outcome::kLapsed
                                           : Outcome::kNoReply;
      c.closed_on = today;
      break;
    case Step::kRated:
      if (c.rating) return Error::conflict("complaint.already_rated");
      return {};
    case Step::kEscalated:
      c.escalated_due = c.staff_due;
      return {};
    default:
      break;
  }
  if (is_staff_response(step) && !c.first_response_on) c.first_response_on = today;
  const bool moves = next != c.status || step == Step::kForwardedInstansi;
  c.status = next;
  if (moves) {
    c.status_since = today;
    c.staff_due = staff_due(rules, cal, next, today, c.grade, c.disposed_on);
    c.reporter_due = reporter_due(rules, cal, next, today);
    if (step == Step::kForwardedInstansi) c.verify_due = *c.staff_due;
  }
  return {};
}

std::vector<CountKey> count_keys(const Complaint& c) {
  std::vector<CountKey> out;
  const int64_t unit = c.unit_id.value_or(0);
  const std::string month = format_month(c.received_on);
  auto add = [&](std::string dimension, std::string value) {
    out.push_back({unit, month, std::move(dimension), std::move(value)});
  };
  auto days_after_receipt = [&](const Date& d) {
    return std::to_string(days_since_epoch(d) - days_since_epoch(c.received_on));
  };
  add("kind", std::string(enum_name(c.kind)));
  if (c.category) add("category", std::string(enum_name(*c.category)));
  add("status", std::string(enum_name(c.status)));
  if (c.answered_on && c.resolve_due)
    add("within", *c.answered_on <= *c.resolve_due ? "yes" : "no");
  if (c.rating) add("rating", std::to_string(*c.rating));
  if (c.first_response_on) add("first_response_days", days_after_receipt(*c.first_response_on));
  if (c.answered_on) add("answer_days", days_after_receipt(*c.answered_on));
  return out;
}

}  // namespace harmoni::complaints

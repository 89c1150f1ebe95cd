// A complaint, aspiration or request for information from a citizen, handled the way
// SP4N-LAPOR! works: received, verified (complete? ours?), disposed to the responsible
// unit, followed up, answered, closed when the reporter confirms or the window passes.
// Pure: the state machine, the deadlines in working days, and the checks of a new report.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "calendar/calendar.hpp"
#include "platform/result.hpp"
#include "platform/util/date.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::complaints {

enum class Kind { kPengaduan, kAspirasi, kInformasi };
inline constexpr EnumName<Kind> kKindNames[] = {{Kind::kPengaduan, "pengaduan"},
                                                {Kind::kAspirasi, "aspirasi"},
                                                {Kind::kInformasi, "informasi"}};
constexpr std::span<const EnumName<Kind>> enum_names(Kind) { return kKindNames; }

enum class Category {
  kServiceQuality,
  kOfficerConduct,  // behaviour and courtesy of an officer
  kDiscrimination,  // discrimination and SARA
  kIllegalFees,     // pungli
  kNeutrality,      // election neutrality of an ASN
  kInformation,
  kOther,
};
inline constexpr EnumName<Category> kCategoryNames[] = {
    {Category::kServiceQuality, "service_quality"},
    {Category::kOfficerConduct, "officer_conduct"},
    {Category::kDiscrimination, "discrimination"},
    {Category::kIllegalFees, "illegal_fees"},
    {Category::kNeutrality, "neutrality"},
    {Category::kInformation, "information"},
    {Category::kOther, "other"}};
constexpr std::span<const EnumName<Category>> enum_names(Category) { return kCategoryNames; }

// How much work the answer takes; sets the resolution deadline.
enum class Grade { kSimple, kNormative, kComplex, kSupervisory };
inline constexpr EnumName<Grade> kGradeNames[] = {{Grade::kSimple, "simple"},
                                                  {Grade::kNormative, "normative"},
                                                  {Grade::kComplex, "complex"},
                                                  {Grade::kSupervisory, "supervisory"}};
constexpr std::span<const EnumName<Grade>> enum_names(Grade) { return kGradeNames; }

// The reporter's choice. Confidential: sealed, seen only by the handler who reveals it
// with a reason. Anonymous: nothing that names or could re-identify them is kept.
enum class Identity { kIdentified, kConfidential, kAnonymous };
inline constexpr EnumName<Identity> kIdentityNames[] = {{Identity::kIdentified, "identified"},
                                                        {Identity::kConfidential, "confidential"},
                                                        {Identity::kAnonymous, "anonymous"}};
constexpr std::span<const EnumName<Identity>> enum_names(Identity) { return kIdentityNames; }

enum class State {
  kReceived,         // waiting for verification by the instansi's handlers
  kWaitingReporter,  // the handler asked the reporter for more
  kDisposed,         // given to the responsible unit to follow up
  kDrafted,          // the unit's follow-up drafted, waiting for the handler's answer
  kAnswered,         // answered; the reporter may confirm or reopen
  kClosed,
  kForwarded,  // passed to a body outside Harmoni
  kMerged,     // a duplicate of another report
};
inline constexpr EnumName<State> kStateNames[] = {
    {State::kReceived, "received"},   {State::kWaitingReporter, "waiting_reporter"},
    {State::kDisposed, "disposed"},   {State::kDrafted, "drafted"},
    {State::kAnswered, "answered"},   {State::kClosed, "closed"},
    {State::kForwarded, "forwarded"}, {State::kMerged, "merged"}};
constexpr std::span<const EnumName<State>> enum_names(State) { return kStateNames; }

// Whether nothing more happens to a report in this status.
bool is_final(State s);

// How a closed report ended.
enum class Outcome { kConfirmed, kLapsed, kNoReply };
inline constexpr EnumName<Outcome> kOutcomeNames[] = {{Outcome::kConfirmed, "confirmed"},
                                                      {Outcome::kLapsed, "lapsed"},
                                                      {Outcome::kNoReply, "no_reply"}};
constexpr std::span<const EnumName<Outcome>> enum_names(Outcome) { return kOutcomeNames; }

// What happened to a report: each is a step of its history.
enum class Step {
  kSubmitted,
  kAskedReporter,      // handler: the report is incomplete, a question to the reporter
  kReporterReplied,    // reporter: the answer to that question
  kReporterAdded,      // reporter: more information while it is handled
  kVerified,           // handler: complete and ours, categorised, graded, disposed to a unit
  kForwardedInstansi,  // handler: not ours; another instansi in Harmoni owns it now
  kForwardedOutside,   // handler: not ours; passed to a body outside Harmoni
  kMerged,             // handler: a duplicate
  kAssigned,           // unit head: an officer of the unit drafts the follow-up
  kDrafted,            // unit: the follow-up drafted
  kDraftReturned,      // handler: the draft does not answer yet
  kAnswered,           // handler: the answer sent to the reporter
  kConfirmed,          // reporter: satisfied with the answer
  kReopened,           // reporter: not satisfied, within the window
  kLapsed,             // the window to confirm passed
  kNoReply,            // the reporter did not answer the question in time
  kRated,              // reporter: 1-4 for the handling
  kEscalated,          // a deadline passed: the coordinator was told
};
inline constexpr EnumName<Step> kStepNames[] = {{Step::kSubmitted, "submitted"},
                                                {Step::kAskedReporter, "asked_reporter"},
                                                {Step::kReporterReplied, "reporter_replied"},
                                                {Step::kReporterAdded, "reporter_added"},
                                                {Step::kVerified, "verified"},
                                                {Step::kForwardedInstansi, "forwarded_instansi"},
                                                {Step::kForwardedOutside, "forwarded_outside"},
                                                {Step::kMerged, "merged"},
                                                {Step::kAssigned, "assigned"},
                                                {Step::kDrafted, "drafted"},
                                                {Step::kDraftReturned, "draft_returned"},
                                                {Step::kAnswered, "answered"},
                                                {Step::kConfirmed, "confirmed"},
                                                {Step::kReopened, "reopened"},
                                                {Step::kLapsed, "lapsed"},
                                                {Step::kNoReply, "no_reply"},
                                                {Step::kRated, "rated"},
                                                {Step::kEscalated, "escalated"}};
constexpr std::span<const EnumName<Step>> enum_names(Step) { return kStepNames; }

// The status after `step` taken in `from`; "complaint.step_not_allowed" (conflict) when
// the step cannot be taken there. Submitted is the first step only: never allowed here.
Result<State> status_after(State from, Step step);
// Whether the reporter sees the step in the history (internal moves stay inside).
bool step_is_public(Step step);

// An instansi's rules; the defaults are those of PermenPANRB 62/2018 and UU 25/2009
// (see the domain notes), counted in working days unless named otherwise.
struct Rules {
  int verify_days = 3;    // verification of a new report
  int followup_days = 5;  // the unit drafts its follow-up after disposition
  // Resolution after disposition, by grade.
  int simple_days = 2;
  int normative_days = 5;
  int complex_days = 14;
  int supervisory_days = 60;
  int reply_days = 10;        // the reporter answers a question, else the report closes
  int confirm_days = 10;      // the reporter confirms or reopens, else it closes
  int reopen_limit = 2;       // times a reporter may reopen
  int service_age_days = 30;  // calendar days: older services are flagged to the verifier
  int min_cell = 5;           // public statistics: smaller groups are not shown
};
// Each value within its range ("complaints.rule_range", field-named).
Status validate(const Rules& rules);
int resolution_days(const Rules& rules, Grade grade);

// A report as the reporter sends it.
struct Report {
  Kind kind = Kind::kPengaduan;
  std::string description;
  std::optional<Date> happened_on;
  Identity identity = Identity::kConfidential;
  std::string name;
  std::string contact;  // an e-mail address or a phone number
};
inline constexpr size_t kDescriptionMin = 20;
inline constexpr size_t kDescriptionMax = 4000;
// Every problem at once, field by field: a description of 20 to 4,000 characters, the
// service's day not in the future, name and contact for an identity that is kept and
// none for an anonymous one.
Status validate(const Report& report, const Date& today);
// Whether the contact is an e-mail address (mail may go there).
bool is_email(std::string_view contact);
// Whether the service was received longer ago than the law allows a complaint (UU
// 25/2009 art. 42): flagged to the verifier, never refused.
bool service_too_old(const Rules& rules, const std::optional<Date>& happened_on,
                     const Date& received);

// The deadline a report's current holder works to.
std::optional<Date> staff_due(const Rules& rules, const calendar::WorkingCalendar& cal,
                              State status, const Date& since, std::optional<Grade> grade,
                              const std::optional<Date>& disposed_on);
// The day by which the reporter must act (answer a question, confirm an answer).
std::optional<Date> reporter_due(const Rules& rules, const calendar::WorkingCalendar& cal,
                                 State status, const Date& since);

// The sanctions SKB 2/2022 lists for a neutrality violation: moral ones for ethics, and
// under PP 94/2021 (PNS) or PP 49/2018 (PPPK) for discipline.
inline constexpr std::string_view kSanctions[] = {
    "closed_statement", "open_statement",                       // ethics
    "allowance_cut_6",  "allowance_cut_9", "allowance_cut_12",  // moderate: 25% for months
    "demotion_12",      "release_12",      "dismissal"};        // severe

// A report as stored and handled.
struct Complaint {
  int64_t id = 0;
  int64_t instansi_id = 0;
  std::optional<int64_t> unit_id;
  std::optional<int64_t> service_id;
  std::optional<int64_t> ticket_id;
  std::optional<int64_t> officer_asn_id;  // the officer it is about
  Kind kind = Kind::kPengaduan;
  std::optional<Category> category;
  std::optional<Grade> grade;
  State status = State::kReceived;
  std::optional<Outcome> outcome;
  Identity identity = Identity::kConfidential;
  std::string description;
  std::optional<Date> happened_on;
  bool service_too_old = false;
  int64_t received_at = 0;  // ms
  Date received_on;
  Date verify_due;
  Date status_since;
  std::optional<Date> disposed_on;
  std::optional<Date> resolve_due;
  std::optional<Date> staff_due;
  std::optional<Date> reporter_due;
  std::optional<Date> first_response_on;
  std::optional<Date> answered_on;
  std::optional<Date> closed_on;
  std::optional<int64_t> handler_user_id;
  std::optional<int64_t> assignee_user_id;
  int reopen_count = 0;
  std::optional<int> rating;
  std::optional<int64_t> merged_into;
  std::optional<int64_t> forwarded_from;
  std::string outside_body;
  std::string outside_ref;
  std::string draft;
  std::string answer;
  std::optional<Date> escalated_due;
  // For display, joined when read.
  std::string unit_name;
  std::string unit_path;
  std::string service_name;
};

// A new report's dates: received today, due for verification.
Complaint new_complaint(const Rules& rules, const calendar::WorkingCalendar& cal,
                        const Report& report, int64_t received_at, const Date& today);

// Takes `step` on the day `today`: the status it leads to, the day it came, the deadlines
// of the new holder, first response, answer and closing days. Refused when the machine
// does not allow it, when a reopening comes after the window or beyond the limit, or a
// second rating.
Status take_step(Complaint& c, Step step, const Date& today, const Rules& rules,
                 const calendar::WorkingCalendar& cal);

// What a report adds to the pre-computed counts of public statistics: one entry per
// dimension ("kind", "category", "status", "within", "rating", "first_response_days",
// "answer_days"), in the month it was received and its unit (0 before routing).
struct CountKey {
  int64_t unit_id = 0;
  std::string month;
  std::string dimension;
  std::string value;
  auto operator<=>(const CountKey&) const = default;
};
std::vector<CountKey> count_keys(const Complaint& c);

}  // namespace harmoni::complaints

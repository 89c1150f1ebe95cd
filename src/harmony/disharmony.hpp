// A disharmony case handled by root cause and dialogue (seed 003): opened from a staff
// report, a complaint or a handler's observation; analysed (facts apart from opinions,
// causes in categories with their why-chain, the rule that applies); talked through in
// dialogue sessions that end in owned, dated agreements; followed up; closed as
// resolved, partly resolved or referred. Pure: the kinds, the state machine and the
// checks of what a handler writes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "platform/result.hpp"
#include "platform/util/date.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::harmony {

enum class Setting { kWorkplace, kCommunity };
inline constexpr EnumName<Setting> kSettingNames[] = {{Setting::kWorkplace, "workplace"},
                                                      {Setting::kCommunity, "community"}};
constexpr std::span<const EnumName<Setting>> enum_names(Setting) { return kSettingNames; }

enum class Kind {
  kPrejudice,  // prejudice or stereotype
  kDiscrimination,
  kInterpersonal,  // conflict between people
  kConflictOfInterest,
  kUnfairPolicy,  // unfair policy or procedure
  kHarassment,    // harassment or bullying
  kOnlineIntolerance,
  kOther,
};
inline constexpr EnumName<Kind> kKindNames[] = {{Kind::kPrejudice, "prejudice"},
                                                {Kind::kDiscrimination, "discrimination"},
                                                {Kind::kInterpersonal, "interpersonal"},
                                                {Kind::kConflictOfInterest, "conflict_of_interest"},
                                                {Kind::kUnfairPolicy, "unfair_policy"},
                                                {Kind::kHarassment, "harassment"},
                                                {Kind::kOnlineIntolerance, "online_intolerance"},
                                                {Kind::kOther, "other"}};
constexpr std::span<const EnumName<Kind>> enum_names(Kind) { return kKindNames; }

// The dimension of diversity a case involved. Never a person's own religion or
// ethnicity: only which dimension was at stake.
enum class Dimension {
  kEthnicity,
  kReligion,
  kRace,
  kGroup,  // antargolongan
  kGender,
  kDisability,
  kRegionOfOrigin,
};
inline constexpr EnumName<Dimension> kDimensionNames[] = {
    {Dimension::kEthnicity, "ethnicity"},
    {Dimension::kReligion, "religion"},
    {Dimension::kRace, "race"},
    {Dimension::kGroup, "group"},
    {Dimension::kGender, "gender"},
    {Dimension::kDisability, "disability"},
    {Dimension::kRegionOfOrigin, "region_of_origin"}};
constexpr std::span<const EnumName<Dimension>> enum_names(Dimension) { return kDimensionNames; }

enum class Origin { kStaffReport, kComplaint, kObservation };
inline constexpr EnumName<Origin> kOriginNames[] = {{Origin::kStaffReport, "staff_report"},
                                                    {Origin::kComplaint, "complaint"},
                                                    {Origin::kObservation, "observation"}};
constexpr std::span<const EnumName<Origin>> enum_names(Origin) { return kOriginNames; }

enum class State {
  kOpen,        // recorded, not yet analysed
  kAnalysis,    // facts and causes being established
  kDialogue,    // sessions with the parties
  kMonitoring,  // agreements made, being checked
  kClosed,
};
inline constexpr EnumName<State> kStateNames[] = {{State::kOpen, "open"},
                                                  {State::kAnalysis, "analysis"},
                                                  {State::kDialogue, "dialogue"},
                                                  {State::kMonitoring, "monitoring"},
                                                  {State::kClosed, "closed"}};
constexpr std::span<const EnumName<State>> enum_names(State) { return kStateNames; }

enum class Outcome { kResolved, kPartlyResolved, kReferred };
inline constexpr EnumName<Outcome> kOutcomeNames[] = {{Outcome::kResolved, "resolved"},
                                                      {Outcome::kPartlyResolved, "partly_resolved"},
                                                      {Outcome::kReferred, "referred"}};
constexpr std::span<const EnumName<Outcome>> enum_names(Outcome) { return kOutcomeNames; }

// Where a referred case went.
enum class Referral {
  kDiscipline,       // the discipline track under PP 94/2021
  kOutsideMediator,  // a mediator outside the instansi
  kInterfaithForum,  // FKUB, the province's or regency's interfaith forum
};
inline constexpr EnumName<Referral> kReferralNames[] = {
    {Referral::kDiscipline, "discipline"},
    {Referral::kOutsideMediator, "outside_mediator"},
    {Referral::kInterfaithForum, "interfaith_forum"}};
constexpr std::span<const EnumName<Referral>> enum_names(Referral) { return kReferralNames; }

enum class Step {
  kOpened,
  kAnalysisStarted,
  kFactAdded,
  kCauseAdded,
  kRuleSet,
  kPartyAdded,
  kSessionHeld,
  kAgreementMade,
  kAgreementChecked,
  kMonitoringStarted,
  kClosed,
  kReopened,
};
inline constexpr EnumName<Step> kStepNames[] = {{Step::kOpened, "opened"},
                                                {Step::kAnalysisStarted, "analysis_started"},
                                                {Step::kFactAdded, "fact_added"},
                                                {Step::kCauseAdded, "cause_added"},
                                                {Step::kRuleSet, "rule_set"},
                                                {Step::kPartyAdded, "party_added"},
                                                {Step::kSessionHeld, "session_held"},
                                                {Step::kAgreementMade, "agreement_made"},
                                                {Step::kAgreementChecked, "agreement_checked"},
                                                {Step::kMonitoringStarted, "monitoring_started"},
                                                {Step::kClosed, "closed"},
                                                {Step::kReopened, "reopened"}};
constexpr std::span<const EnumName<Step>> enum_names(Step) { return kStepNames; }

// The status after `step` in `from`: "harmony.step_not_allowed" (conflict) when the
// machine does not allow it. Steps that add to the record (facts, causes, parties,
// agreement checks) keep the status; a session moves an analysed case into dialogue.
Result<State> status_after(State from, Step step);

// A case as stored.
struct Case {
  int64_t id = 0;
  int64_t instansi_id = 0;
  int64_t unit_id = 0;  // the unit concerned; its heads follow the case
  Setting setting = Setting::kWorkplace;
  std::string region_code;  // Kemendagri code of the regency or province (community cases)
  Kind kind = Kind::kOther;
  std::optional<Dimension> dimension;
  Origin origin = Origin::kObservation;
  std::optional<int64_t> complaint_id;
  std::string title;
  std::string summary;
  State status = State::kOpen;
  std::optional<Outcome> outcome;
  std::optional<Referral> referral;
  std::string outcome_reason;
  std::string rule;  // the rule or policy that applies
  std::optional<int64_t> handler_user_id;
  Date opened_on;
  std::optional<Date> closed_on;
  // Joined when read, for display.
  std::string unit_name;
  std::string unit_path;
};

inline constexpr size_t kTitleMax = 160;
inline constexpr size_t kTextMax = 4000;

// A new case: title 5..160 characters, summary 20..4,000, a dimension for discrimination,
// a region for a community case (its format; the store checks it exists), a complaint
// when it came from one. Every problem at once, by field.
Status validate_new(const Case& c);

// Closing: a reason always; a referral target exactly when referred; resolved or partly
// resolved only after at least one dialogue session.
struct Closing {
  Outcome outcome = Outcome::kResolved;
  std::optional<Referral> referral;
  std::string reason;
};
Status validate_closing(const Closing& closing, int sessions_held);

// How alike two cases are for a handler's consistency check: the same kind counts
// most, then the same dimension, the same rule (compared loosely), the same setting.
// 0 when the kinds differ and nothing else matches.
int similarity(const Case& a, const Case& b);

// An instansi's choices.
struct Settings {
  int min_group = 5;       // a dimension is shown only for groups of at least this many cases
  int study_minutes = 45;  // what studying an article earns (0: nothing), once per article
};
// The minimum group 3..50, the minutes 0..480.
Status validate(const Settings& s);

// Early prevention: a potential conflict noted on a unit or a region, reviewed by a day.
struct WatchNote {
  int64_t id = 0;
  int64_t instansi_id = 0;
  std::optional<int64_t> unit_id;
  std::string region_code;
  std::string note;
  Date review_on;
  bool closed = false;
  std::optional<int64_t> author_user_id;
  Date created_on;
  // Joined for display.
  std::string unit_name;
};
// A unit or a region, a note of 10..2,000 characters, a review day after today and
// within a year.
Status validate(const WatchNote& note, const Date& today);

}  // namespace harmoni::harmony

// Use cases of complaint handling: a citizen's report and what they do with its tracking
// code, and every staff step from verification to the answer, each in one transaction with
// its history entry, counts, notices (staff inbox, reporter's mail) and audit entry.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "complaints/access.hpp"
#include "complaints/complaint.hpp"
#include "complaints/complaint_store.hpp"
#include "desk/desk.hpp"
#include "org/org.hpp"
#include "platform/cases/env.hpp"

namespace harmoni::complaints {

inline constexpr size_t kMaxEvidenceBytes = 5 * 1024 * 1024;

// ---- the reporter (no account) ----

struct NeutralityReport {
  std::string reported_nip;
  std::string links;  // where the violation can be seen, one per line
};

struct Submission {
  Report report;
  // Where it goes: a ticket's visit (unit, service and officer known), a unit (and its
  // service, by code), or only an instansi ("I don't know": its verifier routes it).
  std::string ticket_token;
  std::optional<int64_t> unit_id;
  std::string service_code;
  std::string instansi_code;
  std::optional<std::string> evidence;  // a file's bytes: PDF, PNG or JPEG
  std::optional<NeutralityReport> neutrality;
};

struct Receipt {
  int64_t id = 0;
  std::string tracking_code;  // shown once; only its keyed hash is kept
  Date verification_due;
  std::string instansi_name;
};
// Checks everything first; limited per source ("complaint.too_many").
Result<Receipt> submit_report(const Env& env, const Actor& actor, const Submission& s);

// What the report form offers, narrowed step by step without JavaScript: the instansi,
// then the units of the one chosen, then the services of the unit chosen. A ticket fixes
// all three.
struct Choices {
  std::vector<org::Instansi> instansi;
  std::optional<org::Instansi> chosen_instansi;
  std::vector<org::Unit> units;
  std::optional<org::Unit> chosen_unit;
  std::vector<desk::Service> services;
  std::optional<std::string> ticket_label;  // "A-012 · KTP elektronik"
  int verify_days = Rules{}.verify_days;    // the chosen instansi's promise
};
Result<Choices> report_choices(const Env& env, std::string_view instansi_code,
                               std::optional<int64_t> unit_id, std::string_view ticket_token);

// What the reporter sees: never a staff member's name, never who they are.
struct PublicStep {
  int64_t at_ms = 0;
  Step step = Step::kSubmitted;
  bool by_reporter = false;
  std::string note;  // a question, a reply, the answer, an outside body's name
};
struct Tracked {
  Complaint complaint;
  std::string instansi_name;
  std::vector<PublicStep> steps;
  std::string question;      // the open question when waiting for the reporter
  bool can_reply = false;    // answer the question or add information
  bool can_respond = false;  // confirm or reopen the answer
  bool can_rate = false;
  int reopens_left = 0;
};
// "complaint.track_unknown" (not found) for a code that names nothing; each miss counts
// towards the source's limit ("complaint.track_too_many").
Result<Tracked> track_report(const Env& env, const Actor& actor, std::string_view code);
// The reporter's answer to a question, or more information while it is handled.
Status reporter_reply(const Env& env, const Actor& actor, std::string_view code,
                      const std::string& text, const std::optional<std::string>& evidence);
Status reporter_confirm(const Env& env, const Actor& actor, std::string_view code);
Status reporter_reopen(const Env& env, const Actor& actor, std::string_view code,
                       const std::string& reason);
Status reporter_rate(const Env& env, const Actor& actor, std::string_view code, int rating);

// ---- staff ----

struct Page {
  std::vector<Complaint> items;
  std::optional<int64_t> next_after;  // the id to continue after, when there may be more
};
struct ListRequest {
  ListKind kind = ListKind::kAll;
  std::optional<State> status;
  std::optional<int64_t> after_id;
  int limit = 50;
};
// The reports the signed-in user may see, by list.
Result<Page> staff_list(const Env& env, const Actor& actor, const ListRequest& r);

struct ReporterIdentity {
  std::string name;
  std::string contact;
};
struct StaffView {
  Complaint complaint;
  Rights rights;
  std::string instansi_name;
  std::vector<StepRecord> steps;
  std::vector<StoredFile> files;
  std::optional<ReporterIdentity> identity;  // only for those who may see it
  bool may_reveal = false;
  std::optional<Neutrality> neutrality;
  std::optional<std::string> officer_name;  // the officer it is about (handlers only)
};
// What a staff member may choose from on a report's page: the instansi's units (to
// route to), the other instansi (to forward to), whom a head may assign.
struct StaffOptions {
  std::vector<org::Unit> units;
  std::vector<org::Instansi> other_instansi;
  std::vector<StaffMember> assignees;
};
Result<StaffOptions> staff_options(const Env& env, const Actor& actor, const Complaint& c);
// Reading a report is audited ("complaint.read").
Result<StaffView> open_complaint(const Env& env, const Actor& actor, int64_t id);
// The reporter's name and contact of a confidential report, for its handler, with the
// reason recorded in the audit log.
Result<ReporterIdentity> reveal_identity(const Env& env, const Actor& actor, int64_t id,
                                         const std::string& reason);
// A file of the report (its bytes, metadata already removed), audited.
Result<std::pair<std::string, std::string>> evidence_file(const Env& env, const Actor& actor,
                                                          int64_t id, int64_t file_id);

// Whether the signed-in user may take a step of this kind on the report at all (before
// its input is read, so a caller without the right learns nothing from a form error):
// not found when they may not see it, forbidden when they see it without the right.
enum class Need { kHandle, kFollowUp };
Status may_take_step(const Env& env, const Actor& actor, int64_t id, Need need);

struct Verification {
  Category category = Category::kServiceQuality;
  Grade grade = Grade::kNormative;
  int64_t unit_id = 0;
  std::string service_code;  // optional
  std::string officer_nip;   // optional: the officer it is about
  std::string note;          // for the reporter
};
Status verify(const Env& env, const Actor& actor, int64_t id, const Verification& v);
Status ask_reporter(const Env& env, const Actor& actor, int64_t id, const std::string& question);
Status forward_to_instansi(const Env& env, const Actor& actor, int64_t id,
                           std::string_view instansi_code, const std::string& note);
Status forward_outside(const Env& env, const Actor& actor, int64_t id, const std::string& body,
                       const std::string& reference);
Status merge_into(const Env& env, const Actor& actor, int64_t id, int64_t other_id);
// The unit head gives the follow-up to an officer (a user) of the unit's subtree.
Status assign_officer(const Env& env, const Actor& actor, int64_t id, int64_t user_id);
Status save_draft(const Env& env, const Actor& actor, int64_t id, const std::string& text);
Status return_draft(const Env& env, const Actor& actor, int64_t id, const std::string& note);
// The answer to the reporter: the draft as the handler finalised it.
Status answer_report(const Env& env, const Actor& actor, int64_t id, const std::string& text);
// Election-neutrality: classification, recommendation, the PPK's decision, enforcement.
Status save_neutrality_details(const Env& env, const Actor& actor, int64_t id, const Neutrality& n);

// The instansi's rules and coordinator (instansi administrators).
Result<Settings> settings_of(const Env& env, const Actor& actor);
Status save_complaint_settings(const Env& env, const Actor& actor, const Settings& s);
// The settings for the administrator who may change them (forbidden to anyone else).
Result<Settings> settings_to_edit(const Env& env, const Actor& actor);
// Who may coordinate: the instansi's case handlers and administrators.
Result<std::vector<StaffMember>> coordinator_choices(const Env& env, const Actor& actor);

// The reports of a year the user's lists hold, for an export (audited, "complaint.export").
Result<ListQuery> start_complaint_export(const Env& env, const Actor& actor, int year);

// ---- jobs ----

struct DeadlineRun {
  int closed = 0;
  int escalated = 0;
};
// Closes reports whose reporter's time passed (no reply to a question, an answer neither
// confirmed nor reopened) and tells the coordinator of every deadline passed with staff.
Result<DeadlineRun> run_deadlines(const Env& env);

// ---- public statistics ----

struct Statistics {
  std::string instansi_name;
  std::string unit_name;  // empty: the whole instansi
  int min_cell = 5;
  int64_t total = 0;
  std::vector<std::pair<std::string, int64_t>> by_kind, by_category, by_status;
  std::optional<double> median_first_response_days;
  std::optional<double> median_answer_days;
  int64_t answered = 0;
  std::optional<double> within_share;  // answered within the deadline, 0..1
  int64_t rated = 0;
  std::optional<double> mean_rating;
};
// Aggregates only; a group smaller than the instansi's minimum is given as suppressed
// (negative count) and the medians and shares of small totals are left out.
Result<Statistics> public_statistics(const Env& env, int64_t instansi_id,
                                     std::optional<int64_t> unit_id, const Date& from,
                                     const Date& to);

}  // namespace harmoni::complaints

// Storage of learning: settings, programmes, classes, enrolments and attendance,
// certificates, the JP ledger with its per-person yearly totals, and self-learning
// claims with their evidence. Functions take a transaction so a change and its audit
// entry commit together. SQL stays in the .cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "learning/claim.hpp"
#include "learning/jp.hpp"
#include "learning/programme.hpp"
#include "learning/record.hpp"
#include "platform/db/database.hpp"

namespace harmoni::learning {

// ---- settings ----
Result<LearningSettings> load_settings(db::Tx& tx, int64_t instansi_id);  // defaults when never set
Status save_settings(db::Tx& tx, int64_t instansi_id, const LearningSettings& settings,
                     int64_t now);

// ---- the ledger ----
struct LedgerOutcome {
  int64_t inserted = 0, updated = 0, unchanged = 0;
};
// Writes records (their asn_id set) and keeps each person's yearly total in step. A
// record whose reference exists already is left alone when it says the same, and
// replaced (totals moved) when it says something else. Any number of records.
Result<LedgerOutcome> record_learning(db::Tx& tx, const std::vector<LearningRecord>& records,
                                      int64_t now);

// Takes a record out (a participation later confirmed absent), totals kept in step;
// nothing to do when there is none.
Status remove_learning(db::Tx& tx, const std::string& source_ref);

// A person's records of a year, newest first.
Result<std::vector<LearningRecord>> records_of(db::Tx& tx, int64_t asn_id, int year);
// A person's total of a year (0 when none).
Result<int64_t> jp_of(db::Tx& tx, int64_t asn_id, int year);

// Compliance with the yearly right, per unit of an instansi (a unit subtree: prefix).
struct UnitCompliance {
  int64_t unit_id = 0;
  std::string unit_code, unit_name, unit_path;
  int64_t people = 0;  // active ASN
  int64_t met = 0;     // of them, with at least 20 JP this year
  int64_t jp_e2 = 0;   // their JP this year, summed
};
Result<std::vector<UnitCompliance>> compliance(db::Tx& tx, int64_t instansi_id, int year,
                                               const std::string& unit_path_prefix);

// People below the right in a unit subtree (or one unit), lowest first, paged by offset.
struct PersonJp {
  int64_t asn_id = 0;
  std::string nip, name, unit_name;
  int64_t jp_e2 = 0;
};
struct BelowQuery {
  int64_t instansi_id = 0;
  int year = 0;
  std::string unit_path_prefix;    // "" for the whole instansi
  std::optional<int64_t> unit_id;  // only this unit's own people
  int limit = 100;
  int64_t offset = 0;
};
Result<std::vector<PersonJp>> people_below(db::Tx& tx, const BelowQuery& query);
// Every person of the scope with their JP (for the export), streamed in name order.
Status each_person_jp(db::Tx& tx, int64_t instansi_id, int year,
                      const std::string& unit_path_prefix,
                      const std::function<bool(const PersonJp&)>& each);

// ---- programmes and classes ----
Result<int64_t> insert_programme(db::Tx& tx, const Programme& programme,
                                 int64_t now);  // "learning.code_taken"
Status update_programme(db::Tx& tx, const Programme& programme, int64_t now);
Result<std::optional<Programme>> find_programme(db::Tx& tx, int64_t instansi_id,
                                                const std::string& code);
Result<std::optional<Programme>> find_programme_by_id(db::Tx& tx, int64_t id);
Result<std::vector<Programme>> list_programmes(db::Tx& tx, int64_t instansi_id,
                                               bool include_inactive);

Result<int64_t> insert_class(db::Tx& tx, const ClassSession& session, int64_t now);
Status update_class(db::Tx& tx, const ClassSession& session, int64_t now);
Result<std::optional<ClassSession>> find_class(db::Tx& tx, int64_t class_id);
// A programme's classes, newest first; with seats taken.
struct ClassRow {
  ClassSession session;
  int seats_taken = 0;
  int waiting = 0;  // requests awaiting a superior
};
Result<std::vector<ClassRow>> list_classes(db::Tx& tx, int64_t programme_id);
// Classes open to self-registration from `today` on, of an instansi.
struct OpenClass {
  ClassRow row;
  Programme programme;
};
Result<std::vector<OpenClass>> open_classes(db::Tx& tx, int64_t instansi_id,
                                            const std::string& today);

// ---- enrolments ----
struct Enrolment {
  int64_t id = 0;
  int64_t class_id = 0;
  int64_t asn_id = 0;
  EnrolmentStatus status = EnrolmentStatus::kRequested;
  std::string note;
  std::optional<int> score;
  std::optional<bool> passed;
  // Joined for display:
  std::string nip, name, unit_name, unit_path;
};
Result<std::optional<Enrolment>> find_enrolment(db::Tx& tx, int64_t class_id, int64_t asn_id);
Result<std::optional<Enrolment>> find_enrolment_by_id(db::Tx& tx, int64_t id);
Result<std::vector<Enrolment>> class_enrolments(db::Tx& tx, int64_t class_id);
// A person's enrolments with their class and programme titles, newest first.
struct MyEnrolment {
  Enrolment enrolment;
  ClassSession session;
  std::string programme_title;
  std::optional<std::string> certificate_code;
};
Result<std::vector<MyEnrolment>> enrolments_of(db::Tx& tx, int64_t asn_id);
// Requests waiting for a superior, of people in a unit subtree.
Result<std::vector<MyEnrolment>> requests_under(db::Tx& tx, int64_t instansi_id,
                                                const std::string& unit_path_prefix);
int seats_taken(const std::vector<Enrolment>& enrolments);

// Moves one person in a class to `to` (creating the enrolment when new), checking the
// step and the seats under the class's row lock. Returns the enrolment id.
Result<int64_t> move_enrolment(db::Tx& tx, const ClassSession& session, int64_t asn_id,
                               EnrolmentStatus to, std::optional<int64_t> user_id,
                               const std::string& note, int64_t now);
// Completion with an optional score and pass (the caller writes the ledger and the certificate).
Status set_result(db::Tx& tx, int64_t enrolment_id, std::optional<int> score,
                  std::optional<bool> passed, int64_t now);

// Attendance of a day; "learning.not_enrolled" for someone without a seat.
Status record_attendance(db::Tx& tx, int64_t class_id, int64_t asn_id, const std::string& day,
                         bool present, std::optional<int64_t> user_id, int64_t now);
// Days attended per person of a class.
Result<std::map<int64_t, int>> days_attended(db::Tx& tx, int64_t class_id);

// ---- certificates ----
struct Certificate {
  std::string code;
  int64_t enrolment_id = 0;
  int64_t asn_id = 0;
  std::string programme_title;
  std::string completed_on;
  int64_t jp_e2 = 0;
  bool revoked = false;
  std::string holder_name;  // joined for display
};
Status insert_certificate(db::Tx& tx, const Certificate& certificate, int64_t now);
Result<std::optional<Certificate>> find_certificate(db::Tx& tx, const std::string& code);
Result<std::optional<Certificate>> certificate_of_enrolment(db::Tx& tx, int64_t enrolment_id);

// Development-plan actions met by an enrolment: linked when the person enrols from their
// plan; marked done when the enrolment completes.
Status link_action(db::Tx& tx, int64_t action_id, int64_t asn_id, int64_t enrolment_id,
                   int64_t now);
Status complete_linked_actions(db::Tx& tx, int64_t enrolment_id, int64_t now);

// ---- completion ----
// One participant's outcome of a class.
struct ClassOutcome {
  int64_t asn_id = 0;
  bool completed = false;
  std::optional<int> score;
  std::optional<bool> passed;
};
// Records an outcome; a completion also writes the ledger (the programme's JP, in the
// year the class ended), issues the certificate `certificate_code` and marks the plan
// actions linked to the enrolment done. Recording the same outcome again does nothing.
// "learning.not_enrolled" for someone without a seat.
Status record_outcome(db::Tx& tx, const ClassSession& session, const Programme& programme,
                      const ClassOutcome& outcome, const std::string& certificate_code,
                      std::optional<int64_t> user_id, int64_t now);

// ---- self-learning claims ----
Result<int64_t> insert_claim(db::Tx& tx, const Claim& claim, const std::string& content_type,
                             std::string_view evidence, const std::string& sha256, int64_t now);
Result<std::optional<Claim>> find_claim(db::Tx& tx, int64_t claim_id);
Result<std::vector<Claim>> claims_of(db::Tx& tx, int64_t asn_id);
// Claims waiting for a superior, of people in a unit subtree.
struct PendingClaim {
  Claim claim;
  std::string nip, name, unit_name;
};
Result<std::vector<PendingClaim>> claims_under(db::Tx& tx, int64_t instansi_id,
                                               const std::string& unit_path_prefix);
// submitted -> approved or rejected ("learning.claim_decided" when already decided).
Status decide_claim(db::Tx& tx, int64_t claim_id, ClaimStatus to, std::optional<int64_t> user_id,
                    const std::string& note, int64_t now);
struct Evidence {
  std::string content_type;
  std::string data;
};
Result<std::optional<Evidence>> evidence_of(db::Tx& tx, int64_t claim_id);

}  // namespace harmoni::learning

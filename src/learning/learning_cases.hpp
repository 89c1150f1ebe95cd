// Use cases of learning: one's year of learning, requests to join classes and their
// approval, self-learning claims with evidence, certificates; HR's programmes and classes
// (enrolment, attendance, completion); compliance with the yearly right, the LMS import
// and the instansi's settings. Each checks what the caller may see or do, owns its
// transaction and writes its audit entry.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "competency/competency_store.hpp"
#include "learning/access.hpp"
#include "learning/learning_store.hpp"
#include "org/org.hpp"
#include "platform/cases/env.hpp"
#include "platform/csv/import_report.hpp"

namespace harmoni::learning {

// ---- one's learning ----

// A person of the caller's instansi the caller may see the learning of ("not found" else).
Result<org::Asn> visible_person(const Env& env, const Actor& actor, std::string_view nip);

struct YearOfLearning {
  org::Asn person;
  int year = 0;
  std::vector<LearningRecord> records;
  int64_t jp_e2 = 0;
  std::vector<MyEnrolment> enrolments;
  std::vector<Claim> claims;
};
Result<YearOfLearning> learning_of(const Env& env, const org::Asn& person, int year);
Result<std::vector<LearningRecord>> records_for(const Env& env, const org::Asn& person, int year);

// Open classes the person may ask to join, each with the plan actions it would meet.
struct ClassOffer {
  OpenClass open;
  std::vector<competency::PlanAction> actions;
};
Result<std::vector<ClassOffer>> offers_for(const Env& env, const org::Asn& me);

// Asking to join a class (one's superior decides), optionally for a plan action.
Status request_to_join(const Env& env, const Actor& actor, const org::Asn& me, int64_t class_id,
                       std::optional<int64_t> action_id);
// A superior decides a request or a claim: the person must be theirs. An approved claim
// enters the ledger.
Status decide_on_request(const Env& env, const Actor& actor, int64_t enrolment_id, bool approve,
                         const std::string& note);
Status decide_on_claim(const Env& env, const Actor& actor, int64_t claim_id, bool approve,
                       const std::string& note);
// A claim with its evidence file (checked by content).
Result<int64_t> submit_claim(const Env& env, const Actor& actor, const org::Asn& me,
                             const Claim& claim, const std::string& evidence);
// What a unit head has to decide (never their own).
struct Approvals {
  std::vector<MyEnrolment> requests;
  std::vector<PendingClaim> claims;
};
Result<Approvals> approvals_of(const Env& env, const Actor& actor);
// A claim's evidence for the person, their superiors and HR; the read is audited.
Result<Evidence> read_evidence(const Env& env, const Actor& actor, std::optional<int64_t> claim_id);
// A certificate the caller may see: the holder, their superiors, HR.
Result<Certificate> visible_certificate(const Env& env, const Actor& actor, std::string_view code);
// The public check behind a certificate's QR code.
Result<std::optional<Certificate>> certificate_by_code(const Env& env, std::string_view code);

// ---- programmes and classes (HR) ----

Result<std::vector<Programme>> programmes_of(const Env& env, const Actor& actor);
Result<Programme> programme_of(const Env& env, const Actor& actor, std::string_view code);
// Checks (the items it serves must be known) and stores a new or changed programme.
Result<Programme> save_programme(const Env& env, const Actor& actor, Programme programme,
                                 bool creating);
Result<std::vector<ClassRow>> classes_of(const Env& env, const Programme& programme);
Result<ClassSession> create_class(const Env& env, const Actor& actor, const Programme& programme,
                                  ClassSession session);

// A class of the caller's instansi, with its programme.
struct ClassAndProgramme {
  ClassSession session;
  Programme programme;
};
Result<ClassAndProgramme> class_of(const Env& env, const Actor& actor, std::optional<int64_t> id);
struct Roster {
  std::vector<Enrolment> people;
  std::map<int64_t, int> days;  // days attended per person
};
Result<Roster> roster_of(const Env& env, const ClassAndProgramme& cp);
// HR enrols a person by NIP (seat permitting).
Result<int64_t> enrol(const Env& env, const Actor& actor, const ClassAndProgramme& cp,
                      std::string_view nip);
// Attendance of one day, inside the class's dates.
Status mark_attendance(const Env& env, const Actor& actor, const ClassAndProgramme& cp,
                       const std::string& day, const std::vector<std::pair<int64_t, bool>>& marks);
// Completion once the class has ended: the ledger, the certificates and the plans follow.
Status complete(const Env& env, const Actor& actor, const ClassAndProgramme& cp,
                const std::vector<ClassOutcome>& outcomes);
Status change_class_status(const Env& env, const Actor& actor, ClassAndProgramme cp,
                           ClassStatus status);

// ---- compliance, the LMS import, settings ----

Result<std::vector<UnitCompliance>> compliance_of(const Env& env, const Actor& actor, int year);
// People below the yearly right in the caller's scope (a unit of it, when given).
Result<std::vector<PersonJp>> below_right(const Env& env, const Actor& actor, int year,
                                          std::optional<int64_t> unit_id, int limit,
                                          int64_t offset);
// Audits an export of everyone's JP in the caller's scope and returns that scope.
Result<std::string> start_jp_export(const Env& env, const Actor& actor, int year);
Result<csv::ImportReport> import_lms(const Env& env, const Actor& actor, const std::string& path,
                                     const std::string& provider, const std::string& mode);
Result<LearningSettings> settings_of(const Env& env, const Actor& actor);
Status save_learning_settings(const Env& env, const Actor& actor, const LearningSettings& s);

}  // namespace harmoni::learning

// The authorisation matrix: every route, with every role, a user of another
// instansi and nobody logged in, through the real request pipeline (sessions, CSRF,
// permissions, scope checks) on every backend. The expectations below are written
// by hand from the product's rules, not derived from the code under test; a route
// without an expectation fails the test.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "calendar/calendar_cases.hpp"
#include "cli/wiring.hpp"
#include "complaints/complaint_cases.hpp"
#include "demo/demo_store.hpp"
#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "platform/auth/password.hpp"
#include "platform/inbox/inbox_store.hpp"
#include "platform/util/date.hpp"
#include "queue/queue_store.hpp"
#include "support/backends.hpp"
#include "support/seed.hpp"
#include "survey/followup_store.hpp"

namespace harmoni::test {
namespace {

using nlohmann::json;

// Who asks. "foreign" is the instansi admin of Provinsi Kalimantan Barat asking for
// Kabupaten Sambas data; "anonymous" has no session.
const std::vector<std::string> kActors = {"system_admin", "instansi_admin", "unit_head",
                                          "officer",      "hr_developer",   "case_handler",
                                          "auditor",      "foreign",        "anonymous"};
const std::map<std::string, std::string> kEmails = {
    {"system_admin", "admin@harmoni.demo"},
    {"instansi_admin", "admin.sambas@harmoni.demo"},
    {"unit_head", "kepala.dukcapil@harmoni.demo"},
    {"officer", "petugas.mpp@harmoni.demo"},
    {"hr_developer", "sdm.bkpsdm@harmoni.demo"},
    {"case_handler", "penanganan.kasus@harmoni.demo"},
    {"auditor", "auditor@harmoni.demo"},
    {"foreign", "admin.kalbar@harmoni.demo"}};

const std::set<std::string> kEveryone = {"system_admin", "instansi_admin", "unit_head",
                                         "officer",      "hr_developer",   "case_handler",
                                         "auditor",      "foreign",        "anonymous"};
const std::set<std::string> kAnyUser = {"system_admin", "instansi_admin", "unit_head", "officer",
                                        "hr_developer", "case_handler",   "auditor",   "foreign"};
// Roles of Kabupaten Sambas (and the system administrator) who may read its organisation.
const std::set<std::string> kOrgReaders = {"system_admin", "instansi_admin", "unit_head", "officer",
                                           "hr_developer", "case_handler",   "auditor"};
const std::set<std::string> kAdmins = {"system_admin", "instansi_admin"};
const std::set<std::string> kSystemAdmin = {"system_admin"};
// Who may see the record of one person in Dukcapil's service division: not the
// officer (another person), not the case handler, not another instansi.
const std::set<std::string> kAsnRecordReaders = {"system_admin", "instansi_admin", "unit_head",
                                                 "hr_developer", "auditor"};
// Listing people: officers may call it (they see only themselves, checked below).
const std::set<std::string> kAsnListers = {"system_admin", "instansi_admin", "unit_head",
                                           "officer",      "hr_developer",   "auditor"};
// Lists that every user may call, filtered to what they may see (checked below).
const std::set<std::string> kAnyUserFiltered = kAnyUser;
// Accounts linked to an ASN record of their own.
const std::set<std::string> kLinked = {"unit_head", "officer", "hr_developer"};
// Who runs learning programmes and Peduli: administrators and HR, each in their instansi.
const std::set<std::string> kLearningManagers = {"instansi_admin", "hr_developer", "foreign"};
const std::set<std::string> kSambasLearningManagers = {"instansi_admin", "hr_developer"};
const std::set<std::string> kSambasUsers = {"instansi_admin", "unit_head",    "officer",
                                            "hr_developer",   "case_handler", "auditor"};
// A Peduli activity's coordinator (the Dukcapil head) and those who run Peduli.
const std::set<std::string> kCoordinators = {"instansi_admin", "unit_head", "hr_developer"};

// Complaints: staff of an instansi who handle, follow up or audit reports.
const std::set<std::string> kComplaintListers = {"instansi_admin", "unit_head", "officer",
                                                 "case_handler",   "auditor",   "foreign"};
const std::set<std::string> kComplaintReaders = {"instansi_admin", "unit_head", "case_handler",
                                                 "auditor"};
const std::set<std::string> kComplaintHandlers = {"instansi_admin", "case_handler"};
// Harmony: a case of the Dukcapil unit; its handlers and the unit's head. The knowledge
// base: a published article for Kabupaten Sambas only, written by the case handler.
const std::set<std::string> kHarmonyStaff = {"unit_head", "case_handler"};
const std::set<std::string> kCaseHandler = {"case_handler"};
const std::set<std::string> kWriters = {"hr_developer", "case_handler"};
const std::set<std::string> kInstansiUsers = {
    "instansi_admin", "unit_head", "officer", "hr_developer", "case_handler", "auditor", "foreign"};
const std::map<std::string, std::set<std::string>> kExpected = {
    {"GET /static/{name}", kEveryone},
    {"GET /healthz", kEveryone},
    {"GET /readyz", kEveryone},
    {"GET /metrics", kEveryone},
    {"GET /login", kEveryone},
    {"POST /login", kEveryone},
    {"GET /prefs", kEveryone},
    {"POST /logout", kAnyUser},
    {"GET /", kAnyUser},
    {"GET /api/v1/me", kAnyUser},
    {"GET /inbox", kAnyUser},
    {"POST /inbox/read", kAnyUser},
    // The officer's inbox item: only its owner opens it.
    {"POST /inbox/{id}/open", {"officer"}},
    {"GET /api/v1/inbox", kAnyUser},
    {"GET /account", kAnyUser},
    {"POST /account/password", kAnyUser},
    {"POST /account/tokens", kAnyUser},
    {"POST /account/tokens/{id}/revoke", {"officer"}},  // the officer's token: only its owner
    {"GET /users", {"system_admin", "instansi_admin", "foreign"}},
    {"GET /users/new", {"system_admin", "instansi_admin", "foreign"}},
    {"POST /users", {"system_admin", "instansi_admin", "foreign"}},
    {"GET /users/{id}", kAdmins},
    {"POST /users/{id}", kAdmins},
    {"GET /api/v1/users", {"system_admin", "instansi_admin", "foreign"}},
    {"POST /api/v1/users", {"system_admin", "instansi_admin", "foreign"}},
    {"GET /api/v1/users/{id}", kAdmins},
    {"PATCH /api/v1/users/{id}", kAdmins},
    {"GET /api/v1/regions", kAnyUser},
    {"GET /instansi", kAnyUser},
    {"POST /instansi", kSystemAdmin},
    {"GET /instansi/{code}", kOrgReaders},
    {"POST /instansi/{code}", kSystemAdmin},
    {"GET /api/v1/instansi", kAnyUserFiltered},
    {"POST /api/v1/instansi", kSystemAdmin},
    {"GET /api/v1/instansi/{code}", kOrgReaders},
    {"PATCH /api/v1/instansi/{code}", kSystemAdmin},
    {"POST /instansi/{code}/units", kAdmins},
    {"GET /instansi/{code}/units/{unit}", kOrgReaders},
    {"POST /instansi/{code}/units/{unit}", kAdmins},
    {"GET /api/v1/instansi/{code}/units", kOrgReaders},
    {"POST /api/v1/instansi/{code}/units", kAdmins},
    {"GET /api/v1/instansi/{code}/units/{unit}", kOrgReaders},
    {"PATCH /api/v1/instansi/{code}/units/{unit}", kAdmins},
    {"GET /api/v1/units", kAnyUserFiltered},
    {"GET /instansi/{code}/positions", kOrgReaders},
    {"POST /instansi/{code}/positions", kAdmins},
    {"GET /instansi/{code}/positions/{position}", kOrgReaders},
    {"POST /instansi/{code}/positions/{position}", kAdmins},
    {"GET /api/v1/instansi/{code}/positions", kOrgReaders},
    {"POST /api/v1/instansi/{code}/positions", kAdmins},
    {"PATCH /api/v1/instansi/{code}/positions/{position}", kAdmins},
    {"GET /asn",
     {"system_admin", "instansi_admin", "unit_head", "officer", "hr_developer", "auditor",
      "foreign"}},
    {"GET /instansi/{code}/asn", kAsnListers},
    {"GET /instansi/{code}/asn/new", kAdmins},
    {"POST /instansi/{code}/asn", kAdmins},
    {"GET /asn/{nip}", kAsnRecordReaders},
    {"GET /asn/{nip}/edit", kAdmins},
    {"POST /asn/{nip}", kAdmins},
    {"GET /api/v1/instansi/{code}/asn", kAsnListers},
    {"POST /api/v1/instansi/{code}/asn", kAdmins},
    {"GET /api/v1/asn/{nip}", kAsnRecordReaders},
    {"PATCH /api/v1/asn/{nip}", kAdmins},
    {"GET /instansi/{code}/import", kAdmins},
    {"POST /instansi/{code}/import", kAdmins},
    {"POST /api/v1/instansi/{code}/asn/import", kAdmins},
    {"GET /api/v1/units/{unit_id}/services", kEveryone},
    {"POST /api/v1/units/{unit_id}/services", {"system_admin", "instansi_admin", "unit_head"}},
    {"PUT /api/v1/units/{unit_id}/services/{service}",
     {"system_admin", "instansi_admin", "unit_head"}},
    // An empty body is refused as invalid before the unit is looked up: a foreign
    // instansi admin reaches the validation, never a Sambas unit (checked below).
    {"POST /api/v1/skm/responses", {"instansi_admin", "unit_head", "officer", "foreign"}},
    {"GET /api/v1/ikm",
     {"system_admin", "instansi_admin", "unit_head", "hr_developer", "auditor", "foreign"}},
    // Citizens' pages. Their forms need the public-form CSRF cookie, which this
    // harness's anonymous caller lacks; logged-in callers pass with their session's token.
    // Competency. {id} is last year's closed campaign (results ready) or, on the
    // rater's routes, one of the officer's pending forms; {nip} a person in Dukcapil's
    // service division (the Dukcapil head's subtree), not the officer.
    {"GET /360", kAnyUser},
    {"GET /360/forms/{id}", {"officer"}},
    {"POST /360/forms/{id}", {"officer"}},
    {"GET /api/v1/me/assignments", {"unit_head", "officer", "hr_developer"}},
    {"GET /api/v1/assignments/{id}", {"officer"}},
    {"PUT /api/v1/assignments/{id}/draft", {"officer"}},
    {"POST /api/v1/assignments/{id}/submit", {"officer"}},
    {"GET /api/v1/competency/catalog", kAnyUser},
    // Campaign managers work on their own instansi: the foreign admin on theirs.
    {"GET /competency/items", {"instansi_admin", "hr_developer", "foreign"}},
    {"POST /competency/items", {"instansi_admin", "hr_developer", "foreign"}},
    {"GET /api/v1/competency/items", {"instansi_admin", "hr_developer", "foreign"}},
    {"POST /api/v1/competency/items", {"instansi_admin", "hr_developer", "foreign"}},
    {"GET /competency", {"instansi_admin", "unit_head", "hr_developer", "foreign"}},
    {"GET /competency/new", {"instansi_admin", "hr_developer", "foreign"}},
    {"POST /competency", {"instansi_admin", "hr_developer", "foreign"}},
    {"GET /api/v1/campaigns", {"instansi_admin", "unit_head", "hr_developer", "foreign"}},
    {"POST /api/v1/campaigns", {"instansi_admin", "hr_developer", "foreign"}},
    {"GET /competency/{id}", {"instansi_admin", "unit_head", "hr_developer"}},
    {"GET /api/v1/campaigns/{id}", {"instansi_admin", "unit_head", "hr_developer"}},
    {"GET /api/v1/campaigns/{id}/progress", {"instansi_admin", "unit_head", "hr_developer"}},
    {"GET /competency/{id}/edit", {"instansi_admin", "hr_developer"}},
    {"POST /competency/{id}", {"instansi_admin", "hr_developer"}},
    {"PUT /api/v1/campaigns/{id}", {"instansi_admin", "hr_developer"}},
    {"POST /competency/{id}/open", {"instansi_admin", "hr_developer"}},
    {"POST /api/v1/campaigns/{id}/open", {"instansi_admin", "hr_developer"}},
    {"POST /competency/{id}/close", {"instansi_admin", "hr_developer"}},
    {"POST /api/v1/campaigns/{id}/close", {"instansi_admin", "hr_developer"}},
    {"GET /competency/{id}/people", {"instansi_admin", "hr_developer"}},
    {"GET /competency/{id}/people/{nip}", {"instansi_admin", "hr_developer"}},
    {"POST /competency/{id}/people/{nip}/raters", {"instansi_admin", "hr_developer"}},
    {"GET /api/v1/campaigns/{id}/people/{nip}/raters", {"instansi_admin", "hr_developer"}},
    {"POST /api/v1/campaigns/{id}/people/{nip}/raters", {"instansi_admin", "hr_developer"}},
    {"POST /competency/{id}/assignments/{assignment}/remove", {"instansi_admin", "hr_developer"}},
    {"POST /api/v1/campaigns/{id}/assignments/{assignment}/remove",
     {"instansi_admin", "hr_developer"}},
    // A person's result and plan: the person, their superiors, HR. Not administrators.
    {"GET /competency/{id}/results/{nip}", {"unit_head", "hr_developer"}},
    {"GET /api/v1/campaigns/{id}/results/{nip}", {"unit_head", "hr_developer"}},
    {"GET /competency/{id}/heatmap", {"unit_head", "hr_developer"}},
    {"GET /api/v1/campaigns/{id}/heatmap", {"unit_head", "hr_developer"}},
    {"GET /plans", kAnyUser},
    {"GET /api/v1/plans", {"unit_head", "hr_developer"}},
    {"GET /plans/{nip}", {"unit_head", "hr_developer"}},
    {"GET /api/v1/plans/{nip}", {"unit_head", "hr_developer"}},
    // Changing a plan: the person and their superior; HR reads it only.
    {"POST /plans/{nip}/actions", {"unit_head"}},
    {"POST /api/v1/plans/{nip}/actions", {"unit_head"}},
    {"POST /plans/{nip}/actions/{action}", {"unit_head"}},
    {"PATCH /api/v1/plans/{nip}/actions/{action}", {"unit_head"}},
    {"POST /plans/{nip}/propose", {}},  // the person only, who is none of the callers here
    {"POST /api/v1/plans/{nip}/propose", {}},
    {"POST /plans/{nip}/agree", {"unit_head"}},
    {"POST /api/v1/plans/{nip}/agree", {"unit_head"}},
    {"GET /u/{unit_id}", kEveryone},
    {"GET /u/{unit_id}/board", kEveryone},
    {"GET /u/{unit_id}/events", kEveryone},
    {"GET /kiosk/{key}", kEveryone},
    {"POST /kiosk/{key}/tickets", kAnyUser},
    {"GET /t/{token}", kEveryone},
    {"GET /s/{token}", kEveryone},
    {"POST /s/{token}", kAnyUser},
    {"GET /u/{unit_id}/survey", kEveryone},
    {"POST /u/{unit_id}/survey", kAnyUser},
    {"GET /kiosk/{key}/survey", kEveryone},
    {"POST /kiosk/{key}/survey", kAnyUser},
    // The Dukcapil desk: its head and the administrators; the officer works at the mall's counter.
    {"GET /desk", kAnyUser},
    {"GET /desk/{unit_id}", {"system_admin", "instansi_admin", "unit_head"}},
    {"POST /desk/{unit_id}/tickets", {"unit_head"}},
    {"POST /desk/{unit_id}/kiosk", {"system_admin", "instansi_admin", "unit_head"}},
    {"POST /desk/{unit_id}/settings", {"system_admin", "instansi_admin", "unit_head"}},
    {"GET /desk/{unit_id}/services/new", {"system_admin", "instansi_admin", "unit_head"}},
    {"POST /desk/{unit_id}/services", {"system_admin", "instansi_admin", "unit_head"}},
    {"GET /desk/{unit_id}/services/{service}", {"system_admin", "instansi_admin", "unit_head"}},
    {"POST /desk/{unit_id}/services/{service}", {"system_admin", "instansi_admin", "unit_head"}},
    {"GET /desk/{unit_id}/counters/{counter}", {"unit_head"}},
    {"POST /desk/{unit_id}/counters/{counter}/call", {"unit_head"}},
    {"POST /desk/{unit_id}/counters/{counter}/step", {"unit_head"}},
    {"GET /desk/{unit_id}/results",
     {"system_admin", "instansi_admin", "unit_head", "hr_developer", "auditor"}},
    {"GET /desk/{unit_id}/followup",
     {"system_admin", "instansi_admin", "unit_head", "hr_developer", "auditor"}},
    {"POST /desk/{unit_id}/followup", {"system_admin", "instansi_admin", "unit_head"}},
    {"POST /desk/{unit_id}/followup/{id}/status", {"system_admin", "instansi_admin", "unit_head"}},
    {"GET /desk/{unit_id}/report.pdf",
     {"system_admin", "instansi_admin", "unit_head", "hr_developer", "auditor"}},
    {"GET /desk/{unit_id}/responses.xlsx",
     {"system_admin", "instansi_admin", "unit_head", "hr_developer", "auditor"}},
    // {nip} is a staff member of Dukcapil's service division: results per officer are
    // for the officer (through /feedback) and the head of their unit only.
    {"GET /desk/{unit_id}/results/{nip}", {"unit_head"}},
    // Anyone linked to an ASN record sees their own (the others get "not linked").
    {"GET /feedback", {"officer", "unit_head", "hr_developer"}},
    {"GET /desk/{unit_id}/entry", {"instansi_admin", "unit_head"}},
    {"POST /desk/{unit_id}/entry", {"instansi_admin", "unit_head"}},
    // Learning. One's own learning needs a linked ASN record (the unit head, the
    // officer and HR have one); {nip} is in the Dukcapil head's subtree, so a person's
    // record is for that head and HR, never administrators. {id} is the open
    // excellent-service class, a claim or a request waiting for the Dukcapil head, or
    // next week's Peduli activity (coordinated by that head); a certificate {code} is
    // the officer's.
    // The days-off calendar: read by every user, kept by system administrators. {day} is
    // a day off of the shipped calendar (a different one for the page and the API).
    {"GET /holidays", kAnyUser},
    {"POST /holidays", kSystemAdmin},
    {"POST /holidays/import", kSystemAdmin},
    {"POST /holidays/{day}/delete", kSystemAdmin},
    {"GET /api/v1/holidays", kAnyUser},
    {"PUT /api/v1/holidays/{day}", kSystemAdmin},
    {"DELETE /api/v1/holidays/{day}", kSystemAdmin},
    {"POST /api/v1/holidays/import", kSystemAdmin},
    {"GET /learning", kAnyUser},
    {"POST /learning/classes/{id}/request", kLinked},
    {"POST /learning/claims", kLinked},
    {"GET /learning/claims/{id}/evidence", {"unit_head", "hr_developer"}},
    {"GET /learning/people/{nip}", {"unit_head", "hr_developer"}},
    {"GET /learning/approvals", {"unit_head"}},
    {"POST /learning/enrolments/{id}/decision", {"unit_head"}},
    {"POST /api/v1/learning/enrolments/{id}/decision", {"unit_head"}},
    {"POST /learning/claims/{id}/decision", {"unit_head"}},
    {"POST /api/v1/learning/claims/{id}/decision", {"unit_head"}},
    {"GET /certificates/{code}/pdf", {"officer", "hr_developer"}},
    {"GET /v/{code}", kEveryone},
    {"GET /api/v1/certificates/{code}", kEveryone},
    {"GET /api/v1/learning/me", kLinked},
    {"GET /api/v1/learning/people/{nip}", {"unit_head", "hr_developer"}},
    {"GET /api/v1/learning/people/{nip}/xapi", {"unit_head", "hr_developer"}},
    {"GET /api/v1/learning/approvals", {"unit_head"}},
    {"GET /api/v1/learning/open-classes", kLinked},
    {"POST /api/v1/learning/classes/{id}/enrolments", kLinked},
    {"POST /api/v1/learning/claims", kLinked},
    // Running programmes: administrators and HR of their own instansi.
    {"GET /learning/programmes", kLearningManagers},
    {"GET /learning/programmes/new", kLearningManagers},
    {"POST /learning/programmes", kLearningManagers},
    {"GET /learning/programmes/{code}", kSambasLearningManagers},
    {"POST /learning/programmes/{code}", kSambasLearningManagers},
    {"POST /learning/programmes/{code}/classes", kSambasLearningManagers},
    {"GET /learning/classes/{id}", kSambasLearningManagers},
    {"POST /learning/classes/{id}/enrol", kSambasLearningManagers},
    {"POST /learning/classes/{id}/attendance", kSambasLearningManagers},
    {"POST /learning/classes/{id}/completion", kSambasLearningManagers},
    {"POST /learning/classes/{id}/status", kSambasLearningManagers},
    {"GET /api/v1/learning/programmes", kLearningManagers},
    {"POST /api/v1/learning/programmes", kLearningManagers},
    {"PUT /api/v1/learning/programmes/{code}", kSambasLearningManagers},
    {"GET /api/v1/learning/programmes/{code}/classes", kSambasLearningManagers},
    {"POST /api/v1/learning/programmes/{code}/classes", kSambasLearningManagers},
    {"GET /api/v1/learning/classes/{id}", kSambasLearningManagers},
    {"POST /api/v1/learning/classes/{id}/attendance", kSambasLearningManagers},
    {"POST /api/v1/learning/classes/{id}/completion", kSambasLearningManagers},
    // Compliance: counts per unit for those who run learning and unit heads; lists of
    // people for HR and unit heads.
    {"GET /learning/compliance", {"instansi_admin", "unit_head", "hr_developer", "foreign"}},
    {"GET /api/v1/learning/compliance", {"instansi_admin", "unit_head", "hr_developer", "foreign"}},
    {"GET /learning/compliance/people", {"unit_head", "hr_developer"}},
    {"GET /api/v1/learning/compliance/people", {"unit_head", "hr_developer"}},
    {"GET /learning/compliance.xlsx", {"unit_head", "hr_developer"}},
    {"GET /learning/import", kLearningManagers},
    {"POST /learning/import", kLearningManagers},
    {"POST /api/v1/learning/lms-import", kLearningManagers},
    {"GET /learning/settings", kLearningManagers},
    {"POST /learning/settings", kLearningManagers},
    {"GET /api/v1/learning/settings", kLearningManagers},
    {"PUT /api/v1/learning/settings", kLearningManagers},
    // Peduli: everyone of the instansi sees its activities and signs up (with an ASN
    // record); HR runs them; the coordinator confirms and closes.
    {"GET /peduli", kAnyUser},
    {"GET /peduli/new", kLearningManagers},
    {"POST /peduli", kLearningManagers},
    {"GET /peduli/reflections", kAnyUser},
    {"GET /peduli/evaluation", {"instansi_admin", "unit_head", "hr_developer", "foreign"}},
    {"GET /api/v1/peduli/evaluation", {"instansi_admin", "unit_head", "hr_developer", "foreign"}},
    {"GET /peduli/{id}", kSambasUsers},
    {"GET /api/v1/peduli/activities/{id}", kSambasUsers},
    {"POST /peduli/{id}", kSambasLearningManagers},
    {"GET /peduli/{id}/edit", kSambasLearningManagers},
    {"POST /peduli/{id}/signup", kLinked},
    {"POST /peduli/{id}/cancel", kLinked},
    {"POST /api/v1/peduli/activities/{id}/signup", kLinked},
    {"POST /api/v1/peduli/activities/{id}/cancel", kLinked},
    {"POST /peduli/{id}/confirm", kCoordinators},
    {"POST /api/v1/peduli/activities/{id}/attendance", kCoordinators},
    {"POST /peduli/{id}/close", kCoordinators},
    {"POST /api/v1/peduli/activities/{id}/close", kCoordinators},
    {"GET /peduli/{id}/reflection", kLinked},
    {"POST /peduli/{id}/reflection", kLinked},
    {"PUT /api/v1/peduli/activities/{id}/reflection", kLinked},
    {"GET /api/v1/peduli/activities", kAnyUser},
    {"POST /api/v1/peduli/activities", kLearningManagers},
    // Complaints: citizens report and follow with the tracking code, no account (a page's
    // form carries the public form token, which "anonymous" here does not send); staff
    // lists are filtered to the caller's instansi and role; a report (verified, at the
    // Dukcapil unit) is read by its handlers, the head of its unit and auditors, never
    // another instansi; steps by who takes them.
    {"GET /lapor", kEveryone},
    {"POST /lapor", kAnyUser},
    {"GET /lapor/netralitas", kEveryone},
    {"POST /lapor/netralitas", kAnyUser},
    {"GET /lapor/lacak", kEveryone},
    {"POST /lapor/lacak", kAnyUser},
    {"POST /lapor/lacak/balas", kAnyUser},
    {"POST /lapor/lacak/konfirmasi", kAnyUser},
    {"POST /lapor/lacak/buka", kAnyUser},
    {"POST /lapor/lacak/nilai", kAnyUser},
    {"GET /lapor/statistik", kEveryone},
    {"GET /lapor/poster/{unit_id}", kEveryone},
    {"POST /api/v1/complaints", kEveryone},
    {"GET /api/v1/complaints/track/{code}", kEveryone},
    {"POST /api/v1/complaints/track/{code}/reply", kEveryone},
    {"POST /api/v1/complaints/track/{code}/confirm", kEveryone},
    {"POST /api/v1/complaints/track/{code}/reopen", kEveryone},
    {"POST /api/v1/complaints/track/{code}/rate", kEveryone},
    {"GET /api/v1/complaints/statistics", kEveryone},
    {"GET /complaints", kComplaintListers},
    {"GET /complaints/export.xlsx", kComplaintListers},
    {"GET /complaints/settings", {"instansi_admin", "foreign"}},
    {"POST /complaints/settings", {"instansi_admin", "foreign"}},
    {"GET /api/v1/complaints", kComplaintListers},
    {"GET /complaints/{id}", kComplaintReaders},
    {"GET /api/v1/complaints/{id}", kComplaintReaders},
    {"GET /complaints/{id}/files/{file}", kComplaintReaders},
    {"POST /complaints/{id}/verify", kComplaintHandlers},
    {"POST /complaints/{id}/ask", kComplaintHandlers},
    {"POST /complaints/{id}/forward", kComplaintHandlers},
    {"POST /complaints/{id}/forward-outside", kComplaintHandlers},
    {"POST /complaints/{id}/merge", kComplaintHandlers},
    {"POST /complaints/{id}/return", kComplaintHandlers},
    {"POST /complaints/{id}/answer", kComplaintHandlers},
    {"POST /complaints/{id}/reveal", kComplaintHandlers},
    {"POST /complaints/{id}/assign", {"unit_head"}},
    {"POST /complaints/{id}/draft", {"unit_head"}},
    // Not a neutrality report: nobody records neutrality details on it.
    {"POST /complaints/{id}/neutrality", {}},
    {"POST /api/v1/complaints/{id}/verify", kComplaintHandlers},
    {"POST /api/v1/complaints/{id}/ask", kComplaintHandlers},
    {"POST /api/v1/complaints/{id}/forward", kComplaintHandlers},
    {"POST /api/v1/complaints/{id}/forward-outside", kComplaintHandlers},
    {"POST /api/v1/complaints/{id}/merge", kComplaintHandlers},
    {"POST /api/v1/complaints/{id}/return", kComplaintHandlers},
    {"POST /api/v1/complaints/{id}/answer", kComplaintHandlers},
    {"POST /api/v1/complaints/{id}/reveal", kComplaintHandlers},
    {"POST /api/v1/complaints/{id}/assign", {"unit_head"}},
    {"POST /api/v1/complaints/{id}/draft", {"unit_head"}},
    {"POST /api/v1/complaints/{id}/neutrality", {}},
    {"GET /api/v1/complaints/settings", kAnyUser},
    {"PUT /api/v1/complaints/settings", {"instansi_admin", "foreign"}},
    {"GET /harmony", kHarmonyStaff},
    {"POST /harmony/watch", kHarmonyStaff},
    {"POST /harmony/watch/{id}/close", kCaseHandler},
    {"GET /harmony/mine", kAnyUser},
    {"GET /harmony/settings", {"instansi_admin", "foreign"}},
    {"POST /harmony/settings", {"instansi_admin", "foreign"}},
    {"GET /harmony/cases", kHarmonyStaff},
    {"GET /harmony/cases/new", kCaseHandler},
    {"POST /harmony/cases", kCaseHandler},
    {"GET /harmony/cases/{id}", kHarmonyStaff},
    {"POST /harmony/cases/{id}/analysis", kCaseHandler},
    {"POST /harmony/cases/{id}/parties", kCaseHandler},
    {"POST /harmony/cases/{id}/findings", kCaseHandler},
    {"POST /harmony/cases/{id}/causes", kCaseHandler},
    {"POST /harmony/cases/{id}/rule", kCaseHandler},
    {"POST /harmony/cases/{id}/sessions", kCaseHandler},
    {"POST /harmony/cases/{id}/agreements", kCaseHandler},
    {"POST /harmony/cases/{id}/checks", kCaseHandler},
    {"POST /harmony/cases/{id}/monitoring", kCaseHandler},
    {"POST /harmony/cases/{id}/close", kCaseHandler},
    {"POST /harmony/cases/{id}/reopen", kCaseHandler},
    {"POST /harmony/cases/{id}/lessons", kCaseHandler},
    {"GET /api/v1/harmony/overview", kHarmonyStaff},
    {"POST /api/v1/harmony/watch", kHarmonyStaff},
    {"POST /api/v1/harmony/watch/{id}/close", kCaseHandler},
    {"GET /api/v1/harmony/settings", kInstansiUsers},
    {"PUT /api/v1/harmony/settings", {"instansi_admin", "foreign"}},
    {"GET /api/v1/harmony/cases", kHarmonyStaff},
    {"POST /api/v1/harmony/cases", kCaseHandler},
    {"GET /api/v1/harmony/cases/{id}", kHarmonyStaff},
    {"POST /api/v1/harmony/cases/{id}/analysis", kCaseHandler},
    {"POST /api/v1/harmony/cases/{id}/parties", kCaseHandler},
    {"POST /api/v1/harmony/cases/{id}/findings", kCaseHandler},
    {"POST /api/v1/harmony/cases/{id}/causes", kCaseHandler},
    {"POST /api/v1/harmony/cases/{id}/rule", kCaseHandler},
    {"POST /api/v1/harmony/cases/{id}/sessions", kCaseHandler},
    {"POST /api/v1/harmony/cases/{id}/agreements", kCaseHandler},
    {"POST /api/v1/harmony/cases/{id}/checks", kCaseHandler},
    {"POST /api/v1/harmony/cases/{id}/monitoring", kCaseHandler},
    {"POST /api/v1/harmony/cases/{id}/close", kCaseHandler},
    {"POST /api/v1/harmony/cases/{id}/reopen", kCaseHandler},
    {"POST /api/v1/harmony/cases/{id}/lessons", kCaseHandler},
    {"GET /kb", kAnyUser},
    {"GET /kb/new", kWriters},
    {"GET /kb/studies", {"hr_developer"}},
    {"POST /kb/articles", kWriters},
    {"GET /kb/articles/{id}", kSambasUsers},
    {"GET /kb/articles/{id}/edit", kCaseHandler},
    {"POST /kb/articles/{id}", kCaseHandler},
    // A published article: nothing to submit or approve.
    {"POST /kb/articles/{id}/submit", {}},
    {"POST /kb/articles/{id}/approve", {}},
    {"POST /kb/articles/{id}/return", {}},
    {"POST /kb/articles/{id}/withdraw", kWriters},
    {"POST /kb/articles/{id}/study", kLinked},
    {"POST /kb/articles/{id}/programmes", kSambasLearningManagers},
    {"GET /api/v1/kb/search", kAnyUser},
    {"GET /api/v1/kb/articles", kAnyUser},
    {"POST /api/v1/kb/articles", kWriters},
    {"GET /api/v1/kb/articles/{id}", kSambasUsers},
    {"POST /api/v1/kb/articles/{id}/submit", {}},
    {"POST /api/v1/kb/articles/{id}/approve", {}},
    {"POST /api/v1/kb/articles/{id}/return", {}},
    {"POST /api/v1/kb/articles/{id}/withdraw", kWriters},
    {"POST /api/v1/kb/articles/{id}/study", kLinked},
    {"POST /api/v1/kb/articles/{id}/programmes", kSambasLearningManagers},
    {"GET /api/v1/kb/studies", {"hr_developer"}},
};

// The smallest PNG: one transparent pixel.
constexpr unsigned char kOnePixelPng[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
    0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9c, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01, 0x7a, 0x5e, 0xab, 0x3f,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
constexpr const char* kKioskKey = "authz-kiosk-key-0123456789abcdef";
constexpr const char* kTicketToken = "authz-ticket-token-0123456789abcdef";

struct Session {
  std::string token, csrf;
};

class Authz : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auth::set_password_cost(auth::PasswordCost::kTest);
    t_ = open_backend(GetParam());
    auto built = demo::build_demo(*t_.db, clock_, test_vault(), 1);
    ASSERT_TRUE(built.ok()) << built.error().internal_detail;
    ASSERT_TRUE(calendar::load_shipped_calendar(*t_.db, 1).ok());
    catalogs_ = std::make_unique<i18n::Catalogs>(i18n::Catalogs::load_embedded().release_value());
    templates_ = std::make_unique<Templates>(Templates::load_embedded(*catalogs_).release_value());
    auth_ = std::make_unique<auth::AuthStore>(*t_.db, clock_, random_);
    app_ = std::make_unique<web::App>(web::Services{config_, *t_.db, clock_, random_, test_vault(),
                                                    *catalogs_, *templates_, *auth_, hub_});
    cli::register_all_routes(*app_);
    for (const auto& [actor, email] : kEmails) {
      auto s =
          auth_->login(email, demo::kDemoPassword, "10.9.8." + std::to_string(sessions_.size()));
      ASSERT_TRUE(s.ok()) << email;
      sessions_[actor] = Session{s->token, s->principal.csrf_token};
    }
    // Path parameters point into Kabupaten Sambas, inside the Dukcapil unit head's
    // subtree but not at the officer's own record.
    auto nip = t_.db->read([&](db::Tx& tx) -> Result<std::string> {
      auto row =
          TRY(tx.query_one("SELECT a.nip FROM asn a JOIN units u ON u.id = a.unit_id WHERE u.code "
                           "= 'DUKCAPIL-PDP' ORDER BY a.nip LIMIT 1"));
      return row->text(0);
    });
    nip_ = nip.value();
    auto user_id = t_.db->read([&](db::Tx& tx) {
      return tx.scalar_i64("SELECT id FROM users WHERE email = 'petugas.mpp@harmoni.demo'");
    });
    user_id_ = user_id.value();
    auto token_owner = t_.db->write(
        [&](db::Tx& tx) { return auth_->create_api_token(tx, user_id_, "the officer's"); });
    token_id_ =
        t_.db->read([&](db::Tx& tx) { return tx.scalar_i64("SELECT max(id) FROM api_tokens"); })
            .value();
    ASSERT_TRUE(token_owner.ok());
    dukcapil_id_ = t_.db
                       ->read([&](db::Tx& tx) {
                         return tx.scalar_i64(
                             "SELECT u.id FROM units u JOIN instansi i ON i.id = u.instansi_id "
                             "WHERE i.code = 'KAB-SAMBAS' AND u.code = 'DUKCAPIL'");
                       })
                       .value();
    // A kiosk link and a ticket (already served) for the citizens' pages.
    auto ticket = t_.db->write([&](db::Tx& tx) -> Status {
      TRY(desk::set_kiosk_key_hash(tx, dukcapil_id_, auth::sha256_hex(kKioskKey), 1));
      auto service = TRY(desk::find_service(tx, dukcapil_id_, "KTP-EL"));
      queue::IssueRequest q{.unit_id = dukcapil_id_,
                            .service = &*service,
                            .day = "2026-11-23",
                            .now_ms = 1,
                            .survey_token_hash = auth::sha256_hex(kTicketToken)};
      queue::Ticket t = TRY(queue::issue_ticket(tx, q));
      TRY(tx.exec("UPDATE tickets SET status = 'done' WHERE id = ?", {t.id}));
      survey::FollowUp plan{.unit_id = dukcapil_id_,
                            .period_from = "2026-07-01",
                            .period_to = "2026-09-30",
                            .element = "U3",
                            .issue = "Antrean lama",
                            .action = "Loket tambahan",
                            .responsible = "Kepala",
                            .due_date = "2026-12-31"};
      followup_id_ = TRY(survey::insert_followup(tx, plan, std::nullopt, 1));
      return {};
    });
    ASSERT_TRUE(ticket.ok()) << ticket.error().internal_detail;
    // The demo's 360 campaigns: last year's closed one, and a form the officer has still to send.
    auto ids = t_.db->read([&](db::Tx& tx) -> Result<std::tuple<int64_t, int64_t, int64_t>> {
      int64_t closed = TRY(tx.scalar_i64("SELECT MIN(id) FROM campaigns WHERE status = 'closed'"));
      int64_t assignment = TRY(
          tx.scalar_i64("SELECT MIN(id) FROM rater_assignments WHERE campaign_id = ?", {closed}));
      int64_t form =
          TRY(tx.scalar_i64("SELECT MIN(ra.id) FROM rater_assignments ra JOIN campaigns c ON c.id "
                            "= ra.campaign_id JOIN users u ON "
                            "u.asn_id = ra.rater_asn_id WHERE c.status = 'open' AND ra.status = "
                            "'pending' AND u.email = 'petugas.mpp@harmoni.demo'"));
      return std::tuple{closed, assignment, form};
    });
    ASSERT_TRUE(ids.ok());
    std::tie(closed_campaign_id_, closed_assignment_id_, officer_form_id_) = *ids;
    ASSERT_GT(officer_form_id_, 0) << "the demo leaves the officer forms to send";
    // The demo's learning: an open class, a claim and a request waiting for the Dukcapil
    // head, the officer's certificate, next week's Peduli activity.
    auto learning = t_.db->read([&](db::Tx& tx) -> Status {
      open_class_id_ = TRY(tx.scalar_i64(
          "SELECT MIN(c.id) FROM classes c JOIN programmes p ON p.id = c.programme_id "
          "WHERE p.code = 'PRIMA-01'"));
      waiting_claim_id_ =
          TRY(tx.scalar_i64("SELECT MIN(id) FROM learning_claims WHERE status = 'submitted'"));
      waiting_request_id_ =
          TRY(tx.scalar_i64("SELECT MIN(id) FROM enrolments WHERE status = 'requested'"));
      coming_activity_id_ =
          TRY(tx.scalar_i64("SELECT MAX(id) FROM peduli_activities WHERE status = 'planned'"));
      auto code =
          TRY(tx.query_one("SELECT c.code FROM certificates c JOIN users u ON u.asn_id = c.asn_id "
                           "WHERE u.email = 'petugas.mpp@harmoni.demo'"));
      if (!code) return Error::internal("the demo officer has no certificate");
      certificate_code_ = code->text(0);
      return {};
    });
    ASSERT_TRUE(learning.ok()) << learning.error().internal_detail;
    ASSERT_GT(open_class_id_ * waiting_claim_id_ * waiting_request_id_ * coming_activity_id_, 0);
    // A citizen's report with a photograph, verified and given to the Dukcapil unit.
    auto handler = t_.db->read([&](db::Tx& tx) -> Result<auth::Principal> {
      auto row = TRY(tx.query_one(
          "SELECT id, instansi_id FROM users WHERE email = 'penanganan.kasus@harmoni.demo'"));
      return auth::Principal{
          .user_id = row->i64(0), .role = auth::Role::kCaseHandler, .instansi_id = row->i64(1)};
    });
    ASSERT_TRUE(handler.ok());
    const Env env{*t_.db, clock_, random_, test_vault()};
    complaints::Submission report{
        .report = {.description = "Petugas loket tidak ramah kepada pemohon lansia.",
                   .happened_on = date_in_wib(clock_.now_ms()),
                   .identity = complaints::Identity::kConfidential,
                   .name = "Siti Aminah",
                   .contact = "siti@contoh.id"},
        .unit_id = dukcapil_id_,
        .service_code = "KTP-EL",
        .evidence = std::string(reinterpret_cast<const char*>(kOnePixelPng), sizeof kOnePixelPng)};
    auto receipt = complaints::submit_report(env, Actor{.source = "10.9.9.9"}, report);
    ASSERT_TRUE(receipt.ok()) << receipt.error().key;
    complaint_id_ = receipt->id;
    tracking_code_ = receipt->tracking_code;
    ASSERT_TRUE(complaints::verify(
                    env, Actor{.principal = &*handler}, complaint_id_,
                    {.category = complaints::Category::kOfficerConduct, .unit_id = dukcapil_id_})
                    .ok());
    // An inbox item of the officer's.
    ASSERT_TRUE(t_.db
                    ->write([&](db::Tx& tx) {
                      return inbox::notify(tx, user_id_, "inbox.complaint_assigned", {{"id", "1"}},
                                           "/complaints/1", 1);
                    })
                    .ok());
    inbox_item_id_ =
        t_.db->read([](db::Tx& tx) { return tx.scalar_i64("SELECT MAX(id) FROM inbox"); }).value();
    complaint_file_id_ =
        t_.db->read([](db::Tx& tx) { return tx.scalar_i64("SELECT MIN(id) FROM complaint_files"); })
            .value();
    // The demo's harmony: a case of the Dukcapil unit, Sambas's watch note, an article
    // published for Sambas only.
    auto harmony = t_.db->read([&](db::Tx& tx) -> Status {
      harmony_case_id_ = TRY(tx.scalar_i64(
          "SELECT MIN(c.id) FROM harmony_cases c JOIN units u ON u.id = c.unit_id WHERE u.code = "
          "'DUKCAPIL' AND c.status <> 'closed'"));
      watch_note_id_ = TRY(tx.scalar_i64(
          "SELECT MIN(w.id) FROM harmony_watch_notes w JOIN instansi i ON i.id = w.instansi_id "
          "WHERE i.code = 'KAB-SAMBAS'"));
      article_id_ = TRY(tx.scalar_i64(
          "SELECT MIN(id) FROM kb_articles WHERE scope = 'instansi' AND state = 'published' AND "
          "case_id IS NULL"));
      return {};
    });
    ASSERT_TRUE(harmony.ok());
    ASSERT_GT(harmony_case_id_ * watch_note_id_ * article_id_, 0);
  }

  std::string fill(const std::string& pattern) {
    std::string path = pattern;
    auto replace = [&](const std::string& from, const std::string& to) {
      for (size_t at; (at = path.find(from)) != std::string::npos;)
        path.replace(at, from.size(), to);
    };
    if (pattern.find("/complaints/track/") != std::string::npos) replace("{code}", tracking_code_);
    if (pattern.find("/harmony/cases/") != std::string::npos)
      replace("{id}", std::to_string(harmony_case_id_));
    if (pattern.find("/harmony/watch/") != std::string::npos)
      replace("{id}", std::to_string(watch_note_id_));
    if (pattern.find("/kb/articles/") != std::string::npos)
      replace("{id}", std::to_string(article_id_));
    if (pattern.starts_with("/complaints/") || pattern.starts_with("/api/v1/complaints/")) {
      replace("{id}", std::to_string(complaint_id_));
      replace("{file}", std::to_string(complaint_file_id_));
    }
    const bool certificate_route = pattern.starts_with("/certificates/") ||
                                   pattern.starts_with("/v/") ||
                                   pattern.starts_with("/api/v1/certificates/");
    replace("{code}", certificate_route                                  ? certificate_code_
                      : pattern.find("programmes/") != std::string::npos ? "PB-101"
                                                                         : "KAB-SAMBAS");
    if (pattern.find("learning/classes/") != std::string::npos)
      replace("{id}", std::to_string(open_class_id_));
    if (pattern.find("learning/claims/") != std::string::npos)
      replace("{id}", std::to_string(waiting_claim_id_));
    if (pattern.find("learning/enrolments/") != std::string::npos)
      replace("{id}", std::to_string(waiting_request_id_));
    if (pattern.starts_with("/peduli/") || pattern.starts_with("/api/v1/peduli/")) {
      replace("{id}", std::to_string(coming_activity_id_));
    }
    replace("{day}", pattern.starts_with("/api/") ? "2026-08-17" : "2026-06-01");
    replace("{unit}", "DUKCAPIL");
    replace("{position}", "OPERATOR-LAYANAN");
    replace("{nip}", nip_);
    const bool rater_route =
        pattern.starts_with("/360/") || pattern.starts_with("/api/v1/assignments/");
    const bool campaign_route =
        pattern.starts_with("/competency/") || pattern.starts_with("/api/v1/campaigns/");
    if (pattern.starts_with("/inbox/")) replace("{id}", std::to_string(inbox_item_id_));
    replace("{id}", pattern.find("tokens") != std::string::npos     ? std::to_string(token_id_)
                    : pattern.find("followup") != std::string::npos ? std::to_string(followup_id_)
                    : rater_route    ? std::to_string(officer_form_id_)
                    : campaign_route ? std::to_string(closed_campaign_id_)
                                     : std::to_string(user_id_));
    replace("{assignment}", std::to_string(closed_assignment_id_));
    replace("{action}", "1");
    replace("{name}", "app.css");
    replace("{unit_id}", std::to_string(dukcapil_id_));
    replace("{service}", "KTP-EL");
    replace("{key}", kKioskKey);
    replace("{token}", kTicketToken);
    replace("{counter}", "LOKET-1");
    return path;
  }

  http::Response call(const std::string& actor, const std::string& method,
                      const std::string& target, const std::string& body = "",
                      const std::string& type = "") {
    http::Request req;
    req.method = method;
    req.target = target;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    req.remote_addr = "127.0.0.1";
    req.request_id = "authz";
    req.headers.emplace_back("host", "harmoni.test");
    auto it = sessions_.find(actor);
    if (it != sessions_.end()) {
      req.headers.emplace_back("cookie", "harmoni_session=" + it->second.token);
      req.headers.emplace_back("x-csrf-token", it->second.csrf);
    }
    if (!type.empty()) req.headers.emplace_back("content-type", type);
    req.body = body;
    return app_->handle(req);
  }

  int64_t audit_seq() {
    return t_.db
        ->read([](db::Tx& tx) { return tx.scalar_i64("SELECT seq FROM audit_head WHERE id = 1"); })
        .value();
  }

  SystemClock clock_;
  SystemRandom random_;
  Config config_;
  TestDatabase t_;
  std::unique_ptr<i18n::Catalogs> catalogs_;
  std::unique_ptr<Templates> templates_;
  std::unique_ptr<auth::AuthStore> auth_;
  events::Hub hub_{"test"};
  std::unique_ptr<web::App> app_;
  std::map<std::string, Session> sessions_;
  std::string nip_;
  int64_t user_id_ = 0, token_id_ = 0, dukcapil_id_ = 0, followup_id_ = 0;
  int64_t closed_campaign_id_ = 0, closed_assignment_id_ = 0, officer_form_id_ = 0;
  int64_t open_class_id_ = 0, waiting_claim_id_ = 0, waiting_request_id_ = 0,
          coming_activity_id_ = 0;
  std::string certificate_code_;
  int64_t complaint_id_ = 0, complaint_file_id_ = 0, inbox_item_id_ = 0;
  int64_t harmony_case_id_ = 0, watch_note_id_ = 0, article_id_ = 0;
  std::string tracking_code_;
};

bool denied(const http::Response& r) {
  if (r.status == 401 || r.status == 403 || r.status == 404) return true;
  return r.status == 303 && r.header("Location").rfind("/login", 0) == 0;
}

TEST_P(Authz, EveryRouteWithEveryRole) {
  std::set<std::string> seen;
  for (const auto& route : app_->router().routes()) {
    std::string key = route.method + " " + route.pattern;
    seen.insert(key);
    auto expected = kExpected.find(key);
    ASSERT_NE(expected, kExpected.end()) << "no authorisation expectation for " << key;
    // Writes carry an empty body: allowed callers get a validation error at worst,
    // and a denied write must leave no trace.
    bool api = route.pattern.rfind("/api/", 0) == 0;
    for (const auto& actor : kActors) {
      if (key == "POST /logout" || key == "POST /account/password" || key == "POST /login")
        continue;
      int64_t before = audit_seq();
      auto res = route.method == "GET"
                     ? call(actor, "GET", fill(route.pattern))
                     : call(actor, route.method, fill(route.pattern), api ? "{}" : "",
                            api ? "application/json" : "application/x-www-form-urlencoded");
      // A new kiosk link stops the old one, which the kiosk routes are tried with.
      if (key == "POST /desk/{unit_id}/kiosk") {
        ASSERT_TRUE(t_.db
                        ->write([&](db::Tx& tx) {
                          return desk::set_kiosk_key_hash(tx, dukcapil_id_,
                                                          auth::sha256_hex(kKioskKey), 1);
                        })
                        .ok());
      }
      // A withdrawn article comes back, for the next caller and the routes after.
      if (key.ends_with("/kb/articles/{id}/withdraw")) {
        ASSERT_TRUE(t_.db
                        ->write([&](db::Tx& tx) {
                          return tx.exec("UPDATE kb_articles SET state = 'published' WHERE id = ?",
                                         {article_id_});
                        })
                        .ok());
      }
      bool allowed = expected->second.contains(actor);
      EXPECT_LT(res.status, 500) << actor << " broke " << key << ": " << res.body.substr(0, 300);
      if (allowed) {
        EXPECT_FALSE(denied(res)) << actor << " should reach " << key << " but got " << res.status;
      } else {
        EXPECT_TRUE(denied(res)) << actor << " must not reach " << key << " but got " << res.status;
        if (route.method != "GET") {
          EXPECT_EQ(audit_seq(), before) << actor << " changed something through " << key;
        }
      }
    }
  }
  for (const auto& [key, _] : kExpected)
    EXPECT_TRUE(seen.contains(key)) << "expectation for a missing route " << key;
}

TEST_P(Authz, ListsShowOnlyWhatTheCallerMaySee) {
  auto instansi = json::parse(call("foreign", "GET", "/api/v1/instansi").body);
  ASSERT_EQ(instansi["items"].size(), 1u);
  EXPECT_EQ(instansi["items"][0]["code"], "PROV-KALBAR");
  auto units = call("foreign", "GET", "/api/v1/units").body;
  EXPECT_EQ(units.find("KAB-SAMBAS"), std::string::npos);
  auto users = call("foreign", "GET", "/api/v1/users").body;
  EXPECT_EQ(users.find("sambas"), std::string::npos);
  EXPECT_NE(users.find("admin.kalbar"), std::string::npos);
  auto own = json::parse(call("officer", "GET", "/api/v1/instansi/KAB-SAMBAS/asn").body);
  ASSERT_EQ(own["items"].size(), 1u) << "an officer sees only their own record";
  auto subtree =
      json::parse(call("unit_head", "GET", "/api/v1/instansi/KAB-SAMBAS/asn?limit=500").body);
  for (const auto& item : subtree["items"]) {
    EXPECT_EQ(item["unit"].get<std::string>().rfind("DUKCAPIL", 0), 0u) << item["unit"];
  }
  auto page = call("unit_head", "GET", "/instansi/KAB-SAMBAS/asn?q=" + nip_.substr(0, 6));
  EXPECT_EQ(page.status, 200);
}

TEST_P(Authz, OfficerResultsOnlyForTheirHead) {
  const std::string ikm = "/api/v1/ikm?unit=" + std::to_string(dukcapil_id_) + "&officer=" + nip_;
  const std::string results = "/desk/" + std::to_string(dukcapil_id_) + "/results";
  const std::string officer_link = results + "/";      // each officer row links to its detail
  const int year = date_in_wib(clock_.now_ms()).year;  // the demo's history is the past year
  const std::string period = fmt::format("?from={}-01-01&to={}-12-31", year - 1, year);
  EXPECT_EQ(call("unit_head", "GET", ikm).status, 200);
  auto head_page = call("unit_head", "GET", results + period);
  ASSERT_NE(head_page.body.find(officer_link), std::string::npos)
      << "the demo's survey history names officers";
  for (const char* actor : {"system_admin", "instansi_admin", "hr_developer", "auditor"}) {
    EXPECT_EQ(call(actor, "GET", ikm).status, 403) << actor;
    auto page = call(actor, "GET", results + period);
    EXPECT_EQ(page.status, 200) << actor;
    EXPECT_EQ(page.body.find(officer_link), std::string::npos) << actor << " sees officer rows";
  }
}

TEST_P(Authz, InstansiAdminsCannotEscalate) {
  auto made = call(
      "instansi_admin", "POST", "/api/v1/users",
      R"({"email":"root2@x.id","display_name":"Root","role":"system_admin","password":"long enough password"})",
      "application/json");
  EXPECT_EQ(made.status, 403) << made.body;
  auto moved = call("instansi_admin", "PATCH", "/api/v1/users/" + std::to_string(user_id_),
                    R"({"instansi":"PROV-KALBAR"})", "application/json");
  EXPECT_EQ(moved.status, 403) << moved.body;
  auto other = call(
      "foreign", "POST", "/api/v1/users",
      R"({"email":"spy@x.id","display_name":"Spy","role":"auditor","instansi":"KAB-SAMBAS","password":"long enough password"})",
      "application/json");
  EXPECT_EQ(other.status, 403) << other.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, Authz, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace harmoni::test

// Use cases of the satisfaction survey: a response from any of its doors, the index
// asked of a unit, an instansi or an officer, an officer's own results, the report's
// figures, the export and the follow-up plan. Each owns its transaction, its checks and
// its audit entry, so a check and the write it guards commit together.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "org/org.hpp"
#include "platform/cases/env.hpp"
#include "queue/visits_store.hpp"
#include "survey/export_xlsx.hpp"
#include "survey/followup.hpp"
#include "survey/guard.hpp"
#include "survey/survey.hpp"
#include "survey/survey_store.hpp"

namespace harmoni::survey {

// Today in western Indonesian time.
Date office_today(const Env& env);

// ---- responses ----

// The survey of one visit, opened from the ticket's QR code.
struct FromTicket {
  std::string token;
};
// A unit's public link or its survey kiosk: the citizen picks the service; guards keep
// one source from answering again and again.
struct FromLink {
  org::Unit unit;
  std::string service_code;
  Channel channel = Channel::kLink;                         // link | kiosk
  std::vector<std::pair<std::string, GuardPolicy>> guards;  // source -> policy
};
// A paper form typed in by staff (or sent by another system with an API token).
struct FromPaper {
  org::Unit unit;
  std::string service_code;
  std::string officer_nip;  // who served, if the form says
  Date day;
};
struct SubmitResponse {
  std::variant<FromTicket, FromLink, FromPaper> source;
  Response response;
};
struct Submitted {
  int64_t id = 0;
  std::string service_code;
  Date day;
};
// Checks the answers, the door's own rules (a visit served and not yet answered; a
// service of the unit and the guards; a service and an officer of the instansi) and
// stores the response with its counts, all in one transaction. A paper form is audited.
Result<Submitted> submit_response(const Env& env, const Actor& actor, const SubmitResponse& r);

// A visit's survey as its form needs it.
struct VisitSurvey {
  queue::Visit visit;
  org::Unit unit;
  bool answered = false;
};
Result<VisitSurvey> visit_survey(const Env& env, std::string_view token);

Result<FormOrder> form_order_of(const Env& env, int64_t unit_id);

// ---- results ----

// One named officer's results: their own, or, for the head of a unit above them, theirs
// (that read is audited). Not found when the reader may not see the person.
struct OfficerResults {
  org::Asn officer;
  IndexResult index;
  std::vector<Suggestion> suggestions;
};
struct OfficerQuery {
  std::optional<std::string> nip;  // none: the reader's own results
  std::optional<org::Unit> unit;   // asked from this unit's results (its heads only)
  Date from, to;
};
Result<OfficerResults> officer_results(const Env& env, const Actor& actor, const OfficerQuery& q);

// The index of a unit (optionally one service and/or officer) or of an instansi.
struct IndexQuery {
  std::string unit;                     // unit id as text; "" for a unit head means their own unit
  std::optional<std::string> service;   // code
  std::optional<std::string> instansi;  // code
  std::optional<std::string> officer;   // NIP
  Date from, to;
  Weight weight = Weight::kExact;
};
struct IndexAnswer {
  IndexResult index;
  int64_t population = 0;  // visits served in the period (the sample-size check)
  std::optional<org::Unit> unit;
  std::optional<std::string> service_code;
  std::optional<int64_t> instansi_id;  // when asked for a whole instansi
  std::optional<std::string> officer_nip;
};
Result<IndexAnswer> index_for(const Env& env, const Actor& actor, const IndexQuery& q);

// The index of the unit's last full quarter, else of this quarter so far; none when
// neither has results (the public unit page).
struct QuarterIndex {
  IndexResult index;
  Date from, to;
};
Result<std::optional<QuarterIndex>> latest_quarter_index(const Env& env, int64_t unit_id);

// Everything the unit's SKM report shows, for a period (aggregates only).
struct ReportFigures {
  IndexResult index;
  int64_t population = 0;
  std::string instansi_name;
  // Per profile item (kRespondentItems order): each code ("" for none) and its count.
  std::vector<std::vector<std::pair<std::string, int64_t>>> profile;
  std::vector<Suggestion> suggestions;
  std::vector<FollowUp> followups;
};
Result<ReportFigures> report_figures(const Env& env, const org::Unit& unit, const Date& from,
                                     const Date& to, Weight weight);

// Audits an export of a unit's responses and says what it may hold: the officer column
// only for the unit's heads.
Result<ExportQuery> start_export(const Env& env, const Actor& actor, const org::Unit& unit,
                                 const Date& from, const Date& to);

// ---- the follow-up plan ----

struct FollowUpPlan {
  IndexResult index;  // the period's results the plan follows up
  std::vector<FollowUp> items;
};
Result<FollowUpPlan> followup_plan(const Env& env, const org::Unit& unit, const Date& from,
                                   const Date& to);
Result<int64_t> add_followup(const Env& env, const Actor& actor, const org::Unit& unit,
                             const FollowUp& item);
Result<FollowUp> change_followup_status(const Env& env, const Actor& actor, const org::Unit& unit,
                                        int64_t id, FollowUpStatus status);

}  // namespace harmoni::survey

// Use cases that bring the service point, the queue and the survey together: the staff
// desk page and its settings, the public unit page, and a unit's results (how citizens
// rated the service beside how long they waited).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "complaints/complaint_cases.hpp"
#include "desk/desk.hpp"
#include "org/org.hpp"
#include "platform/cases/env.hpp"
#include "queue/queue_store.hpp"
#include "survey/survey_cases.hpp"

namespace harmoni::office {

// The units with services the caller may run: a unit-scoped user has one; administrators
// choose among their instansi's (a system administrator: every instansi's).
struct ServiceUnit {
  int64_t id = 0;
  std::string name;
  std::string instansi;
};
Result<std::vector<ServiceUnit>> service_units(const Env& env, const Actor& actor);

// The settings a unit manager changes on the desk page, in one form.
struct DeskSettings {
  std::string pledge;
  bool published = true;
  queue::QueuePolicy policy;
  survey::FormOrder form_order = survey::FormOrder::kStandard;
};
Result<DeskSettings> desk_settings(const Env& env, const org::Unit& unit);
// Checks and stores them together, with one audit entry.
Status save_desk_settings(const Env& env, const Actor& actor, const org::Unit& unit,
                          const DeskSettings& settings);

// The staff desk page: for those who manage the desk or work its queue.
struct DeskOverview {
  DeskSettings settings;
  bool has_kiosk = false;
  std::vector<desk::Service> services;  // switched-off ones too
  std::vector<desk::Counter> counters;
  size_t waiting = 0;
};
Result<DeskOverview> desk_overview(const Env& env, const Actor& actor, const org::Unit& unit);

// The unit's public page: its pledge and standards, today's queue, its latest index.
struct PublicUnitView {
  desk::Desk desk;
  std::vector<desk::Service> services;
  queue::QueueView queue;
  std::optional<survey::QuarterIndex> index;
};
Result<PublicUnitView> public_unit_view(const Env& env, const org::Unit& unit);

// A unit's results for a period: the index, the sample against visits served, waiting
// and service times per service and class against the standard, and for the unit's heads
// (audited) the same per officer.
struct OfficerRow {
  org::Asn officer;
  std::optional<survey::IndexResult> index;  // none: served, but nobody rated them
  int64_t served = 0;
  double avg_service_ms = 0;
};
struct UnitResults {
  survey::IndexResult index;
  int64_t population = 0;
  std::vector<queue::TimeStats> times;
  std::map<int64_t, std::string> service_names;
  bool officers_shown = false;
  std::vector<OfficerRow> officers;  // by officer id
  // Complaint handling of the unit in the months of the period, beside U8 (the survey's
  // element on complaint handling); small groups withheld as on the public page.
  complaints::Statistics complaints;
};
Result<UnitResults> unit_results(const Env& env, const Actor& actor, const org::Unit& unit,
                                 const Date& from, const Date& to);

}  // namespace harmoni::office

// Storage of survey responses and the answer counts behind every index. A response
// and its counts are written in one transaction, so an index never disagrees with
// the responses. SQL stays in this file's .cpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/util/clock.hpp"
#include "survey/guard.hpp"
#include "survey/survey.hpp"

namespace harmoni::survey {

// The id of the built-in 2017 questionnaire (data/skm/skm2017.json), stored on first use.
Result<int64_t> builtin_questionnaire_id(db::Tx& tx, int64_t now);

struct StoredResponse {
  int64_t unit_id = 0;
  int64_t instansi_id = 0;
  int64_t service_id = 0;
  std::optional<int64_t> officer_asn_id;  // who served (from the ticket or the entry form)
  int64_t questionnaire_id = 0;
  Channel channel = Channel::kPaper;
  std::optional<int64_t> ticket_id;  // one response per ticket (a unique column)
  int64_t submitted_at_ms = 0;
  Date day;  // the office day of the visit
  Response response;
  std::optional<int64_t> entered_by_user_id;  // staff who typed in a paper form
};

// Inserts the response and adds it to the daily and monthly counts of its unit
// (per service and officer), its instansi and its officer. Returns the response id.
// A second response for the same ticket is a conflict ("skm.ticket_used").
Result<int64_t> record_response(db::Tx& tx, const StoredResponse& r);

// Whether the ticket's visit has been answered already.
Result<bool> has_response_for_ticket(db::Tx& tx, int64_t ticket_id);

// Many responses at once (demo data, migrations from other systems): multi-row
// inserts, and each count row touched once with the batch's total. No tickets.
Status record_responses_bulk(db::Tx& tx, const std::vector<StoredResponse>& batch);

// Which responses an index covers. Exactly one of unit_id / instansi_id / officer
// alone must be set: a unit (optionally one service and/or officer), a whole instansi,
// or one officer (optionally one service) across units.
struct CountsQuery {
  std::optional<int64_t> unit_id;
  std::optional<int64_t> instansi_id;
  std::optional<int64_t> service_id;
  std::optional<int64_t> officer_asn_id;
  PeriodPlan period;
};

Result<AnswerCounts> load_counts(db::Tx& tx, const CountsQuery& q);

// The same counts straight from the raw responses (for benchmarks and the
// consistency test: both must agree).
Result<AnswerCounts> load_counts_from_responses(db::Tx& tx, const CountsQuery& q,
                                                const std::string& from, const std::string& to);

// The counts of one unit for the period, per officer who served (responses that name
// no officer are left out).
Result<std::map<int64_t, AnswerCounts>> load_counts_by_officer(db::Tx& tx, int64_t unit_id,
                                                               const PeriodPlan& period);

struct Suggestion {
  std::string day;
  std::string text;
};
// The newest free-text suggestions in [from, to] about one officer's service, or (no
// officer given) about a unit's.
Result<std::vector<Suggestion>> suggestions(db::Tx& tx, std::optional<int64_t> unit_id,
                                            std::optional<int64_t> officer_asn_id,
                                            const std::string& from, const std::string& to,
                                            int limit);

// How many respondents gave each code of one profile item ("age_band", "sex", ...)
// for a unit in [from, to]; "" counts those who left it empty.
Result<std::vector<std::pair<std::string, int64_t>>> profile_counts(db::Tx& tx, int64_t unit_id,
                                                                    std::string_view item,
                                                                    const std::string& from,
                                                                    const std::string& to);

// Guards are kept per anonymous source (a browser, an address, a kiosk) by its daily
// keyed hash (limits::daily_source_key), so no address is ever stored.
Result<GuardState> load_guard(db::Tx& tx, const std::string& key, int64_t unit_id,
                              const std::string& day);
Status bump_guard(db::Tx& tx, const std::string& key, int64_t unit_id, const std::string& day,
                  int64_t now_ms, const std::string& answers);
// "3440..." : the answers of a response, for the duplicate check.
std::string answers_fingerprint(const Response& r);

// The raw responses of a unit in [from, to], by day (the index order: no sort), streamed: id, day,
// service code, channel, officer NIP ("" when none), U1..U9 (NULL when skipped), age band, sex,
// education, occupation, suggestion.
Status each_export_row(db::Tx& tx, int64_t unit_id, const std::string& from, const std::string& to,
                       const db::RowFn& on_row);

// The order the unit's form asks the elements in (the standard order when never set).
Result<FormOrder> load_form_order(db::Tx& tx, int64_t unit_id);
Status save_form_order(db::Tx& tx, int64_t unit_id, FormOrder order, int64_t now);

}  // namespace harmoni::survey

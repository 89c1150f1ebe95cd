// Storage of disharmony cases and what they are made of (parties, findings, causes,
// dialogue sessions, agreements, history), watch notes and the instansi's settings.
// Functions take a transaction so a step, its notices and its audit entry commit
// together. SQL stays in this file's .cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harmony/analysis.hpp"
#include "harmony/dialogue.hpp"
#include "harmony/disharmony.hpp"
#include "platform/db/database.hpp"

namespace harmoni::harmony {

Result<Settings> load_settings(db::Tx& tx, int64_t instansi_id);
Status save_settings(db::Tx& tx, int64_t instansi_id, const Settings& s, int64_t now);

Result<int64_t> insert_case(db::Tx& tx, const Case& c, int64_t now);
Status update_case(db::Tx& tx, const Case& c, int64_t now);
Result<std::optional<Case>> find_case(db::Tx& tx, int64_t id);
Result<std::optional<int64_t>> case_of_complaint(db::Tx& tx, int64_t complaint_id);

// A page of the cases of an instansi (a unit subtree for heads), newest first.
struct CaseQuery {
  int64_t instansi_id = 0;
  std::string unit_path_prefix;  // "" for all units
  std::optional<State> status;   // nullopt: every status
  bool open_only = false;
  std::optional<int64_t> before_id;
  int limit = 50;
};
Result<std::vector<Case>> list_cases(db::Tx& tx, const CaseQuery& q);
// The cases an ASN is a party to (their own view).
Result<std::vector<Case>> cases_of_party(db::Tx& tx, int64_t asn_id);
// Closed cases of the instansi that share the kind or the dimension, for the
// consistency check (ranked by the caller).
Result<std::vector<Case>> closed_cases_like(db::Tx& tx, const Case& c, int limit);

struct StepRecord {
  int64_t at_ms = 0;
  Step step = Step::kOpened;
  std::optional<int64_t> actor_user_id;
  std::string note;
  std::string actor_name;  // joined when read
};
Status add_step(db::Tx& tx, int64_t case_id, const StepRecord& s);
Result<std::vector<StepRecord>> steps_of(db::Tx& tx, int64_t case_id);

Result<int64_t> insert_party(db::Tx& tx, int64_t case_id, const Party& p, int64_t now);
Result<std::vector<Party>> parties_of(db::Tx& tx, int64_t case_id);

Result<int64_t> insert_finding(db::Tx& tx, int64_t case_id, const Finding& f,
                               std::optional<int64_t> author);
Result<std::vector<Finding>> findings_of(db::Tx& tx, int64_t case_id);
Result<int64_t> insert_cause(db::Tx& tx, int64_t case_id, const Cause& c,
                             std::optional<int64_t> author);
Result<std::vector<Cause>> causes_of(db::Tx& tx, int64_t case_id);

Result<int64_t> insert_session(db::Tx& tx, int64_t case_id, const Session& s,
                               std::optional<int64_t> author, int64_t now);
Result<std::vector<Session>> sessions_of(db::Tx& tx, int64_t case_id);

Result<int64_t> insert_agreement(db::Tx& tx, int64_t case_id, const Agreement& a, int64_t now);
Status update_agreement(db::Tx& tx, const Agreement& a);
// The agreement and the case it belongs to.
Result<std::optional<std::pair<int64_t, Agreement>>> find_agreement(db::Tx& tx, int64_t id);
Result<std::vector<Agreement>> agreements_of(db::Tx& tx, int64_t case_id);

// The active account of an ASN, to tell them of an agreement they carry.
Result<std::optional<int64_t>> user_of_asn(db::Tx& tx, int64_t asn_id);

// What is overdue and not yet told: agreements past their day, watch notes past review.
struct OverdueAgreement {
  int64_t case_id = 0;
  int64_t instansi_id = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> handler_user_id;
  Agreement agreement;
};
Result<std::vector<OverdueAgreement>> overdue_untold(db::Tx& tx, const Date& today);
Status mark_agreement_told(db::Tx& tx, int64_t agreement_id, const Date& today);

Result<int64_t> insert_watch_note(db::Tx& tx, const WatchNote& w, int64_t now);
Status close_watch_note(db::Tx& tx, int64_t id, int64_t now);
Result<std::optional<WatchNote>> find_watch_note(db::Tx& tx, int64_t id);
// Open notes of an instansi (a unit subtree, with the instansi's region notes), by review day.
Result<std::vector<WatchNote>> open_watch_notes(db::Tx& tx, int64_t instansi_id,
                                                const std::string& unit_path_prefix);
Result<std::vector<WatchNote>> reviews_untold(db::Tx& tx, const Date& today);
Status mark_review_told(db::Tx& tx, int64_t id, const Date& today);

// Counts for the overview: open cases by kind and by age, overdue agreements; cases by
// dimension (all, including closed) for aggregates shown above the minimum group.
struct Overview {
  std::vector<std::pair<Kind, int64_t>> open_by_kind;
  int64_t open_under_30 = 0, open_30_to_90 = 0, open_over_90 = 0;
  int64_t agreements_overdue = 0;
  std::vector<std::pair<Dimension, int64_t>> by_dimension;
  int64_t closed_resolved = 0, closed_partly = 0, closed_referred = 0;
};
Result<Overview> overview(db::Tx& tx, int64_t instansi_id, const std::string& unit_path_prefix,
                          const Date& today);

}  // namespace harmoni::harmony

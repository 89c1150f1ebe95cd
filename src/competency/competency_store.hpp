// Storage of 360-degree campaigns: an instansi's own items, campaigns, rater
// assignments, drafts and sent forms, computed results and the heat map, and
// development plans. Functions take a transaction so a change and its audit entry
// commit together. SQL stays in the .cpp.
//
// Sent forms are stored without their rater (rating_responses has no rater column and
// a random id), so nothing read from here can tie a score to a peer or subordinate.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "competency/campaign.hpp"
#include "competency/heatmap.hpp"
#include "competency/plans.hpp"
#include "competency/raters.hpp"
#include "competency/results.hpp"
#include "platform/db/database.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::competency {

// ---- an instansi's own items ----
Result<std::vector<Item>> list_custom_items(db::Tx& tx, int64_t instansi_id);
// "competency.custom_code_taken" when the instansi already has the code.
Result<int64_t> insert_custom_item(db::Tx& tx, int64_t instansi_id, const Item& item, int64_t now);

// ---- campaigns ----
struct Campaign {
  int64_t id = 0;
  int64_t instansi_id = 0;
  CampaignSettings settings;
  // Frozen when the campaign was made; shared, since every form a rater opens or sends
  // reads it (parsed once per distinct text, not once per request).
  std::shared_ptr<const Instrument> instrument;
  CampaignStatus status = CampaignStatus::kDraft;
  int64_t created_at = 0;
  std::optional<int64_t> opened_at, closed_at, results_at;
};

Result<int64_t> insert_campaign(db::Tx& tx, int64_t instansi_id, const CampaignSettings& settings,
                                const Instrument& instrument, std::optional<int64_t> user_id,
                                int64_t now);
// Replaces a draft campaign's settings and instrument ("competency.not_draft" otherwise).
Status update_draft_campaign(db::Tx& tx, int64_t campaign_id, const CampaignSettings& settings,
                             const Instrument& instrument, int64_t now);
Result<std::optional<Campaign>> find_campaign(db::Tx& tx, int64_t campaign_id);
// Newest first.
Result<std::vector<Campaign>> list_campaigns(db::Tx& tx, int64_t instansi_id);
// draft -> open (with opened_at) or open -> closed (with closed_at); refuses any other
// step with "competency.status_step".
Status move_campaign(db::Tx& tx, int64_t campaign_id, CampaignStatus from, CampaignStatus to,
                     int64_t now);

// The organisation as rater assignment sees it: the instansi's units, and its active
// ASN with a unit, each marked in scope when their unit lies in one of the scope
// units' subtrees (all, when there are none).
Result<std::pair<std::vector<OrgUnit>, std::vector<OrgPerson>>> load_org(
    db::Tx& tx, int64_t instansi_id, const std::vector<int64_t>& scope_unit_ids);

// ---- assignments ----
enum class AssignmentStatus { kPending, kSubmitted, kRemoved };
inline constexpr EnumName<AssignmentStatus> kAssignmentStatusNames[] = {
    {AssignmentStatus::kPending, "pending"},
    {AssignmentStatus::kSubmitted, "submitted"},
    {AssignmentStatus::kRemoved, "removed"}};
constexpr std::span<const EnumName<AssignmentStatus>> enum_names(AssignmentStatus) {
  return kAssignmentStatusNames;
}

struct AssignmentRow {
  int64_t id = 0;
  int64_t campaign_id = 0;
  int64_t ratee_asn_id = 0;
  int64_t rater_asn_id = 0;
  RaterGroup group = RaterGroup::kSelf;
  AssignmentStatus status = AssignmentStatus::kPending;
  bool by_hr = false;
  std::string reason;
  // Joined for display:
  std::string ratee_nip, ratee_name, ratee_unit, rater_nip, rater_name;
};

Status insert_assignments(db::Tx& tx, int64_t campaign_id,
                          const std::vector<Assignment>& assignments, int64_t now);
Result<std::optional<AssignmentRow>> find_assignment(db::Tx& tx, int64_t assignment_id);
// Every assignment a rater has in open campaigns, pending first.
Result<std::vector<AssignmentRow>> rater_inbox(db::Tx& tx, int64_t rater_asn_id);
// Who rates one person in a campaign (removed ones included, with their reason).
Result<std::vector<AssignmentRow>> ratee_assignments(db::Tx& tx, int64_t campaign_id,
                                                     int64_t ratee_asn_id);
// HR adds a rater with a reason; a removed assignment comes back. "competency.assignment_exists"
// when the rater already rates that person.
Result<int64_t> add_assignment(db::Tx& tx, int64_t campaign_id, int64_t ratee_asn_id,
                               int64_t rater_asn_id, RaterGroup group, const std::string& reason,
                               std::optional<int64_t> user_id, int64_t now);
// HR removes a pending assignment with a reason ("competency.assignment_sent" when the
// form was already sent).
Status remove_assignment(db::Tx& tx, int64_t assignment_id, const std::string& reason,
                         std::optional<int64_t> user_id, int64_t now);

Status save_draft(db::Tx& tx, int64_t assignment_id, const RatingAnswers& answers, int64_t now);
Result<std::optional<RatingAnswers>> load_draft(db::Tx& tx, const AssignmentRow& assignment);
// Stores a sent form under a random id and marks the assignment sent, deleting its
// draft. "competency.already_sent" when it was sent before (or removed meanwhile).
Status submit_answers(db::Tx& tx, const AssignmentRow& assignment, const RatingAnswers& answers,
                      int64_t response_id, int64_t now);

// ---- progress ----
struct UnitProgress {
  int64_t unit_id = 0;
  std::string unit_code, unit_name, unit_path;
  int64_t assignments = 0, submitted = 0;
  int64_t ratees = 0, ratees_complete = 0;  // people every rater of whom has answered
};
// Per unit of the ratees, limited to a unit subtree ("" for all).
Result<std::vector<UnitProgress>> campaign_progress(db::Tx& tx, int64_t campaign_id,
                                                    const std::string& unit_path_prefix);

struct PendingRater {
  int64_t asn_id = 0;
  std::string nip, name, unit_name;
  int64_t pending = 0;
};
// Raters with forms still to send, by unit path then name; raters in a unit subtree.
Result<std::vector<PendingRater>> pending_raters(db::Tx& tx, int64_t campaign_id,
                                                 const std::string& unit_path_prefix, int limit);

// ---- results ----
// Calls `each` with every assessed person (ratee of a live assignment) in id order,
// their unit and required level, and their sent forms; reads in chunks.
struct RateeForms {
  int64_t asn_id = 0;
  std::optional<int64_t> unit_id;
  int required_level = 1;
  std::vector<RatingAnswers> forms;
};
Status for_each_ratee(db::Database& db, int64_t campaign_id, size_t chunk,
                      const std::function<Status(std::vector<RateeForms>&)>& each);

struct StoredResult {
  int64_t asn_id = 0;
  std::optional<int64_t> unit_id;
  std::optional<int> level;
  int required_level = 1;
  PersonResult result;
};
Status delete_results(db::Tx& tx, int64_t campaign_id);
Status insert_results(db::Tx& tx, int64_t campaign_id, const std::vector<StoredResult>& results);
Status insert_heat(db::Tx& tx, int64_t campaign_id, const std::vector<HeatAggregate>& units);
Status mark_results_ready(db::Tx& tx, int64_t campaign_id, int64_t now);
Result<std::optional<StoredResult>> find_result(db::Tx& tx, int64_t campaign_id, int64_t asn_id);

// A person's results across closed campaigns, oldest first, with the campaign's name.
struct ResultInCampaign {
  int64_t campaign_id = 0;
  std::string campaign_name, deadline;
  StoredResult stored;
};
Result<std::vector<ResultInCampaign>> results_of_person(db::Tx& tx, int64_t asn_id);

// People of the instansi whose latest computed result demonstrates at least `min_level`
// of Perekat Bangsa, highest first (mediators a harmony case may ask for).
struct DemonstratedLevel {
  int64_t asn_id = 0;
  std::string name;
  std::string unit_name;
  int level = 0;
};
Result<std::vector<DemonstratedLevel>> people_at_level(db::Tx& tx, int64_t instansi_id,
                                                       int min_level, int limit);

// The stored aggregates of units in a subtree ("" for all), in tree order, with names.
struct UnitHeat {
  HeatAggregate aggregate;
  std::string unit_code, unit_name, unit_path;
};
Result<std::vector<UnitHeat>> load_heat(db::Tx& tx, int64_t campaign_id,
                                        const std::string& unit_path_prefix);

// ---- development plans ----
struct Plan {
  int64_t id = 0;
  int64_t asn_id = 0;
  std::optional<int64_t> campaign_id;
  PlanStatus status = PlanStatus::kDraft;
  std::optional<int64_t> agreed_by;
  std::optional<int64_t> agreed_at;
  std::vector<PlanAction> actions;
};
// The person's plan for a campaign (or for none), if there is one.
Result<std::optional<Plan>> find_plan_for(db::Tx& tx, int64_t asn_id,
                                          std::optional<int64_t> campaign_id);
// The same, made (empty) when there is none yet.
Result<Plan> plan_for(db::Tx& tx, int64_t asn_id, std::optional<int64_t> campaign_id, int64_t now);
Result<std::optional<Plan>> find_plan(db::Tx& tx, int64_t plan_id);
Result<std::vector<Plan>> plans_of_person(db::Tx& tx, int64_t asn_id);
Result<int64_t> insert_action(db::Tx& tx, int64_t plan_id, const PlanAction& action, int64_t now);
// "competency.action_unknown" when the plan has no such action.
Status set_action_status(db::Tx& tx, int64_t plan_id, int64_t action_id, ActionStatus status,
                         const std::string& note, int64_t now);
Status set_plan_status(db::Tx& tx, int64_t plan_id, PlanStatus status,
                       std::optional<int64_t> agreed_by, int64_t now);

// Plans of the people in a unit subtree ("" for all) of an instansi, with counts.
struct TeamPlan {
  int64_t asn_id = 0;
  std::string nip, name, unit_name;
  std::optional<int64_t> plan_id;
  std::optional<PlanStatus> status;
  int64_t actions = 0, done = 0;
};
Result<std::vector<TeamPlan>> team_plans(db::Tx& tx, int64_t instansi_id,
                                         const std::string& unit_path_prefix, int limit);

}  // namespace harmoni::competency

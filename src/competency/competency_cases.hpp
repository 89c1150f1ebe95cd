// Use cases of 360-degree assessment: the instansi's own indicators, campaigns from draft
// to results, who rates whom, a rater's forms, a person's result, the heat map and the
// development plans. Each checks what the caller may see or do, owns its transaction and
// writes its audit entry. What the caller may not see answers "not found".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "competency/access.hpp"
#include "competency/competency_store.hpp"
#include "org/org.hpp"
#include "platform/cases/env.hpp"

namespace harmoni::competency {

// ---- the lifecycle of a campaign (also used by the demo data) ----

// Assigns raters from the organisation as it is now and opens the campaign. Returns the
// number of assignments. "competency.status_step" when the campaign is not a draft;
// "competency.scope_empty" when nobody is in scope.
Result<int64_t> open_campaign(db::Tx& tx, const Campaign& campaign, int64_t now);

struct ComputeOutcome {
  int64_t people = 0;  // results stored
  int64_t forms = 0;   // sent forms read
};
// Computes and stores every result of a closed campaign and its heat map, replacing any
// earlier computation; marks the results ready at the end (a crash midway leaves them not
// ready, and computing again starts over). Reads and writes in chunks of `chunk` people
// so memory stays bounded.
Result<ComputeOutcome> compute_results(db::Database& db, const Campaign& campaign, int64_t now,
                                       size_t chunk = 2000);

// ---- campaigns ----

// The campaign with this id if the caller may see it.
Result<Campaign> visible_campaign(const Env& env, const Actor& actor, std::optional<int64_t> id);
// The same, for managing it (kCampaignManage); "forbidden" for those who only see it.
Result<Campaign> managed_campaign(const Env& env, const Actor& actor, std::optional<int64_t> id);
// The instansi's campaigns, for those who oversee them.
Result<std::vector<Campaign>> campaigns_of(const Env& env, const Actor& actor);
// The instansi's own indicators and its units (a campaign's scope is chosen among them).
Result<std::vector<Item>> own_items(const Env& env, const Actor& actor);
Result<std::vector<org::Unit>> scope_units(const Env& env, const Actor& actor);
Result<int64_t> create_own_item(const Env& env, const Actor& actor, const Item& item);
// Checks and stores a new campaign, or a draft's new settings.
Result<int64_t> save_campaign(const Env& env, const Actor& actor, const CampaignSettings& s,
                              std::optional<int64_t> draft_id);
Result<int64_t> open(const Env& env, const Actor& actor, const Campaign& campaign);
// Closes an open campaign and computes its results (a closed one: computes them again).
Result<ComputeOutcome> close_and_compute(const Env& env, const Actor& actor, Campaign campaign);

struct Progress {
  std::vector<UnitProgress> units;
  std::vector<PendingRater> pending;  // at most `limit`
};
// The progress of the part of the instansi the caller oversees.
Result<Progress> progress_of(const Env& env, const Actor& actor, const Campaign& campaign,
                             int limit);

// ---- who rates whom ----

Result<std::vector<AssignmentRow>> raters_of(const Env& env, const Campaign& campaign,
                                             const org::Asn& person);
// An assignment of this campaign.
Result<AssignmentRow> assignment_of(const Env& env, const Campaign& campaign,
                                    std::optional<int64_t> assignment_id);
struct NewRater {
  std::string nip;
  RaterGroup group = RaterGroup::kPeer;
  std::string reason;
};
// HR adds a rater to a person, with a reason.
Status add_rater(const Env& env, const Actor& actor, const Campaign& campaign,
                 const org::Asn& ratee, const NewRater& rater);
Status remove_rater(const Env& env, const Actor& actor, const Campaign& campaign,
                    int64_t assignment_id, const std::string& reason);

// ---- a rater's forms ----

// The caller's own assignment with its campaign; "not found" for anyone else's.
struct OwnAssignment {
  AssignmentRow assignment;
  Campaign campaign;
};
Result<OwnAssignment> own_assignment(const Env& env, const Actor& actor, std::optional<int64_t> id);
// Forms are answered while the campaign is open, from its first day to its deadline.
Status answering_allowed(const Env& env, const OwnAssignment& own);
Result<std::optional<RatingAnswers>> draft_of(const Env& env, const OwnAssignment& own);
// Saves a draft, or sends the form once (checked in full).
Status save_answers(const Env& env, const Actor& actor, const OwnAssignment& own,
                    const RatingAnswers& answers, bool send);
struct Inbox {
  std::vector<AssignmentRow> assignments;
  std::vector<Campaign> campaigns;  // of those assignments, in their order
};
Result<Inbox> inbox_of(const Env& env, const org::Asn& rater);
Result<std::vector<ResultInCampaign>> results_history(const Env& env, const org::Asn& person);

// ---- results and plans ----

// A person the caller may see the development of, with how.
struct Subject {
  org::Asn person;
  PersonAccess access = PersonAccess::kNone;
};
Result<Subject> visible_subject(const Env& env, const Actor& actor, std::string_view nip);

// One person's result in one campaign (the read is audited) and their results over time.
struct PersonResultView {
  Campaign campaign;
  StoredResult stored;
  std::vector<ResultInCampaign> history;
};
Result<PersonResultView> read_result(const Env& env, const Actor& actor,
                                     std::optional<int64_t> campaign_id, const Subject& subject);
// The heat map's units for the part of the instansi the caller oversees.
Result<std::vector<UnitHeat>> heat_of(const Env& env, const Actor& actor, const Campaign& campaign);

// The person's plan for their latest result (or a plan of their own without one); an
// empty plan (id 0) until its first action is added.
struct PlanContext {
  Subject subject;
  Plan plan;
  std::optional<Campaign> campaign;           // the latest closed campaign with a result
  std::optional<StoredResult> latest_result;  // its result
};
Result<PlanContext> plan_of(const Env& env, Subject subject);
// Forbidden unless the caller writes this plan (the person or a superior). Checked again
// by the use cases below; routes ask first, so a refusal comes before any input problem.
Status may_edit_plan(const PlanContext& pc);
// Adds an action (from a suggestion or typed in). Changing an agreed plan's content asks
// for agreement again.
Status add_plan_action(const Env& env, const Actor& actor, const PlanContext& pc,
                       const PlanAction& action);
Status change_plan_action(const Env& env, const Actor& actor, const PlanContext& pc,
                          std::optional<int64_t> action_id, ActionStatus status,
                          const std::string& note);
// The person proposes the plan; their superior agrees it.
Status move_plan(const Env& env, const Actor& actor, const PlanContext& pc, PlanStatus to);
// The plans of the people the caller leads (HR: the instansi).
Result<std::vector<TeamPlan>> team_of(const Env& env, const Actor& actor, int limit);

}  // namespace harmoni::competency

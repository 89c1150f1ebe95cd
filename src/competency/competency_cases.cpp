#include "competency/competency_cases.hpp"

#include <map>

#include "competency/shipped_catalog.hpp"
#include "org/org_cases.hpp"
#include "org/org_store.hpp"

namespace harmoni::competency {

Result<int64_t> open_campaign(db::Tx& tx, const Campaign& c, int64_t now) {
  auto [units, people] = TRY(load_org(tx, c.instansi_id, c.settings.scope_unit_ids));
  AssignOptions options{.groups = c.settings.groups,
                        .max_peers = c.settings.max_peers,
                        .max_subordinates = c.settings.max_subordinates,
                        .seed = static_cast<uint64_t>(c.id)};
  std::vector<Assignment> assignments = assign_raters(units, people, options);
  if (assignments.empty()) return Error::conflict("competency.scope_empty");
  TRY(move_campaign(tx, c.id, CampaignStatus::kDraft, CampaignStatus::kOpen, now));
  TRY(insert_assignments(tx, c.id, assignments, now));
  return static_cast<int64_t>(assignments.size());
}

Result<ComputeOutcome> compute_results(db::Database& db, const Campaign& c, int64_t now,
                                       size_t chunk) {
  if (c.status != CampaignStatus::kClosed) return Error::conflict("competency.not_closed");
  TRY(db.write([&](db::Tx& tx) { return delete_results(tx, c.id); }));
  ComputeOutcome outcome;
  std::map<int64_t, HeatAggregate> heat;
  TRY(for_each_ratee(db, c.id, chunk, [&](std::vector<RateeForms>& batch) -> Status {
    std::vector<StoredResult> results;
    results.reserve(batch.size());
    for (auto& person : batch) {
      StoredResult r{.asn_id = person.asn_id,
                     .unit_id = person.unit_id,
                     .required_level = person.required_level};
      r.result = compute_result(*c.instrument, c.settings, person.forms);
      r.level = r.result.level;
      if (person.unit_id) add_to_heat(heat, summary_of(r.result, *person.unit_id));
      outcome.forms += static_cast<int64_t>(person.forms.size());
      results.push_back(std::move(r));
    }
    outcome.people += static_cast<int64_t>(results.size());
    return db.run_write([&](db::Tx& tx) { return insert_results(tx, c.id, results); });
  }));
  std::vector<HeatAggregate> units;
  for (auto& [_, a] : heat) units.push_back(std::move(a));
  TRY(db.run_write([&](db::Tx& tx) -> Status {
    TRY(insert_heat(tx, c.id, units));
    return mark_results_ready(tx, c.id, now);
  }));
  return outcome;
}

namespace {

using auth::Permission;
using nlohmann::json;

Status append(db::Tx& tx, const Env& env, const audit::Entry& entry) {
  return audit::append(tx, entry, env.now_ms());
}

}  // namespace

// ---- campaigns ----

Result<Campaign> visible_campaign(const Env& env, const Actor& actor, std::optional<int64_t> id) {
  const auth::Principal& p = actor.user();
  if (!id || !oversight_prefix(p)) return Error::not_found("competency.campaign_unknown");
  auto found = TRY(env.db.read([&](db::Tx& tx) { return find_campaign(tx, *id); }));
  if (!found || !p.instansi_id || *p.instansi_id != found->instansi_id)
    return Error::not_found("competency.campaign_unknown");
  return *found;
}

Result<Campaign> managed_campaign(const Env& env, const Actor& actor, std::optional<int64_t> id) {
  Campaign c = TRY(visible_campaign(env, actor, id));
  if (!actor.user().can(Permission::kCampaignManage)) return Error::forbidden();
  return c;
}

Result<std::vector<Campaign>> campaigns_of(const Env& env, const Actor& actor) {
  if (!oversight_prefix(actor.user())) return Error::forbidden();
  return env.db.read([&](db::Tx& tx) { return list_campaigns(tx, actor.user_instansi()); });
}

Result<std::vector<Item>> own_items(const Env& env, const Actor& actor) {
  return env.db.read([&](db::Tx& tx) { return list_custom_items(tx, actor.user_instansi()); });
}

Result<std::vector<org::Unit>> scope_units(const Env& env, const Actor& actor) {
  return org::units_of(env, actor.user_instansi());
}

Result<int64_t> create_own_item(const Env& env, const Actor& actor, const Item& item) {
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id = TRY(insert_custom_item(tx, actor.user_instansi(), item, env.now_seconds()));
    TRY(append(tx, env,
               actor.audit("competency.item_create", "competency_item", std::to_string(id),
                           actor.user_instansi())));
    return id;
  });
}

Result<int64_t> save_campaign(const Env& env, const Actor& actor, const CampaignSettings& s,
                              std::optional<int64_t> draft_id) {
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    auto own = TRY(list_custom_items(tx, actor.user_instansi()));
    TRY(validate(s, catalog(), own));
    Instrument instrument = build_instrument(s, catalog(), own);
    const int64_t now = env.now_seconds();
    int64_t id = 0;
    if (draft_id) {
      TRY(update_draft_campaign(tx, *draft_id, s, instrument, now));
      id = *draft_id;
    } else {
      id =
          TRY(insert_campaign(tx, actor.user_instansi(), s, instrument, actor.user().user_id, now));
    }
    const json detail = {{"items", s.item_codes.size()}, {"scope", s.scope_unit_ids.size()}};
    TRY(append(tx, env,
               actor.audit(draft_id ? "competency.campaign_update" : "competency.campaign_create",
                           "campaign", std::to_string(id), actor.user_instansi(), detail.dump())));
    return id;
  });
}

Result<int64_t> open(const Env& env, const Actor& actor, const Campaign& c) {
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t n = TRY(open_campaign(tx, c, env.now_seconds()));
    TRY(append(tx, env,
               actor.audit("competency.campaign_open", "campaign", std::to_string(c.id),
                           c.instansi_id, json({{"assignments", n}}).dump())));
    return n;
  });
}

Result<ComputeOutcome> close_and_compute(const Env& env, const Actor& actor, Campaign c) {
  if (c.status == CampaignStatus::kOpen) {
    TRY(env.db.write([&](db::Tx& tx) -> Status {
      TRY(move_campaign(tx, c.id, CampaignStatus::kOpen, CampaignStatus::kClosed,
                        env.now_seconds()));
      return append(tx, env,
                    actor.audit("competency.campaign_close", "campaign", std::to_string(c.id),
                                c.instansi_id));
    }));
    c.status = CampaignStatus::kClosed;
  } else if (c.status != CampaignStatus::kClosed) {
    return Error::conflict("competency.status_step");
  }
  // Computing runs in chunks of its own transactions; its audit entry follows it.
  ComputeOutcome done = TRY(compute_results(env.db, c, env.now_seconds()));
  TRY(env.db.write([&](db::Tx& tx) {
    return append(
        tx, env,
        actor.audit("competency.results_compute", "campaign", std::to_string(c.id), c.instansi_id,
                    json({{"people", done.people}, {"forms", done.forms}}).dump()));
  }));
  return done;
}

Result<Progress> progress_of(const Env& env, const Actor& actor, const Campaign& c, int limit) {
  const std::string prefix = oversight_prefix(actor.user()).value_or("");
  return env.db.read([&](db::Tx& tx) -> Result<Progress> {
    Progress out;
    out.units = TRY(campaign_progress(tx, c.id, prefix));
    out.pending = TRY(pending_raters(tx, c.id, prefix, limit));
    return out;
  });
}

// ---- who rates whom ----

Result<std::vector<AssignmentRow>> raters_of(const Env& env, const Campaign& c,
                                             const org::Asn& person) {
  return env.db.read([&](db::Tx& tx) { return ratee_assignments(tx, c.id, person.id); });
}

Result<AssignmentRow> assignment_of(const Env& env, const Campaign& c,
                                    std::optional<int64_t> assignment_id) {
  if (!assignment_id) return Error::not_found("competency.assignment_unknown");
  auto row = TRY(env.db.read([&](db::Tx& tx) { return find_assignment(tx, *assignment_id); }));
  if (!row || row->campaign_id != c.id) return Error::not_found("competency.assignment_unknown");
  return *row;
}

Status add_rater(const Env& env, const Actor& actor, const Campaign& c, const org::Asn& ratee,
                 const NewRater& r) {
  if (c.status == CampaignStatus::kClosed) return Error::conflict("competency.campaign_closed");
  auto rater = org::person_by_nip(env, r.nip, c.instansi_id);
  if (!rater.ok()) return Error::field("rater", "asn.not_found");
  if ((r.group == RaterGroup::kSelf) != (rater->id == ratee.id))
    return Error::field("group", "competency.self_only_self");
  return env.db.write([&](db::Tx& tx) -> Status {
    int64_t id = TRY(add_assignment(tx, c.id, ratee.id, rater->id, r.group, r.reason,
                                    actor.user().user_id, env.now_seconds()));
    return append(tx, env,
                  actor.audit("competency.assignment_add", "rater_assignment", std::to_string(id),
                              c.instansi_id, json({{"group", enum_name(r.group)}}).dump()));
  });
}

Status remove_rater(const Env& env, const Actor& actor, const Campaign& c, int64_t assignment_id,
                    const std::string& reason) {
  if (c.status == CampaignStatus::kClosed) return Error::conflict("competency.campaign_closed");
  return env.db.write([&](db::Tx& tx) -> Status {
    auto a = TRY(find_assignment(tx, assignment_id));
    if (!a || a->campaign_id != c.id) return Error::not_found("competency.assignment_unknown");
    TRY(remove_assignment(tx, assignment_id, reason, actor.user().user_id, env.now_seconds()));
    return append(tx, env,
                  actor.audit("competency.assignment_remove", "rater_assignment",
                              std::to_string(assignment_id), c.instansi_id));
  });
}

// ---- a rater's forms ----

Result<OwnAssignment> own_assignment(const Env& env, const Actor& actor,
                                     std::optional<int64_t> id) {
  const auto& p = actor.user();
  if (!id || !p.asn_id) return Error::not_found("competency.assignment_unknown");
  auto found = TRY(env.db.read([&](db::Tx& tx) -> Result<std::optional<OwnAssignment>> {
    auto a = TRY(find_assignment(tx, *id));
    if (!a || a->rater_asn_id != *p.asn_id || a->status == AssignmentStatus::kRemoved)
      return std::optional<OwnAssignment>();
    auto c = TRY(find_campaign(tx, a->campaign_id));
    if (!c || c->status == CampaignStatus::kDraft) return std::optional<OwnAssignment>();
    return std::optional<OwnAssignment>(OwnAssignment{std::move(*a), std::move(*c)});
  }));
  if (!found) return Error::not_found("competency.assignment_unknown");
  return std::move(*found);
}

Status answering_allowed(const Env& env, const OwnAssignment& own) {
  if (own.campaign.status != CampaignStatus::kOpen)
    return Error::conflict("competency.campaign_closed");
  const std::string today = format_date(date_in_wib(env.now_ms()));
  const CampaignSettings& s = own.campaign.settings;
  if (today < s.starts_on)
    return Error::conflict("competency.not_started", {{"date", s.starts_on}});
  if (today > s.deadline)
    return Error::conflict("competency.deadline_passed", {{"date", s.deadline}});
  if (own.assignment.status == AssignmentStatus::kSubmitted)
    return Error::conflict("competency.already_sent");
  return {};
}

Result<std::optional<RatingAnswers>> draft_of(const Env& env, const OwnAssignment& own) {
  return env.db.read([&](db::Tx& tx) { return load_draft(tx, own.assignment); });
}

Status save_answers(const Env& env, const Actor& actor, const OwnAssignment& own,
                    const RatingAnswers& answers, bool send) {
  TRY(answering_allowed(env, own));
  TRY(validate_answers(answers, *own.campaign.instrument, catalog().scale(), send));
  const int64_t now = env.now_seconds();
  if (!send) {
    return env.db.write(
        [&](db::Tx& tx) { return save_draft(tx, own.assignment.id, answers, now); });
  }
  // A random id: stored forms keep no order that could be matched to who sent them.
  uint64_t random = 0;
  env.random.fill(std::span(reinterpret_cast<unsigned char*>(&random), sizeof random));
  const int64_t response_id = static_cast<int64_t>(random >> 2) + 1;
  return env.db.write([&](db::Tx& tx) -> Status {
    TRY(submit_answers(tx, own.assignment, answers, response_id, now));
    return append(tx, env,
                  actor.audit("competency.rating_send", "rater_assignment",
                              std::to_string(own.assignment.id), own.campaign.instansi_id));
  });
}

Result<Inbox> inbox_of(const Env& env, const org::Asn& rater) {
  return env.db.read([&](db::Tx& tx) -> Result<Inbox> {
    Inbox out;
    out.assignments = TRY(rater_inbox(tx, rater.id));
    for (const auto& a : out.assignments) {
      if (!out.campaigns.empty() && out.campaigns.back().id == a.campaign_id) continue;
      if (auto c = TRY(find_campaign(tx, a.campaign_id))) out.campaigns.push_back(std::move(*c));
    }
    return out;
  });
}

Result<std::vector<ResultInCampaign>> results_history(const Env& env, const org::Asn& person) {
  return env.db.read([&](db::Tx& tx) { return results_of_person(tx, person.id); });
}

// ---- results and plans ----

Result<Subject> visible_subject(const Env& env, const Actor& actor, std::string_view nip) {
  const auto& p = actor.user();
  if (!p.instansi_id) return Error::not_found("asn.not_found");
  org::Asn person = TRY(org::person_by_nip(env, nip, *p.instansi_id));
  PersonAccess access = person_access(p, person);
  if (access == PersonAccess::kNone) return Error::not_found("asn.not_found");
  return Subject{std::move(person), access};
}

Result<PersonResultView> read_result(const Env& env, const Actor& actor,
                                     std::optional<int64_t> campaign_id, const Subject& s) {
  const auto& p = actor.user();
  auto view = TRY(env.db.read([&](db::Tx& tx) -> Result<std::optional<PersonResultView>> {
    auto c = TRY(find_campaign(tx, campaign_id.value_or(0)));
    if (!c || !p.instansi_id || c->instansi_id != *p.instansi_id)
      return Error::not_found("competency.campaign_unknown");
    if (!c->results_at) return Error::conflict("competency.results_not_ready");
    auto stored = TRY(find_result(tx, c->id, s.person.id));
    if (!stored) return std::optional<PersonResultView>{};
    auto history = TRY(results_of_person(tx, s.person.id));
    return std::optional<PersonResultView>{
        PersonResultView{std::move(*c), std::move(*stored), std::move(history)}};
  }));
  if (!view) return Error::not_found("competency.result_unknown");
  TRY(env.db.write([&](db::Tx& tx) {
    return append(
        tx, env,
        actor.audit("competency.result_read", "asn", std::to_string(s.person.id),
                    s.person.instansi_id, json({{"campaign", view->campaign.id}}).dump()));
  }));
  return std::move(*view);
}

Result<std::vector<UnitHeat>> heat_of(const Env& env, const Actor& actor, const Campaign& c) {
  if (!c.results_at) return Error::conflict("competency.results_not_ready");
  auto prefix = heatmap_prefix(actor.user());
  if (!prefix) return Error::forbidden();
  return env.db.read([&](db::Tx& tx) { return load_heat(tx, c.id, *prefix); });
}

Result<PlanContext> plan_of(const Env& env, Subject subject) {
  return env.db.read([&](db::Tx& tx) -> Result<PlanContext> {
    auto history = TRY(results_of_person(tx, subject.person.id));
    std::optional<Campaign> campaign;
    std::optional<StoredResult> latest;
    if (!history.empty()) {
      campaign = TRY(find_campaign(tx, history.back().campaign_id));
      latest = history.back().stored;
    }
    const std::optional<int64_t> campaign_id =
        campaign ? std::optional<int64_t>(campaign->id) : std::nullopt;
    auto found = TRY(find_plan_for(tx, subject.person.id, campaign_id));
    Plan plan =
        found ? std::move(*found) : Plan{.asn_id = subject.person.id, .campaign_id = campaign_id};
    return PlanContext{std::move(subject), std::move(plan), std::move(campaign), std::move(latest)};
  });
}

Status may_edit_plan(const PlanContext& pc) {
  if (!can_edit_plan(pc.subject.access)) return Error::forbidden();
  return {};
}

Status add_plan_action(const Env& env, const Actor& actor, const PlanContext& pc,
                       const PlanAction& a) {
  TRY(may_edit_plan(pc));
  TRY(validate_action(a, catalog(), date_in_wib(env.now_ms())));
  return env.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = env.now_seconds();
    Plan plan = TRY(plan_for(tx, pc.subject.person.id, pc.plan.campaign_id, now));
    int64_t id = TRY(insert_action(tx, plan.id, a, now));
    if (plan.status == PlanStatus::kAgreed)
      TRY(set_plan_status(tx, plan.id, PlanStatus::kProposed, std::nullopt, now));
    return append(tx, env,
                  actor.audit("competency.plan_action_add", "development_action",
                              std::to_string(id), pc.subject.person.instansi_id));
  });
}

Status change_plan_action(const Env& env, const Actor& actor, const PlanContext& pc,
                          std::optional<int64_t> action_id, ActionStatus status,
                          const std::string& note) {
  TRY(may_edit_plan(pc));
  if (!action_id) return Error::not_found("competency.action_unknown");
  return env.db.write([&](db::Tx& tx) -> Status {
    TRY(set_action_status(tx, pc.plan.id, *action_id, status, note, env.now_seconds()));
    return append(tx, env,
                  actor.audit("competency.plan_action_status", "development_action",
                              std::to_string(*action_id), pc.subject.person.instansi_id,
                              json({{"status", enum_name(status)}}).dump()));
  });
}

Status move_plan(const Env& env, const Actor& actor, const PlanContext& pc, PlanStatus to) {
  const bool proposing = to == PlanStatus::kProposed;
  if (proposing && pc.subject.access != PersonAccess::kSelf)
    return Error::forbidden("competency.plan_propose_self");
  if (!proposing && pc.subject.access != PersonAccess::kSuperior)
    return Error::forbidden("competency.plan_agree_superior");
  if (pc.plan.actions.empty()) return Error::conflict("competency.plan_empty");
  return env.db.write([&](db::Tx& tx) -> Status {
    TRY(set_plan_status(tx, pc.plan.id, to,
                        proposing ? std::nullopt : std::optional<int64_t>(actor.user().user_id),
                        env.now_seconds()));
    return append(
        tx, env,
        actor.audit(proposing ? "competency.plan_propose" : "competency.plan_agree",
                    "development_plan", std::to_string(pc.plan.id), pc.subject.person.instansi_id));
  });
}

Result<std::vector<TeamPlan>> team_of(const Env& env, const Actor& actor, int limit) {
  auto prefix = team_prefix(actor.user());
  if (!prefix) return Error::forbidden();
  return env.db.read(
      [&](db::Tx& tx) { return team_plans(tx, actor.user_instansi(), *prefix, limit); });
}

}  // namespace harmoni::competency

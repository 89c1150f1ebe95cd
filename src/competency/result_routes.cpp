// What a campaign shows once closed: a person's result (to the person, their superiors
// and HR; every read audited), the heat map by unit, and development plans agreed
// between a person and their superior; as pages and as JSON.
#include <fmt/format.h>

#include <set>

#include "competency/access_web.hpp"
#include "competency/competency_web.hpp"
#include "competency/views_web.hpp"
#include "org/org_store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::competency {
namespace {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

// The expectation a low score falls short of ("as expected" on the scale).
constexpr int kExpectedScore = 3;

// A person the caller may see the development of, with how.
struct Subject {
  org::Asn person;
  PersonAccess access = PersonAccess::kNone;
};

Result<Subject> visible_subject(const Context& ctx) {
  const auto& p = ctx.user();
  if (!p.instansi_id) return Error::not_found("asn.not_found");
  org::Asn person = TRY(person_by_nip(ctx.env(), ctx.param("nip"), *p.instansi_id));
  PersonAccess access = person_access(p, person);
  if (access == PersonAccess::kNone) return Error::not_found("asn.not_found");
  return Subject{std::move(person), access};
}

json person_json(const org::Asn& a) {
  return {{"nip", a.nip}, {"name", a.name}, {"unit", a.unit_name}, {"position", a.position_name}};
}

// The result of one person in one campaign, audited; with the person's trend across
// campaigns.
Result<json> read_result(Context& ctx, const Campaign& c, const Subject& s) {
  if (!c.results_at) return Error::conflict("competency.results_not_ready");
  auto [stored, history] = TRY(ctx.services.db.read(
      [&](db::Tx& tx)
          -> Result<std::pair<std::optional<StoredResult>, std::vector<ResultInCampaign>>> {
        auto found = TRY(find_result(tx, c.id, s.person.id));
        return std::pair{std::move(found), TRY(results_of_person(tx, s.person.id))};
      }));
  if (!stored) return Error::not_found("competency.result_unknown");
  TRY(web::record_audit(ctx, ctx.audit("competency.result_read", "asn", std::to_string(s.person.id),
                                       s.person.instansi_id, json({{"campaign", c.id}}).dump())));
  json view = result_view(ctx, c, *stored);
  view["person"] = person_json(s.person);
  // Trend: the level and the others' score of each value, campaign by campaign.
  json trend = json::array();
  for (const auto& h : history) {
    json values = json::object();
    for (const auto& g : h.stored.result.groups) {
      if (g.others) values[g.code] = score_number(*g.others);
    }
    // The page shows Harmonis, the value the product grew from; the API gives every group.
    auto harmonis = values.find("HA");
    trend.push_back(
        {{"campaign", {{"id", h.campaign_id}, {"name", h.campaign_name}, {"deadline", h.deadline}}},
         {"level", h.stored.level ? json(*h.stored.level) : json()},
         {"harmonis",
          harmonis == values.end() ? json("–") : json(score_text(harmonis->get<double>()))},
         {"values", values}});
  }
  view["trend"] = trend;
  return view;
}

// ---- heat map ----

Result<json> heatmap_json(const Context& ctx, const Campaign& c) {
  if (!c.results_at) return Error::conflict("competency.results_not_ready");
  const auto& p = ctx.user();
  if (!p.can(Permission::kDevelopmentOversee) && p.role != auth::Role::kUnitHead)
    return Error::forbidden();
  const std::string prefix = p.role == auth::Role::kUnitHead ? p.unit_path : "";
  auto units = TRY(ctx.services.db.read([&](db::Tx& tx) { return load_heat(tx, c.id, prefix); }));
  std::vector<std::string> groups;
  std::set<std::string> seen;
  for (const auto& i : c.instrument->items) {
    std::string g = rollup_group(i);
    if (seen.insert(g).second) groups.push_back(g);
  }
  std::vector<HeatAggregate> aggregates;
  for (const auto& u : units) aggregates.push_back(u.aggregate);
  auto rows = build_heatmap(aggregates, groups, c.settings.min_group_size);
  json columns = json::array();
  for (const auto& g : groups) {
    // Levels are long sentences: the header shows "PB 2" with the title on hover.
    const std::string title = group_title(ctx, c, g);
    columns.push_back({{"code", g},
                       {"title", title},
                       {"short", g.starts_with("PB.") ? "PB " + g.substr(3) : title}});
  }
  json out_rows = json::array();
  for (size_t i = 0; i < rows.size(); ++i) {
    const HeatRow& row = rows[i];
    json cells = json::array();
    for (const auto& g : groups) {
      const auto it = row.cells.find(g);
      const bool shown = it != row.cells.end() && it->second.mean;
      // Shade: 1..4 steps of the scale for the page's colour classes.
      cells.push_back(
          {{"group", g},
           {"mean", shown ? json(score_number(*it->second.mean)) : json()},
           {"text", shown ? score_text(*it->second.mean) : "–"},
           {"shade", shown ? std::clamp(static_cast<int>(*it->second.mean), 1, 4) : 0}});
    }
    json bands = nullptr;
    if (row.bands_shown)
      bands = {{"none", row.bands[0]},
               {"dasar", row.bands[1]},
               {"menengah", row.bands[2]},
               {"tinggi", row.bands[3]}};
    out_rows.push_back({{"unit", units[i].unit_code},
                        {"name", units[i].unit_name},
                        {"hidden", row.hidden},
                        {"people", row.hidden ? json() : json(row.people)},
                        {"cells", cells},
                        {"bands", bands}});
  }
  return json{{"campaign", {{"id", c.id}, {"name", c.settings.name}}},
              {"min_group_size", c.settings.min_group_size},
              {"columns", columns},
              {"rows", out_rows}};
}

// ---- development plans ----

struct PlanContext {
  Subject subject;
  Plan plan;
  std::optional<Campaign> campaign;  // the latest closed campaign with a result for the person
  std::optional<StoredResult> latest_result;  // its result
};

bool can_edit_plan(const Subject& s) {
  return s.access == PersonAccess::kSelf || s.access == PersonAccess::kSuperior;
}

// The person's plan for their latest result (or a plan of their own without one);
// an empty plan (id 0) until its first action is added.
Result<PlanContext> load_plan(Context& ctx, Subject subject) {
  return ctx.services.db.read([&](db::Tx& tx) -> Result<PlanContext> {
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

json plan_json(const Context& ctx, const PlanContext& pc) {
  json actions = json::array();
  for (const auto& a : pc.plan.actions) {
    json statuses = json::array();
    for (ActionStatus st : enum_values<ActionStatus>()) {
      statuses.push_back({{"value", enum_name(st)},
                          {"label", ctx.t("competency.action." + std::string(enum_name(st)))},
                          {"selected", st == a.status}});
    }
    auto kind = catalog().learning_kinds().find(a.learning_kind);
    actions.push_back(
        {{"id", a.id},
         {"item_code", a.item_code},
         {"learning_kind", a.learning_kind},
         {"learning_label",
          kind == catalog().learning_kinds().end() ? a.learning_kind : kind->second.in(ctx.lang)},
         {"title", a.title},
         {"target_date", a.target_date},
         {"status", enum_name(a.status)},
         {"status_label", ctx.t("competency.action." + std::string(enum_name(a.status)))},
         {"note", a.note},
         {"statuses", statuses}});
  }
  json suggestions = json::array();
  if (pc.latest_result && pc.campaign) {
    std::set<std::string> planned;
    for (const auto& a : pc.plan.actions) planned.insert(a.item_code);
    for (const auto& s : suggest_actions(*pc.campaign->instrument, pc.latest_result->result,
                                         pc.latest_result->required_level, kExpectedScore)) {
      const Item* item = pc.campaign->instrument->find(s.item_code);
      json kinds = json::array();
      for (const auto& k : s.learning) {
        auto kind = catalog().learning_kinds().find(k);
        kinds.push_back(
            {{"code", k},
             {"label", kind == catalog().learning_kinds().end() ? k : kind->second.in(ctx.lang)}});
      }
      suggestions.push_back(
          {{"item_code", s.item_code},
           {"item", item ? item->text.in(ctx.lang) : s.item_code},
           {"reason", enum_name(s.reason)},
           {"reason_label", ctx.t("competency.reason." + std::string(enum_name(s.reason)))},
           {"score", s.score ? json(score_number(*s.score)) : json()},
           {"learning", kinds},
           {"planned", planned.contains(s.item_code)}});
    }
  }
  json out = {
      {"person", person_json(pc.subject.person)},
      {"plan",
       {{"id", pc.plan.id},
        {"status", enum_name(pc.plan.status)},
        {"status_label", ctx.t("competency.plan." + std::string(enum_name(pc.plan.status)))}}},
      {"actions", actions},
      {"suggestions", suggestions}};
  if (pc.campaign && pc.latest_result) {
    const auto& r = *pc.latest_result;
    out["based_on"] = {{"campaign_id", pc.campaign->id},
                       {"campaign", pc.campaign->settings.name},
                       {"level", r.level ? json(*r.level) : json()},
                       {"required_level", r.required_level},
                       {"gap", r.level ? json(std::max(0, r.required_level - *r.level)) : json()}};
  } else {
    out["based_on"] = nullptr;
  }
  return out;
}

Reply plan_page(Context& ctx, const PlanContext& pc, const web::Input* sent, const Error* error) {
  json data = plan_json(ctx, pc);
  data["can_edit"] = can_edit_plan(pc.subject);
  data["is_self"] = pc.subject.access == PersonAccess::kSelf;
  data["can_propose"] = pc.subject.access == PersonAccess::kSelf &&
                        pc.plan.status == PlanStatus::kDraft && !pc.plan.actions.empty();
  data["can_agree"] = pc.subject.access == PersonAccess::kSuperior &&
                      pc.plan.status != PlanStatus::kAgreed && !pc.plan.actions.empty();
  data["agreed"] = pc.plan.status == PlanStatus::kAgreed;
  json kinds = json::array();
  for (const auto& [code, text] : catalog().learning_kinds()) {
    kinds.push_back({{"value", code},
                     {"label", text.in(ctx.lang)},
                     {"selected", sent && sent->raw("learning_kind") == code}});
  }
  data["kinds"] = kinds;
  data["sent"] = {{"title", sent ? sent->raw("title") : ""},
                  {"target_date", sent ? sent->raw("target_date") : ""},
                  {"item_code", sent ? sent->raw("item_code") : ""}};
  if (error) data["errors"] = ctx.field_errors(*error);
  return ctx.page("plan", data, "competency.plan_title", form_status(error));
}

// Adds an action (from a suggestion or typed in). Changing an agreed plan's content
// asks for agreement again.
Status add_action(Context& ctx, const PlanContext& pc, web::Input& in) {
  if (!can_edit_plan(pc.subject)) return Error::forbidden();
  PlanAction a;
  a.item_code = in.text("item_code", {.required = false, .max_chars = 40}).value_or("");
  a.learning_kind = in.text("learning_kind", {.max_chars = 20}).value_or("");
  a.title = in.text("title", {.min_chars = 3, .max_chars = 300}).value_or("");
  a.target_date = in.text("target_date", {.max_chars = 10}).value_or("");
  TRY(in.finish());
  TRY(validate_action(a, catalog(), today_wib(ctx)));
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = ctx.services.clock.now_seconds();
    Plan plan = TRY(plan_for(tx, pc.subject.person.id, pc.plan.campaign_id, now));
    int64_t id = TRY(insert_action(tx, plan.id, a, now));
    if (plan.status == PlanStatus::kAgreed)
      TRY(set_plan_status(tx, plan.id, PlanStatus::kProposed, std::nullopt, now));
    return audit::append(tx,
                         ctx.audit("competency.plan_action_add", "development_action",
                                   std::to_string(id), pc.subject.person.instansi_id),
                         ctx.now_ms());
  });
}

Status update_action(Context& ctx, const PlanContext& pc, int64_t action_id, web::Input& in) {
  if (!can_edit_plan(pc.subject)) return Error::forbidden();
  std::vector<std::string> names;
  for (ActionStatus st : enum_values<ActionStatus>()) names.emplace_back(enum_name(st));
  auto status = in.choice("status", names);
  std::string note =
      in.text("note", {.required = false, .max_chars = 1000, .multiline = true}).value_or("");
  TRY(in.finish());
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    TRY(set_action_status(tx, pc.plan.id, action_id, *parse_enum<ActionStatus>(*status), note,
                          ctx.services.clock.now_seconds()));
    return audit::append(
        tx,
        ctx.audit("competency.plan_action_status", "development_action", std::to_string(action_id),
                  pc.subject.person.instansi_id, json({{"status", *status}}).dump()),
        ctx.now_ms());
  });
}

// The person proposes the plan; their superior agrees it.
Status move_plan(Context& ctx, const PlanContext& pc, PlanStatus to) {
  const bool proposing = to == PlanStatus::kProposed;
  if (proposing && pc.subject.access != PersonAccess::kSelf)
    return Error::forbidden("competency.plan_propose_self");
  if (!proposing && pc.subject.access != PersonAccess::kSuperior)
    return Error::forbidden("competency.plan_agree_superior");
  if (pc.plan.actions.empty()) return Error::conflict("competency.plan_empty");
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    TRY(set_plan_status(tx, pc.plan.id, to,
                        proposing ? std::nullopt : std::optional<int64_t>(ctx.user().user_id),
                        ctx.services.clock.now_seconds()));
    return audit::append(
        tx,
        ctx.audit(proposing ? "competency.plan_propose" : "competency.plan_agree",
                  "development_plan", std::to_string(pc.plan.id), pc.subject.person.instansi_id),
        ctx.now_ms());
  });
}

json team_json(const Context& ctx, const std::vector<TeamPlan>& team) {
  json out = json::array();
  for (const auto& t : team) {
    out.push_back(
        {{"nip", t.nip},
         {"name", t.name},
         {"unit", t.unit_name},
         {"status", t.status ? json(enum_name(*t.status)) : json()},
         {"status_label", t.status ? ctx.t("competency.plan." + std::string(enum_name(*t.status)))
                                   : ctx.t("competency.plan.none")},
         {"actions", t.actions},
         {"done", t.done}});
  }
  return out;
}

Result<std::vector<TeamPlan>> load_team(const Context& ctx, int limit) {
  const auto& p = ctx.user();
  std::optional<std::string> prefix;
  if (p.can(Permission::kDevelopmentOversee))
    prefix = "";
  else if (p.role == auth::Role::kUnitHead && !p.unit_path.empty())
    prefix = p.unit_path;
  if (!prefix) return Error::forbidden();
  return ctx.services.db.read(
      [&](db::Tx& tx) { return team_plans(tx, p.instansi_id.value_or(-1), *prefix, limit); });
}

template <PlanStatus kTo, bool kApi>
Reply move_plan_to(Context& ctx) {
  auto subject = TRY(visible_subject(ctx));
  PlanContext pc = TRY(load_plan(ctx, subject));
  TRY(move_plan(ctx, pc, kTo));
  if (kApi) {
    PlanContext moved = TRY(load_plan(ctx, pc.subject));
    return ctx.json(200, plan_json(ctx, moved));
  }
  return ctx.redirect("/plans/" + pc.subject.person.nip, kTo == PlanStatus::kProposed
                                                             ? "competency.plan_proposed"
                                                             : "competency.plan_agreed");
}

}  // namespace

void register_result_routes(web::App& app) {
  auto& r = app.router();

  r.add({"GET", "/competency/{id}/results/{nip}", [](Context& ctx) -> Reply {
           const auto& p = ctx.user();
           auto id = web::id_param(ctx, "id");
           Subject s = TRY(visible_subject(ctx));
           auto c = TRY(
               ctx.services.db.read([&](db::Tx& tx) { return find_campaign(tx, id.value_or(0)); }));
           if (!c || !p.instansi_id || c->instansi_id != *p.instansi_id)
             return Error::not_found("competency.campaign_unknown");
           json view = TRY(read_result(ctx, *c, s));
           view["has_comments"] = !view["comments"].empty();
           view["has_examples"] = !view["examples"].empty();
           view["has_blind_spots"] = !view["blind_spots"].empty();
           view["has_hidden_strengths"] = !view["hidden_strengths"].empty();
           view["has_trend"] = view["trend"].size() > 1;
           view["has_gap"] = view["gap"].is_number() && view["gap"].get<int>() > 0;
           return ctx.page("competency_result", view, "competency.result_title");
         }});

  r.add({"GET", "/api/v1/campaigns/{id}/results/{nip}", [](Context& ctx) -> Reply {
           const auto& p = ctx.user();
           auto id = web::id_param(ctx, "id");
           Subject s = TRY(visible_subject(ctx));
           auto c = TRY(
               ctx.services.db.read([&](db::Tx& tx) { return find_campaign(tx, id.value_or(0)); }));
           if (!c || !p.instansi_id || c->instansi_id != *p.instansi_id)
             return Error::not_found("competency.campaign_unknown");
           return ctx.json(200, TRY(read_result(ctx, *c, s)));
         }});

  r.add({"GET", "/competency/{id}/heatmap", [](Context& ctx) -> Reply {
           Campaign c = TRY(visible_campaign(ctx, "id"));
           json data = TRY(heatmap_json(ctx, c));
           data["has_rows"] = !data["rows"].empty();
           return ctx.page("heatmap", data, "competency.heatmap_title");
         }});

  r.add({"GET", "/api/v1/campaigns/{id}/heatmap", [](Context& ctx) -> Reply {
           Campaign c = TRY(visible_campaign(ctx, "id"));
           return ctx.json(200, TRY(heatmap_json(ctx, c)));
         }});

  // ---- development plans ----
  r.add({"GET", "/plans", [](Context& ctx) -> Reply {
           auto me = own_person(ctx.env(), ctx.actor());
           json data = {{"own_nip", me.ok() ? json(me->nip) : json()}};
           auto team = load_team(ctx, 500);
           if (team.ok()) {
             data["team"] = team_json(ctx, *team);
             data["has_team"] = !team->empty();
             data["sees_team"] = true;
           }
           return ctx.page("plans", data, "competency.plans_title");
         }});

  r.add({"GET", "/plans/{nip}", [](Context& ctx) -> Reply {
           PlanContext pc = TRY(load_plan(ctx, TRY(visible_subject(ctx))));
           return plan_page(ctx, pc, nullptr, nullptr);
         }});

  r.add({"POST",
         "/plans/{nip}/actions",
         [](Context& ctx) -> Reply {
           PlanContext pc = TRY(load_plan(ctx, TRY(visible_subject(ctx))));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           Status st = add_action(ctx, pc, in);
           if (!st.ok())
             return st.error().kind == ErrorKind::kInvalid ? plan_page(ctx, pc, &in, &st.error())
                                                           : Reply(st.release_error());
           return ctx.redirect("/plans/" + pc.subject.person.nip, "saved");
         },
         {.body_limit = 8 * 1024}});

  r.add({"POST",
         "/plans/{nip}/actions/{action}",
         [](Context& ctx) -> Reply {
           PlanContext pc = TRY(load_plan(ctx, TRY(visible_subject(ctx))));
           auto action = web::id_param(ctx, "action");
           if (!action) return Error::not_found("competency.action_unknown");
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           TRY(update_action(ctx, pc, *action, in));
           return ctx.redirect("/plans/" + pc.subject.person.nip, "saved");
         },
         {.body_limit = 8 * 1024}});

  // The person proposes, a superior agrees: a page and an API route each.
  r.add({"POST",
         "/plans/{nip}/propose",
         move_plan_to<PlanStatus::kProposed, false>,
         {.body_limit = 4 * 1024}});
  r.add({"POST",
         "/api/v1/plans/{nip}/propose",
         move_plan_to<PlanStatus::kProposed, true>,
         {.body_limit = 4 * 1024}});
  r.add({"POST",
         "/plans/{nip}/agree",
         move_plan_to<PlanStatus::kAgreed, false>,
         {.body_limit = 4 * 1024}});
  r.add({"POST",
         "/api/v1/plans/{nip}/agree",
         move_plan_to<PlanStatus::kAgreed, true>,
         {.body_limit = 4 * 1024}});

  r.add({"GET", "/api/v1/plans", [](Context& ctx) -> Reply {
           auto team = TRY(load_team(ctx, web::limit_param(ctx, 200, 2000)));
           return ctx.json(200, {{"items", team_json(ctx, team)}});
         }});

  r.add({"GET", "/api/v1/plans/{nip}", [](Context& ctx) -> Reply {
           PlanContext pc = TRY(load_plan(ctx, TRY(visible_subject(ctx))));
           return ctx.json(200, plan_json(ctx, pc));
         }});

  r.add({"POST",
         "/api/v1/plans/{nip}/actions",
         [](Context& ctx) -> Reply {
           PlanContext pc = TRY(load_plan(ctx, TRY(visible_subject(ctx))));
           auto in = TRY(ctx.input());
           TRY(add_action(ctx, pc, in));
           return ctx.json(201, plan_json(ctx, TRY(load_plan(ctx, pc.subject))));
         },
         {.body_limit = 8 * 1024}});

  r.add({"PATCH",
         "/api/v1/plans/{nip}/actions/{action}",
         [](Context& ctx) -> Reply {
           PlanContext pc = TRY(load_plan(ctx, TRY(visible_subject(ctx))));
           auto action = web::id_param(ctx, "action");
           if (!action) return Error::not_found("competency.action_unknown");
           auto in = TRY(ctx.input());
           TRY(update_action(ctx, pc, *action, in));
           return ctx.json(200, plan_json(ctx, TRY(load_plan(ctx, pc.subject))));
         },
         {.body_limit = 8 * 1024}});
}

}  // namespace harmoni::competency

// What a campaign shows once closed: a person's result (to the person, their superiors
// and HR; every read audited), the heat map by unit, and development plans agreed
// between a person and their superior; as pages and as JSON.
#include <fmt/format.h>

#include <set>

#include "competency/competency_cases.hpp"
#include "competency/competency_web.hpp"
#include "competency/views_web.hpp"
#include "org/org_cases.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::competency {
namespace {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

// The expectation a low score falls short of ("as expected" on the scale).
constexpr int kExpectedScore = 3;

json person_json(const org::Asn& a) {
  return {{"nip", a.nip}, {"name", a.name}, {"unit", a.unit_name}, {"position", a.position_name}};
}

// The result of one person in one campaign, with the person's trend across campaigns.
json result_json(const Context& ctx, const PersonResultView& r, const Subject& s) {
  const Campaign& c = r.campaign;
  const auto& stored = r.stored;
  const auto& history = r.history;
  json view = result_view(ctx, c, stored);
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
  auto units = TRY(heat_of(ctx.env(), ctx.actor(), c));
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
  data["can_edit"] = can_edit_plan(pc.subject.access);
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
  return ctx.form_page("plan", data, "competency.plan_title", error);
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

Result<Subject> path_subject(const Context& ctx) {
  return visible_subject(ctx.env(), ctx.actor(), ctx.param("nip"));
}

Result<PlanContext> path_plan(const Context& ctx) {
  return plan_of(ctx.env(), TRY(path_subject(ctx)));
}

PlanAction read_action(web::Input& in) {
  return PlanAction{
      .item_code = in.text("item_code", {.required = false, .max_chars = 40}).value_or(""),
      .learning_kind = in.text("learning_kind", {.max_chars = 20}).value_or(""),
      .title = in.text("title", {.min_chars = 3, .max_chars = 300}).value_or(""),
      .target_date = in.text("target_date", {.max_chars = 10}).value_or("")};
}

// A change of an action's status, with a note.
Status update_from_request(Context& ctx, const PlanContext& pc, web::Input& in) {
  TRY(may_edit_plan(pc));
  auto status = in.choice("status", enum_name_list<ActionStatus>());
  std::string note =
      in.text("note", {.required = false, .max_chars = 1000, .multiline = true}).value_or("");
  TRY(in.finish());
  return change_plan_action(ctx.env(), ctx.actor(), pc, web::id_param(ctx, "action"),
                            *parse_enum<ActionStatus>(*status), note);
}

Result<json> result_of_path(Context& ctx) {
  Subject s = TRY(path_subject(ctx));
  PersonResultView r = TRY(read_result(ctx.env(), ctx.actor(), web::id_param(ctx, "id"), s));
  return result_json(ctx, r, s);
}

// ---- handlers ----

Reply show_result(Context& ctx) {
  json view = TRY(result_of_path(ctx));
  view["has_comments"] = !view["comments"].empty();
  view["has_examples"] = !view["examples"].empty();
  view["has_blind_spots"] = !view["blind_spots"].empty();
  view["has_hidden_strengths"] = !view["hidden_strengths"].empty();
  view["has_trend"] = view["trend"].size() > 1;
  view["has_gap"] = view["gap"].is_number() && view["gap"].get<int>() > 0;
  return ctx.page("competency_result", view, "competency.result_title");
}

Reply api_result(Context& ctx) { return ctx.json(200, TRY(result_of_path(ctx))); }

Result<Campaign> path_campaign(const Context& ctx) {
  return visible_campaign(ctx.env(), ctx.actor(), web::id_param(ctx, "id"));
}

Reply show_heatmap(Context& ctx) {
  json data = TRY(heatmap_json(ctx, TRY(path_campaign(ctx))));
  data["has_rows"] = !data["rows"].empty();
  return ctx.page("heatmap", data, "competency.heatmap_title");
}

Reply api_heatmap(Context& ctx) {
  return ctx.json(200, TRY(heatmap_json(ctx, TRY(path_campaign(ctx)))));
}

Reply show_plans(Context& ctx) {
  auto me = org::own_person(ctx.env(), ctx.actor());
  json data = {{"own_nip", me.ok() ? json(me->nip) : json()}};
  if (auto team = team_of(ctx.env(), ctx.actor(), 500); team.ok()) {
    data["team"] = team_json(ctx, *team);
    data["has_team"] = !team->empty();
    data["sees_team"] = true;
  }
  return ctx.page("plans", data, "competency.plans_title");
}

Reply show_plan(Context& ctx) { return plan_page(ctx, TRY(path_plan(ctx)), nullptr, nullptr); }

Reply add_action_from_form(Context& ctx) {
  PlanContext pc = TRY(path_plan(ctx));
  TRY(may_edit_plan(pc));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  PlanAction action = read_action(in);
  Status added = in.finish();
  if (added.ok()) added = add_plan_action(ctx.env(), ctx.actor(), pc, action);
  if (!added.ok()) {
    if (!added.error().is_users_fault()) return added.release_error();
    return plan_page(ctx, pc, &in, &added.error());
  }
  return ctx.redirect("/plans/" + pc.subject.person.nip, "saved");
}

Reply update_action_from_form(Context& ctx) {
  PlanContext pc = TRY(path_plan(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  TRY(update_from_request(ctx, pc, in));
  return ctx.redirect("/plans/" + pc.subject.person.nip, "saved");
}

// The person proposes, a superior agrees: a page and an API route each.
template <PlanStatus kTo, bool kApi>
Reply move_plan_to(Context& ctx) {
  PlanContext pc = TRY(path_plan(ctx));
  TRY(move_plan(ctx.env(), ctx.actor(), pc, kTo));
  if (kApi) return ctx.json(200, plan_json(ctx, TRY(plan_of(ctx.env(), pc.subject))));
  return ctx.redirect("/plans/" + pc.subject.person.nip, kTo == PlanStatus::kProposed
                                                             ? "competency.plan_proposed"
                                                             : "competency.plan_agreed");
}

Reply api_team(Context& ctx) {
  auto team = TRY(team_of(ctx.env(), ctx.actor(), web::limit_param(ctx, 200, 2000)));
  return ctx.json(200, {{"items", team_json(ctx, team)}});
}

Reply api_plan(Context& ctx) { return ctx.json(200, plan_json(ctx, TRY(path_plan(ctx)))); }

Reply api_add_action(Context& ctx) {
  PlanContext pc = TRY(path_plan(ctx));
  TRY(may_edit_plan(pc));
  auto in = TRY(ctx.input());
  PlanAction action = read_action(in);
  TRY(in.finish());
  TRY(add_plan_action(ctx.env(), ctx.actor(), pc, action));
  return ctx.json(201, plan_json(ctx, TRY(plan_of(ctx.env(), pc.subject))));
}

Reply api_update_action(Context& ctx) {
  PlanContext pc = TRY(path_plan(ctx));
  auto in = TRY(ctx.input());
  TRY(update_from_request(ctx, pc, in));
  return ctx.json(200, plan_json(ctx, TRY(plan_of(ctx.env(), pc.subject))));
}

const web::RouteOptions kSmall{.body_limit = 4 * 1024};
const web::RouteOptions kForm{.body_limit = 8 * 1024};

const web::RouteDef kRoutes[] = {
    {"GET", "/competency/{id}/results/{nip}", show_result},
    {"GET", "/api/v1/campaigns/{id}/results/{nip}", api_result},
    {"GET", "/competency/{id}/heatmap", show_heatmap},
    {"GET", "/api/v1/campaigns/{id}/heatmap", api_heatmap},
    {"GET", "/plans", show_plans},
    {"GET", "/plans/{nip}", show_plan},
    {"POST", "/plans/{nip}/actions", add_action_from_form, kForm},
    {"POST", "/plans/{nip}/actions/{action}", update_action_from_form, kForm},
    {"POST", "/plans/{nip}/propose", move_plan_to<PlanStatus::kProposed, false>, kSmall},
    {"POST", "/api/v1/plans/{nip}/propose", move_plan_to<PlanStatus::kProposed, true>, kSmall},
    {"POST", "/plans/{nip}/agree", move_plan_to<PlanStatus::kAgreed, false>, kSmall},
    {"POST", "/api/v1/plans/{nip}/agree", move_plan_to<PlanStatus::kAgreed, true>, kSmall},
    {"GET", "/api/v1/plans", api_team},
    {"GET", "/api/v1/plans/{nip}", api_plan},
    {"POST", "/api/v1/plans/{nip}/actions", api_add_action, kForm},
    {"PATCH", "/api/v1/plans/{nip}/actions/{action}", api_update_action, kForm},
};

}  // namespace

std::span<const web::RouteDef> result_routes() { return kRoutes; }

}  // namespace harmoni::competency

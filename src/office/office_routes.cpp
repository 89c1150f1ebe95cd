#include "office/office_routes.hpp"

#include <fmt/format.h>

#include "complaints/complaint_web.hpp"
#include "desk/desk_cases.hpp"
#include "desk/desk_web.hpp"
#include "office/office_cases.hpp"
#include "queue/queue_web.hpp"
#include "survey/survey_web.hpp"

namespace harmoni::office {
namespace {

using auth::Permission;
using web::Access;
using web::Context;
using web::Reply;

std::string minutes_text(double ms) { return ms > 0 ? fmt::format("{:.1f}", ms / 60000.0) : "–"; }

// The staff desk page; after a refused triage ticket or settings change it shows the
// error above the forms, so the officer sees what to correct.
Reply desk_page(Context& ctx, const org::Unit& unit, const Error* error) {
  const auto& p = ctx.user();
  DeskOverview o = TRY(desk_overview(ctx.env(), ctx.actor(), unit));
  nlohmann::json service_items = nlohmann::json::array(), counter_items = nlohmann::json::array();
  for (const auto& s : o.services) service_items.push_back(desk::service_json(s));
  for (const auto& c : o.counters) counter_items.push_back({{"code", c.code}, {"name", c.name}});
  const auto& s = o.settings;
  return ctx.form_page(
      "desk",
      {{"unit", {{"id", unit.id}, {"name", unit.name}}},
       {"services", service_items},
       {"counters", counter_items},
       {"waiting", o.waiting},
       {"classes", queue::class_options(ctx, false)},
       {"pledge", s.pledge},
       {"published", s.published},
       {"has_kiosk", o.has_kiosk},
       {"policy_weighted", s.policy.kind == queue::PolicyKind::kWeightedWait},
       {"policy_ratio", s.policy.kind == queue::PolicyKind::kRatio},
       {"priority_weight_minutes", s.policy.priority_weight_s / 60},
       {"max_wait_minutes", s.policy.max_wait_s / 60},
       {"ratio_regular", s.policy.ratio_regular},
       {"order_standard", s.form_order == survey::FormOrder::kStandard},
       {"order_u9_first", s.form_order == survey::FormOrder::kFacilitiesBeforeComplaints},
       {"can_manage", p.can(Permission::kDeskManage)},
       {"can_operate", p.can(Permission::kQueueOperate)},
       {"can_results", p.can(Permission::kIkmRead)},
       {"can_entry", p.can(Permission::kSurveyEntry)}},
      "desk.title", error);
}

Reply list_desks(Context& ctx) {
  const auto& p = ctx.user();
  if (p.unit_id) return ctx.redirect("/desk/" + std::to_string(*p.unit_id));
  nlohmann::json units = nlohmann::json::array();
  for (const auto& u : TRY(service_units(ctx.env(), ctx.actor()))) {
    units.push_back({{"id", u.id}, {"name", u.name}, {"instansi", u.instansi}});
  }
  return ctx.page("desk_list", {{"units", units}, {"empty", units.empty()}}, "desk.list_title");
}

Reply show_desk(Context& ctx) {
  org::Unit unit = TRY(desk::staff_unit(ctx.env(), ctx.actor(), ctx.param("unit_id")));
  return desk_page(ctx, unit, nullptr);
}

// Triage: an officer issues a priority ticket in one click.
Reply issue_at_triage(Context& ctx) {
  org::Unit unit = TRY(
      desk::staff_unit(ctx.env(), ctx.actor(), ctx.param("unit_id"), Permission::kQueueOperate));
  auto in = TRY(ctx.input());
  auto services = TRY(desk::services_of(ctx.env(), unit.id, false));
  auto input = queue::read_issue_input(ctx, in, services, "triage");
  auto issued = input.ok() ? queue::issue(ctx.env(), ctx.actor(), unit, *input)
                           : Result<queue::IssuedTicket>(input.error());
  if (!issued.ok()) return desk_page(ctx, unit, &issued.error());
  queue::publish_queue_event(ctx, unit.id, "change");
  return ctx.redirect("/t/" + issued->token);
}

Reply save_settings(Context& ctx) {
  org::Unit unit =
      TRY(desk::staff_unit(ctx.env(), ctx.actor(), ctx.param("unit_id"), Permission::kDeskManage));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  DeskSettings s = TRY(desk_settings(ctx.env(), unit));
  if (auto v = in.text("pledge", {.required = false, .max_chars = 4000, .multiline = true}))
    s.pledge = *v;
  s.published = in.flag("published");
  if (auto v = in.choice("policy", enum_name_list<queue::PolicyKind>()))
    s.policy.kind = *parse_enum<queue::PolicyKind>(*v);
  if (auto v = in.integer("priority_weight_minutes", {.min = 0, .max = 240}))
    s.policy.priority_weight_s = *v * 60;
  if (auto v = in.integer("max_wait_minutes", {.min = 5, .max = 480}))
    s.policy.max_wait_s = *v * 60;
  if (auto v = in.integer("ratio_regular", {.min = 1, .max = 20}))
    s.policy.ratio_regular = static_cast<int>(*v);
  // Older forms and scripts may not send the survey order: it then stays as it was.
  if (in.has("survey_order")) {
    if (auto v = in.choice("survey_order", enum_name_list<survey::FormOrder>()))
      s.form_order = *parse_enum<survey::FormOrder>(*v);
  }
  Status saved = in.finish();
  if (saved.ok()) saved = save_desk_settings(ctx.env(), ctx.actor(), unit, s);
  if (!saved.ok()) {
    if (!saved.error().is_users_fault()) return saved.release_error();
    return desk_page(ctx, unit, &saved.error());
  }
  return ctx.redirect("/desk/" + std::to_string(unit.id), "saved");
}

Reply show_public_unit(Context& ctx) {
  org::Unit unit = TRY(desk::public_unit(ctx.env(), ctx.param("unit_id")));
  PublicUnitView v = TRY(public_unit_view(ctx.env(), unit));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& s : v.services) items.push_back(desk::service_json(s));
  nlohmann::json calls = queue::recent_calls(v.queue, 4);
  nlohmann::json index = false;
  if (v.index) {
    index = survey::index_summary(ctx, v.index->index);
    index["from"] = format_date(v.index->from);
    index["to"] = format_date(v.index->to);
  }
  return ctx.page("unit_public",
                  {{"unit", {{"id", unit.id}, {"name", unit.name}}},
                   {"pledge", v.desk.pledge},
                   {"services", items},
                   {"waiting", v.queue.waiting.size()},
                   {"calls", calls},
                   {"has_calls", !calls.empty()},
                   {"ikm", index}},
                  "unit_public.title");
}

Reply show_results(Context& ctx) {
  org::Unit unit =
      TRY(desk::staff_unit(ctx.env(), ctx.actor(), ctx.param("unit_id"), Permission::kIkmRead));
  auto [from, to] = TRY(survey::period_params(ctx));
  UnitResults r = TRY(unit_results(ctx.env(), ctx.actor(), unit, from, to));
  nlohmann::json time_rows = nlohmann::json::array();
  for (const auto& st : r.times) {
    time_rows.push_back(
        {{"service", r.service_names[st.service_id]},
         {"class", ctx.t("queue.class." + std::string(enum_name(st.ticket_class)))},
         {"tickets", st.tickets},
         {"served", st.served},
         {"no_show", st.no_show},
         {"wait", minutes_text(st.avg_wait_ms)},
         {"service_time", minutes_text(st.avg_service_ms)},
         {"within", st.served ? fmt::format("{}%", st.within_standard * 100 / st.served) : "–"}});
  }
  nlohmann::json officer_rows = nlohmann::json::array();
  for (const auto& o : r.officers) {
    officer_rows.push_back({{"name", o.officer.name},
                            {"nip", o.officer.nip},
                            {"respondents", o.index ? o.index->respondents : 0},
                            {"u6", o.index ? survey::nrr_text(*o.index, 5) : "–"},
                            {"u7", o.index ? survey::nrr_text(*o.index, 6) : "–"},
                            {"served", o.served},
                            {"service_time", minutes_text(o.avg_service_ms)}});
  }
  int64_t required = survey::required_sample(r.population);
  return ctx.page("unit_results",
                  {{"unit", {{"id", unit.id}, {"name", unit.name}}},
                   {"from", format_date(from)},
                   {"to", format_date(to)},
                   {"index", survey::index_summary(ctx, r.index)},
                   {"elements", survey::element_rows(ctx, r.index)},
                   {"population", r.population},
                   {"required", required},
                   {"adequate", r.population > 0 && r.index.respondents >= required},
                   {"times", time_rows},
                   {"has_times", !time_rows.empty()},
                   {"officers", officer_rows},
                   {"has_officers", !officer_rows.empty()},
                   {"show_officers", r.officers_shown},
                   {"u8", survey::nrr_text(r.index, 7)},
                   {"complaints", complaints::statistics_json(ctx, r.complaints)}},
                  "results.title");
}

const web::RouteDef kRoutes[] = {
    {"GET", "/desk", list_desks},
    {"GET", "/desk/{unit_id}", show_desk},
    {"POST",
     "/desk/{unit_id}/tickets",
     issue_at_triage,
     {.permission = Permission::kQueueOperate, .body_limit = 4 * 1024}},
    {"POST",
     "/desk/{unit_id}/settings",
     save_settings,
     {.permission = Permission::kDeskManage, .body_limit = 16 * 1024}},
    {"GET", "/desk/{unit_id}/results", show_results, {.permission = Permission::kIkmRead}},
    {"GET", "/u/{unit_id}", show_public_unit, {.access = Access::kPublic}},
};

}  // namespace

void register_routes(web::App& app) {
  app.add_nav({40,
               "nav.desk",
               "/desk",
               std::nullopt,
               {auth::Role::kSystemAdmin, auth::Role::kInstansiAdmin, auth::Role::kUnitHead,
                auth::Role::kOfficer}});
  app.router().add(kRoutes);
}

}  // namespace harmoni::office

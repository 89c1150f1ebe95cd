#include "queue/queue_routes.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "desk/desk_store.hpp"
#include "desk/unit_access.hpp"
#include "org/org_store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/password.hpp"
#include "platform/qr/qr_svg.hpp"
#include "platform/util/date.hpp"
#include "platform/web/routes_util.hpp"
#include "queue/queue_store.hpp"
#include "survey/survey_store.hpp"

namespace harmoni::queue {
namespace {

using auth::Permission;
using web::Access;
using web::Context;
using web::Reply;

std::string queue_topic(int64_t unit_id) { return "queue:" + std::to_string(unit_id); }

std::string today_text(const Context& ctx) { return format_date(date_in_wib(ctx.now_ms())); }

nlohmann::json class_options(const Context& ctx, bool with_regular) {
  nlohmann::json out = nlohmann::json::array();
  for (TicketClass c : kAllClasses) {
    if ((c == TicketClass::kRegular && !with_regular) || c == TicketClass::kAppointment) continue;
    out.push_back({{"value", class_name(c)},
                   {"label", ctx.t("queue.class." + std::string(class_name(c)))},
                   {"regular", c == TicketClass::kRegular}});
  }
  return out;
}

nlohmann::json service_item(const desk::Service& s) {
  return {{"code", s.code},
          {"name", s.name},
          {"requirements", s.requirements},
          {"procedure", s.procedure},
          {"standard_minutes", s.standard_minutes},
          {"cost", s.cost},
          {"product", s.product},
          {"complaints", s.complaints},
          {"active", s.active}};
}

std::string reason_text(const Context& ctx, const std::string& reason_json) {
  auto j = nlohmann::json::parse(reason_json, nullptr, false);
  if (!j.is_object() || !j.contains("key")) return "";
  MessageArgs args;
  if (j.contains("args") && j["args"].is_object()) {
    for (auto it = j["args"].begin(); it != j["args"].end(); ++it) {
      args[it.key()] = it->is_string() ? it->get<std::string>() : it->dump();
    }
  }
  if (args.contains("class")) args["class"] = ctx.t("queue.class." + args["class"]);
  return ctx.t(j["key"].get<std::string>(), args);
}

nlohmann::json ticket_json(const Context& ctx, const Ticket& t, const std::string& service_name) {
  return {{"id", t.id},
          {"label", t.label},
          {"service", service_name},
          {"class_label", ctx.t("queue.class." + std::string(class_name(t.ticket_class)))},
          {"priority", is_priority(t.ticket_class)},
          {"status", status_name(t.status)},
          {"status_label", ctx.t("queue.status." + std::string(status_name(t.status)))},
          {"why", reason_text(ctx, t.call_reason)}};
}

// Tells the unit's display boards that its queue changed: "call" and "recall" carry
// what the board announces; "change" only asks it to refresh. After the commit only.
void publish_queue_event(const Context& ctx, int64_t unit_id, std::string_view kind,
                         const Ticket* ticket = nullptr, const std::string& counter_name = {}) {
  nlohmann::json data = {{"kind", kind}};
  if (ticket) {
    data["label"] = ticket->label;
    data["counter"] = counter_name;
  }
  ctx.services.events.publish(queue_topic(unit_id), std::string(kind), data.dump());
}

// Issues a ticket and returns the token for its page and survey (shown once, stored hashed).
Result<std::pair<Ticket, std::string>> issue_for(Context& ctx, const org::Unit& unit,
                                                 web::Input& in, std::string_view channel) {
  auto services = TRY(
      ctx.services.db.read([&](db::Tx& tx) { return desk::list_services(tx, unit.id, false); }));
  std::vector<std::string> codes, classes;
  for (const auto& s : services) codes.push_back(s.code);
  // Appointments are made by staff (with their time), never at the kiosk.
  for (TicketClass c : kAllClasses) {
    if (c != TicketClass::kAppointment || channel == "triage") classes.emplace_back(class_name(c));
  }
  auto code = in.choice("service", codes);
  auto klass = in.raw("ticket_class").empty() ? std::optional<std::string>("regular")
                                              : in.choice("ticket_class", classes);
  if (in.raw("ticket_class").empty()) in.ignore("ticket_class");
  std::optional<int64_t> appointment_ms;
  if (klass == "appointment") {
    // "HH:MM" today, western Indonesian time.
    std::string at = in.text("appointment_time", {.max_chars = 5}).value_or("");
    int h = -1, m = -1;
    if (at.size() == 5 && at[2] == ':' && std::sscanf(at.c_str(), "%2d:%2d", &h, &m) == 2 &&
        h >= 0 && h < 24 && m >= 0 && m < 60) {
      appointment_ms = wib_day_start_ms(ctx.now_ms()) + (h * 60 + m) * 60'000LL;
    } else if (!at.empty()) {
      in.add_error("appointment_time", "queue.appointment_time");
    }
  } else {
    in.ignore("appointment_time");
  }
  TRY(in.finish());
  const desk::Service* service = nullptr;
  for (const auto& s : services) {
    if (s.code == *code) service = &s;
  }
  std::string token = ctx.services.random.token(24);
  IssueRequest q{unit.id,
                 service,
                 *parse_class(*klass),
                 std::string(channel),
                 today_text(ctx),
                 ctx.now_ms(),
                 appointment_ms,
                 auth::sha256_hex(token),
                 ctx.principal ? std::optional(ctx.principal->user_id) : std::nullopt};
  Ticket t = TRY(ctx.services.db.write([&](db::Tx& tx) -> Result<Ticket> {
    Ticket issued = TRY(issue_ticket(tx, q));
    if (ctx.principal) {
      TRY(audit::append(
          tx, ctx.audit("ticket.issue", "ticket", std::to_string(issued.id), unit.instansi_id),
          ctx.now_ms()));
    }
    return issued;
  }));
  publish_queue_event(ctx, unit.id, "change");
  return std::pair{t, token};
}

// The latest quarter with results, for the public page: the last full quarter, else this one.
nlohmann::json latest_index(const Context& ctx, const org::Unit& unit) {
  Date today = date_in_wib(ctx.now_ms());
  int q_start = ((today.month - 1) / 3) * 3 + 1;
  Date this_from{today.year, q_start, 1};
  Date last_from = q_start == 1 ? Date{today.year - 1, 10, 1} : Date{today.year, q_start - 3, 1};
  Date last_to = last_of_month(Date{last_from.year, last_from.month + 2, 1});
  for (auto [from, to] : {std::pair{last_from, last_to}, std::pair{this_from, today}}) {
    survey::CountsQuery q{.unit_id = unit.id};
    q.period = survey::plan_period(from, to).value();
    auto counts = ctx.services.db.read([&](db::Tx& tx) { return survey::load_counts(tx, q); });
    if (!counts.ok() || counts->respondents == 0) continue;
    auto r = survey::compute_index(*counts, survey::Weight::kExact);
    if (!r.score_e2) continue;
    return {{"score", survey::format_fixed(*r.score_e2, 2)},
            {"mutu", survey::mutu_letter(*r.mutu)},
            {"kinerja", ctx.t(survey::kinerja_key(*r.mutu))},
            {"respondents", r.respondents},
            {"from", format_date(from)},
            {"to", format_date(to)}};
  }
  return false;
}

Result<std::pair<Ticket, desk::Service>> ticket_for_token(const Context& ctx) {
  auto visit = TRY(ctx.services.db.read(
      [&](db::Tx& tx) { return find_visit_by_token(tx, ctx.param("token")); }));
  if (!visit) return Error::not_found("queue.ticket_unknown");
  return *visit;
}

Reply ticket_page(Context& ctx, const Ticket& t, const desk::Service& service,
                  const std::string& token) {
  auto unit =
      TRY(ctx.services.db.read([&](db::Tx& tx) { return org::find_unit_by_id(tx, t.unit_id); }));
  auto view =
      TRY(ctx.services.db.read([&](db::Tx& tx) { return queue_view(tx, t.unit_id, t.day); }));
  int ahead = 0;
  for (const auto& w : view.waiting) {
    if (w.id != t.id && w.eligible_at_ms <= t.eligible_at_ms) ++ahead;
  }
  std::string survey_url = ctx.public_origin() + "/s/" + token;
  std::string qr = TRY(qr::svg(survey_url, ctx.t("ticket.qr_label")));
  nlohmann::json data = {{"ticket", ticket_json(ctx, t, service.name)},
                         {"unit", {{"id", unit->id}, {"name", unit->name}}},
                         {"ahead", ahead},
                         {"waiting", t.status == TicketStatus::kWaiting},
                         {"survey_url", survey_url},
                         {"qr", qr},
                         {"standard_minutes", service.standard_minutes},
                         {"token", token}};
  return ctx.page("ticket", data, "ticket.title");
}

Result<desk::Counter> counter_of(const Context& ctx, const org::Unit& unit) {
  auto c = TRY(ctx.services.db.read([&](db::Tx& tx) {
    return desk::find_counter(tx, unit.id, org::upper_code(ctx.param("counter")));
  }));
  if (!c || !c->active) return Error::not_found("queue.counter_unknown");
  return *c;
}

// The counter console; `problem` is a message from the last action, if it failed.
Reply counter_page(Context& ctx, const org::Unit& unit, const desk::Counter& counter,
                   const std::string& problem, int status) {
  auto [current, services, view] = TRY(ctx.services.db.read(
      [&](db::Tx& tx)
          -> Result<std::tuple<std::optional<Ticket>, std::vector<desk::Service>, QueueView>> {
        return std::tuple{TRY(counter_ticket(tx, counter.id)),
                          TRY(desk::list_services(tx, unit.id, false)),
                          TRY(queue_view(tx, unit.id, today_text(ctx)))};
      }));
  nlohmann::json service_items = nlohmann::json::array();
  std::string current_service;
  for (const auto& s : services) {
    service_items.push_back({{"code", s.code}, {"name", s.name}});
    if (current && s.id == current->service_id) current_service = s.name;
  }
  nlohmann::json data = {
      {"unit", {{"id", unit.id}, {"name", unit.name}}},
      {"counter", {{"code", counter.code}, {"name", counter.name}}},
      {"waiting", view.waiting.size()},
      {"services", service_items},
      {"problem", problem.empty() ? nlohmann::json(false) : nlohmann::json(problem)}};
  if (current) {
    data["current"] = ticket_json(ctx, *current, current_service);
    data["current"]["called"] = current->status == TicketStatus::kCalled;
    data["current"]["serving"] = current->status == TicketStatus::kServing;
  } else {
    data["current"] = false;
  }
  return ctx.page("counter", data, "counter.title", status);
}

// The staff desk page; after a refused triage ticket or settings change it shows the
// error above the forms (status 422), so the officer sees what to correct.
Reply desk_page(Context& ctx, const org::Unit& unit, const Error* error) {
  const auto& p = ctx.user();
  if (!p.can(Permission::kDeskManage) && !p.can(Permission::kQueueOperate))
    return Error::forbidden();
  auto [settings, services, counters, view] = TRY(ctx.services.db.read(
      [&](db::Tx& tx) -> Result<std::tuple<desk::Desk, std::vector<desk::Service>,
                                           std::vector<desk::Counter>, QueueView>> {
        return std::tuple{
            TRY(desk::load_desk(tx, unit.id)), TRY(desk::list_services(tx, unit.id, true)),
            TRY(desk::list_counters(tx, unit.id)), TRY(queue_view(tx, unit.id, today_text(ctx)))};
      }));
  nlohmann::json service_items = nlohmann::json::array(), counter_items = nlohmann::json::array();
  for (const auto& s : services) service_items.push_back(service_item(s));
  for (const auto& c : counters) counter_items.push_back({{"code", c.code}, {"name", c.name}});
  nlohmann::json data = {
      {"unit", {{"id", unit.id}, {"name", unit.name}}},
      {"services", service_items},
      {"counters", counter_items},
      {"waiting", view.waiting.size()},
      {"classes", class_options(ctx, false)},
      {"pledge", settings.pledge},
      {"published", settings.published},
      {"has_kiosk", settings.has_kiosk},
      {"policy_weighted", settings.policy.kind == PolicyKind::kWeightedWait},
      {"policy_ratio", settings.policy.kind == PolicyKind::kRatio},
      {"priority_weight_minutes", settings.policy.priority_weight_s / 60},
      {"max_wait_minutes", settings.policy.max_wait_s / 60},
      {"ratio_regular", settings.policy.ratio_regular},
      {"order_standard", settings.survey_order == survey::FormOrder::kStandard},
      {"order_u9_first", settings.survey_order == survey::FormOrder::kFacilitiesBeforeComplaints},
      {"can_manage", p.can(Permission::kDeskManage)},
      {"can_operate", p.can(Permission::kQueueOperate)},
      {"can_results", p.can(Permission::kIkmRead)},
      {"can_entry", p.can(Permission::kSurveyEntry)}};
  if (error) data["errors"] = ctx.field_errors(*error);
  return ctx.page("desk", data, "desk.title",
                  !error                               ? 200
                  : error->kind == ErrorKind::kInvalid ? 422
                                                       : web::status_for(*error));
}

}  // namespace

void register_routes(web::App& app) {
  auto& r = app.router();
  app.add_nav({40,
               "nav.desk",
               "/desk",
               std::nullopt,
               {auth::Role::kSystemAdmin, auth::Role::kInstansiAdmin, auth::Role::kUnitHead,
                auth::Role::kOfficer}});

  // ---- citizens ----
  r.add({"GET",
         "/u/{unit_id}",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::public_unit(ctx, ctx.param("unit_id")));
           auto [desk_settings, services, view] = TRY(ctx.services.db.read(
               [&](db::Tx& tx)
                   -> Result<std::tuple<desk::Desk, std::vector<desk::Service>, QueueView>> {
                 return std::tuple{TRY(desk::load_desk(tx, unit.id)),
                                   TRY(desk::list_services(tx, unit.id, false)),
                                   TRY(queue_view(tx, unit.id, today_text(ctx)))};
               }));
           nlohmann::json items = nlohmann::json::array();
           for (const auto& s : services) items.push_back(service_item(s));
           nlohmann::json calls = nlohmann::json::array();
           for (size_t i = 0; i < view.recent_calls.size() && i < 4; ++i) {
             calls.push_back({{"label", view.recent_calls[i].label},
                              {"counter", view.recent_counter_names[i]}});
           }
           return ctx.page("unit_public",
                           {{"unit", {{"id", unit.id}, {"name", unit.name}}},
                            {"pledge", desk_settings.pledge},
                            {"services", items},
                            {"waiting", view.waiting.size()},
                            {"calls", calls},
                            {"has_calls", !calls.empty()},
                            {"ikm", latest_index(ctx, unit)}},
                           "unit_public.title");
         },
         {.access = Access::kPublic}});

  // The display board for a TV in the waiting room. With JavaScript it follows the
  // unit's event stream (below): it refreshes itself when the queue changes and speaks
  // each called number. Without JavaScript it reloads every few seconds.
  r.add({"GET",
         "/u/{unit_id}/board",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::public_unit(ctx, ctx.param("unit_id")));
           QueueView view = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return queue_view(tx, unit.id, today_text(ctx)); }));
           nlohmann::json calls = nlohmann::json::array();
           nlohmann::json latest = false;
           for (size_t i = 0; i < view.recent_calls.size(); ++i) {
             nlohmann::json call = {{"label", view.recent_calls[i].label},
                                    {"counter", view.recent_counter_names[i]}};
             if (i == 0) {
               latest = call;
             } else {
               calls.push_back(call);
             }
           }
           return ctx.page(
               "board",
               {{"unit", {{"id", unit.id}, {"name", unit.name}}},
                {"latest", latest},
                {"calls", calls},
                {"waiting", view.waiting.size()},
                {"refresh_seconds", 10},
                {"announce_template",
                 ctx.t("board.announce", {{"label", "{label}"}, {"counter", "{counter}"}})}},
               "board.title");
         },
         {.access = Access::kPublic}});

  // The board's live feed (server-sent events): "call", "recall" and "change" events
  // with JSON data; the stream waits on the network thread, not on a worker.
  r.add({"GET",
         "/u/{unit_id}/events",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::public_unit(ctx, ctx.param("unit_id")));
           auto source = TRY(ctx.services.events.subscribe(queue_topic(unit.id),
                                                           ctx.request.header("last-event-id")));
           http::Response res;
           res.set_header("Content-Type", "text/event-stream; charset=utf-8");
           res.set_header("Cache-Control", "no-store");
           res.set_header("X-Accel-Buffering", "no");  // nginx: pass events through at once
           res.events = std::move(source);
           return res;
         },
         {.access = Access::kPublic}});

  r.add({"GET",
         "/kiosk/{key}",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::kiosk_unit(ctx, ctx.param("key")));
           auto services = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return desk::list_services(tx, unit.id, false); }));
           nlohmann::json items = nlohmann::json::array();
           for (const auto& s : services) items.push_back(service_item(s));
           return ctx.page("kiosk",
                           {{"unit", {{"name", unit.name}}},
                            {"services", items},
                            {"classes", class_options(ctx, true)},
                            {"key", ctx.param("key")},
                            {"form_csrf", ctx.form_csrf_token()}},
                           "kiosk.title");
         },
         {.access = Access::kPublic}});

  r.add({"POST",
         "/kiosk/{key}/tickets",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::kiosk_unit(ctx, ctx.param("key")));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto [ticket, token] = TRY(issue_for(ctx, unit, in, "kiosk"));
           return ctx.redirect("/t/" + token);
         },
         {.access = Access::kPublic, .body_limit = 4 * 1024}});

  r.add({"GET",
         "/t/{token}",
         [](Context& ctx) -> Reply {
           auto [ticket, service] = TRY(ticket_for_token(ctx));
           return ticket_page(ctx, ticket, service, ctx.param("token"));
         },
         {.access = Access::kPublic}});

  // ---- staff: the desk of a unit ----
  r.add({"GET", "/desk", [](Context& ctx) -> Reply {
           const auto& p = ctx.user();
           if (p.unit_id) return ctx.redirect("/desk/" + std::to_string(*p.unit_id));
           // Administrators choose among the units of their instansi that have services.
           nlohmann::json units = nlohmann::json::array();
           TRY(ctx.services.db.read([&](db::Tx& tx) -> Status {
             for (const auto& i : TRY(org::list_instansi(
                      tx, p.role == auth::Role::kSystemAdmin ? std::nullopt : p.instansi_id))) {
               for (const auto& u : TRY(org::list_units(tx, i.id))) {
                 if (TRY(desk::list_services(tx, u.id, true)).empty()) continue;
                 units.push_back({{"id", u.id}, {"name", u.name}, {"instansi", i.name}});
               }
             }
             return {};
           }));
           return ctx.page("desk_list", {{"units", units}, {"empty", units.empty()}},
                           "desk.list_title");
         }});

  r.add({"GET", "/desk/{unit_id}", [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::staff_unit(ctx, ctx.param("unit_id")));
           return desk_page(ctx, unit, nullptr);
         }});

  // Triage: an officer issues a priority ticket in one click.
  r.add({"POST",
         "/desk/{unit_id}/tickets",
         [](Context& ctx) -> Reply {
           org::Unit unit =
               TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kQueueOperate));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto issued = issue_for(ctx, unit, in, "triage");
           if (!issued.ok()) return desk_page(ctx, unit, &issued.error());
           return ctx.redirect("/t/" + issued->second);
         },
         {.permission = Permission::kQueueOperate, .body_limit = 4 * 1024}});

  // A new kiosk link: its secret is shown once, only its hash is kept.
  r.add(
      {"POST",
       "/desk/{unit_id}/kiosk",
       [](Context& ctx) -> Reply {
         org::Unit unit = TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
         std::string key = ctx.services.random.token(24);
         TRY(ctx.services.db.write([&](db::Tx& tx) -> Status {
           TRY(desk::set_kiosk_key_hash(tx, unit.id, auth::sha256_hex(key),
                                        ctx.services.clock.now_seconds()));
           return audit::append(
               tx, ctx.audit("desk.kiosk_link", "unit", std::to_string(unit.id), unit.instansi_id),
               ctx.now_ms());
         }));
         std::string link = ctx.public_origin() + "/kiosk/" + key;
         std::string qr = TRY(
             qr::svg(link, ctx.t("desk.kiosk_qr_label")));  // outside the braces: see result.hpp
         return ctx.page(
             "kiosk_link",
             {{"unit", {{"id", unit.id}, {"name", unit.name}}}, {"link", link}, {"qr", qr}},
             "desk.kiosk_title");
       },
       {.permission = Permission::kDeskManage}});

  r.add(
      {"POST",
       "/desk/{unit_id}/settings",
       [](Context& ctx) -> Reply {
         org::Unit unit = TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
         auto in = TRY(ctx.input());
         in.ignore("_csrf");
         desk::Desk d =
             TRY(ctx.services.db.read([&](db::Tx& tx) { return desk::load_desk(tx, unit.id); }));
         if (auto v = in.text("pledge", {.required = false, .max_chars = 4000, .multiline = true}))
           d.pledge = *v;
         d.published = in.flag("published");
         if (auto v = in.choice("policy", {"weighted", "ratio"})) d.policy.kind = *parse_policy(*v);
         if (auto v = in.integer("priority_weight_minutes", {.min = 0, .max = 240}))
           d.policy.priority_weight_s = *v * 60;
         if (auto v = in.integer("max_wait_minutes", {.min = 5, .max = 480}))
           d.policy.max_wait_s = *v * 60;
         if (auto v = in.integer("ratio_regular", {.min = 1, .max = 20}))
           d.policy.ratio_regular = static_cast<int>(*v);
         // Older forms and scripts may not send the survey order: it then stays as it was.
         if (in.has("survey_order")) {
           std::vector<std::string> orders;
           for (auto o : survey::kFormOrders) orders.emplace_back(survey::form_order_name(o));
           if (auto v = in.choice("survey_order", orders))
             d.survey_order = *survey::parse_form_order(*v);
         }
         Status valid = in.finish();
         if (valid.ok()) valid = validate(d.policy);
         if (!valid.ok()) return desk_page(ctx, unit, &valid.error());
         TRY(ctx.services.db.write([&](db::Tx& tx) -> Status {
           TRY(desk::save_desk(tx, d, ctx.services.clock.now_seconds()));
           return audit::append(
               tx, ctx.audit("desk.settings", "unit", std::to_string(unit.id), unit.instansi_id),
               ctx.now_ms());
         }));
         return ctx.redirect("/desk/" + std::to_string(unit.id), "saved");
       },
       {.permission = Permission::kDeskManage, .body_limit = 16 * 1024}});
  // ---- staff: a counter ----
  r.add({"GET",
         "/desk/{unit_id}/counters/{counter}",
         [](Context& ctx) -> Reply {
           org::Unit unit =
               TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kQueueOperate));
           return counter_page(ctx, unit, TRY(counter_of(ctx, unit)), "", 200);
         },
         {.permission = Permission::kQueueOperate}});

  r.add({"POST",
         "/desk/{unit_id}/counters/{counter}/call",
         [](Context& ctx) -> Reply {
           org::Unit unit =
               TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kQueueOperate));
           desk::Counter counter = TRY(counter_of(ctx, unit));
           const auto& p = ctx.user();
           CallRequest q{unit.id, counter.id,      p.asn_id,    p.user_id,
                         {},      today_text(ctx), ctx.now_ms()};
           auto called = ctx.services.db.write([&](db::Tx& tx) -> Result<std::optional<Ticket>> {
             auto t = TRY(call_next(tx, q));
             if (t)
               TRY(audit::append(
                   tx, ctx.audit("ticket.call", "ticket", std::to_string(t->id), unit.instansi_id),
                   ctx.now_ms()));
             return t;
           });
           if (!called.ok())
             return counter_page(ctx, unit, counter, ctx.t(called.error().key),
                                 web::status_for(called.error()));
           if (called.value())
             publish_queue_event(ctx, unit.id, "call", &*called.value(), counter.name);
           std::string back = "/desk/" + std::to_string(unit.id) + "/counters/" + counter.code;
           return called.value() ? ctx.redirect(back) : ctx.redirect(back, "queue.nobody_waiting");
         },
         {.permission = Permission::kQueueOperate, .body_limit = 4 * 1024}});

  r.add({"POST",
         "/desk/{unit_id}/counters/{counter}/step",
         [](Context& ctx) -> Reply {
           org::Unit unit =
               TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kQueueOperate));
           desk::Counter counter = TRY(counter_of(ctx, unit));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto ticket = in.integer("ticket", {.min = 1});
           auto step = in.choice("step", {"recall", "start", "finish", "no_show", "transfer"});
           auto to_service = in.text("to_service", {.required = false, .max_chars = 32});
           TRY(in.finish());
           StepRequest q{*ticket,      *parse_step(*step), counter.id,  ctx.user().user_id,
                         std::nullopt, std::nullopt,       ctx.now_ms()};
           auto done = ctx.services.db.write([&](db::Tx& tx) -> Result<Ticket> {
             if (q.step == Step::kTransfer && to_service && !to_service->empty()) {
               auto s = TRY(desk::find_service(tx, unit.id, org::upper_code(*to_service)));
               if (!s || !s->active) return Error::field("to_service", "service.unknown");
               q.to_service_id = s->id;
             }
             Ticket t = TRY(apply_ticket_step(tx, q));
             TRY(audit::append(tx,
                               ctx.audit("ticket." + std::string(step_name(q.step)), "ticket",
                                         std::to_string(t.id), unit.instansi_id),
                               ctx.now_ms()));
             return t;
           });
           if (!done.ok())
             return counter_page(ctx, unit, counter, ctx.t(done.error().key),
                                 web::status_for(done.error()));
           // Starting and finishing change nothing the board shows.
           if (q.step == Step::kRecall) {
             publish_queue_event(ctx, unit.id, "recall", &done.value(), counter.name);
           } else if (q.step == Step::kNoShow || q.step == Step::kTransfer) {
             publish_queue_event(ctx, unit.id, "change");
           }
           return ctx.redirect("/desk/" + std::to_string(unit.id) + "/counters/" + counter.code);
         },
         {.permission = Permission::kQueueOperate, .body_limit = 4 * 1024}});
}

}  // namespace harmoni::queue

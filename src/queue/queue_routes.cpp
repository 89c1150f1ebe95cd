// The queue's pages: the kiosk, a citizen's ticket, the display board and its live feed,
// and the counter console.
#include "queue/queue_routes.hpp"

#include "desk/desk_cases.hpp"
#include "desk/desk_web.hpp"
#include "platform/qr/qr_svg.hpp"
#include "queue/queue_web.hpp"

namespace harmoni::queue {
namespace {

using auth::Permission;
using web::Access;
using web::Context;
using web::Reply;

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
          {"class_label", ctx.t("queue.class." + std::string(enum_name(t.ticket_class)))},
          {"priority", is_priority(t.ticket_class)},
          {"status", enum_name(t.status)},
          {"status_label", ctx.t("queue.status." + std::string(enum_name(t.status)))},
          {"why", reason_text(ctx, t.call_reason)}};
}

Result<org::Unit> operated_unit(const Context& ctx) {
  return desk::staff_unit(ctx.env(), ctx.actor(), ctx.param("unit_id"), Permission::kQueueOperate);
}

// The counter console; `problem` is a message from the last action, if it failed.
Reply counter_page(Context& ctx, const org::Unit& unit, const desk::Counter& counter,
                   const std::string& problem, int status) {
  CounterView view = TRY(counter_view(ctx.env(), unit, counter));
  nlohmann::json service_items = nlohmann::json::array();
  std::string current_service;
  for (const auto& s : view.services) {
    service_items.push_back({{"code", s.code}, {"name", s.name}});
    if (view.current && s.id == view.current->service_id) current_service = s.name;
  }
  nlohmann::json data = {
      {"unit", {{"id", unit.id}, {"name", unit.name}}},
      {"counter", {{"code", counter.code}, {"name", counter.name}}},
      {"waiting", view.waiting},
      {"services", service_items},
      {"problem", problem.empty() ? nlohmann::json(false) : nlohmann::json(problem)}};
  if (view.current) {
    data["current"] = ticket_json(ctx, *view.current, current_service);
    data["current"]["called"] = view.current->status == TicketStatus::kCalled;
    data["current"]["serving"] = view.current->status == TicketStatus::kServing;
  } else {
    data["current"] = false;
  }
  return ctx.page("counter", data, "counter.title", status);
}

// ---- citizens ----

// The display board for a TV in the waiting room. With JavaScript it follows the unit's
// event stream (below): it refreshes itself when the queue changes and speaks each called
// number. Without JavaScript it reloads every few seconds.
Reply show_board(Context& ctx) {
  org::Unit unit = TRY(desk::public_unit(ctx.env(), ctx.param("unit_id")));
  QueueView view = TRY(today(ctx.env(), unit));
  nlohmann::json calls = recent_calls(view, view.recent_calls.size());
  nlohmann::json latest = false;
  if (!calls.empty()) {
    latest = calls[0];
    calls.erase(calls.begin());
  }
  return ctx.page("board",
                  {{"unit", {{"id", unit.id}, {"name", unit.name}}},
                   {"latest", latest},
                   {"calls", calls},
                   {"waiting", view.waiting.size()},
                   {"refresh_seconds", 10},
                   {"announce_template",
                    ctx.t("board.announce", {{"label", "{label}"}, {"counter", "{counter}"}})}},
                  "board.title");
}

// The board's live feed (server-sent events): "call", "recall" and "change" events with
// JSON data; the stream waits on the network thread, not on a worker.
Reply board_events(Context& ctx) {
  org::Unit unit = TRY(desk::public_unit(ctx.env(), ctx.param("unit_id")));
  auto source =
      TRY(ctx.services.events.subscribe(queue_topic(unit.id), ctx.request.header("last-event-id")));
  http::Response res;
  res.set_header("Content-Type", "text/event-stream; charset=utf-8");
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Accel-Buffering", "no");  // nginx: pass events through at once
  res.events = std::move(source);
  return res;
}

Reply show_kiosk(Context& ctx) {
  org::Unit unit = TRY(desk::kiosk_unit(ctx.env(), ctx.param("key")));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& s : TRY(desk::services_of(ctx.env(), unit.id, false))) {
    items.push_back(desk::service_json(s));
  }
  return ctx.page("kiosk",
                  {{"unit", {{"name", unit.name}}},
                   {"services", items},
                   {"classes", class_options(ctx, true)},
                   {"key", ctx.param("key")},
                   {"form_csrf", ctx.form_csrf_token()}},
                  "kiosk.title");
}

Reply take_kiosk_ticket(Context& ctx) {
  org::Unit unit = TRY(desk::kiosk_unit(ctx.env(), ctx.param("key")));
  auto in = TRY(ctx.input());
  auto services = TRY(desk::services_of(ctx.env(), unit.id, false));
  IssueInput input = TRY(read_issue_input(ctx, in, services, "kiosk"));
  IssuedTicket issued = TRY(issue(ctx.env(), ctx.actor(), unit, input));
  publish_queue_event(ctx, unit.id, "change");
  return ctx.redirect("/t/" + issued.token);
}

Reply show_ticket(Context& ctx) {
  TicketView v = TRY(ticket_view(ctx.env(), ctx.param("token")));
  const std::string token = ctx.param("token");
  std::string survey_url = ctx.public_origin() + "/s/" + token;
  std::string qr = TRY(qr::svg(survey_url, ctx.t("ticket.qr_label")));
  nlohmann::json data = {{"ticket", ticket_json(ctx, v.ticket, v.service.name)},
                         {"unit", {{"id", v.unit.id}, {"name", v.unit.name}}},
                         {"ahead", v.ahead},
                         {"waiting", v.ticket.status == TicketStatus::kWaiting},
                         {"survey_url", survey_url},
                         {"qr", qr},
                         {"standard_minutes", v.service.standard_minutes},
                         {"token", token}};
  return ctx.page("ticket", data, "ticket.title");
}

// ---- staff: a counter ----

Reply show_counter(Context& ctx) {
  org::Unit unit = TRY(operated_unit(ctx));
  desk::Counter counter = TRY(desk::counter_of(ctx.env(), unit, ctx.param("counter")));
  return counter_page(ctx, unit, counter, "", 200);
}

Reply call_next_from_counter(Context& ctx) {
  org::Unit unit = TRY(operated_unit(ctx));
  desk::Counter counter = TRY(desk::counter_of(ctx.env(), unit, ctx.param("counter")));
  auto called = call_next_ticket(ctx.env(), ctx.actor(), unit, counter);
  if (!called.ok()) {
    return counter_page(ctx, unit, counter, ctx.t(called.error().key),
                        web::status_for(called.error()));
  }
  std::string back = "/desk/" + std::to_string(unit.id) + "/counters/" + counter.code;
  if (!called.value()) return ctx.redirect(back, "queue.nobody_waiting");
  publish_queue_event(ctx, unit.id, "call", &*called.value(), counter.name);
  return ctx.redirect(back);
}

Reply step_at_counter(Context& ctx) {
  org::Unit unit = TRY(operated_unit(ctx));
  desk::Counter counter = TRY(desk::counter_of(ctx.env(), unit, ctx.param("counter")));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto ticket = in.integer("ticket", {.min = 1});
  auto step = in.choice("step", enum_name_list<Step>());
  auto to_service = in.text("to_service", {.required = false, .max_chars = 32});
  TRY(in.finish());
  StepInput input{.ticket_id = *ticket,
                  .step = *parse_enum<Step>(*step),
                  .to_service_code = to_service.value_or("")};
  auto done = take_step(ctx.env(), ctx.actor(), unit, counter, input);
  if (!done.ok()) {
    return counter_page(ctx, unit, counter, ctx.t(done.error().key), web::status_for(done.error()));
  }
  // Starting and finishing change nothing the board shows.
  if (input.step == Step::kRecall) {
    publish_queue_event(ctx, unit.id, "recall", &done.value(), counter.name);
  } else if (input.step == Step::kNoShow || input.step == Step::kTransfer) {
    publish_queue_event(ctx, unit.id, "change");
  }
  return ctx.redirect("/desk/" + std::to_string(unit.id) + "/counters/" + counter.code);
}

const web::RouteOptions kOperate{.permission = Permission::kQueueOperate};
const web::RouteOptions kOperateWrite{.permission = Permission::kQueueOperate,
                                      .body_limit = 4 * 1024};

const web::RouteDef kRoutes[] = {
    {"GET", "/u/{unit_id}/board", show_board, {.access = Access::kPublic}},
    {"GET", "/u/{unit_id}/events", board_events, {.access = Access::kPublic}},
    {"GET", "/kiosk/{key}", show_kiosk, {.access = Access::kPublic}},
    {"POST",
     "/kiosk/{key}/tickets",
     take_kiosk_ticket,
     {.access = Access::kPublic, .body_limit = 4 * 1024}},
    {"GET", "/t/{token}", show_ticket, {.access = Access::kPublic}},
    {"GET", "/desk/{unit_id}/counters/{counter}", show_counter, kOperate},
    {"POST", "/desk/{unit_id}/counters/{counter}/call", call_next_from_counter, kOperateWrite},
    {"POST", "/desk/{unit_id}/counters/{counter}/step", step_at_counter, kOperateWrite},
};

}  // namespace

void register_routes(web::App& app) { app.router().add(kRoutes); }

}  // namespace harmoni::queue

#include "queue/queue_web.hpp"

#include <cstdio>

#include "platform/util/date.hpp"

namespace harmoni::queue {

std::string queue_topic(int64_t unit_id) { return "queue:" + std::to_string(unit_id); }

nlohmann::json class_options(const web::Context& ctx, bool with_regular) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [c, name] : kTicketClassNames) {
    if ((c == TicketClass::kRegular && !with_regular) || c == TicketClass::kAppointment) continue;
    out.push_back({{"value", name},
                   {"label", ctx.t("queue.class." + std::string(name))},
                   {"regular", c == TicketClass::kRegular}});
  }
  return out;
}

nlohmann::json recent_calls(const QueueView& view, size_t limit) {
  nlohmann::json calls = nlohmann::json::array();
  for (size_t i = 0; i < view.recent_calls.size() && i < limit; ++i) {
    calls.push_back(
        {{"label", view.recent_calls[i].label}, {"counter", view.recent_counter_names[i]}});
  }
  return calls;
}

Result<IssueInput> read_issue_input(const web::Context& ctx, web::Input& in,
                                    const std::vector<desk::Service>& services,
                                    std::string_view channel) {
  in.ignore("_csrf");
  std::vector<std::string> codes, classes;
  for (const auto& s : services) codes.push_back(s.code);
  // Appointments are made by staff (with their time), never at the kiosk.
  for (const auto& [c, name] : kTicketClassNames) {
    if (c != TicketClass::kAppointment || channel == "triage") classes.emplace_back(name);
  }
  IssueInput out{.channel = std::string(channel)};
  out.service_code = in.choice("service", codes).value_or("");
  auto klass = in.raw("ticket_class").empty() ? std::optional<std::string>("regular")
                                              : in.choice("ticket_class", classes);
  if (in.raw("ticket_class").empty()) in.ignore("ticket_class");
  if (klass == "appointment") {
    std::string at = in.text("appointment_time", {.max_chars = 5}).value_or("");
    int h = -1, m = -1;
    if (at.size() == 5 && at[2] == ':' && std::sscanf(at.c_str(), "%2d:%2d", &h, &m) == 2 &&
        h >= 0 && h < 24 && m >= 0 && m < 60) {
      out.appointment_ms = wib_day_start_ms(ctx.now_ms()) + (h * 60 + m) * 60'000LL;
    } else if (!at.empty()) {
      in.add_error("appointment_time", "queue.appointment_time");
    }
  } else {
    in.ignore("appointment_time");
  }
  TRY(in.finish());
  out.ticket_class = *parse_enum<TicketClass>(*klass);
  return out;
}

void publish_queue_event(const web::Context& ctx, int64_t unit_id, std::string_view kind,
                         const Ticket* ticket, const std::string& counter_name) {
  nlohmann::json data = {{"kind", kind}};
  if (ticket) {
    data["label"] = ticket->label;
    data["counter"] = counter_name;
  }
  ctx.services.events.publish(queue_topic(unit_id), std::string(kind), data.dump());
}

}  // namespace harmoni::queue

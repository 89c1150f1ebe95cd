// Page pieces of the queue that the pages above it (the staff desk page, the public unit
// page) share with the queue's own.
#pragma once

#include <string>
#include <vector>

#include "desk/desk.hpp"
#include "platform/web/app.hpp"
#include "queue/queue_cases.hpp"

namespace harmoni::queue {

// The ticket classes a form offers (the regular one too when asked); appointments never:
// staff make those with their time.
nlohmann::json class_options(const web::Context& ctx, bool with_regular);
// The most recent calls of the day as {label, counter}, at most `limit`.
nlohmann::json recent_calls(const QueueView& view, size_t limit);

// A ticket request from a form or JSON: the service (one of `services`), the class and,
// at triage, an appointment time ("HH:MM" today).
Result<IssueInput> read_issue_input(const web::Context& ctx, web::Input& in,
                                    const std::vector<desk::Service>& services,
                                    std::string_view channel);

// The event topic of a unit's queue (the display board follows it).
std::string queue_topic(int64_t unit_id);

// Tells the unit's display boards that its queue changed: "call" and "recall" carry what
// the board announces; "change" only asks it to refresh. After the commit only.
void publish_queue_event(const web::Context& ctx, int64_t unit_id, std::string_view kind,
                         const Ticket* ticket = nullptr, const std::string& counter_name = {});

}  // namespace harmoni::queue

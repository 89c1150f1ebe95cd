// The user's inbox: the page (each item opens where it leads and is then read), marking
// all read, and the same as JSON.
#include "accounts/account_routes.hpp"
#include "accounts/inbox_cases.hpp"
#include "platform/util/display.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::accounts {
namespace {

using nlohmann::json;
using web::Context;
using web::Reply;

constexpr int kShown = 100;

Reply show_inbox(Context& ctx) {
  InboxPage page = TRY(own_inbox(ctx.env(), ctx.actor(), kShown));
  json items = json::array();
  for (const inbox::Item& item : page.items) {
    items.push_back({{"id", item.id},
                     {"message", ctx.t(item.message_key, item.args)},
                     {"when", long_date_time(item.at_ms, TimeZone::kWib, ctx.lang)},
                     {"unread", !item.read}});
  }
  return ctx.page("inbox", {{"items", items}, {"empty", items.empty()}, {"unread", page.unread}},
                  "inbox.title");
}

Reply open_item(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found();
  const std::string link = TRY(open_inbox_item(ctx.env(), ctx.actor(), *id));
  return ctx.redirect(web::local_path_or(link, "/inbox"));
}

Reply read_all(Context& ctx) {
  TRY(mark_inbox_read(ctx.env(), ctx.actor()));
  return ctx.redirect("/inbox", "inbox.all_read");
}

Reply api_inbox(Context& ctx) {
  InboxPage page = TRY(own_inbox(ctx.env(), ctx.actor(), web::limit_param(ctx, 50, 500)));
  json items = json::array();
  for (const inbox::Item& item : page.items) {
    items.push_back({{"id", item.id},
                     {"at", iso_utc(item.at_ms)},
                     {"message", ctx.t(item.message_key, item.args)},
                     {"link", item.link},
                     {"read", item.read}});
  }
  return ctx.json(200, {{"items", items}, {"unread", page.unread}});
}

const web::RouteDef kRoutes[] = {
    {"GET", "/inbox", show_inbox},
    {"POST", "/inbox/{id}/open", open_item},
    {"POST", "/inbox/read", read_all},
    {"GET", "/api/v1/inbox", api_inbox},
};

}  // namespace

void register_inbox_routes(web::App& app) { app.router().add(kRoutes); }

}  // namespace harmoni::accounts

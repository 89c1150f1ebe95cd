#include "accounts/inbox_cases.hpp"

namespace harmoni::accounts {

Result<InboxPage> own_inbox(const Env& env, const Actor& actor, int limit) {
  if (!actor.signed_in()) return Error::unauthorized();
  const int64_t user = actor.user().user_id;
  return env.db.read([&](db::Tx& tx) -> Result<InboxPage> {
    InboxPage page;
    page.items = TRY(inbox::list_items(tx, user, limit));
    page.unread = TRY(inbox::unread_count(tx, user));
    return page;
  });
}

Result<std::string> open_inbox_item(const Env& env, const Actor& actor, int64_t item_id) {
  if (!actor.signed_in()) return Error::unauthorized();
  const int64_t user = actor.user().user_id;
  return env.db.write([&](db::Tx& tx) -> Result<std::string> {
    auto link = TRY(inbox::link_of(tx, user, item_id));
    if (!link) return Error::not_found();
    TRY(inbox::mark_read(tx, user, item_id, env.now_ms()));
    return *link;
  });
}

Status mark_inbox_read(const Env& env, const Actor& actor) {
  if (!actor.signed_in()) return Error::unauthorized();
  return env.db.write([&](db::Tx& tx) {
    return inbox::mark_read(tx, actor.user().user_id, std::nullopt, env.now_ms());
  });
}

}  // namespace harmoni::accounts

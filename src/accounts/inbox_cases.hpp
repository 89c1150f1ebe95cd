// The signed-in user's inbox: what others' steps ask of them (a report given to them, a
// deadline passed). Only one's own items, ever.
#pragma once

#include <string>
#include <vector>

#include "platform/cases/env.hpp"
#include "platform/inbox/inbox_store.hpp"

namespace harmoni::accounts {

struct InboxPage {
  std::vector<inbox::Item> items;  // newest first
  int64_t unread = 0;
};
Result<InboxPage> own_inbox(const Env& env, const Actor& actor, int limit);
// Marks the item read and answers where it leads; not found for another user's item.
Result<std::string> open_inbox_item(const Env& env, const Actor& actor, int64_t item_id);
Status mark_inbox_read(const Env& env, const Actor& actor);

}  // namespace harmoni::accounts

// The staff inbox: what a user must act on or know (a case given to them, a deadline
// near, a reply from a reporter). Messages are catalog keys with arguments, rendered in
// the reader's language, and point to a local page.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace harmoni::inbox {

struct Item {
  int64_t id = 0;
  int64_t at_ms = 0;
  std::string message_key;
  MessageArgs args;
  std::string link;
  bool read = false;
};

// In the caller's transaction, so it exists only if the step it tells of commits.
Status notify(db::Tx& tx, int64_t user_id, std::string_view message_key, const MessageArgs& args,
              std::string_view link, int64_t now_ms);
// Newest first.
Result<std::vector<Item>> list_items(db::Tx& tx, int64_t user_id, int limit);
Result<int64_t> unread_count(db::Tx& tx, int64_t user_id);
// Where one of the user's items leads; nothing for an item of another user.
Result<std::optional<std::string>> link_of(db::Tx& tx, int64_t user_id, int64_t item_id);
// Marks one of the user's items read (all of them when item_id is nullopt).
Status mark_read(db::Tx& tx, int64_t user_id, std::optional<int64_t> item_id, int64_t now_ms);

}  // namespace harmoni::inbox

#include "platform/inbox/inbox_store.hpp"

#include <nlohmann/json.hpp>

namespace harmoni::inbox {

Status notify(db::Tx& tx, int64_t user_id, std::string_view message_key, const MessageArgs& args,
              std::string_view link, int64_t now_ms) {
  TRY(tx.exec(
      "INSERT INTO inbox (user_id, at_ms, message_key, message_args, link) VALUES (?, ?, ?, ?, ?)",
      {user_id, now_ms, std::string(message_key), nlohmann::json(args).dump(), std::string(link)}));
  return {};
}

Result<std::vector<Item>> list_items(db::Tx& tx, int64_t user_id, int limit) {
  std::vector<Item> out;
  TRY(tx.each(
      "SELECT id, at_ms, message_key, message_args, link, read_at_ms FROM inbox WHERE user_id = ? "
      "ORDER BY at_ms DESC, id DESC LIMIT ?",
      {user_id, limit}, [&](const db::Row& r) {
        Item item{.id = r.i64(0),
                  .at_ms = r.i64(1),
                  .message_key = r.text(2),
                  .link = r.text(4),
                  .read = !r.is_null(5)};
        auto args = nlohmann::json::parse(r.text(3), nullptr, false);
        if (args.is_object()) {
          for (auto& [k, v] : args.items()) {
            if (v.is_string()) item.args[k] = v.get<std::string>();
          }
        }
        out.push_back(std::move(item));
        return true;
      }));
  return out;
}

Result<int64_t> unread_count(db::Tx& tx, int64_t user_id) {
  return tx.scalar_i64("SELECT COUNT(*) FROM inbox WHERE user_id = ? AND read_at_ms IS NULL",
                       {user_id});
}

Status mark_read(db::Tx& tx, int64_t user_id, std::optional<int64_t> item_id, int64_t now_ms) {
  if (item_id) {
    TRY(tx.exec(
        "UPDATE inbox SET read_at_ms = ? WHERE user_id = ? AND id = ? AND read_at_ms IS NULL",
        {now_ms, user_id, *item_id}));
  } else {
    TRY(tx.exec("UPDATE inbox SET read_at_ms = ? WHERE user_id = ? AND read_at_ms IS NULL",
                {now_ms, user_id}));
  }
  return {};
}

Result<std::optional<std::string>> link_of(db::Tx& tx, int64_t user_id, int64_t item_id) {
  auto row =
      TRY(tx.query_one("SELECT link FROM inbox WHERE id = ? AND user_id = ?", {item_id, user_id}));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(row->text(0));
}

}  // namespace harmoni::inbox

#include "platform/limits/rate_limit_store.hpp"

namespace harmoni::limits {
namespace {

struct Window {
  std::string key;
  int64_t end_ms = 0;
};

Window window_of(const Vault& vault, const RateLimit& limit, std::string_view source,
                 int64_t now_ms) {
  const int64_t start = now_ms - now_ms % limit.window_ms;
  std::string material(limit.name);
  material += '\x1f';
  material += std::to_string(start);
  material += '\x1f';
  material += source;
  return {vault.keyed_hash("rate_limit", material), start + limit.window_ms};
}

Error limit_reached(std::string_view error_key, const Window& w, int64_t now_ms) {
  Error e = Error::too_many(std::string(error_key));
  e.args = {
      {"minutes", std::to_string(std::max<int64_t>(1, (w.end_ms - now_ms + 59'999) / 60'000))}};
  return e;
}

Result<int64_t> hits_in(db::Tx& tx, const Window& w) {
  auto row = TRY(tx.query_one("SELECT hits FROM rate_limits WHERE limit_key = ?", {w.key}));
  return row ? row->i64(0) : 0;
}

}  // namespace

Status check(db::Tx& tx, const Vault& vault, const RateLimit& limit, std::string_view source,
             int64_t now_ms, std::string_view error_key) {
  const Window w = window_of(vault, limit, source, now_ms);
  if (TRY(hits_in(tx, w)) >= limit.max) return limit_reached(error_key, w, now_ms);
  return {};
}

Status take(db::Tx& tx, const Vault& vault, const RateLimit& limit, std::string_view source,
            int64_t now_ms, std::string_view error_key) {
  const Window w = window_of(vault, limit, source, now_ms);
  if (TRY(hits_in(tx, w)) >= limit.max) return limit_reached(error_key, w, now_ms);
  TRY(
      tx.exec("INSERT INTO rate_limits (limit_key, hits, window_end_ms) VALUES (?, 1, ?) "
              "ON CONFLICT (limit_key) DO UPDATE SET hits = rate_limits.hits + 1",
              {w.key, w.end_ms}));
  return {};
}

Result<int64_t> sweep(db::Tx& tx, int64_t now_ms) {
  return tx.exec("DELETE FROM rate_limits WHERE window_end_ms <= ?", {now_ms});
}

std::string daily_source_key(const Vault& vault, std::string_view day, std::string_view source) {
  std::string material(day);
  material += '\x1f';
  material += source;
  return vault.keyed_hash("daily_source", material);
}

}  // namespace harmoni::limits

#include "platform/web/routes_util.hpp"

#include <charconv>

namespace harmoni::web {

Status record_audit(Context& ctx, const audit::Entry& entry) {
  int64_t at = ctx.now_ms();
  return ctx.services.db.write([&](db::Tx& tx) -> Status { return audit::append(tx, entry, at); });
}

std::optional<int64_t> id_param(const Context& ctx, std::string_view name) {
  std::string text = ctx.param(name);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::string local_path_or(std::string_view candidate, std::string fallback) {
  if (candidate.starts_with("/") && !candidate.starts_with("//") && !candidate.starts_with("/\\") &&
      candidate.find_first_of("\r\n") == std::string_view::npos) {
    return std::string(candidate);
  }
  return fallback;
}

int limit_param(const Context& ctx, int def, int max) {
  auto text = ctx.request.query_param("limit");
  if (!text) return def;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 1) return def;
  return std::min(value, max);
}

}  // namespace harmoni::web

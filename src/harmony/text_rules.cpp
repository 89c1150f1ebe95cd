#include "harmony/text_rules.hpp"

#include "platform/util/utf8.hpp"

namespace harmoni::harmony {

void check_length(std::vector<FieldError>& errors, std::string field, std::string_view text,
                  size_t min, size_t max) {
  const size_t n = utf8_length(text);
  if (n == 0 && min > 0) {
    errors.push_back({std::move(field), "input.required", {}});
  } else if (n < min) {
    errors.push_back({std::move(field), "input.too_short", {{"min", std::to_string(min)}}});
  } else if (n > max) {
    errors.push_back({std::move(field), "input.too_long", {{"max", std::to_string(max)}}});
  }
}

Status errors_or_ok(std::vector<FieldError> errors) {
  if (errors.empty()) return {};
  return Error::fields_invalid(std::move(errors));
}

std::vector<std::string> nonblank_lines(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.empty()) out.emplace_back(line);
  }
  return out;
}

}  // namespace harmoni::harmony

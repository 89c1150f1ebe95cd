#include "platform/web/input.hpp"

#include <charconv>

#include "platform/http/message.hpp"
#include "platform/util/utf8.hpp"

namespace harmoni::web {

Result<Input> Input::from_form(std::string_view body) {
  auto fields = TRY(http::parse_form(body));
  Input in;
  for (auto& [k, v] : fields) {
    // With repeated names the first wins; forms here never repeat a name.
    if (!in.values_.contains(k)) in.values_[k] = std::move(v);
  }
  return in;
}

Result<Input> Input::from_json(std::string_view body) {
  if (!is_valid_utf8(body)) return Error::invalid("error.utf8");
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return Error::invalid("error.json_malformed");
  if (!parsed.is_object()) return Error::invalid("error.json_not_object");
  return from_object(std::move(parsed), true);
}

Input Input::from_object(nlohmann::json object, bool strict_types) {
  Input in;
  in.values_ = std::move(object);
  in.strict_types_ = strict_types;
  return in;
}

const nlohmann::json* Input::find(std::string_view name) {
  used_.insert(std::string(name));
  auto it = values_.find(name);
  if (it == values_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<Input> Input::nested(std::string_view name) {
  const nlohmann::json* v = find(name);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    add_error(std::string(name), "error.json_not_object");
    return std::nullopt;
  }
  return from_object(*v, strict_types_);
}

void Input::absorb(std::string_view name, Input& child) {
  Status st = child.finish();
  if (st.ok()) return;
  for (auto& f : st.error().fields) add_error(std::string(name) + "." + f.field, f.key, f.args);
}

std::string Input::raw(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

void Input::add_error(std::string field, std::string key, MessageArgs args) {
  for (const auto& e : errors_) {
    if (e.field == field) return;  // one message per field is enough
  }
  errors_.push_back(FieldError{std::move(field), std::move(key), std::move(args)});
}

std::optional<std::string> Input::text(std::string_view name, const TextRule& rule) {
  const nlohmann::json* v = find(name);
  if (v && !v->is_string()) {
    add_error(std::string(name), "input.not_text");
    return std::nullopt;
  }
  std::string value = v ? v->get<std::string>() : std::string();
  // Surrounding spaces are never meaningful in these fields.
  size_t first = value.find_first_not_of(" \t\r\n");
  value = first == std::string::npos
              ? std::string()
              : value.substr(first, value.find_last_not_of(" \t\r\n") - first + 1);
  if (value.empty()) {
    if (rule.required) add_error(std::string(name), "input.required");
    return std::nullopt;
  }
  if (!is_valid_utf8(value)) {
    add_error(std::string(name), "error.utf8");
    return std::nullopt;
  }
  for (unsigned char c : value) {
    if ((c < 0x20 && !(rule.multiline && (c == '\n' || c == '\t' || c == '\r'))) || c == 0x7f) {
      add_error(std::string(name), "input.control_chars");
      return std::nullopt;
    }
  }
  size_t length = utf8_length(value);
  if (length > rule.max_chars) {
    add_error(std::string(name), "input.too_long", {{"max", std::to_string(rule.max_chars)}});
    return std::nullopt;
  }
  if (length < rule.min_chars) {
    add_error(std::string(name), "input.too_short", {{"min", std::to_string(rule.min_chars)}});
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> Input::integer(std::string_view name, const IntRule& rule) {
  const nlohmann::json* v = find(name);
  int64_t value = 0;
  if (!v || (v->is_string() && v->get<std::string>().empty())) {
    if (rule.required) add_error(std::string(name), "input.required");
    return std::nullopt;
  }
  if (v->is_number_integer()) {
    value = v->get<int64_t>();
  } else if (v->is_string() && !strict_types_) {
    std::string s = v->get<std::string>();
    size_t a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
    s = a == std::string::npos ? "" : s.substr(a, b - a + 1);
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) {
      add_error(std::string(name), "input.not_integer");
      return std::nullopt;
    }
  } else {
    add_error(std::string(name), "input.not_integer");
    return std::nullopt;
  }
  if (value < rule.min || value > rule.max) {
    add_error(std::string(name), "input.out_of_range",
              {{"min", std::to_string(rule.min)}, {"max", std::to_string(rule.max)}});
    return std::nullopt;
  }
  return value;
}

bool Input::flag(std::string_view name) {
  const nlohmann::json* v = find(name);
  if (!v) return false;
  if (v->is_boolean()) return v->get<bool>();
  if (strict_types_) {
    add_error(std::string(name), "input.not_boolean");
    return false;
  }
  std::string s = v->is_string() ? v->get<std::string>() : "";
  return s == "1" || s == "on" || s == "true" || s == "yes";
}

std::optional<std::string> Input::choice(std::string_view name,
                                         const std::vector<std::string>& allowed, bool required) {
  auto value = text(name, TextRule{.required = required, .max_chars = 100});
  if (!value) return std::nullopt;
  for (const auto& a : allowed) {
    if (a == *value) return value;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  add_error(std::string(name), "input.not_allowed", {{"allowed", list}});
  return std::nullopt;
}

std::optional<std::vector<std::string>> Input::text_list(std::string_view name, size_t max_items,
                                                         const TextRule& each) {
  const nlohmann::json* v = find(name);
  if (!v) {
    if (each.required) add_error(std::string(name), "input.required");
    return std::nullopt;
  }
  if (!v->is_array()) {
    add_error(std::string(name), "input.not_list");
    return std::nullopt;
  }
  if (v->size() > max_items) {
    add_error(std::string(name), "input.too_many", {{"max", std::to_string(max_items)}});
    return std::nullopt;
  }
  std::vector<std::string> out;
  Input element;
  for (size_t i = 0; i < v->size(); ++i) {
    const std::string key = std::string(name) + "[" + std::to_string(i) + "]";
    element.values_ = {{key, (*v)[i]}};
    element.strict_types_ = strict_types_;
    if (auto text = element.text(key, each)) out.push_back(std::move(*text));
  }
  for (auto& e : element.errors_) add_error(e.field, e.key, e.args);
  if (element.has_errors()) return std::nullopt;
  return out;
}

std::vector<std::string> Input::keys_with_prefix(std::string_view prefix) const {
  std::vector<std::string> out;
  for (const auto& [key, _] : values_.items()) {
    if (key.starts_with(prefix)) out.push_back(key.substr(prefix.size()));
  }
  return out;
}

Status Input::finish() {
  if (strict_types_) {
    for (auto& [key, _] : values_.items()) {
      if (!used_.contains(key)) add_error(key, "input.unknown_field");
    }
  }
  if (errors_.empty()) return {};
  return Error::fields_invalid(errors_);
}

Status Input::finish_with(Status checked) {
  if (!checked.ok()) {
    if (checked.error().fields.empty()) return checked;
    for (const auto& f : checked.error().fields) add_error(f.field, f.key, f.args);
  }
  return finish();
}

}  // namespace harmoni::web
